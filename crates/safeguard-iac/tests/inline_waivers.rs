//! Inline waivers in Terraform and CloudFormation files shaped like real projects: matched to
//! the resources the mapper builds (module and `for_each` instances, companions folded into
//! their parent), malformed ones reported with file and line, and applied by the engine with
//! the same semantics as a waivers file (waived, expired, stale).

use chrono::NaiveDate;
use safeguard_engine::{apply_waivers, evaluate, Options, Report, Waiver, WaiverState};
use safeguard_iac::{scan_paths, IacKind, ScanOutput};
use safeguard_model::Inventory;
use safeguard_rules::Status;
use std::path::PathBuf;

fn scan(dir: &str) -> ScanOutput {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/waivers")
        .join(dir);
    scan_paths(&[p], IacKind::All)
}

/// `(file:line, resource id, rule)` of each inline waiver.
fn listed(out: &ScanOutput) -> Vec<(String, String, String)> {
    out.inline_waivers
        .iter()
        .map(|w| {
            (
                format!("{}:{}", w.file, w.line),
                w.resource_id.clone(),
                w.rule.clone(),
            )
        })
        .collect()
}

fn diagnostics(out: &ScanOutput) -> Vec<String> {
    out.diagnostics.iter().map(|d| d.to_string()).collect()
}

/// Evaluates and applies the inline waivers as of 2026-11-23.
fn apply<'a>(inventory: &'a Inventory, out: &ScanOutput) -> Report<'a> {
    let mut report = evaluate(inventory, safeguard_rules::all(), &Options::default()).unwrap();
    let waivers: Vec<Waiver> = out
        .inline_waivers
        .iter()
        .map(|w| w.to_waiver().expect("emitted waivers are well formed"))
        .collect();
    apply_waivers(
        &mut report,
        waivers,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    report
}

/// `(rule id, resource id, status, waived)` of the failures and unknowns.
fn open_and_waived(report: &Report) -> Vec<(String, String, Status, bool)> {
    report
        .actionable()
        .map(|f| {
            (
                report.rule(f).meta().id.to_string(),
                report.resource(f).meta().id.clone(),
                f.status,
                f.waived.is_some(),
            )
        })
        .collect()
}

fn s(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_string(), b.to_string(), c.to_string())
}

#[test]
fn terraform_comments_reach_the_resources_the_mapper_builds() {
    let out = scan("terraform");
    assert_eq!(
        listed(&out),
        [
            // Directly above the resource block.
            s(
                "main.tf:16",
                "main.tf#aws_s3_bucket.marketing_site",
                "S3-003"
            ),
            // Inside the public access block, which the mapper folds into the bucket.
            s(
                "main.tf:25",
                "main.tf#aws_s3_bucket.marketing_site",
                "S3-002"
            ),
            // Inside the block (expired, still emitted: the engine reports it).
            s(
                "main.tf:41",
                "main.tf#aws_db_instance.legacy_reporting",
                "RDS-003"
            ),
            // In a module called with for_each: every instance.
            s(
                "modules/archive-bucket/main.tf:7",
                "modules/archive-bucket/main.tf#module.archive[\"claims\"].aws_s3_bucket.this",
                "S3-007"
            ),
            s(
                "modules/archive-bucket/main.tf:7",
                "modules/archive-bucket/main.tf#module.archive[\"imaging\"].aws_s3_bucket.this",
                "S3-007"
            ),
        ]
    );
    let w = &out.inline_waivers[0];
    assert_eq!(
        w.reason,
        "Static marketing site; holds no PHI and is read through CloudFront only"
    );
    assert_eq!(w.owner, "web-platform@harborview.example");
    assert_eq!(w.expires, "2027-06-30");
    assert_eq!(out.inline_waivers[1].owner, "", "owner is optional");
}

#[test]
fn malformed_terraform_waivers_are_diagnostics_with_file_and_line() {
    let out = scan("terraform");
    let d = diagnostics(&out);
    assert_eq!(d.len(), 4, "{d:#?}");
    assert!(
        d[0].starts_with(
            "main.tf:47: inline waiver on aws_cloudwatch_log_group.debug: missing expires"
        ),
        "{}",
        d[0]
    );
    assert!(
        d[1].starts_with("main.tf:53: inline waiver on aws_cloudwatch_log_group.batch: expires: \"31/12/2027\" is not a date"),
        "{}",
        d[1]
    );
    assert!(
        d[2].starts_with("main.tf:57: inline waiver on aws_sqs_queue.intake:")
            && d[2].contains("must start a one-line comment of its own"),
        "{}",
        d[2]
    );
    assert!(
        d[3].starts_with("main.tf:61: inline waiver is neither inside a resource block"),
        "{}",
        d[3]
    );
    for x in &d {
        assert!(x.ends_with("the waiver does not apply"), "{x}");
    }
    // A malformed waiver is not a parse failure: the files still count as read.
    assert!(out.inventory.coverage.iter().all(|c| !c.is_failure()));
}

#[test]
fn terraform_waivers_waive_expire_and_reopen() {
    let out = scan("terraform");
    let report = apply(&out.inventory, &out);
    let findings = open_and_waived(&report);
    let has = |rule: &str, id: &str, waived: bool| {
        findings
            .iter()
            .any(|f| f.0 == rule && f.1 == id && f.2 == Status::Fail && f.3 == waived)
    };
    assert!(has("S3-003", "main.tf#aws_s3_bucket.marketing_site", true));
    assert!(has("S3-002", "main.tf#aws_s3_bucket.marketing_site", true));
    for k in ["claims", "imaging"] {
        let id =
            format!("modules/archive-bucket/main.tf#module.archive[\"{k}\"].aws_s3_bucket.this");
        assert!(has("S3-007", &id, true), "{id}");
        // Only the waived rule: the bucket's other failures stay open.
        assert!(findings
            .iter()
            .filter(|f| f.1 == id && f.0 != "S3-007")
            .all(|f| !f.3));
    }
    // Expired: the finding is open again and gates the exit code.
    assert!(has(
        "RDS-003",
        "main.tf#aws_db_instance.legacy_reporting",
        false
    ));
    let expired: Vec<_> = report
        .waivers
        .iter()
        .filter(|a| a.state == WaiverState::Expired)
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].waiver.rule, "RDS-003");
    assert_eq!(expired[0].waiver.origin.to_string(), "main.tf:41 (inline)");
    // Malformed waivers apply to nothing: their findings stay open.
    assert!(has(
        "LOGS-001",
        "main.tf#aws_cloudwatch_log_group.debug",
        false
    ));
    assert!(has(
        "LOGS-001",
        "main.tf#aws_cloudwatch_log_group.batch",
        false
    ));
    assert!(has("SQS-001", "main.tf#aws_sqs_queue.intake", false));
    // Waived findings are counted apart and never as passes.
    assert_eq!(report.summary.waived.fail, 4);
    assert_eq!(report.summary.waived.pass, 0);
    assert_eq!(report.summary.waivers.active, 4);
}

#[test]
fn cloudformation_metadata_in_yaml_and_json() {
    let out = scan("cloudformation");
    assert_eq!(
        listed(&out),
        [
            s("exports.json:10", "exports.json#ExportQueue", "SQS-001"),
            s("results.yaml:19", "results.yaml#ResultsQueue", "SQS-001"),
            s("results.yaml:32", "results.yaml#AlertsTopic", "SNS-001"),
            s("results.yaml:41", "results.yaml#ArchiveBucket", "S3-001"),
        ]
    );
    assert_eq!(
        out.inline_waivers[1].reason,
        "Queue carries message ids only; results stay in the encrypted table"
    );
    assert_eq!(
        out.inline_waivers[1].owner,
        "lab-integrations@harborview.example"
    );
    let d = diagnostics(&out);
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(
        d[0].starts_with("exports.json:28: inline waiver on ExportTopic: Metadata.safeguard.waive must be a list"),
        "{}",
        d[0]
    );
    assert!(
        d[1].starts_with("results.yaml:44: inline waiver on ArchiveBucket: missing reason"),
        "{}",
        d[1]
    );
    assert!(
        d[2].starts_with(
            "results.yaml:46: inline waiver on ArchiveBucket: unknown field \"expiry\""
        ),
        "{}",
        d[2]
    );

    let report = apply(&out.inventory, &out);
    let state = |rule: &str| {
        report
            .waivers
            .iter()
            .filter(|a| a.waiver.rule == rule)
            .map(|a| a.state)
            .collect::<Vec<_>>()
    };
    assert_eq!(state("SQS-001"), [WaiverState::Active, WaiverState::Active]);
    assert_eq!(state("SNS-001"), [WaiverState::Expired]);
    // The bucket is encrypted: nothing to waive, so the waiver is reported as stale.
    assert_eq!(state("S3-001"), [WaiverState::Stale]);
    let findings = open_and_waived(&report);
    assert!(findings
        .iter()
        .any(|f| f.0 == "SNS-001" && f.1 == "results.yaml#AlertsTopic" && !f.3));
    assert!(findings
        .iter()
        .any(|f| f.0 == "SQS-001" && f.1 == "exports.json#ExportQueue" && f.3));
}

#[test]
fn a_waiver_on_a_block_that_yields_no_checked_resource_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"resource "aws_db_parameter_group" "pg" {
  # safeguard:waive RDS-008 reason="set on the instance" expires=2027-01-01
  name   = "pg"
  family = "postgres16"
}

resource "aws_s3_bucket" "none" {
  count = 0
  # safeguard:waive S3-001 reason="not created" expires=2027-01-01
  bucket = "x"
}
"#,
    )
    .unwrap();
    let out = scan_paths(&[dir.path().to_path_buf()], IacKind::Terraform);
    assert!(out.inline_waivers.is_empty());
    let d = diagnostics(&out);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(d[0].starts_with("main.tf:2: inline waiver on aws_db_parameter_group.pg: no resource that safeguard checks"), "{}", d[0]);
    assert!(
        d[1].starts_with("main.tf:9: inline waiver on aws_s3_bucket.none:"),
        "{}",
        d[1]
    );
}
