//! Audit controls and monitoring (164.312(b), 164.308(a)(1)(ii)(D)): CloudTrail, AWS Config,
//! GuardDuty and CloudWatch Logs.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudTrailTrail {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub multi_region: Value<bool>,
    #[serde(default)]
    pub organization_trail: Value<bool>,
    /// The trail is currently logging (`GetTrailStatus.IsLogging`).
    #[serde(default)]
    pub logging: Value<bool>,
    #[serde(default)]
    pub log_file_validation: Value<bool>,
    /// KMS key for SSE-KMS of the log files; `None` means SSE-S3 only.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// CloudWatch Logs log group ARN the trail also delivers to.
    #[serde(default)]
    pub cloudwatch_logs_group_arn: Value<Option<String>>,
    #[serde(default)]
    pub s3_bucket: Value<Option<String>>,
    /// Records read and write management events.
    #[serde(default)]
    pub management_events: Value<bool>,
    /// Records S3 object-level (data) events for all buckets or specific ones.
    #[serde(default)]
    pub s3_data_events: Value<bool>,
}

/// An AWS Config configuration recorder (one per region).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigRecorder {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub recording: Value<bool>,
    /// Records all supported resource types.
    #[serde(default)]
    pub all_supported: Value<bool>,
    #[serde(default)]
    pub include_global_resources: Value<bool>,
    /// `SUCCESS`, `FAILURE` or `PENDING` for the last recording attempt.
    #[serde(default)]
    pub last_status: Value<Option<String>>,
}

/// A GuardDuty detector (one per region).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GuardDutyDetector {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub enabled: Value<bool>,
    /// `FIFTEEN_MINUTES`, `ONE_HOUR` or `SIX_HOURS`.
    #[serde(default)]
    pub finding_publishing_frequency: Value<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogGroup {
    #[serde(flatten)]
    pub meta: Meta,
    /// Retention in days; `None` means never expire.
    #[serde(default)]
    pub retention_days: Value<Option<u32>>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
}
