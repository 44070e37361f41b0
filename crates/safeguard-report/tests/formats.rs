//! Every output format on one small handmade estate: snapshots for the text formats, the
//! official SARIF 2.1.0 schema for SARIF, and escaping checks for HTML, CSV and Markdown.
//!
//! The rule selection is fixed to a few rules so the snapshots do not move when the catalog
//! grows.

use safeguard_engine::{evaluate, Options, Report, Selection};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use safeguard_rules::Severity;
use std::path::Path;
use std::time::Duration;

const RULES: [&str; 3] = ["ACCT-001", "KMS-001", "S3-001"];

/// A live account (root without MFA), a KMS key without rotation, an encrypted bucket, a
/// bucket whose encryption could not be read, a bucket declared in Terraform, and a bucket
/// whose name is hostile markup. One region could not be read.
const INVENTORY: &str = r#"{
  "format": "safeguard-inventory",
  "version": 1,
  "generated_at": "2026-11-20T09:00:00Z",
  "source": {"kind": "mixed", "description": "clinic estate, handmade for tests"},
  "coverage": [
    {"account": "111122223333", "region": "us-east-1", "service": "s3", "status": "ok"},
    {"account": "111122223333", "region": "eu-west-1", "service": "kms",
     "status": {"failed": {"reason": "access_denied", "detail": "kms:ListKeys denied by an SCP"}}}
  ],
  "resources": [
    {"type": "account", "id": "arn:aws:iam::111122223333:root", "name": "111122223333",
     "account": "111122223333", "region": "global", "root_mfa_enabled": false},
    {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/0a1b", "name": "0a1b",
     "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
     "key_state": "Enabled", "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS",
     "rotation_enabled": false},
    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "name": "clinic-phi",
     "account": "111122223333", "region": "us-east-1",
     "default_encryption": {"algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/0a1b"}},
    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-scans", "name": "clinic-scans",
     "account": "111122223333", "region": "us-east-1",
     "default_encryption": {"$unknown": {"reason": "access_denied", "detail": "s3:GetEncryptionConfiguration"}}},
    {"type": "s3_bucket", "id": "infra/main.tf:aws_s3_bucket.intake", "name": "intake",
     "location": {"file": "infra/main.tf", "line": 12, "end_line": 18, "address": "aws_s3_bucket.intake"},
     "default_encryption": null},
    {"type": "s3_bucket", "id": "arn:aws:s3:::<script>alert(1)</script>|*x*", "name": "<script>alert(1)</script>",
     "account": "111122223333", "region": "us-east-1", "default_encryption": null}
  ]
}"#;

fn inventory() -> Inventory {
    Inventory::parse(INVENTORY, Path::new("estate.json")).expect("test inventory parses")
}

fn options() -> Options {
    Options {
        selection: Selection {
            include: RULES.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        },
        ..Options::default()
    }
}

/// Evaluates and pins the evaluation instant and duration, the only non-deterministic parts.
fn report(inv: &Inventory) -> Report<'_> {
    let mut r = evaluate(inv, safeguard_rules::all(), &options()).expect("rules exist");
    r.evaluated_at = "2026-11-20T10:00:00Z".parse().unwrap();
    r.duration = Duration::from_millis(42);
    r
}

fn opts() -> RenderOptions {
    RenderOptions {
        color: false,
        fail_on: Severity::High,
        show_passes: false,
        inventory_path: Some("inventories/estate.json".to_string()),
        history: Vec::new(),
    }
}

#[test]
fn terminal_snapshot() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Terminal, &opts());
    assert!(!out.contains('\u{1b}'), "no colour unless asked");
    for line in out.lines() {
        assert!(
            line.chars().count() <= 100,
            "line longer than 100 columns: {line:?}"
        );
    }
    insta::assert_snapshot!("terminal", out);
}

#[test]
fn terminal_colour_only_when_asked() {
    let inv = inventory();
    let out = render(
        &report(&inv),
        Format::Terminal,
        &RenderOptions {
            color: true,
            ..opts()
        },
    );
    assert!(out.contains('\u{1b}'));
}

#[test]
fn json_snapshot() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Json, &opts());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "safeguard-report");
    assert_eq!(v["evaluation"]["exit_code"], 1);
    // Failures and unknowns only, unless passes are asked for.
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["status"] != "pass"));
    let all = render(
        &report(&inv),
        Format::Json,
        &RenderOptions {
            show_passes: true,
            ..opts()
        },
    );
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert!(all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["status"] == "pass"));
    insta::assert_snapshot!("json", out);
}

#[test]
fn csv_snapshot() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Csv, &opts());
    insta::assert_snapshot!("csv", out);
}

#[test]
fn junit_snapshot() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Junit, &opts());
    assert_eq!(out.matches("<?xml").count(), 1, "a single XML document");
    assert_eq!(out.matches("<testsuites").count(), 1);
    let parsed = quick_junit::Report::deserialize_from_str(&out).expect("valid JUnit XML");
    // ACCT-001 root, KMS-001 key, S3-001 two failing buckets + one unknown.
    assert_eq!((parsed.tests, parsed.failures, parsed.skipped), (5, 4, 1));
    for suite in &parsed.test_suites {
        assert_eq!(suite.tests, suite.test_cases.len());
    }
    assert!(
        out.contains("file=\"infra/main.tf\""),
        "IaC findings carry their file"
    );
    insta::assert_snapshot!("junit", out);
}

#[test]
fn markdown_snapshot() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Markdown, &opts());
    // Markup from the estate appears only inside code spans, where Markdown shows it as text.
    let outside_code: String = out.split('`').step_by(2).collect();
    assert!(!outside_code.contains("<script"), "{outside_code}");
    assert!(out.contains("`arn:aws:s3:::<script>alert(1)</script>\\|*x*`"));
    // Table rows keep their column count whatever the resource name holds.
    for line in out
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("S3-001"))
    {
        let unescaped_pipes = line
            .match_indices('|')
            .filter(|(i, _)| *i == 0 || &line[i - 1..*i] != "\\")
            .count();
        assert_eq!(unescaped_pipes, 8, "{line}");
    }
    insta::assert_snapshot!("markdown", out);
}

#[test]
fn every_format_is_deterministic() {
    let inv = inventory();
    for format in Format::ALL {
        let a = render(&report(&inv), format, &opts());
        let b = render(&report(&inv), format, &opts());
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Sarif, &opts());
    let instance: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json"))
            .expect("schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles offline");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );

    // GitHub code scanning's own constraints.
    let run = &instance["runs"][0];
    assert_eq!(instance["runs"].as_array().unwrap().len(), 1);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert!(results.len() <= safeguard_report::SARIF_MAX_RESULTS);
    assert_eq!(run["properties"]["truncated"], false);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 3);
    for rule in rules {
        let sev: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        assert!(rule["properties"]["tags"].as_array().unwrap().len() <= 20);
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("Remediation"));
    }
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(
            r["partialFingerprints"]["safeguard/v1"]
                .as_str()
                .unwrap()
                .len()
                == 16
        );
        let loc = &r["locations"][0];
        let phys = &loc["physicalLocation"];
        assert!(
            phys["artifactLocation"]["uri"].is_string(),
            "every result has an artifact: {r}"
        );
        if let Some(line) = phys["region"]["startLine"].as_u64() {
            assert!(line >= 1);
        }
        assert!(loc["logicalLocations"][0]["fullyQualifiedName"].is_string());
    }
    let iac = results
        .iter()
        .find(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "aws_s3_bucket.intake"
        })
        .unwrap();
    assert_eq!(
        iac["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/main.tf"
    );
    assert_eq!(
        iac["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
    let live = results.iter().find(|r| r["ruleId"] == "ACCT-001").unwrap();
    assert_eq!(live["level"], "error");
    assert_eq!(
        live["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "inventories/estate.json"
    );
    assert!(live["locations"][0]["physicalLocation"]
        .get("region")
        .is_none());
    let unknown = results
        .iter()
        .find(|r| r["properties"]["status"] == "unknown")
        .unwrap();
    assert_eq!(unknown["level"], "note");
    assert_eq!(unknown["properties"]["unknown_reason"], "access_denied");
    let kms = results.iter().find(|r| r["ruleId"] == "KMS-001").unwrap();
    assert_eq!(kms["level"], "warning");
    // The coverage failure is reported as a tool notification.
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn sarif_without_inventory_path_is_still_valid() {
    let inv = inventory();
    let out = render(
        &report(&inv),
        Format::Sarif,
        &RenderOptions {
            inventory_path: None,
            ..opts()
        },
    );
    let instance: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    assert!(validator.is_valid(&instance));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Html, &opts());
    assert!(out.starts_with("<!DOCTYPE html>"));
    let lower = out.to_ascii_lowercase();
    for banned in [
        "<script", "<link", "src=", "@import", "url(", "http://", "https://", "<iframe", "<object",
    ] {
        assert!(!lower.contains(banned), "HTML contains {banned:?}");
    }
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "hostile name shown escaped"
    );
    assert!(out.contains("Content-Security-Policy"));
    // The executive summary, every specification, remediation and coverage are there.
    assert!(out.contains("Executive summary"));
    for spec in safeguard_rules::catalog::hipaa().spec.iter() {
        assert!(
            out.contains(&format!("<code>{}</code>", spec.id)),
            "{}",
            spec.id
        );
    }
    assert!(out.contains("<details><summary>Fix in Terraform</summary>"));
    assert!(out.contains("kms:ListKeys denied by an SCP"));
    assert!(out.contains("@media print"));
}

/// "Sections to attest" counts every section no rule assesses and no current attestation
/// covers: not cited by any item, and cited by a missing, pending or expired one.
#[test]
fn sections_to_attest_include_missing_and_expired_attestations() {
    use safeguard_engine::SectionStatus;
    let inv = inventory();
    let mut r = report(&inv);
    let file = safeguard_attest::AttestationFile::parse(
        "version: 1\nitems:\n  - id: security-officer\n    status: implemented\n    date: 2026-06-01\n    review_interval: 365d\n  - id: risk-analysis\n    status: implemented\n    date: 2024-01-01\n    review_interval: 365d\n  - id: workforce-training\n    status: pending\n",
        "a.yaml",
    )
    .unwrap();
    let day = safeguard_attest::parse_date("2026-11-20").unwrap();
    r.set_attestations(Some(safeguard_attest::evaluate(
        Some((&file, "a.yaml")),
        day,
        &[],
    )));
    let statuses: Vec<SectionStatus> = r
        .summary
        .families
        .iter()
        .flat_map(|f| f.sections.iter().map(|s| s.status))
        .collect();
    assert!(statuses.contains(&SectionStatus::AttestationMissing));
    assert!(statuses.contains(&SectionStatus::AttestationExpired));
    let out = render(&r, Format::Html, &opts());
    let markdown = render(&r, Format::Markdown, &opts());
    let mut checked = 0;
    for fam in &r.summary.families {
        let want = fam
            .sections
            .iter()
            .filter(|s| {
                matches!(
                    s.status,
                    SectionStatus::NotAssessed
                        | SectionStatus::AttestationMissing
                        | SectionStatus::AttestationExpired
                )
            })
            .count();
        let row = out
            .lines()
            .find(|l| l.starts_with(&format!("<tr><td>{}</td>", fam.heading)))
            .unwrap_or_else(|| panic!("no summary row for {}", fam.heading));
        let last = row
            .trim_end_matches("</td></tr>")
            .rsplit("<td class=\"n\">")
            .next()
            .unwrap();
        assert_eq!(last, want.to_string(), "{}: {row}", fam.heading);
        let md_row = markdown
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", fam.heading)))
            .unwrap_or_else(|| panic!("no Markdown summary row for {}", fam.heading));
        let md_last = md_row.trim_end_matches(" |").rsplit("| ").next().unwrap();
        assert_eq!(md_last, want.to_string(), "{}: {md_row}", fam.heading);
        checked += want;
    }
    // Every administrative section cited by a missing or expired item counts: more than the
    // sections nothing cites.
    let uncited = statuses
        .iter()
        .filter(|s| **s == SectionStatus::NotAssessed)
        .count();
    assert!(checked > uncited, "{checked} <= {uncited}");
}

#[test]
fn csv_defuses_formulas_and_quotes_per_rfc_4180() {
    let text = r#"{
      "format": "safeguard-inventory", "version": 1, "generated_at": "2026-11-20T09:00:00Z",
      "source": {"kind": "manual"},
      "resources": [
        {"type": "s3_bucket", "id": "=HYPERLINK(\"http://evil.example\",\"x\")", "name": "+cmd|' /C calc'!A0", "default_encryption": null},
        {"type": "s3_bucket", "id": "@SUM(1+1)", "name": "-2+3", "account": "\tx", "default_encryption": null},
        {"type": "s3_bucket", "id": "plain, \"quoted\"\nline", "name": "ok", "default_encryption": null}
      ]
    }"#;
    let inv = Inventory::parse(text, Path::new("x.json")).unwrap();
    let out = render(&report(&inv), Format::Csv, &opts());
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        &rows[0][col("resource_id")],
        "'=HYPERLINK(\"http://evil.example\",\"x\")"
    );
    assert_eq!(&rows[0][col("resource_name")], "'+cmd|' /C calc'!A0");
    assert_eq!(&rows[1][col("resource_id")], "'@SUM(1+1)");
    assert_eq!(&rows[1][col("resource_name")], "'-2+3");
    assert_eq!(&rows[1][col("account")], "'\tx");
    assert_eq!(&rows[2][col("resource_id")], "plain, \"quoted\"\nline");
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn out_of_scope_findings_do_not_gate() {
    let inv = inventory();
    let mut o = options();
    o.scope.accounts = vec!["999999999999".to_string()];
    let r = evaluate(&inv, safeguard_rules::all(), &o).unwrap();
    let out = render(&r, Format::Json, &opts());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["in_scope"] == false));
    assert!(findings
        .iter()
        .filter(|f| f["in_scope"] == false)
        .all(|f| f["gates"] == false));
    let term = render(&r, Format::Terminal, &opts());
    assert!(term.contains("(out of scope)"));
}
