//! Amazon DocumentDB (with MongoDB compatibility) clusters. The RDS API lists them too
//! (engine `docdb`); collectors record them here, as their own type, so DocumentDB's
//! settings (the `tls` cluster parameter, audit logs) are judged by DocumentDB rules.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocDbCluster {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeDBClusters` `EngineVersion` (`5.0.0`).
    #[serde(default)]
    pub engine_version: Value<String>,
    /// `DescribeDBClusters` `StorageEncrypted`; chosen at creation.
    #[serde(default)]
    pub storage_encrypted: Value<bool>,
    /// `DescribeDBClusters` `KmsKeyId`, `None` when unencrypted.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// Effective values of the cluster parameter group that matter for HIPAA, from
    /// `DescribeDBClusterParameters`: `tls` (`enabled`, `disabled`, `tls1.2+`, `tls1.3+`),
    /// `audit_logs`. A parameter left at its default is present with the default value.
    #[serde(default)]
    pub parameters: Value<BTreeMap<String, String>>,
    /// `DescribeDBClusters` `EnabledCloudwatchLogsExports` (`audit`, `profiler`).
    #[serde(default)]
    pub cloudwatch_logs_exports: Value<Vec<String>>,
    /// `DescribeDBClusters` `BackupRetentionPeriod`, in days.
    #[serde(default)]
    pub backup_retention_days: Value<u32>,
    /// `DescribeDBClusters` `DeletionProtection`.
    #[serde(default)]
    pub deletion_protection: Value<bool>,
}
