//! Engine behaviour: selection, scope, roll-ups, exit codes, determinism.

use safeguard_engine::{evaluate, ExitCode, Options, Scope, SectionStatus, Selection};
use safeguard_model::Inventory;
use safeguard_rules::{all, Severity, Status};
use std::path::Path;

fn inventory(resources: &str, coverage: &str) -> Inventory {
    let text = format!(
        r#"{{"format":"safeguard-inventory","version":1,"generated_at":"2026-11-20T09:00:00Z",
        "source":{{"kind":"manual"}},"coverage":{coverage},"resources":{resources}}}"#
    );
    Inventory::parse(&text, Path::new("test.json")).unwrap()
}

const BUCKETS: &str = r#"[
  {"type":"s3_bucket","id":"arn:aws:s3:::phi-docs","account":"111122223333","tags":{"phi":"true"},"default_encryption":null},
  {"type":"s3_bucket","id":"arn:aws:s3:::website","account":"111122223333","tags":{"phi":"false"},"default_encryption":null},
  {"type":"s3_bucket","id":"arn:aws:s3:::denied","account":"111122223333","tags":{"phi":"true"},
   "default_encryption":{"$unknown":{"reason":"access_denied","detail":"s3:GetEncryptionConfiguration"}}},
  {"type":"account","id":"111122223333","account":"111122223333","root_mfa_enabled":true}
]"#;

fn only(ids: &[&str]) -> Options {
    Options {
        selection: Selection {
            include: ids.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn outcomes_per_resource() {
    let inv = inventory(BUCKETS, "[]");
    let report = evaluate(&inv, all(), &only(&["S3-001", "ACCT-001"])).unwrap();
    let statuses: Vec<(String, Status)> = report
        .findings
        .iter()
        .map(|f| (report.resource(f).meta().id.clone(), f.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("111122223333".to_string(), Status::Pass),
            ("arn:aws:s3:::phi-docs".to_string(), Status::Fail),
            ("arn:aws:s3:::website".to_string(), Status::Fail),
            ("arn:aws:s3:::denied".to_string(), Status::Unknown),
        ]
    );
    let denied = &report.findings[3];
    assert!(
        denied.message.contains("access_denied"),
        "{}",
        denied.message
    );
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Findings);
}

#[test]
fn unknown_selection_is_an_error() {
    let inv = inventory(BUCKETS, "[]");
    let err = evaluate(&inv, all(), &only(&["S3-999"]))
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("S3-999"));
}

#[test]
fn prefix_and_severity_selection() {
    let inv = inventory(BUCKETS, "[]");
    let by_prefix = evaluate(&inv, all(), &only(&["S3-"])).unwrap();
    assert!(by_prefix
        .rules
        .iter()
        .all(|r| r.meta().id.starts_with("S3-")));
    let critical = Options {
        selection: Selection {
            min_severity: Some(Severity::Critical),
            ..Default::default()
        },
        ..Default::default()
    };
    let report = evaluate(&inv, all(), &critical).unwrap();
    assert!(report
        .rules
        .iter()
        .all(|r| r.meta().severity == Severity::Critical));
}

#[test]
fn scope_by_tag_keeps_out_of_scope_findings_out_of_the_gate() {
    let inv = inventory(BUCKETS, "[]");
    let mut options = only(&["S3-001", "ACCT-001"]);
    options.scope = Scope {
        tags: vec![("phi".into(), "true".into())],
        ..Default::default()
    };
    let report = evaluate(&inv, all(), &options).unwrap();
    let website = report
        .findings
        .iter()
        .find(|f| report.resource(f).meta().id == "arn:aws:s3:::website")
        .unwrap();
    assert!(!website.in_scope);
    // The account is account-wide, so it stays in scope whatever the tags.
    assert!(
        report
            .findings
            .iter()
            .find(|f| report.resource(f).meta().id == "111122223333")
            .unwrap()
            .in_scope
    );
    assert_eq!(report.summary.out_of_scope.fail, 1);
    assert_eq!(report.summary.counts.fail, 1);
}

#[test]
fn unknown_counts_against_the_score_and_sections() {
    let inv = inventory(
        r#"[{"type":"s3_bucket","id":"a","default_encryption":{"$unknown":{"reason":"timeout"}}}]"#,
        "[]",
    );
    let report = evaluate(&inv, all(), &only(&["S3-001"])).unwrap();
    assert_eq!(report.summary.score, Some(0.0));
    let technical = report
        .summary
        .families
        .iter()
        .find(|f| f.family.as_str() == "technical")
        .unwrap();
    let encryption = technical
        .sections
        .iter()
        .find(|s| s.id == "164.312(a)(2)(iv)")
        .unwrap();
    assert_eq!(encryption.status, SectionStatus::Unknown);
    // Sections no rule that ran cites need an attestation.
    let physical = report
        .summary
        .families
        .iter()
        .find(|f| f.family.as_str() == "physical")
        .unwrap();
    assert!(physical
        .sections
        .iter()
        .all(|s| s.status == SectionStatus::NotAssessed));
    assert_eq!(physical.score, None);
}

#[test]
fn incomplete_collection_exits_3_unless_findings_demand_1() {
    let coverage = r#"[{"account":"111122223333","region":"us-east-1","service":"s3",
        "status":{"failed":{"reason":"access_denied","detail":"s3:ListAllMyBuckets"}}}]"#;
    let clean = inventory(
        r#"[{"type":"s3_bucket","id":"a","default_encryption":{"algorithm":"AES256"}}]"#,
        coverage,
    );
    let report = evaluate(&clean, all(), &only(&["S3-001"])).unwrap();
    assert!(report.summary.incomplete);
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Incomplete);

    let failing = inventory(
        r#"[{"type":"s3_bucket","id":"a","default_encryption":null}]"#,
        coverage,
    );
    let report = evaluate(&failing, all(), &only(&["S3-001"])).unwrap();
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Findings);
    // Above the failure's severity the gate opens, and incompleteness decides.
    assert_eq!(report.exit_code(Severity::Critical), ExitCode::Incomplete);
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let resources: Vec<String> = (0..20_000)
        .map(|i| {
            let enc = if i % 3 == 0 {
                "null"
            } else {
                r#"{"algorithm":"AES256"}"#
            };
            format!(r#"{{"type":"s3_bucket","id":"b{i}","default_encryption":{enc}}}"#)
        })
        .collect();
    let inv = inventory(&format!("[{}]", resources.join(",")), "[]");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let r = evaluate(&inv, all(), &Options::default()).unwrap();
            r.findings
                .iter()
                .map(|f| (f.rule, f.resource, f.status))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(run(1), run(4));
}
