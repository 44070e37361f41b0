//! Managed data stores beyond RDS: DynamoDB, EFS, ElastiCache, Redshift and OpenSearch.

use crate::{Meta, PolicyDocument, Timestamp, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DynamoDbTable {
    #[serde(flatten)]
    pub meta: Meta,
    /// Server-side encryption key type: `AWS_OWNED` (the default), `AWS_MANAGED` (aws/dynamodb)
    /// or `CUSTOMER_MANAGED`.
    #[serde(default)]
    pub sse_key_type: Value<String>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub point_in_time_recovery: Value<bool>,
    #[serde(default)]
    pub deletion_protection: Value<bool>,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    #[serde(default)]
    pub billing_mode: Value<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EfsFileSystem {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub encrypted: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// File system policy; `None` when there is none.
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
    /// EFS automatic backups (backup policy `ENABLED`).
    #[serde(default)]
    pub automatic_backups: Value<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ElastiCacheReplicationGroup {
    #[serde(flatten)]
    pub meta: Meta,
    /// `redis`, `valkey` or `memcached`.
    #[serde(default)]
    pub engine: Value<String>,
    #[serde(default)]
    pub engine_version: Value<String>,
    #[serde(default)]
    pub node_type: Value<String>,
    #[serde(default)]
    pub at_rest_encryption: Value<bool>,
    #[serde(default)]
    pub transit_encryption: Value<bool>,
    /// `required` or `preferred` (the latter still accepts plaintext clients).
    #[serde(default)]
    pub transit_encryption_mode: Value<Option<String>>,
    /// Redis AUTH token or RBAC user groups are in use.
    #[serde(default)]
    pub auth_enabled: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub automatic_failover: Value<bool>,
    #[serde(default)]
    pub snapshot_retention_days: Value<u32>,
    /// Security service updates not yet applied.
    #[serde(default)]
    pub pending_service_updates: Value<Vec<ServiceUpdate>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceUpdate {
    pub name: String,
    /// `critical`, `important`, `medium`, `low`.
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub recommended_apply_by: Option<Timestamp>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RedshiftCluster {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub encrypted: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub publicly_accessible: Value<bool>,
    /// Effective parameter group values (`require_ssl`, `enable_user_activity_logging`).
    #[serde(default)]
    pub parameters: Value<BTreeMap<String, String>>,
    #[serde(default)]
    pub audit_logging: Value<bool>,
    #[serde(default)]
    pub automated_snapshot_retention_days: Value<u32>,
    #[serde(default)]
    pub enhanced_vpc_routing: Value<bool>,
    #[serde(default)]
    pub allow_version_upgrade: Value<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenSearchDomain {
    #[serde(flatten)]
    pub meta: Meta,
    /// As AWS writes it: `OpenSearch_2.11` or `Elasticsearch_7.10`.
    #[serde(default)]
    pub engine_version: Value<String>,
    #[serde(default)]
    pub encryption_at_rest: Value<bool>,
    #[serde(default)]
    pub node_to_node_encryption: Value<bool>,
    #[serde(default)]
    pub enforce_https: Value<bool>,
    /// e.g. `Policy-Min-TLS-1-2-2019-07`.
    #[serde(default)]
    pub tls_security_policy: Value<Option<String>>,
    /// Deployed inside a VPC (no public endpoint).
    #[serde(default)]
    pub in_vpc: Value<bool>,
    /// Log types published to CloudWatch Logs (`AUDIT_LOGS`, `ES_APPLICATION_LOGS`, ...).
    #[serde(default)]
    pub log_publishing: Value<Vec<String>>,
    #[serde(default)]
    pub fine_grained_access_control: Value<bool>,
    #[serde(default)]
    pub access_policy: Value<Option<PolicyDocument>>,
}
