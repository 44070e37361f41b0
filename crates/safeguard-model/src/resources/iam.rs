//! IAM identities and policies: unique user identification, person authentication and
//! least-privilege access (164.312(a)(2)(i), 164.312(d), 164.308(a)(4)).

use crate::{Meta, PolicyDocument, Timestamp, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IamUser {
    #[serde(flatten)]
    pub meta: Meta,
    /// The user can sign in to the console (has a login profile / password).
    #[serde(default)]
    pub console_password: Value<bool>,
    #[serde(default)]
    pub password_last_used: Value<Option<Timestamp>>,
    #[serde(default)]
    pub mfa_devices: Value<Vec<MfaDevice>>,
    #[serde(default)]
    pub access_keys: Value<Vec<AccessKey>>,
    /// ARNs of managed policies attached directly to the user.
    #[serde(default)]
    pub attached_policies: Value<Vec<String>>,
    #[serde(default)]
    pub inline_policies: Value<Vec<NamedPolicy>>,
    #[serde(default)]
    pub groups: Value<Vec<String>>,
    #[serde(default)]
    pub created: Value<Option<Timestamp>>,
    /// When the console password (login profile) was created: IAM `GetLoginProfile`
    /// `LoginProfile.CreateDate`. `None` when the user has no console password. Lets a rule
    /// tell a never-used password set last week from one that has sat unused for a year.
    #[serde(default)]
    pub password_created: Value<Option<Timestamp>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaDevice {
    /// Serial number or ARN of the device (not a secret).
    pub serial: String,
    #[serde(default)]
    pub kind: MfaKind,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MfaKind {
    #[default]
    Virtual,
    Hardware,
    /// FIDO security key / passkey.
    Fido,
}

/// An access key's metadata. The key id is stored only by its last four characters: the
/// inventory never holds anything that helps use a credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKey {
    /// Last four characters of the access key id.
    pub id_suffix: String,
    pub active: bool,
    pub created: Timestamp,
    /// When the key was last used; `null` when it never was. Absent means the collector
    /// could not tell (GetAccessKeyLastUsed denied), which is not the same as "never".
    #[serde(default)]
    pub last_used: Value<Option<Timestamp>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedPolicy {
    pub name: String,
    pub document: PolicyDocument,
}

/// A customer-managed IAM policy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IamPolicy {
    #[serde(flatten)]
    pub meta: Meta,
    /// The default version's document.
    #[serde(default)]
    pub document: Value<PolicyDocument>,
    /// Number of users, groups and roles it is attached to.
    #[serde(default)]
    pub attachment_count: Value<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IamRole {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub assume_role_policy: Value<PolicyDocument>,
    #[serde(default)]
    pub inline_policies: Value<Vec<NamedPolicy>>,
    #[serde(default)]
    pub attached_policies: Value<Vec<String>>,
    /// Service-linked roles are managed by AWS and exempt from customer policy rules.
    #[serde(default)]
    pub service_linked: Value<bool>,
}

impl Default for PolicyDocument {
    fn default() -> Self {
        PolicyDocument(serde_json::json!({"Version": "2012-10-17", "Statement": []}))
    }
}
