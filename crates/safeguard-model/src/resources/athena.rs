//! Amazon Athena workgroups: where query result encryption is configured and enforced.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AthenaWorkgroup {
    #[serde(flatten)]
    pub meta: Meta,
    /// `GetWorkGroup` `Description`.
    #[serde(default)]
    pub description: Value<String>,
    /// `ResultConfiguration.EncryptionConfiguration.EncryptionOption`: `SSE_S3`, `SSE_KMS`
    /// or `CSE_KMS`; `None` when query results are not encrypted by the workgroup.
    #[serde(default)]
    pub result_encryption: Value<Option<String>>,
    /// `EnforceWorkGroupConfiguration`: clients cannot override the workgroup's result
    /// settings (including its encryption).
    #[serde(default)]
    pub enforce_configuration: Value<bool>,
}
