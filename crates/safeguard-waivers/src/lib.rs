//! Waivers: accepted risks on findings, each with a reason, an owner and an expiry.
//!
//! A waiver names a rule and a resource pattern. A finding of that rule on a matching
//! resource stays `fail` or `unknown` underneath and carries a `waived` overlay: reports
//! list it separately, the exit-code gate skips it, and it never counts as a pass. A waiver
//! past its expiry no longer applies (its findings open again) and is reported as expired;
//! a waiver that matches no open finding is reported as stale.
//!
//! Waivers come from two places:
//!
//! * a waivers file (YAML, see [`parse_file`]):
//!
//!   ```yaml
//!   version: 1
//!   waivers:
//!     - rule: S3-007
//!       resource: "arn:aws:s3:::harborview-public-site*"
//!       reason: Public marketing site, holds no PHI
//!       owner: security@harborview.example
//!       created: 2026-11-01
//!       expires: 2027-05-01
//!   ```
//!
//! * inline in infrastructure as code ([`InlineWaiver`]), written next to the resource:
//!   a Terraform comment `# safeguard:waive S3-007 reason="..." expires=2027-05-01` inside
//!   the resource block (parsed by [`parse_terraform_comment`]), or CloudFormation resource
//!   metadata `Metadata: {safeguard: {waive: [{rule, reason, expires}]}}`.
//!
//! This crate knows nothing of the resource model, so source parsers can emit inline
//! waivers without depending on the engine.

use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Version of the waivers file format this crate reads.
pub const FILE_VERSION: u32 = 1;

/// One accepted risk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiver {
    /// Rule id (`S3-007`) or rule name; matched case-insensitively.
    pub rule: String,
    /// Which resources the waiver covers.
    pub resource: ResourcePattern,
    pub reason: String,
    /// Who accepted the risk (a person or team). Empty for inline waivers that name none.
    pub owner: String,
    pub created: Option<NaiveDate>,
    /// Last day the waiver applies (inclusive). Required.
    pub expires: NaiveDate,
    pub origin: Origin,
}

impl Waiver {
    /// Whether the waiver still applies on `today`: the expiry day itself is included.
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        today > self.expires
    }

    /// Whether the waiver names this rule (by id or name) and covers this resource (by id,
    /// ARN or Terraform address / CloudFormation logical id).
    pub fn covers(&self, rule_id: &str, rule_name: &str, resource_keys: &[&str]) -> bool {
        (self.rule.eq_ignore_ascii_case(rule_id) || self.rule.eq_ignore_ascii_case(rule_name))
            && resource_keys
                .iter()
                .any(|k| !k.is_empty() && self.resource.matches(k))
    }
}

/// Where a waiver was written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// An entry of a waivers file (1-based line of the entry).
    File { path: String, line: u64 },
    /// Inline in a Terraform or CloudFormation source file, on the given resource.
    Inline { file: String, line: u32 },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Inline { file, line } => write!(f, "{file}:{line} (inline)"),
        }
    }
}

/// Which resources a waiver covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourcePattern {
    /// A glob over the resource id, ARN or address: `*` matches any run of characters
    /// (including `/` and `:`), `?` exactly one; everything else matches itself.
    Glob(String),
    /// Exactly this resource id (inline waivers, which sit on their resource).
    Exact(String),
}

impl ResourcePattern {
    pub fn matches(&self, candidate: &str) -> bool {
        match self {
            ResourcePattern::Exact(id) => id == candidate,
            ResourcePattern::Glob(glob) => glob_matches(glob.as_bytes(), candidate.as_bytes()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ResourcePattern::Glob(s) | ResourcePattern::Exact(s) => s,
        }
    }
}

impl fmt::Display for ResourcePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Iterative glob match with single-star backtracking: linear in practice, never recursive.
fn glob_matches(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// A waiver read from a file, or an inline waiver, that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum WaiverError {
    #[error("cannot read waivers file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: u64,
        column: u64,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    version: Option<u32>,
    #[serde(default)]
    waivers: Vec<serde_saphyr::Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: Option<String>,
    resource: Option<String>,
    reason: Option<String>,
    owner: Option<String>,
    created: Option<serde_saphyr::Spanned<String>>,
    expires: Option<serde_saphyr::Spanned<String>>,
}

/// Reads a waivers file. Errors name the file, line and column.
pub fn load_file(path: &Path) -> Result<Vec<Waiver>, WaiverError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| WaiverError::Io {
        path: shown.clone(),
        source,
    })?;
    parse_file(&text, &shown)
}

/// Parses a waivers file; `path` is used in origins and error messages.
///
/// Every field but `created` is required; `expires` and `created` are dates
/// (`YYYY-MM-DD`); unknown fields are errors (a misspelt `expiry` must not pass silently).
pub fn parse_file(text: &str, path: &str) -> Result<Vec<Waiver>, WaiverError> {
    let invalid = |line: u64, column: u64, message: String| WaiverError::Invalid {
        path: path.to_string(),
        line,
        column,
        message,
    };
    let doc: FileDoc = if text.trim().is_empty() {
        FileDoc {
            version: Some(FILE_VERSION),
            waivers: Vec::new(),
        }
    } else {
        serde_saphyr::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            invalid(line, column, yaml_message(&e))
        })?
    };
    match doc.version {
        Some(FILE_VERSION) => {}
        Some(v) => return Err(invalid(1, 1, format!("waivers file version {v} is not supported (this safeguard reads version {FILE_VERSION})"))),
        None => return Err(invalid(1, 1, format!("missing `version: {FILE_VERSION}`"))),
    }
    let mut out = Vec::with_capacity(doc.waivers.len());
    for spanned in doc.waivers {
        let (line, column) = (spanned.referenced.line(), spanned.referenced.column());
        let e = spanned.value;
        let required = |v: Option<String>, name: &str| -> Result<String, WaiverError> {
            match v {
                Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                _ => Err(invalid(line, column, format!("waiver is missing `{name}`"))),
            }
        };
        let rule = required(e.rule, "rule")?;
        let resource = required(e.resource, "resource")?;
        let reason = required(e.reason, "reason")?;
        let owner = required(e.owner, "owner")?;
        let date =
            |s: serde_saphyr::Spanned<String>, name: &str| -> Result<NaiveDate, WaiverError> {
                parse_date(&s.value).map_err(|m| {
                    invalid(
                        s.referenced.line(),
                        s.referenced.column(),
                        format!("`{name}`: {m}"),
                    )
                })
            };
        let expires = match e.expires {
            Some(s) => date(s, "expires")?,
            None => {
                return Err(invalid(
                    line,
                    column,
                    "waiver is missing `expires` (every waiver needs an expiry date)".into(),
                ))
            }
        };
        let created = e.created.map(|s| date(s, "created")).transpose()?;
        if let Some(c) = created {
            if c > expires {
                return Err(invalid(
                    line,
                    column,
                    format!("waiver expires ({expires}) before it was created ({c})"),
                ));
            }
        }
        out.push(Waiver {
            rule,
            resource: ResourcePattern::Glob(resource),
            reason,
            owner,
            created,
            expires,
            origin: Origin::File {
                path: path.to_string(),
                line,
            },
        });
    }
    Ok(out)
}

/// The YAML error's message without the source snippet (the position is reported apart).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (expected YYYY-MM-DD)"))
}

/// A waiver written in a Terraform or CloudFormation source next to its resource, as the
/// IaC parser emits it: fields are raw so that a malformed one can be reported, not dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineWaiver {
    /// The `id` of the resource the waiver sits on (as in the inventory).
    pub resource_id: String,
    pub rule: String,
    pub reason: String,
    /// `YYYY-MM-DD`; required, an inline waiver without one is invalid.
    pub expires: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Source file (relative to the scan root, `/` separators) and 1-based line of the
    /// comment or metadata entry.
    pub file: String,
    pub line: u32,
}

impl InlineWaiver {
    /// The waiver, or why it cannot apply (missing rule, reason or expiry, bad date).
    pub fn to_waiver(&self) -> Result<Waiver, WaiverError> {
        let invalid = |message: String| WaiverError::Invalid {
            path: self.file.clone(),
            line: u64::from(self.line),
            column: 1,
            message: format!("inline waiver on {}: {message}", self.resource_id),
        };
        if self.rule.trim().is_empty() {
            return Err(invalid("missing rule id".into()));
        }
        if self.reason.trim().is_empty() {
            return Err(invalid("missing reason".into()));
        }
        if self.expires.trim().is_empty() {
            return Err(invalid(
                "missing expires=YYYY-MM-DD (every waiver needs an expiry date)".into(),
            ));
        }
        let expires = parse_date(&self.expires).map_err(|m| invalid(format!("expires: {m}")))?;
        Ok(Waiver {
            rule: self.rule.trim().to_string(),
            resource: ResourcePattern::Exact(self.resource_id.clone()),
            reason: self.reason.trim().to_string(),
            owner: self.owner.trim().to_string(),
            created: None,
            expires,
            origin: Origin::Inline {
                file: self.file.clone(),
                line: self.line,
            },
        })
    }
}

/// The fields of a Terraform waiver comment, for [`InlineWaiver`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentWaiver {
    pub rule: String,
    pub reason: String,
    pub expires: String,
    pub owner: String,
}

/// Parses one comment line `# safeguard:waive RULE-ID reason="..." expires=YYYY-MM-DD
/// [owner="..."]` (also with `//` or `/* */`). Returns `None` when the line is not a
/// waiver comment, `Some(Err)` when it is one but malformed. Values may be bare words or
/// double-quoted with `\"` and `\\` escapes.
pub fn parse_terraform_comment(line: &str) -> Option<Result<CommentWaiver, String>> {
    let t = line.trim();
    let body = t
        .strip_prefix('#')
        .or_else(|| t.strip_prefix("//"))
        .or_else(|| {
            t.strip_prefix("/*")
                .map(|s| s.trim_end().strip_suffix("*/").unwrap_or(s))
        })?
        .trim();
    let rest = body.strip_prefix("safeguard:waive")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(parse_comment_fields(rest))
}

fn parse_comment_fields(rest: &str) -> Result<CommentWaiver, String> {
    let mut out = CommentWaiver::default();
    let mut chars = rest.trim().chars().peekable();
    let mut first = true;
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if chars.peek() != Some(&'=') {
            if first {
                out.rule = key;
                first = false;
                continue;
            }
            return Err(format!("expected key=value, found {key:?}"));
        }
        first = false;
        chars.next();
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => {
                        closed = true;
                        break;
                    }
                    c => value.push(c),
                }
            }
            if !closed {
                return Err(format!("unterminated quoted value for {key}"));
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        match key.as_str() {
            "reason" => out.reason = value,
            "expires" => out.expires = value,
            "owner" => out.owner = value,
            "rule" => out.rule = value,
            other => {
                return Err(format!(
                    "unknown field {other:?} (rule, reason, expires, owner)"
                ))
            }
        }
    }
    if out.rule.is_empty() {
        return Err("missing rule id after safeguard:waive".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn globs() {
        let g = |p: &str, s: &str| ResourcePattern::Glob(p.into()).matches(s);
        assert!(g("arn:aws:s3:::phi-*", "arn:aws:s3:::phi-records"));
        assert!(g("*", "anything/at:all"));
        assert!(g(
            "arn:aws:rds:*:111122223333:db:*",
            "arn:aws:rds:us-east-1:111122223333:db:main"
        ));
        assert!(!g(
            "arn:aws:rds:*:111122223333:db:*",
            "arn:aws:rds:us-east-1:999:db:main"
        ));
        assert!(g("a?c", "abc"));
        assert!(!g("a?c", "ac"));
        assert!(g("*x*y*", "axxbyc"));
        assert!(!g("abc", "abcd"));
        assert!(g("", ""));
        assert!(!g("", "a"));
        // Worst case stays fast.
        let long = "a".repeat(10_000);
        assert!(!g("*a*a*a*a*a*b", &long));
    }

    const FILE: &str = "version: 1
waivers:
  - rule: S3-007
    resource: \"arn:aws:s3:::public-*\"
    reason: Marketing site, no PHI
    owner: security@example.com
    created: 2026-11-01
    expires: 2027-05-01
  - rule: rds-instance-multi-az
    resource: \"*\"
    reason: Dev databases
    owner: platform
    expires: \"2026-12-31\"
";

    #[test]
    fn parses_a_waivers_file() {
        let w = parse_file(FILE, "waivers.yaml").unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].rule, "S3-007");
        assert_eq!(w[0].created, Some(date("2026-11-01")));
        assert_eq!(w[0].expires, date("2027-05-01"));
        assert_eq!(
            w[0].origin,
            Origin::File {
                path: "waivers.yaml".into(),
                line: 3
            }
        );
        assert_eq!(
            w[1].origin,
            Origin::File {
                path: "waivers.yaml".into(),
                line: 9
            }
        );
        assert!(w[0].covers("S3-007", "x", &["arn:aws:s3:::public-site"]));
        assert!(w[1].covers("RDS-005", "rds-instance-multi-az", &["db"]));
        assert!(!w[0].covers("S3-008", "x", &["arn:aws:s3:::public-site"]));
        assert!(!w[0].is_expired(date("2027-05-01")));
        assert!(w[0].is_expired(date("2027-05-02")));
    }

    #[test]
    fn expiry_is_required_and_errors_have_positions() {
        let text = "version: 1\nwaivers:\n  - rule: S3-007\n    resource: x\n    reason: r\n    owner: o\n";
        let err = parse_file(text, "w.yaml").unwrap_err().to_string();
        assert!(err.starts_with("w.yaml:3:"), "{err}");
        assert!(err.contains("expires"), "{err}");

        let bad_date = FILE.replace("2027-05-01", "next year");
        let err = parse_file(&bad_date, "w.yaml").unwrap_err().to_string();
        assert!(err.starts_with("w.yaml:8:"), "{err}");
        assert!(err.contains("not a date"), "{err}");

        let typo = FILE.replace("expires: 2027", "expiry: 2027");
        let err = parse_file(&typo, "w.yaml").unwrap_err().to_string();
        assert!(err.starts_with("w.yaml:"), "{err}");
        assert!(err.contains("expiry"), "{err}");

        let syntax = "version: 1\nwaivers:\n  - rule: [unclosed\n";
        let err = parse_file(syntax, "w.yaml").unwrap_err().to_string();
        assert!(err.starts_with("w.yaml:"), "{err}");
        assert!(!err.contains('\n'), "{err}");

        let err = parse_file("waivers: []\n", "w.yaml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("version"), "{err}");
        assert!(parse_file("", "w.yaml").unwrap().is_empty());
    }

    #[test]
    fn created_after_expiry_is_refused() {
        let text = FILE.replace("created: 2026-11-01", "created: 2028-01-01");
        assert!(parse_file(&text, "w.yaml")
            .unwrap_err()
            .to_string()
            .contains("before it was created"));
    }

    #[test]
    fn terraform_comments() {
        let c = parse_terraform_comment(
            r#"  # safeguard:waive S3-007 reason="public \"site\"" expires=2027-01-31"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.rule, "S3-007");
        assert_eq!(c.reason, "public \"site\"");
        assert_eq!(c.expires, "2027-01-31");
        let c = parse_terraform_comment(
            "// safeguard:waive S3-001 reason=ok expires=2027-01-31 owner=\"Ops team\"",
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.owner, "Ops team");
        assert!(parse_terraform_comment("# just a comment").is_none());
        assert!(parse_terraform_comment("# safeguard:waiver S3-001").is_none());
        assert!(parse_terraform_comment("# safeguard:waive")
            .unwrap()
            .is_err());
        assert!(
            parse_terraform_comment("# safeguard:waive S3-001 reason=\"open")
                .unwrap()
                .is_err()
        );
        assert!(
            parse_terraform_comment("# safeguard:waive S3-001 colour=red")
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn inline_waivers_need_an_expiry() {
        let mut w = InlineWaiver {
            resource_id: "main.tf:aws_s3_bucket.site".into(),
            rule: "S3-007".into(),
            reason: "public site".into(),
            expires: String::new(),
            owner: String::new(),
            file: "main.tf".into(),
            line: 4,
        };
        let err = w.to_waiver().unwrap_err().to_string();
        assert!(
            err.starts_with("main.tf:4:1: inline waiver on main.tf:aws_s3_bucket.site"),
            "{err}"
        );
        w.expires = "2027-01-31".into();
        let ok = w.to_waiver().unwrap();
        assert!(ok.resource.matches("main.tf:aws_s3_bucket.site"));
        assert!(!ok.resource.matches("main.tf:aws_s3_bucket.site2"));
    }
}
