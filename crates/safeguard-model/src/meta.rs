//! What every resource carries, whatever its type and wherever it came from.

use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Resource tags, sorted so reports and inventories are deterministic.
pub type Tags = BTreeMap<String, String>;

/// Identity and provenance shared by all resources.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Unique within an inventory: the ARN for live resources, the Terraform address or
    /// CloudFormation logical id (prefixed by the file) for infrastructure as code.
    pub id: String,
    /// The resource's own name (bucket name, instance id, logical id).
    #[serde(default)]
    pub name: String,
    /// Twelve-digit AWS account id; empty when the source does not say (most IaC).
    #[serde(default)]
    pub account: String,
    /// AWS region, `global` for global services, empty when the source does not say.
    #[serde(default)]
    pub region: String,
    /// Tags. Unknown when they could not be read; scope rules then treat the resource as in scope.
    #[serde(default)]
    pub tags: Value<Tags>,
    /// Where the resource is declared, for infrastructure as code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<SourceLocation>,
}

impl Meta {
    /// A tag value, if tags are known and the key is present.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags
            .known()
            .and_then(|t| t.get(key))
            .map(String::as_str)
    }
}

/// A place in a source file: what SARIF, JSON and the terminal point a reader to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLocation {
    /// Path relative to the scan root, with `/` separators.
    pub file: String,
    /// 1-based line of the resource's declaration.
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// Terraform address (`module.x.aws_s3_bucket.y`) or CloudFormation logical id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}
