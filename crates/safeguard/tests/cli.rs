//! The binary as users run it: exit codes, error messages, listings.

use std::path::PathBuf;
use std::process::{Command, Output};

fn safeguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_safeguard"))
        .args(args)
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLE: &str = "examples/clinic/inventory.json";

#[test]
fn bundled_example_reports_findings_grouped_by_family() {
    let out = safeguard(&["scan", "--inventory", EXAMPLE, "--color", "never"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for heading in [
        "Administrative safeguards (164.308)",
        "Physical safeguards (164.310)",
        "Technical safeguards (164.312)",
        "Policies, procedures and documentation (164.316)",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    assert!(!text.contains('\u{1b}'), "no colour when not asked for");
}

#[test]
fn fail_on_threshold_changes_the_exit_code() {
    // Only rules that pass on the example, so nothing gates.
    let out = safeguard(&[
        "scan",
        "--inventory",
        EXAMPLE,
        "--rule",
        "ACCT-001",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "the example records one failed coverage row: {}",
        stderr(&out)
    );
    // S3-004 (critical) fails on the public website bucket, so even --fail-on critical gates.
    let critical = safeguard(&[
        "scan",
        "--inventory",
        EXAMPLE,
        "--fail-on",
        "critical",
        "--rule",
        "S3-",
        "--format",
        "json",
    ]);
    assert_eq!(critical.status.code(), Some(1));
    // A low-severity rule alone (S3-009 replication) gates only at --fail-on low.
    let low_rules = [
        "scan",
        "--inventory",
        EXAMPLE,
        "--rule",
        "S3-009",
        "--format",
        "json",
    ];
    assert_eq!(
        safeguard(&[&low_rules[..], &["--fail-on", "low"]].concat())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        safeguard(&[&low_rules[..], &["--fail-on", "medium"]].concat())
            .status
            .code(),
        Some(3)
    );
}

#[test]
fn malformed_inventory_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"safeguard-inventory\",\n  \"version\": 1,\n  oops\n}\n",
    )
    .unwrap();
    let out = safeguard(&["scan", "--inventory", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("broken.json:4:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_inventory_is_an_input_error() {
    let out = safeguard(&["scan", "--inventory", "does/not/exist.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does/not/exist.json"));
}

#[test]
fn unknown_rule_is_a_usage_error() {
    let out = safeguard(&["scan", "--inventory", EXAMPLE, "--rule", "NOPE-999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("NOPE-999"));
    let out = safeguard(&["explain", "NOPE-999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_flag_value_is_a_usage_error() {
    let out = safeguard(&["scan", "--inventory", EXAMPLE, "--fail-on", "severe"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_json_lists_the_catalog_with_citations_remediation_and_examples() {
    let out = safeguard(&["rules", "--format", "json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = doc["rules"].as_array().unwrap();
    assert!(rules.len() >= 60, "{} rules", rules.len());
    assert_eq!(doc["count"].as_u64().unwrap() as usize, rules.len());
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert!(!r["hipaa"].as_array().unwrap().is_empty(), "{id}");
        assert!(
            r["hipaa"][0]["title"].is_string(),
            "{id}: citation resolves to a title"
        );
        assert!(
            r["remediation"]["terraform"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{id}"
        );
        assert!(r["examples"].as_array().unwrap().len() >= 2, "{id}");
    }
}

#[test]
fn explain_shows_rationale_remediation_and_examples() {
    let out = safeguard(&["explain", "s3-bucket-encrypted-at-rest"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for part in [
        "S3-001",
        "164.312(a)(2)(iv)",
        "Why it matters",
        "Terraform",
        "CloudFormation",
        "[fail]",
    ] {
        assert!(text.contains(part), "missing {part}");
    }
}

#[test]
fn every_format_renders_the_example() {
    for format in ["json", "sarif", "csv", "junit", "html", "markdown"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("report.{format}"));
        let out = safeguard(&[
            "scan",
            "--inventory",
            EXAMPLE,
            "--format",
            format,
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.len() > 1000, "{format} output is suspiciously short");
        if matches!(format, "json" | "sarif") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{format}: {e}"));
        }
    }
}

#[test]
fn infrastructure_as_code_with_one_broken_file_scans_the_rest_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_s3_bucket\" \"phi\" {\n  bucket = \"clinic-phi\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.tf"),
        "resource \"aws_instance\" \"x\" {\n  ami = \n",
    )
    .unwrap();
    let out = safeguard(&[
        "scan",
        dir.path().to_str().unwrap(),
        "--rule",
        "S3-001",
        "--format",
        "json",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("broken.tf:"),
        "diagnostic names the file: {err}"
    );
    assert_eq!(out.status.code(), Some(3), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = doc.to_string();
    assert!(
        text.contains("aws_s3_bucket.phi"),
        "the good file was scanned"
    );

    // Nothing parseable at all is an input error.
    std::fs::remove_file(dir.path().join("main.tf")).unwrap();
    let out = safeguard(&["scan", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn empty_invocation_is_a_usage_error() {
    let out = safeguard(&["scan"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nothing to scan"));
}

/// A Terraform bucket with an inline waiver for its missing TLS-only policy, and a log group
/// whose waiver has no expiry.
const WAIVED_TF: &str = r#"resource "aws_s3_bucket" "site" {
  bucket = "clinic-public-site"
  # safeguard:waive S3-003 reason="Public marketing site, holds no PHI" expires=2099-12-31 owner="web@clinic.example"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_cloudwatch_log_group" "debug" {
  name              = "/clinic/debug"
  retention_in_days = 14
  # safeguard:waive LOGS-001 reason="Debug output only"
}
"#;

#[test]
fn inline_waivers_in_terraform_waive_findings_unless_disabled() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), WAIVED_TF).unwrap();
    let path = dir.path().to_str().unwrap();
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", path, "--rule", "S3-003", "--format", "json"];
        args.extend_from_slice(extra);
        safeguard(&args)
    };

    let out = scan(&[]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the only failure is waived: {err}"
    );
    assert!(
        err.contains(
            "main.tf:18: inline waiver on aws_cloudwatch_log_group.debug: missing expires"
        ),
        "a malformed waiver is reported with its file and line: {err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc}");
    let f = &findings[0];
    assert_eq!(f["status"], "fail", "a waived finding is not a pass");
    assert_eq!(f["gates"], false);
    assert_eq!(f["waived"]["reason"], "Public marketing site, holds no PHI");
    assert_eq!(f["waived"]["owner"], "web@clinic.example");
    assert_eq!(f["waived"]["expires"], "2099-12-31");
    assert_eq!(f["waived"]["origin"], "main.tf:3 (inline)");
    assert_eq!(doc["summary"]["waived"]["fail"], 1);
    assert_eq!(doc["waivers"][0]["state"], "active");

    // Turned off, the finding is an ordinary failure again.
    let out = scan(&["--no-inline-waivers"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["status"], "fail");
    assert_eq!(f["gates"], true);
    assert!(f.get("waived").is_none(), "{f}");
    assert!(doc["waivers"].as_array().is_none_or(|w| w.is_empty()));

    // Expired: the finding opens again and the waiver is reported as expired.
    std::fs::write(
        dir.path().join("main.tf"),
        WAIVED_TF.replace("2099-12-31", "2020-01-31"),
    )
    .unwrap();
    let out = scan(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["findings"][0].get("waived").is_none());
    assert_eq!(doc["waivers"][0]["state"], "expired");
    assert_eq!(doc["waivers"][0]["findings"], 1);

    // A rule id the catalog does not know: a warning, and the finding stays open.
    std::fs::write(
        dir.path().join("main.tf"),
        WAIVED_TF.replace("S3-003 reason", "S3-0003 reason"),
    )
    .unwrap();
    let out = scan(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "main.tf:3: inline waiver names rule \"S3-0003\", which is not in the catalog"
        ),
        "{err}"
    );
}
