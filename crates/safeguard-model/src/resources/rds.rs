//! Relational databases (the container service category: AWS patches the OS, the customer
//! encrypts, configures TLS, backs up and restricts access).

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RdsInstance {
    #[serde(flatten)]
    pub meta: Meta,
    /// `postgres`, `mysql`, `mariadb`, `oracle-ee`, `sqlserver-se`, `aurora-postgresql`, ...
    #[serde(default)]
    pub engine: Value<String>,
    #[serde(default)]
    pub engine_version: Value<String>,
    #[serde(default)]
    pub instance_class: Value<String>,
    #[serde(default)]
    pub storage_encrypted: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub publicly_accessible: Value<bool>,
    /// Automated backup retention in days; 0 disables automated backups.
    #[serde(default)]
    pub backup_retention_days: Value<u32>,
    #[serde(default)]
    pub deletion_protection: Value<bool>,
    #[serde(default)]
    pub multi_az: Value<bool>,
    #[serde(default)]
    pub auto_minor_version_upgrade: Value<bool>,
    #[serde(default)]
    pub iam_database_authentication: Value<bool>,
    /// Enhanced monitoring interval in seconds; 0 when off.
    #[serde(default)]
    pub monitoring_interval: Value<u32>,
    /// Log types exported to CloudWatch Logs (`postgresql`, `audit`, `error`, ...).
    #[serde(default)]
    pub cloudwatch_logs_exports: Value<Vec<String>>,
    /// Effective values of the DB parameter group that matter for HIPAA
    /// (`rds.force_ssl`, `require_secure_transport`, ...). A parameter left at the engine
    /// default is present with its default value when the source knows it.
    #[serde(default)]
    pub parameters: Value<BTreeMap<String, String>>,
    /// Option group options (`NATIVE_NETWORK_ENCRYPTION`, `SQLSERVER_AUDIT`, ...).
    #[serde(default)]
    pub options: Value<Vec<DbOption>>,
    /// The Aurora cluster this instance belongs to; cluster-level settings live there.
    #[serde(default)]
    pub cluster_id: Option<String>,
    /// The source instance when this instance is a read replica
    /// (`ReadReplicaSourceDBInstanceIdentifier` in DescribeDBInstances; `replicate_source_db`
    /// in Terraform, `SourceDBInstanceIdentifier` in CloudFormation), `None` when it is not a
    /// replica. Backups and Multi-AZ of a replica are judged on its source.
    #[serde(default)]
    pub read_replica_source: Value<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbOption {
    pub name: String,
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
}

/// An Aurora (or Multi-AZ DB) cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RdsCluster {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub engine: Value<String>,
    #[serde(default)]
    pub engine_version: Value<String>,
    #[serde(default)]
    pub storage_encrypted: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub backup_retention_days: Value<u32>,
    #[serde(default)]
    pub deletion_protection: Value<bool>,
    /// Members span more than one Availability Zone.
    #[serde(default)]
    pub multi_az: Value<bool>,
    #[serde(default)]
    pub iam_database_authentication: Value<bool>,
    #[serde(default)]
    pub cloudwatch_logs_exports: Value<Vec<String>>,
    /// Effective values of the cluster parameter group that matter for HIPAA.
    #[serde(default)]
    pub parameters: Value<BTreeMap<String, String>>,
    #[serde(default)]
    pub publicly_accessible: Value<bool>,
}

/// A manual or automated DB (or cluster) snapshot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RdsSnapshot {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub encrypted: Value<bool>,
    /// Shared with `all` (restorable by any AWS account).
    #[serde(default)]
    pub public: Value<bool>,
}
