//! Inline waivers written next to a resource in Terraform or CloudFormation.
//!
//! Terraform: a comment line `# safeguard:waive S3-007 reason="..." expires=2027-05-01
//! [owner="..."]` (also `//` or `/* */`) inside a `resource` block or in the run of comment
//! lines directly above it. HCL parsers drop comments, so the source text is scanned line by
//! line against the line ranges of the file's top-level blocks.
//!
//! CloudFormation: resource metadata, in YAML or JSON:
//!
//! ```yaml
//! Metadata:
//!   safeguard:
//!     waive:
//!       - {rule: S3-007, reason: "...", expires: 2027-05-01, owner: "..."}
//! ```
//!
//! A waiver applies to the resources the mapper builds from the block it sits on: every
//! instance under `count`/`for_each` and in every module instance. One written on a
//! companion block that the mapper folds into its parent (`aws_s3_bucket_public_access_block`
//! into `aws_s3_bucket`) applies to that parent, where the findings are.
//!
//! Nothing here is dropped silently: a malformed waiver, one that is attached to no resource
//! block, or one on a block that yields no checked resource becomes a [`Diagnostic`] naming
//! its file and line, and does not apply (its findings stay open).

use crate::cfn::yaml::{Node, N};
use crate::lines::LineIndex;
use crate::Diagnostic;
use hcl_edit::structure::{Body, Structure};
use hcl_edit::Span;
use safeguard_model::Resource;
use safeguard_waivers::{parse_terraform_comment, CommentWaiver, InlineWaiver, WaiverError};
use std::collections::HashMap;

/// The marker every inline waiver comment carries; a line with it that is not a waiver
/// comment is reported rather than ignored.
const MARKER: &str = "safeguard:waive";

/// One inline waiver as written, before it is matched to resources.
#[derive(Clone, Debug)]
pub(crate) struct WaiverSite {
    /// Scan-relative file and 1-based line of the comment or metadata entry.
    pub file: String,
    pub line: u32,
    /// The resource block it sits on: its declaration line (as in the resources'
    /// locations) and its address for messages; `Err` says why it sits on none.
    pub target: Result<(u32, String), String>,
    /// The fields, or why they could not be read.
    pub fields: Result<CommentWaiver, String>,
}

/// A block the mapper folded into another resource: waivers written on it go to the parent.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    pub file: String,
    pub line: u32,
    pub resource_id: String,
}

/// A top-level block of a Terraform file, by lines.
struct BlockLines {
    /// 1-based line of the block's keyword, as the resource locations use.
    header: u32,
    /// 1-based last line (the closing brace).
    end: u32,
    /// `aws_s3_bucket.logs` for resources, else the keyword (`module`, `data`, ...).
    label: String,
    is_resource: bool,
}

fn is_comment_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
}

/// The inline waiver comments of one Terraform (HCL) file.
pub(crate) fn terraform_sites(
    rel: &str,
    text: &str,
    body: &Body,
    lines: &LineIndex,
) -> Vec<WaiverSite> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let blocks: Vec<BlockLines> = body
        .iter()
        .filter_map(|s| match s {
            Structure::Block(b) => {
                let header = b.ident.span().map(|s| lines.line(s.start))?;
                let end = b
                    .span()
                    .map(|s| lines.line(s.end.saturating_sub(1)))
                    .unwrap_or(header);
                let kind = b.ident.as_str();
                let is_resource = kind == "resource" && b.labels.len() >= 2;
                let label = if is_resource {
                    format!("{}.{}", b.labels[0].as_str(), b.labels[1].as_str())
                } else {
                    kind.to_string()
                };
                Some(BlockLines {
                    header,
                    end: end.max(header),
                    label,
                    is_resource,
                })
            }
            Structure::Attribute(_) => None,
        })
        .collect();
    let source: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in source.iter().enumerate() {
        if !l.contains(MARKER) {
            continue;
        }
        let line = i as u32 + 1;
        let fields = match parse_terraform_comment(l) {
            Some(parsed) => parsed,
            None => {
                let after_leader = l.trim_start().trim_start_matches(['#', '/', '*']);
                if is_comment_line(l) && !after_leader.trim_start().starts_with(MARKER) {
                    // Prose that mentions the marker.
                    continue;
                }
                Err(format!(
                    "`{MARKER}` must start a one-line comment of its own (`# {MARKER} RULE-ID reason=\"...\" expires=YYYY-MM-DD`)"
                ))
            }
        };
        let inside = blocks.iter().find(|b| b.header <= line && line <= b.end);
        // Directly above: only comment lines between it and the block's first line.
        let above = || {
            blocks.iter().find(|b| {
                b.header > line
                    && source[line as usize..(b.header - 1) as usize]
                        .iter()
                        .all(|l| is_comment_line(l))
            })
        };
        let target = match inside.or_else(above) {
            Some(b) if b.is_resource => Ok((b.header, b.label.clone())),
            Some(b) => Err(format!(
                "inline waivers go on resource blocks; this one is on a `{}` block",
                b.label
            )),
            None => Err(
                "inline waiver is neither inside a resource block nor in the comment lines directly above one"
                    .to_string(),
            ),
        };
        out.push(WaiverSite {
            file: rel.to_string(),
            line,
            target,
            fields,
        });
    }
    out
}

/// The waivers in `Metadata.safeguard.waive` of the template's resources. `resources` are
/// the `Resources` entries as `(logical id, line, node)`.
pub(crate) fn cloudformation_sites(
    rel: &str,
    resources: &[(String, u32, Node)],
) -> Vec<WaiverSite> {
    let mut out = Vec::new();
    for (id, line, node) in resources {
        let Some(sg) = node.get("Metadata").and_then(|m| m.get("safeguard")) else {
            continue;
        };
        let site = |at: u32, fields: Result<CommentWaiver, String>| WaiverSite {
            file: rel.to_string(),
            line: at,
            target: Ok((*line, id.clone())),
            fields,
        };
        let N::Map(entries) = &sg.n else {
            out.push(site(
                sg.line,
                Err("Metadata.safeguard must be a map with a `waive` list".into()),
            ));
            continue;
        };
        for (k, kline, _) in entries {
            if k != "waive" {
                out.push(site(
                    *kline,
                    Err(format!(
                        "unknown key {k:?} in Metadata.safeguard (expected `waive`)"
                    )),
                ));
            }
        }
        let Some(waive) = sg.get("waive") else {
            continue;
        };
        let items: Vec<&Node> = match &waive.n {
            N::Seq(items) => items.iter().collect(),
            N::Map(_) => vec![waive],
            _ => {
                out.push(site(
                    waive.line,
                    Err("Metadata.safeguard.waive must be a list of {rule, reason, expires, owner} entries".into()),
                ));
                continue;
            }
        };
        for item in items {
            out.push(site(item.line, cfn_entry(item)));
        }
    }
    out
}

fn cfn_entry(item: &Node) -> Result<CommentWaiver, String> {
    let N::Map(entries) = &item.n else {
        return Err(
            "a waiver entry must be a map with rule, reason, expires and optionally owner".into(),
        );
    };
    let mut w = CommentWaiver::default();
    for (k, _, v) in entries {
        let value = match &v.n {
            N::Str(s) => s.clone(),
            N::Int(i) => i.to_string(),
            N::Float(f) => f.to_string(),
            N::Bool(b) => b.to_string(),
            N::Null => String::new(),
            N::Seq(_) | N::Map(_) => return Err(format!("`{k}` must be a plain value")),
        };
        match k.as_str() {
            "rule" => w.rule = value,
            "reason" => w.reason = value,
            "expires" => w.expires = value,
            "owner" => w.owner = value,
            other => {
                return Err(format!(
                    "unknown field {other:?} (rule, reason, expires, owner)"
                ))
            }
        }
    }
    Ok(w)
}

/// Matches each site to the resources declared at its block (or folded into a parent from
/// it) and returns the usable waivers; every problem becomes a diagnostic.
pub(crate) fn resolve(
    sites: Vec<WaiverSite>,
    resources: &[Resource],
    aliases: &[Alias],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<InlineWaiver> {
    let mut at: HashMap<(&str, u32), Vec<&str>> = HashMap::new();
    for r in resources {
        let m = r.meta();
        if let Some(l) = &m.location {
            at.entry((l.file.as_str(), l.line))
                .or_default()
                .push(m.id.as_str());
        }
    }
    for a in aliases {
        let ids = at.entry((a.file.as_str(), a.line)).or_default();
        if !ids.contains(&a.resource_id.as_str()) {
            ids.push(a.resource_id.as_str());
        }
    }
    let mut out = Vec::new();
    for site in sites {
        let mut problem = |message: String| {
            diagnostics.push(Diagnostic {
                file: site.file.clone(),
                line: site.line,
                column: None,
                message: format!("{message}; the waiver does not apply"),
            })
        };
        let (target_line, target) = match &site.target {
            Ok(t) => t,
            Err(e) => {
                problem(e.clone());
                continue;
            }
        };
        let fields = match &site.fields {
            Ok(f) => f,
            Err(e) => {
                problem(format!("inline waiver on {target}: {e}"));
                continue;
            }
        };
        let waiver = |resource_id: &str| InlineWaiver {
            resource_id: resource_id.to_string(),
            rule: fields.rule.clone(),
            reason: fields.reason.clone(),
            expires: fields.expires.clone(),
            owner: fields.owner.clone(),
            file: site.file.clone(),
            line: site.line,
        };
        if let Err(e) = waiver(target).to_waiver() {
            problem(match e {
                WaiverError::Invalid { message, .. } => message,
                other => other.to_string(),
            });
            continue;
        }
        match at.get(&(site.file.as_str(), *target_line)) {
            Some(ids) if !ids.is_empty() => out.extend(ids.iter().map(|id| waiver(id))),
            _ => problem(format!(
                "inline waiver on {target}: no resource that safeguard checks is declared there \
                 (an unsupported type, or none created)"
            )),
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, &a.resource_id).cmp(&(&b.file, b.line, &b.resource_id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tf_sites(text: &str) -> Vec<WaiverSite> {
        let body = hcl_edit::parser::parse_body(text).unwrap();
        terraform_sites("main.tf", text, &body, &LineIndex::new(text))
    }

    #[test]
    fn terraform_comments_inside_and_directly_above_blocks() {
        let text = r#"# safeguard:waive S3-001 reason="stray" expires=2027-01-01

# safeguard:waive S3-002 reason="above" expires=2027-01-01
# second comment line
resource "aws_s3_bucket" "a" {
  bucket = "a" # safeguard:waive S3-003 reason=trailing expires=2027-01-01
  // safeguard:waive S3-004 reason=inside expires=2027-01-01
}

module "m" {
  # safeguard:waive S3-005 reason=module expires=2027-01-01
  source = "./m"
}
"#;
        let sites = tf_sites(text);
        let got: Vec<_> = sites.iter().map(|s| (s.line, s.target.clone())).collect();
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].1.as_ref().unwrap_err().contains("neither inside"));
        assert_eq!(got[1], (3, Ok((5, "aws_s3_bucket.a".to_string()))));
        assert_eq!(got[2].1, Ok((5, "aws_s3_bucket.a".to_string())));
        assert!(sites[2].fields.as_ref().unwrap_err().contains("of its own"));
        assert_eq!(got[3], (7, Ok((5, "aws_s3_bucket.a".to_string()))));
        assert_eq!(sites[3].fields.as_ref().unwrap().reason, "inside");
        assert!(got[4].1.as_ref().unwrap_err().contains("`module` block"));
    }

    #[test]
    fn a_blank_line_detaches_a_comment() {
        let text = "# safeguard:waive S3-002 reason=x expires=2027-01-01\n\nresource \"aws_s3_bucket\" \"a\" {\n}\n";
        let sites = tf_sites(text);
        assert_eq!(sites.len(), 1);
        assert!(sites[0].target.is_err());
    }

    #[test]
    fn prose_that_mentions_the_marker_in_a_comment_is_not_a_waiver() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  # see safeguard:waive in the docs\n}\n";
        assert!(tf_sites(text).is_empty());
    }

    #[test]
    fn cloudformation_metadata_entries() {
        let text = r#"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      safeguard:
        waive:
          - rule: S3-001
            reason: Public site
            expires: 2027-01-31
          - {rule: S3-002, reason: x, expiry: 2027-01-31}
          - not a map
"#;
        let root = crate::cfn::yaml::parse(text).unwrap();
        let res = root.get("Resources").unwrap().entries().to_vec();
        let sites = cloudformation_sites("t.yaml", &res);
        assert_eq!(sites.len(), 3);
        assert_eq!(sites[0].line, 8);
        assert_eq!(sites[0].target, Ok((3, "Bucket".to_string())));
        let f = sites[0].fields.as_ref().unwrap();
        assert_eq!(
            (f.rule.as_str(), f.expires.as_str()),
            ("S3-001", "2027-01-31")
        );
        assert!(sites[1].fields.as_ref().unwrap_err().contains("expiry"));
        assert!(sites[2].fields.is_err());
    }
}
