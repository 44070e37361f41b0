//! Amazon Neptune graph database clusters (listed by the Neptune API, engine `neptune`).

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeptuneCluster {
    #[serde(flatten)]
    pub meta: Meta,
    /// Neptune `DescribeDBClusters` `StorageEncrypted`; chosen at creation.
    #[serde(default)]
    pub storage_encrypted: Value<bool>,
    /// Neptune `DescribeDBClusters` `KmsKeyId`, `None` when unencrypted.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// Neptune `DescribeDBClusters` `IAMDatabaseAuthenticationEnabled`.
    #[serde(default)]
    pub iam_database_authentication: Value<bool>,
    /// Neptune `DescribeDBClusters` `EnabledCloudwatchLogsExports` (`audit`, `slowquery`).
    #[serde(default)]
    pub cloudwatch_logs_exports: Value<Vec<String>>,
}
