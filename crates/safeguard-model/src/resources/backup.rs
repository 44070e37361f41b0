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

/// What a backup plan protects: resource ARNs (wildcards allowed) and tag conditions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSelection {
    pub name: String,
    #[serde(default)]
    pub resources: Vec<String>,
    /// Tag conditions `key=value` (StringEquals).
    #[serde(default)]
    pub tags: Vec<(String, String)>,
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
