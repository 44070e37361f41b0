//! `safeguard-attestations.yaml`: parsing and validation. Every error names the file, line
//! and column.

use crate::{parse_date, Date, ReviewInterval};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The usual name of the file, looked for in the current directory.
pub const FILE_NAME: &str = "safeguard-attestations.yaml";
/// The version of the file's format (`version:` at the top).
pub const FORMAT_VERSION: u32 = 1;

/// What the customer declares about an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Listed but not yet done: reported as `attestation_missing`.
    Pending,
    Implemented,
    /// Does not apply to this organization (say why in `note`).
    NotApplicable,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Implemented => "implemented",
            ItemStatus::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(s: &str) -> Option<ItemStatus> {
        match s {
            "pending" => Some(ItemStatus::Pending),
            "implemented" => Some(ItemStatus::Implemented),
            "not_applicable" => Some(ItemStatus::NotApplicable),
            _ => None,
        }
    }
}

impl fmt::Display for ItemStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused attestation file: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttestError {
    pub path: String,
    /// 1-based; 0 when the problem has no position (an unreadable file).
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for AttestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for AttestError {}

/// One item as the file states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attestation {
    pub id: String,
    pub title: String,
    pub hipaa: Vec<String>,
    pub status: ItemStatus,
    pub owner: String,
    pub date: Option<Date>,
    pub evidence: Vec<String>,
    pub review_interval: Option<ReviewInterval>,
    /// An explicit expiry; otherwise `date + review_interval`.
    #[serde(rename = "expires_explicit")]
    pub explicit_expires: Option<Date>,
    pub note: String,
    /// Line of the item in the file (1-based).
    pub line: u64,
}

impl Attestation {
    /// The last day the attestation holds: the explicit `expires`, else `date` plus the review
    /// interval, else none (an undated item never counts as attested).
    pub fn expires(&self) -> Option<Date> {
        self.explicit_expires
            .or_else(|| Some(self.review_interval?.after(self.date?)).flatten())
    }
}

/// A parsed, validated attestation file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AttestationFile {
    pub version: u32,
    pub organization: String,
    pub items: Vec<Attestation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Spanned<u32>,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    items: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    hipaa: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    date: Option<Spanned<String>>,
    #[serde(default)]
    evidence: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    review_interval: Option<Spanned<String>>,
    #[serde(default)]
    expires: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

impl AttestationFile {
    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<AttestationFile, AttestError> {
        let text = std::fs::read_to_string(path).map_err(|e| AttestError {
            path: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })?;
        AttestationFile::parse(&text, &path.display().to_string())
    }

    /// Parses the text of a file; `path` only names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<AttestationFile, AttestError> {
        let at = |loc: serde_saphyr::Location, message: String| AttestError {
            path: path.to_string(),
            line: loc.line(),
            column: loc.column(),
            message,
        };
        let options = serde_saphyr::options! { with_snippet: false };
        let raw: RawFile = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            AttestError {
                path: path.to_string(),
                line,
                column,
                message: yaml_message(&e),
            }
        })?;
        if raw.version.value != FORMAT_VERSION {
            return Err(at(
                raw.version.referenced,
                format!(
                    "unsupported version {} (this safeguard reads version {FORMAT_VERSION})",
                    raw.version.value
                ),
            ));
        }
        let catalog = safeguard_rules::catalog::hipaa();
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut items = Vec::new();
        for r in raw.items.unwrap_or_default() {
            let id = r.id.value.trim().to_string();
            if id.is_empty() {
                return Err(at(r.id.referenced, "item id is empty".into()));
            }
            if let Some(first) = seen.insert(id.clone(), r.id.referenced.line()) {
                return Err(at(
                    r.id.referenced,
                    format!("item {id:?} appears twice (first on line {first})"),
                ));
            }
            let known = crate::catalog::item(&id);
            let status = match &r.status {
                None => ItemStatus::Pending,
                Some(s) => ItemStatus::parse(s.value.trim()).ok_or_else(|| {
                    at(s.referenced, format!("item {id}: status {:?} is not one of pending, implemented, not_applicable", s.value))
                })?,
            };
            let date = match &r.date {
                Some(s) if !s.value.trim().is_empty() => {
                    Some(parse_date(&s.value).ok_or_else(|| {
                        at(
                            s.referenced,
                            format!("item {id}: date {:?} is not a date (YYYY-MM-DD)", s.value),
                        )
                    })?)
                }
                _ => None,
            };
            let explicit_expires = match &r.expires {
                Some(s) if !s.value.trim().is_empty() => {
                    Some(parse_date(&s.value).ok_or_else(|| {
                        at(
                            s.referenced,
                            format!(
                                "item {id}: expires {:?} is not a date (YYYY-MM-DD)",
                                s.value
                            ),
                        )
                    })?)
                }
                _ => None,
            };
            let review_interval = match &r.review_interval {
                Some(s) if !s.value.trim().is_empty() => Some(
                    ReviewInterval::parse(&s.value)
                        .map_err(|m| at(s.referenced, format!("item {id}: {m}")))?,
                ),
                _ => known.and_then(|k| ReviewInterval::parse(&k.review_interval).ok()),
            };
            let mut hipaa = Vec::new();
            for c in r.hipaa.unwrap_or_default() {
                let v = c.value.trim().to_string();
                if catalog.get(&v).is_none() {
                    return Err(at(c.referenced, format!("item {id}: {v:?} is not a HIPAA Security Rule specification (e.g. 164.308(a)(2))")));
                }
                hipaa.push(v);
            }
            if hipaa.is_empty() {
                match known {
                    Some(k) => hipaa = k.hipaa.clone(),
                    None => {
                        return Err(at(
                            r.id.referenced,
                            format!("item {id}: an item of your own needs `hipaa:` citations"),
                        ));
                    }
                }
            }
            let mut evidence = Vec::new();
            for e in r.evidence.unwrap_or_default() {
                let v = e.value.trim().to_string();
                if v.is_empty() {
                    return Err(at(e.referenced, format!("item {id}: empty evidence entry")));
                }
                evidence.push(v);
            }
            let title = r
                .title
                .filter(|t| !t.trim().is_empty())
                .or_else(|| known.map(|k| k.title.clone()))
                .unwrap_or_else(|| id.clone());
            items.push(Attestation {
                id,
                title,
                hipaa,
                status,
                owner: r.owner.unwrap_or_default().trim().to_string(),
                date,
                evidence,
                review_interval,
                explicit_expires,
                note: r.note.unwrap_or_default().trim().to_string(),
                line: r.id.referenced.line(),
            });
        }
        Ok(AttestationFile {
            version: raw.version.value,
            organization: raw.organization.unwrap_or_default(),
            items,
        })
    }

    pub fn get(&self, id: &str) -> Option<&Attestation> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// The parser's message without its own position suffix (we print `file:line:column:`).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    if cut.is_empty() {
        "malformed YAML".to_string()
    } else {
        cut.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "version: 1\norganization: Clinic\nitems:\n  - id: baa-signed\n    status: implemented\n    owner: \"Dana Lee\"\n    date: 2026-01-15\n    evidence: [\"docs/baa.pdf\", \"https://example.com/x\"]\n    review_interval: 365d\n  - id: my-own\n    title: Our own control\n    hipaa: [\"164.308(a)(2)\"]\n    expires: 2026-03-01\n";

    #[test]
    fn parses_items_and_derives_expiry() {
        let f = AttestationFile::parse(OK, "a.yaml").unwrap();
        assert_eq!(f.items.len(), 2);
        let baa = &f.items[0];
        assert_eq!(baa.status, ItemStatus::Implemented);
        assert_eq!(baa.owner, "Dana Lee");
        assert_eq!(baa.hipaa, vec!["164.308(b)(1)", "164.308(b)(3)"]);
        assert_eq!(baa.expires(), parse_date("2027-01-15"));
        assert_eq!(baa.line, 4);
        let own = &f.items[1];
        assert_eq!(own.status, ItemStatus::Pending);
        assert_eq!(own.expires(), parse_date("2026-03-01"));
    }

    fn err(text: &str) -> AttestError {
        AttestationFile::parse(text, "att.yaml").unwrap_err()
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = err("version: 1\nitems:\n  - id: baa-signed\n    status: done\n");
        assert_eq!((e.line, e.column), (4, 13), "{e}");
        assert!(
            e.to_string()
                .starts_with("att.yaml:4:13: item baa-signed: status \"done\""),
            "{e}"
        );

        let e = err("version: 1\nitems:\n  - id: baa-signed\n    date: 2026-13-01\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("not a date"), "{e}");

        let e = err("version: 1\nitems:\n  - id: x\n    hipaa: [\"164.999\"]\n");
        assert_eq!(e.line, 4, "{e}");

        let e = err("version: 1\nitems:\n  - id: a\n    hipaa: [\"164.308(a)(2)\"]\n  - id: a\n    hipaa: [\"164.308(a)(2)\"]\n");
        assert_eq!(e.line, 5, "{e}");
        assert!(e.message.contains("twice"), "{e}");

        let e = err("version: 1\nitems:\n  - id: baa-signed\n    colour: red\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("colour"), "{e}");

        let e = err("version: 1\nitems:\n  - id: baa-signed\n   status: [\n");
        assert!(e.line >= 3, "{e}");

        let e = err("version: 2\n");
        assert_eq!((e.line, e.column), (1, 10), "{e}");

        let e = err("version: 1\nitems:\n  - id: baa-signed\n    review_interval: forever\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("review interval"), "{e}");
    }

    #[test]
    fn never_panics_on_garbage() {
        for text in [
            "",
            ":",
            "- - -",
            "version: [",
            "\u{0}",
            "items: 5",
            "version: 1\nitems: {a: 1}",
            "&a [*a]",
        ] {
            let _ = AttestationFile::parse(text, "x");
        }
    }
}
