//! AWS Backup: the data backup plan and disaster recovery of 164.308(a)(7).

use crate::{Meta, PolicyDocument, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupPlan {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub rules: Value<Vec<BackupRule>>,
    #[serde(default)]
    pub selections: Value<Vec<BackupSelection>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRule {
    pub name: String,
    /// Cron expression of the schedule.
    #[serde(default)]
    pub schedule: String,
    pub target_vault: String,
    /// Days until recovery points are deleted; `None` keeps them forever.
    #[serde(default)]
    pub delete_after_days: Option<u32>,
    /// A copy action sends recovery points to another region or account.
    #[serde(default)]
    pub copies_elsewhere: bool,
}

/// What a backup plan protects (AWS Backup `GetBackupSelection`).
///
/// AWS combines the parts as follows: a resource is assigned when it matches `resources` OR
/// one of `tags`; it must then satisfy every entry of `conditions` (AND) and match none of
/// `not_resources`. A selection with neither `resources` nor `tags` assigns every supported
/// resource (still filtered by `conditions` and `not_resources`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSelection {
    pub name: String,
    /// Resource ARNs (`Resources`); `*` is a wildcard, `["*"]` assigns every supported resource.
    #[serde(default)]
    pub resources: Vec<String>,
    /// The legacy `ListOfTags`: `(key, value)` pairs compared with StringEquals; a resource
    /// carrying any one of them is assigned. The key may be written `aws:ResourceTag/key`.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
    /// The selection's `Conditions` (StringEquals, StringLike, StringNotEquals,
    /// StringNotLike on resource tags); all must hold. Empty when the selection has none.
    #[serde(default)]
    pub conditions: Value<Vec<SelectionCondition>>,
    /// ARNs excluded from the selection (`NotResources`, wildcards allowed). Empty when none.
    #[serde(default)]
    pub not_resources: Value<Vec<String>>,
}

/// One tag condition of a backup selection's `Conditions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionCondition {
    /// `StringEquals`, `StringLike`, `StringNotEquals` or `StringNotLike`.
    pub operator: String,
    /// The condition key as AWS writes it: `aws:ResourceTag/backup`.
    pub key: String,
    /// The tag value; `*` is a wildcard for the `Like` operators.
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupVault {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// Vault Lock is configured (recovery points cannot be deleted early).
    #[serde(default)]
    pub locked: Value<bool>,
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
}
