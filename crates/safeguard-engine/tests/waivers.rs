//! Waivers: an overlay on failures and unknowns that skips the exit-code gate, never a pass.

use chrono::NaiveDate;
use safeguard_engine::{
    apply_waivers, evaluate, unknown_rules, ExitCode, Options, Origin, ResourcePattern, Selection,
    Waiver, WaiverState,
};
use safeguard_model::Inventory;
use safeguard_rules::{all, Severity, Status};
use std::path::Path;

const INVENTORY: &str = r#"{"format":"safeguard-inventory","version":1,"generated_at":"2026-11-20T09:00:00Z",
"source":{"kind":"manual"},"resources":[
  {"type":"s3_bucket","id":"arn:aws:s3:::phi-docs","account":"111122223333","default_encryption":null},
  {"type":"s3_bucket","id":"arn:aws:s3:::website","account":"111122223333","default_encryption":null},
  {"type":"s3_bucket","id":"arn:aws:s3:::denied","account":"111122223333",
   "default_encryption":{"$unknown":{"reason":"access_denied"}}}
]}"#;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn waiver(rule: &str, pattern: &str, expires: &str) -> Waiver {
    Waiver {
        rule: rule.into(),
        resource: ResourcePattern::Glob(pattern.into()),
        reason: "accepted".into(),
        owner: "security".into(),
        created: None,
        expires: day(expires),
        origin: Origin::File {
            path: "waivers.yaml".into(),
            line: 3,
        },
    }
}

fn options() -> Options {
    Options {
        selection: Selection {
            include: vec!["S3-001".into()],
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn active_expired_and_stale() {
    let inv = Inventory::parse(INVENTORY, Path::new("inv.json")).unwrap();
    let mut report = evaluate(&inv, all(), &options()).unwrap();
    let score = report.summary.score;
    let counts = report.summary.counts;
    apply_waivers(
        &mut report,
        vec![
            waiver("S3-001", "arn:aws:s3:::web*", "2027-01-31"),
            waiver(
                "s3-bucket-encrypted-at-rest",
                "arn:aws:s3:::denied",
                "2026-01-31",
            ),
            waiver("S3-001", "arn:aws:s3:::nothing-*", "2027-01-31"),
            waiver("RDS-001", "*", "2027-01-31"),
        ],
        day("2026-11-20"),
    );
    let states: Vec<WaiverState> = report.waivers.iter().map(|w| w.state).collect();
    assert_eq!(
        states,
        [
            WaiverState::Active,
            WaiverState::Expired,
            WaiverState::Stale,
            WaiverState::NotRun
        ]
    );
    assert_eq!(
        report.waivers[1].findings.len(),
        1,
        "the expired waiver names what it re-opened"
    );

    let waived: Vec<&str> = report
        .waived()
        .map(|f| report.resource(f).meta().id.as_str())
        .collect();
    assert_eq!(waived, ["arn:aws:s3:::website"]);
    let w = report.waived().next().unwrap();
    assert_eq!(
        w.status,
        Status::Fail,
        "a waived finding stays a failure underneath"
    );
    assert!(!report.gates(w, Severity::Info));
    assert_eq!(report.open().count(), 2);

    // Counts and score are unchanged: a waiver is never a pass.
    assert_eq!(report.summary.score, score);
    assert_eq!(report.summary.counts, counts);
    assert_eq!(report.summary.waived.fail, 1);
    assert_eq!(
        (
            report.summary.waivers.active,
            report.summary.waivers.expired,
            report.summary.waivers.stale
        ),
        (1, 1, 1)
    );
}

#[test]
fn waiving_every_failure_clears_the_gate_but_not_incompleteness() {
    let inv = Inventory::parse(INVENTORY, Path::new("inv.json")).unwrap();
    let mut report = evaluate(&inv, all(), &options()).unwrap();
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Findings);
    apply_waivers(
        &mut report,
        vec![waiver("S3-001", "*", "2027-01-31")],
        day("2027-01-31"),
    );
    assert_eq!(report.waived().count(), 3, "failures and the unknown");
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Clean);
    // The day after expiry, everything is open again.
    apply_waivers(
        &mut report,
        vec![waiver("S3-001", "*", "2027-01-31")],
        day("2027-02-01"),
    );
    assert_eq!(report.waived().count(), 0);
    assert_eq!(report.exit_code(Severity::Info), ExitCode::Findings);
}

#[test]
fn waivers_for_rules_that_do_not_exist_are_found() {
    let ws = vec![
        waiver("S3-001", "*", "2027-01-31"),
        waiver("S3-9999", "*", "2027-01-31"),
    ];
    let bad = unknown_rules(&ws, all());
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].rule, "S3-9999");
}
