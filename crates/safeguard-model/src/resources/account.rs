//! Account-wide and region-wide settings: the things the setup playbook asks to lock down
//! before any PHI arrives.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

/// One AWS account's own settings (IAM credential report for root, password policy, S3
/// account-level Block Public Access, the regions enabled for it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(flatten)]
    pub meta: Meta,
    /// The root user has an MFA device.
    #[serde(default)]
    pub root_mfa_enabled: Value<bool>,
    /// The root user's MFA is a hardware device (not virtual).
    #[serde(default)]
    pub root_hardware_mfa: Value<bool>,
    /// The root user has at least one active access key.
    #[serde(default)]
    pub root_access_keys_present: Value<bool>,
    /// `None`: the account has no password policy at all.
    #[serde(default)]
    pub password_policy: Value<Option<PasswordPolicy>>,
    /// Account-level S3 Block Public Access; `None` when none is configured.
    #[serde(default)]
    pub s3_public_access_block: Value<Option<PublicAccessBlock>>,
    /// A security alternate contact is registered (playbook: "Set up alternate contacts").
    #[serde(default)]
    pub security_contact_registered: Value<bool>,
    /// Regions enabled for the account (EC2 DescribeRegions, opt-in status respected).
    #[serde(default)]
    pub enabled_regions: Value<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub minimum_length: u32,
    #[serde(default)]
    pub require_uppercase: bool,
    #[serde(default)]
    pub require_lowercase: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_symbols: bool,
    /// Days before a password expires; `None` means passwords never expire.
    #[serde(default)]
    pub max_age_days: Option<u32>,
    /// How many previous passwords cannot be reused; `None` means no reuse prevention.
    #[serde(default)]
    pub reuse_prevention: Option<u32>,
    #[serde(default)]
    pub allow_users_to_change: bool,
}

/// The four S3 Block Public Access switches (account or bucket level).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_enabled(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

/// Settings that exist once per account and region. One of these is present for every
/// region a live scan visited; the per-region rules (EBS encryption by default, GuardDuty and
/// AWS Config in every region) are evaluated on it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionSettings {
    #[serde(flatten)]
    pub meta: Meta,
    /// EC2 `GetEbsEncryptionByDefault`.
    #[serde(default)]
    pub ebs_encryption_by_default: Value<bool>,
    /// EC2 `GetEbsDefaultKmsKeyId`; `None` means the AWS managed key `aws/ebs`.
    #[serde(default)]
    pub ebs_default_kms_key_id: Value<Option<String>>,
}
