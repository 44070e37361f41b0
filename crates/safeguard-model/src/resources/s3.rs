//! S3 buckets: the most common home of PHI files and of the audit logs themselves.

use crate::{Meta, PolicyDocument, PublicAccessBlock, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct S3Bucket {
    #[serde(flatten)]
    pub meta: Meta,
    /// Default encryption; `None` when the bucket declares none.
    #[serde(default)]
    pub default_encryption: Value<Option<BucketEncryption>>,
    /// Bucket-level Block Public Access; `None` when none is configured.
    #[serde(default)]
    pub public_access_block: Value<Option<PublicAccessBlock>>,
    /// Bucket policy; `None` when the bucket has none.
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
    /// The ACL grants AllUsers or AuthenticatedUsers read.
    #[serde(default)]
    pub acl_public_read: Value<bool>,
    /// The ACL grants AllUsers or AuthenticatedUsers write.
    #[serde(default)]
    pub acl_public_write: Value<bool>,
    /// Object Ownership (`BucketOwnerEnforced` disables ACLs); `None` when unset.
    #[serde(default)]
    pub object_ownership: Value<Option<String>>,
    #[serde(default)]
    pub versioning: Value<Versioning>,
    /// Server access logging target; `None` when logging is off.
    #[serde(default)]
    pub logging: Value<Option<BucketLogging>>,
    /// Object Lock enabled on the bucket.
    #[serde(default)]
    pub object_lock: Value<bool>,
    /// The Object Lock default retention applied to new objects (S3
    /// `GetObjectLockConfiguration` -> `Rule.DefaultRetention`; CloudFormation
    /// `ObjectLockConfiguration.Rule.DefaultRetention`, Terraform
    /// `aws_s3_bucket_object_lock_configuration`). `None` when Object Lock has no default
    /// rule, so objects are locked only if each writer asks for it.
    #[serde(default)]
    pub object_lock_default_retention: Value<Option<ObjectLockRetention>>,
    /// At least one replication rule is enabled.
    #[serde(default)]
    pub replication: Value<bool>,
    /// Number of enabled lifecycle rules.
    #[serde(default)]
    pub lifecycle_rules: Value<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketEncryption {
    /// `AES256` (SSE-S3), `aws:kms` (SSE-KMS) or `aws:kms:dsse`.
    pub algorithm: String,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub bucket_key: bool,
}

impl BucketEncryption {
    pub fn uses_kms(&self) -> bool {
        self.algorithm.starts_with("aws:kms")
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioning {
    pub enabled: bool,
    #[serde(default)]
    pub mfa_delete: bool,
}

/// An Object Lock default retention rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectLockRetention {
    /// `GOVERNANCE` or `COMPLIANCE`.
    pub mode: String,
    /// Retention period in days (AWS `Years` converted at 365 days a year).
    pub days: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketLogging {
    pub target_bucket: String,
    #[serde(default)]
    pub target_prefix: String,
}
