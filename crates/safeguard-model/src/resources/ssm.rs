//! AWS Systems Manager Parameter Store parameters. Parameter values are never read.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SsmParameter {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeParameters` `Type`: `String`, `StringList` or `SecureString`.
    #[serde(default)]
    pub parameter_type: Value<String>,
    /// `DescribeParameters` `KeyId` for `SecureString` parameters, `None` otherwise.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// `DescribeParameters` `Description`.
    #[serde(default)]
    pub description: Value<String>,
}
