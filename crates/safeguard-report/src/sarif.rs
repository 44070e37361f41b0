//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; the driver lists every rule that ran with its HIPAA citations as tags and a
//! `security-severity`, so GitHub shows Critical/High/Medium/Low. Results are the failures
//! (level by severity) and the unknowns (level `note`, with the reason in their properties).
//!
//! Locations: a resource declared in a source file points at that file (repo-relative) and
//! line; a resource read from a live account points at the inventory file, without a region.
//! Every result also carries a logical location naming the ARN, Terraform address or
//! CloudFormation logical id.
//!
//! A finding under an active waiver stays a result and carries a SARIF `suppressions` entry
//! (status `accepted`, the waiver's reason as justification, its owner, expiry and origin as
//! properties): kind `external` for a waivers file, `inSource` for a waiver written next to
//! the resource in Terraform or CloudFormation. GitHub code scanning then shows it as
//! dismissed instead of open. A finding whose waiver has expired has no suppression.
//!
//! GitHub keeps at most 25,000 results per run; beyond that the most severe are kept and
//! `run.properties` says how many were dropped.

use crate::common::{self, INFORMATION_URI, TOOL_NAME, TOOL_VERSION};
use crate::RenderOptions;
use safeguard_engine::{Finding, Report};
use safeguard_model::{CoverageStatus, Meta};
use safeguard_rules::{Rule, Severity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// GitHub code scanning's limit on results per run.
pub const MAX_RESULTS: usize = 25_000;
/// GitHub's limit on tags per rule.
const MAX_TAGS: usize = 20;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const FINGERPRINT_KEY: &str = "safeguard/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    results: Vec<ResultObj>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    hipaa: &'static [&'static str],
    subject: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultObj {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

/// SARIF 2.1.0 §3.35: why a result is not to be acted on.
#[derive(Serialize)]
struct Suppression {
    /// `inSource` or `external`.
    kind: &'static str,
    status: &'static str,
    justification: String,
    properties: SuppressionProperties,
}

#[derive(Serialize)]
struct SuppressionProperties {
    #[serde(skip_serializing_if = "str::is_empty")]
    owner: String,
    expires: String,
    origin: String,
}

fn suppression(w: &safeguard_engine::Waiver) -> Suppression {
    Suppression {
        kind: match w.origin {
            safeguard_engine::Origin::Inline { .. } => "inSource",
            safeguard_engine::Origin::File { .. } => "external",
        },
        status: "accepted",
        justification: w.reason.clone(),
        properties: SuppressionProperties {
            owner: w.owner.clone(),
            expires: w.expires.to_string(),
            origin: w.origin.to_string(),
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation>,
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct ResultProperties {
    status: Status,
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_explanation: Option<&'static str>,
    resource_type: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    account: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    region: String,
    hipaa: &'static [&'static str],
    in_scope: bool,
    gates: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    catalog_version: &'static str,
    hipaa_version: &'static str,
    fail_on: Severity,
    exit_code: i32,
    incomplete: bool,
    total_results: usize,
    truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    truncation_note: Option<String>,
}

/// GitHub's `security-severity`: a CVSS-like score as a string. Above 9.0 is critical,
/// 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn rule_descriptor(rule: &'static dyn Rule) -> ReportingDescriptor {
    let m = rule.meta();
    let mut tags: Vec<String> = vec!["security".to_string(), "hipaa".to_string()];
    tags.extend(m.hipaa.iter().map(|c| format!("HIPAA-{c}")));
    tags.truncate(MAX_TAGS);
    let cited = m.hipaa.join(", ");
    let r = &m.remediation;
    let text = format!(
        "{title}\n\nHIPAA: 45 CFR {cited}\nSource: {source}\n\nWhy: {rationale}\n\nFix (console / AWS CLI):\n{console}\n\n\
         Fix (Terraform):\n{terraform}\n\nFix (CloudFormation):\n{cloudformation}\n",
        title = m.title,
        source = m.source,
        rationale = m.rationale,
        console = r.console,
        terraform = r.terraform,
        cloudformation = r.cloudformation,
    );
    let markdown = format!(
        "**{title}**\n\nHIPAA: 45 CFR {cited}  \nSource: {source}\n\n## Why\n\n{rationale}\n\n## Remediation\n\n\
         ### Console / AWS CLI\n\n{console}\n\n### Terraform\n\n{tf}\n\n### CloudFormation\n\n{cfn}\n",
        title = m.title,
        source = m.source,
        rationale = m.rationale,
        console = fenced("text", r.console),
        tf = fenced("hcl", r.terraform),
        cfn = fenced("yaml", r.cloudformation),
    );
    ReportingDescriptor {
        id: m.id,
        name: m.name,
        short_description: Text {
            text: m.title.to_string(),
        },
        full_description: Text {
            text: m.rationale.to_string(),
        },
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: level(m.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity: security_severity(m.severity),
            precision: "high",
            problem_severity: match level(m.severity) {
                "error" => "error",
                "warning" => "warning",
                _ => "recommendation",
            },
            hipaa: m.hipaa,
            subject: rule.subject().as_str(),
        },
    }
}

/// A Markdown code block whose fence is longer than any backtick run inside `body`.
fn fenced(lang: &str, body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{lang}\n{body}\n{fence}")
}

/// Percent-encodes a path for a URI reference: unreserved characters, `/` and a few
/// sub-delimiters stay, everything else (spaces, `#`, `?`, `%`, non-ASCII) is encoded byte by
/// byte. Backslashes become `/`.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(b as char),
            // A colon in the first segment would read as a scheme.
            b':' if out.contains('/') => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// An artifact location for a path as given: repo-relative paths resolve against
/// `%SRCROOT%`, absolute ones become `file://` URIs.
fn artifact(path: &str) -> ArtifactLocation {
    let p = path.replace('\\', "/");
    let drive = p.len() >= 2 && p.as_bytes()[1] == b':' && p.as_bytes()[0].is_ascii_alphabetic();
    if p.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", uri_path(&p)),
            uri_base_id: None,
        }
    } else if drive {
        ArtifactLocation {
            uri: format!("file:///{}{}", &p[..2], uri_path(&p[2..])),
            uri_base_id: None,
        }
    } else {
        let rel = p.trim_start_matches("./");
        ArtifactLocation {
            uri: uri_path(rel),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

fn location(meta: &Meta, inventory_path: Option<&str>) -> Location {
    let physical = match &meta.location {
        Some(l) if !l.file.is_empty() => Some(PhysicalLocation {
            artifact_location: artifact(&l.file),
            region: Some(Region {
                start_line: l.line.max(1),
                start_column: l.column.filter(|c| *c >= 1),
                end_line: l.end_line.filter(|e| *e >= l.line.max(1)),
            }),
        }),
        _ => inventory_path
            .filter(|p| !p.is_empty())
            .map(|p| PhysicalLocation {
                artifact_location: artifact(p),
                region: None,
            }),
    };
    Location {
        physical_location: physical,
        logical_locations: vec![LogicalLocation {
            name: if meta.name.is_empty() {
                common::logical_name(meta).to_string()
            } else {
                meta.name.clone()
            },
            fully_qualified_name: common::logical_name(meta).to_string(),
            kind: "resource",
        }],
    }
}

fn result(report: &Report, f: &Finding, opts: &RenderOptions) -> ResultObj {
    let rule = report.rule(f);
    let m = rule.meta();
    let resource = report.resource(f);
    let rm = resource.meta();
    let lvl = if f.status == Status::Unknown {
        "note"
    } else {
        level(m.severity)
    };
    let text = match f.status {
        Status::Unknown => format!(
            "{}: could not be assessed: {} ({}). {}",
            common::logical_name(rm),
            f.message,
            f.unknown.map_or("unknown", |u| u.as_str()),
            m.title
        ),
        _ => format!(
            "{}: {}. Expected: {}.",
            common::logical_name(rm),
            f.message,
            m.title
        ),
    };
    let mut fp = BTreeMap::new();
    fp.insert(FINGERPRINT_KEY, report.fingerprint(f));
    ResultObj {
        rule_id: m.id,
        rule_index: f.rule as usize,
        level: lvl,
        message: Text { text },
        locations: vec![location(rm, opts.inventory_path.as_deref())],
        partial_fingerprints: fp,
        suppressions: report
            .waiver(f)
            .map(|a| suppression(&a.waiver))
            .into_iter()
            .collect(),
        properties: ResultProperties {
            status: f.status,
            severity: m.severity,
            unknown_reason: f.unknown.map(|u| u.as_str()),
            unknown_explanation: (f.status == Status::Unknown)
                .then_some("the data this rule needs could not be read; this is not a pass"),
            resource_type: resource.kind().as_str(),
            account: rm.account.clone(),
            region: rm.region.clone(),
            hipaa: m.hipaa,
            in_scope: f.in_scope,
            gates: report.gates(f, opts.fail_on),
        },
    }
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    render_limited(report, opts, MAX_RESULTS)
}

pub(crate) fn render_limited(report: &Report, opts: &RenderOptions, max_results: usize) -> String {
    let ordered = common::actionable_by_importance(report);
    let total = ordered.len();
    let truncated = total > max_results;
    // Keep the most important, then restore the engine's order so output is stable and
    // grouped by rule.
    let mut kept: Vec<&Finding> = ordered.into_iter().take(max_results).collect();
    kept.sort_by_key(|f| (f.rule, f.resource));

    let notifications = report
        .inventory
        .coverage
        .iter()
        .filter_map(|c| match &c.status {
            CoverageStatus::Failed(u) => Some(Notification {
                level: "warning",
                message: Text {
                    text: format!("could not read {}: {u}", common::coverage_place(c)),
                },
            }),
            _ => None,
        })
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    version: TOOL_VERSION,
                    semantic_version: TOOL_VERSION,
                    information_uri: INFORMATION_URI,
                    rules: report.rules.iter().map(|r| rule_descriptor(*r)).collect(),
                },
            },
            invocations: vec![Invocation { execution_successful: true, tool_execution_notifications: notifications }],
            results: kept.iter().map(|f| result(report, f, opts)).collect(),
            column_kind: "unicodeCodePoints",
            properties: RunProperties {
                catalog_version: safeguard_rules::CATALOG_VERSION,
                hipaa_version: crate::json::hipaa_version(),
                fail_on: opts.fail_on,
                exit_code: report.exit_code(opts.fail_on) as i32,
                incomplete: report.summary.incomplete,
                total_results: total,
                truncated,
                truncation_note: truncated.then(|| {
                    format!(
                        "{total} results exceed the {max_results} a run may hold; the {max_results} most severe \
                         are kept (failures before unknowns). See the JSON report for all of them."
                    )
                }),
            },
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use safeguard_engine::{evaluate, Options, Selection};
    use safeguard_model::Inventory;

    #[test]
    fn over_the_limit_keeps_the_most_severe_and_says_so() {
        let text = r#"{"format": "safeguard-inventory", "version": 1,
          "generated_at": "2026-11-20T09:00:00Z", "source": {"kind": "manual"},
          "resources": [
            {"type": "kms_key", "id": "k1", "key_manager": "CUSTOMER", "key_state": "Enabled",
             "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "rotation_enabled": false},
            {"type": "s3_bucket", "id": "b1", "default_encryption": null},
            {"type": "s3_bucket", "id": "b2", "default_encryption": {"$unknown": {"reason": "throttled"}}},
            {"type": "s3_bucket", "id": "b3", "default_encryption": null},
            {"type": "account", "id": "a1", "root_mfa_enabled": false}
          ]}"#;
        let inv = Inventory::parse(text, std::path::Path::new("t.json")).unwrap();
        let options = Options {
            selection: Selection {
                include: vec!["ACCT-001".into(), "KMS-001".into(), "S3-001".into()],
                ..Selection::default()
            },
            ..Options::default()
        };
        let report = evaluate(&inv, safeguard_rules::all(), &options).unwrap();
        let out = render_limited(&report, &RenderOptions::default(), 3);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let run = &v["runs"][0];
        let kept: Vec<(&str, &str)> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let fqn = r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                    .as_str()
                    .unwrap();
                (r["ruleId"].as_str().unwrap(), fqn)
            })
            .collect();
        // Critical first, then the high failures; the medium failure and the unknown go.
        assert_eq!(
            kept,
            [("ACCT-001", "a1"), ("S3-001", "b1"), ("S3-001", "b3")]
        );
        assert_eq!(run["properties"]["truncated"], true);
        assert_eq!(run["properties"]["totalResults"], 5);
        assert!(run["properties"]["truncationNote"]
            .as_str()
            .unwrap()
            .contains("most severe"));
        // Without a limit problem nothing is dropped.
        let all: serde_json::Value =
            serde_json::from_str(&render(&report, &RenderOptions::default())).unwrap();
        assert_eq!(all["runs"][0]["results"].as_array().unwrap().len(), 5);
        assert_eq!(all["runs"][0]["properties"]["truncated"], false);
    }

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(uri_path("infra/main.tf"), "infra/main.tf");
        assert_eq!(uri_path("my dir/a#b?.tf"), "my%20dir/a%23b%3F.tf");
        assert_eq!(uri_path("c:x.tf"), "c%3Ax.tf");
        assert_eq!(uri_path("é.yaml"), "%C3%A9.yaml");
        assert_eq!(artifact("./x/y.json").uri, "x/y.json");
        assert_eq!(artifact("/tmp/inv.json").uri, "file:///tmp/inv.json");
        assert_eq!(artifact("/tmp/inv.json").uri_base_id, None);
        assert_eq!(artifact("C:\\inv.json").uri, "file:///C:/inv.json");
    }

    #[test]
    fn fences_outgrow_backticks() {
        assert_eq!(fenced("hcl", "a"), "```hcl\na\n```");
        assert_eq!(fenced("", "x ```` y"), "`````\nx ```` y\n`````");
    }
}
