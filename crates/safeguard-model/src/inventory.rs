//! The inventory: a whole estate as one versioned JSON document.
//!
//! Format `safeguard-inventory`, version 1 (documented in `docs/inventory-format.md`):
//!
//! ```json
//! {
//!   "format": "safeguard-inventory",
//!   "version": 1,
//!   "generated_at": "2026-11-20T09:00:00Z",
//!   "source": {"kind": "aws", "description": "account 111122223333, 2 regions"},
//!   "coverage": [{"account": "111122223333", "region": "us-east-1", "service": "s3", "status": "ok"}],
//!   "resources": [{"type": "s3_bucket", "id": "arn:aws:s3:::x", ...}]
//! }
//! ```
//!
//! Live collectors, the Terraform and CloudFormation parsers and hand-written examples all
//! produce this document, and `safeguard scan --inventory` evaluates it offline.

use crate::{Resource, Timestamp, Unknown};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "safeguard-inventory";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    pub format: String,
    pub version: u32,
    /// When the data was collected. Rules measure ages (key age, rotation) against this
    /// instant, so evaluating the same inventory twice gives the same answer.
    pub generated_at: Timestamp,
    pub source: Source,
    /// What the collector could and could not read, per account, region and service.
    #[serde(default)]
    pub coverage: Vec<Coverage>,
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    #[serde(default)]
    pub description: String,
    /// Version of the tool that wrote the inventory.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tool_version: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Aws,
    Terraform,
    Cloudformation,
    /// Several sources merged into one inventory.
    Mixed,
    /// Written by hand or by another tool.
    #[default]
    Manual,
}

/// One row of the coverage table: did the collector read this service in this place?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    #[serde(default)]
    pub account: String,
    #[serde(default)]
    pub region: String,
    /// AWS service short name (`s3`), or `terraform` / `cloudformation` for a source file.
    pub service: String,
    /// For infrastructure as code: the file this row is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub status: CoverageStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    Ok,
    /// Read failed; resources of this service here may be missing or partly unknown.
    Failed(Unknown),
    /// Deliberately not read (service not offered in the region, excluded by the user).
    Skipped(String),
}

impl Coverage {
    pub fn is_failure(&self) -> bool {
        matches!(self.status, CoverageStatus::Failed(_))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("cannot read inventory {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: invalid inventory: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: not a safeguard inventory (format is {found:?}, expected \"{FORMAT_NAME}\")")]
    WrongFormat { path: PathBuf, found: String },
    #[error("{path}: inventory version {found} is not supported (this safeguard reads version {FORMAT_VERSION})")]
    UnsupportedVersion { path: PathBuf, found: u32 },
    #[error("{path}: resource id {id:?} appears more than once (resources {first} and {second}, counting from 0)")]
    DuplicateId {
        path: PathBuf,
        id: String,
        first: usize,
        second: usize,
    },
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
}

impl Inventory {
    pub fn new(generated_at: Timestamp, source: Source) -> Inventory {
        Inventory {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            generated_at,
            source,
            coverage: Vec::new(),
            resources: Vec::new(),
        }
    }

    /// Reads and validates an inventory file. Errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Inventory, InventoryError> {
        let text = std::fs::read_to_string(path).map_err(|source| InventoryError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Inventory::parse(&text, path)
    }

    /// Parses inventory JSON; `path` is used only in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Inventory, InventoryError> {
        let syntax = |e: serde_json::Error| InventoryError::Syntax {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        };
        // A file of another format or version must get that error rather than a confusing
        // complaint about some field deep inside, yet a valid file should be parsed once (it
        // can be hundreds of megabytes). So the header is read on its own only when needed:
        // after a failed full parse, or from the parsed document.
        let header_error = |format: &str, version: u32| {
            if format != FORMAT_NAME {
                Some(InventoryError::WrongFormat {
                    path: path.to_path_buf(),
                    found: format.to_string(),
                })
            } else if version != FORMAT_VERSION {
                Some(InventoryError::UnsupportedVersion {
                    path: path.to_path_buf(),
                    found: version,
                })
            } else {
                None
            }
        };
        let inventory: Inventory = match serde_json::from_str(text) {
            Ok(inventory) => inventory,
            Err(full) => {
                let header: Header = serde_json::from_str(text).map_err(syntax)?;
                return Err(
                    header_error(&header.format, header.version).unwrap_or_else(|| syntax(full))
                );
            }
        };
        if let Some(e) = header_error(&inventory.format, inventory.version) {
            return Err(e);
        }
        inventory.check_unique_ids(path)?;
        Ok(inventory)
    }

    fn check_unique_ids(&self, path: &Path) -> Result<(), InventoryError> {
        let mut seen = std::collections::HashMap::with_capacity(self.resources.len());
        for (i, r) in self.resources.iter().enumerate() {
            if let Some(first) = seen.insert(r.meta().id.as_str(), i) {
                return Err(InventoryError::DuplicateId {
                    path: path.to_path_buf(),
                    id: r.meta().id.clone(),
                    first,
                    second: i,
                });
            }
        }
        Ok(())
    }

    /// Adds another inventory's resources and coverage to this one. The evaluation instant
    /// becomes the later of the two; the source becomes `mixed` when the kinds differ.
    /// Fails on a resource id present in both, since findings are keyed by it.
    pub fn merge(&mut self, other: Inventory) -> Result<(), String> {
        let ids: HashSet<&str> = self
            .resources
            .iter()
            .map(|r| r.meta().id.as_str())
            .collect();
        if let Some(dup) = other
            .resources
            .iter()
            .find(|r| ids.contains(r.meta().id.as_str()))
        {
            return Err(format!(
                "resource id {:?} appears in more than one input",
                dup.meta().id
            ));
        }
        if self.source.kind != other.source.kind {
            self.source.kind = SourceKind::Mixed;
        }
        if !other.source.description.is_empty() {
            if !self.source.description.is_empty() {
                self.source.description.push_str("; ");
            }
            self.source.description.push_str(&other.source.description);
        }
        self.generated_at = self.generated_at.max(other.generated_at);
        self.coverage.extend(other.coverage);
        self.resources.extend(other.resources);
        Ok(())
    }

    /// Serialises with stable formatting (pretty, fields in declaration order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("inventory serialises")
    }

    /// Accounts that appear in the inventory, sorted.
    pub fn accounts(&self) -> Vec<String> {
        let set: HashSet<&str> = self
            .resources
            .iter()
            .map(|r| r.meta().account.as_str())
            .collect();
        let mut v: Vec<String> = set.into_iter().map(str::to_string).collect();
        v.sort();
        v
    }

    /// True when some part of the collection failed (drives exit code 3).
    pub fn is_incomplete(&self) -> bool {
        self.coverage.iter().any(Coverage::is_failure)
    }
}

/// serde_json appends " at line X column Y"; the position is reported separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Resource, Value};

    fn parse(text: &str) -> Result<Inventory, InventoryError> {
        Inventory::parse(text, Path::new("inv.json"))
    }

    const HEAD: &str = r#""format":"safeguard-inventory","version":1,"generated_at":"2026-01-01T00:00:00Z","source":{"kind":"manual"}"#;

    #[test]
    fn parses_a_minimal_inventory() {
        let inv = parse(&format!(
            r#"{{{HEAD},"resources":[{{"type":"s3_bucket","id":"arn:aws:s3:::b","default_encryption":null}}]}}"#
        ))
        .unwrap();
        let Resource::S3Bucket(b) = &inv.resources[0] else {
            panic!()
        };
        assert_eq!(b.default_encryption, Value::Known(None));
        assert!(!b.versioning.is_known());
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = parse("{\n  \"format\": \"safeguard-inventory\",\n  oops\n}").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("inv.json:3:"), "{msg}");
    }

    #[test]
    fn unknown_resource_type_is_an_error_with_position() {
        let err = parse(&format!(
            r#"{{{HEAD},"resources":[{{"type":"lightsail_thing","id":"x"}}]}}"#
        ))
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("unknown variant `lightsail_thing`"), "{msg}");
        assert!(msg.starts_with("inv.json:1:"), "{msg}");
    }

    #[test]
    fn other_versions_and_formats_are_refused() {
        let v2 = parse(r#"{"format":"safeguard-inventory","version":2}"#).unwrap_err();
        assert!(matches!(
            v2,
            InventoryError::UnsupportedVersion { found: 2, .. }
        ));
        let other = parse(r#"{"format":"something-else","version":1}"#).unwrap_err();
        assert!(matches!(other, InventoryError::WrongFormat { .. }));
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let err = parse(&format!(
            r#"{{{HEAD},"resources":[{{"type":"vpc","id":"v"}},{{"type":"subnet","id":"v"}}]}}"#
        ))
        .unwrap_err();
        assert!(matches!(
            err,
            InventoryError::DuplicateId {
                first: 0,
                second: 1,
                ..
            }
        ));
    }

    #[test]
    fn round_trip_is_stable() {
        let text = format!(
            r#"{{{HEAD},"resources":[{{"type":"rds_instance","id":"db","engine":"postgres","storage_encrypted":{{"$unknown":{{"reason":"access_denied"}}}}}}]}}"#
        );
        let inv = parse(&text).unwrap();
        let again = parse(&inv.to_json()).unwrap();
        assert_eq!(inv, again);
    }
}
