//! Amazon Kinesis Data Streams.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KinesisStream {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeStreamSummary` `EncryptionType`: `KMS` or `NONE`.
    #[serde(default)]
    pub encryption_type: Value<String>,
    /// `DescribeStreamSummary` `KeyId`: a key ARN, alias (`alias/aws/kinesis` is the AWS
    /// managed key), or `None` without server-side encryption.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// `DescribeStreamSummary` `RetentionPeriodHours`.
    #[serde(default)]
    pub retention_hours: Value<u32>,
}
