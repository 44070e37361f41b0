//! How each format marks waived findings: apart from the open ones, with the waiver's reason,
//! owner, expiry and origin; SARIF as `suppressions` (`external` for a waivers file,
//! `inSource` for a waiver written in Terraform or CloudFormation), none when expired; JUnit
//! as skipped test cases of type `waived`.

use chrono::NaiveDate;
use safeguard_engine::{
    apply_waivers, evaluate, Options, Origin, Report, ResourcePattern, Selection, Waiver,
};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use safeguard_rules::Severity;
use std::path::Path;

/// Three unencrypted buckets (one declared in Terraform) and a KMS key without rotation.
const INVENTORY: &str = r#"{
  "format": "safeguard-inventory",
  "version": 1,
  "generated_at": "2026-11-20T09:00:00Z",
  "source": {"kind": "mixed", "description": "waiver markers"},
  "resources": [
    {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/0a1b", "name": "0a1b",
     "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
     "key_state": "Enabled", "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS",
     "rotation_enabled": false},
    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-site", "name": "clinic-site",
     "account": "111122223333", "region": "us-east-1", "default_encryption": null},
    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-open", "name": "clinic-open",
     "account": "111122223333", "region": "us-east-1", "default_encryption": null},
    {"type": "s3_bucket", "id": "main.tf#aws_s3_bucket.intake", "name": "intake",
     "location": {"file": "main.tf", "line": 12, "address": "aws_s3_bucket.intake"},
     "default_encryption": null}
  ]
}"#;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn waiver(
    rule: &str,
    resource: ResourcePattern,
    reason: &str,
    owner: &str,
    expires: &str,
    origin: Origin,
) -> Waiver {
    Waiver {
        rule: rule.into(),
        resource,
        reason: reason.into(),
        owner: owner.into(),
        created: None,
        expires: date(expires),
        origin,
    }
}

/// S3-001 on `clinic-site` waived by a waivers file, S3-001 on the Terraform bucket waived
/// inline, KMS-001 under an expired waiver, and a stale waiver; `clinic-open` stays open.
fn report(inv: &Inventory) -> Report<'_> {
    let options = Options {
        selection: Selection {
            include: vec!["KMS-001".into(), "S3-001".into()],
            ..Selection::default()
        },
        ..Options::default()
    };
    let mut r = evaluate(inv, safeguard_rules::all(), &options).unwrap();
    r.evaluated_at = "2026-11-20T10:00:00Z".parse().unwrap();
    r.duration = std::time::Duration::from_millis(7);
    let file = |line| Origin::File {
        path: "waivers.yaml".into(),
        line,
    };
    apply_waivers(
        &mut r,
        vec![
            waiver(
                "S3-001",
                ResourcePattern::Glob("arn:aws:s3:::clinic-site*".into()),
                "Public <b>marketing</b> site | no PHI",
                "web@clinic.example",
                "2027-05-01",
                file(3),
            ),
            waiver(
                "KMS-001",
                ResourcePattern::Glob("*".into()),
                "Rotation handled by the HSM team",
                "security",
                "2026-10-01",
                file(10),
            ),
            waiver(
                "S3-001",
                ResourcePattern::Glob("arn:aws:s3:::gone".into()),
                "Bucket deleted",
                "ops",
                "2027-01-01",
                file(17),
            ),
            waiver(
                "S3-001",
                ResourcePattern::Exact("main.tf#aws_s3_bucket.intake".into()),
                "Scanner drop box, emptied hourly",
                "",
                "2027-03-31",
                Origin::Inline {
                    file: "main.tf".into(),
                    line: 14,
                },
            ),
        ],
        date("2026-11-20"),
    );
    r
}

fn inventory() -> Inventory {
    Inventory::parse(INVENTORY, Path::new("estate.json")).unwrap()
}

fn opts() -> RenderOptions {
    RenderOptions {
        color: false,
        fail_on: Severity::Low,
        show_passes: false,
        inventory_path: Some("estate.json".into()),
        history: Vec::new(),
    }
}

#[test]
fn the_report_under_test_has_each_kind_of_waiver() {
    let inv = inventory();
    let r = report(&inv);
    assert_eq!(r.waived().count(), 2);
    let c = r.summary.waivers;
    assert_eq!((c.active, c.expired, c.stale), (2, 1, 1));
}

#[test]
fn csv_has_waiver_columns() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Csv, &opts());
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let row = |id: &str, rule: &str| {
        rows.iter()
            .find(|r| &r[col("resource_id")] == id && &r[col("rule_id")] == rule)
            .unwrap_or_else(|| panic!("no row for {rule} {id}"))
            .clone()
    };
    let site = row("arn:aws:s3:::clinic-site", "S3-001");
    assert_eq!(
        &site[col("status")],
        "fail",
        "a waived finding is not a pass"
    );
    assert_eq!(&site[col("waived")], "true");
    assert_eq!(&site[col("gates")], "false");
    assert_eq!(
        &site[col("waiver_reason")],
        "Public <b>marketing</b> site | no PHI"
    );
    assert_eq!(&site[col("waiver_owner")], "web@clinic.example");
    assert_eq!(&site[col("waiver_expires")], "2027-05-01");
    assert_eq!(&site[col("waiver_origin")], "waivers.yaml:3");
    let intake = row("main.tf#aws_s3_bucket.intake", "S3-001");
    assert_eq!(&intake[col("waived")], "true");
    assert_eq!(&intake[col("waiver_origin")], "main.tf:14 (inline)");
    // Expired waiver and no waiver: open, gating, empty waiver cells.
    for r in [
        row("arn:aws:kms:us-east-1:111122223333:key/0a1b", "KMS-001"),
        row("arn:aws:s3:::clinic-open", "S3-001"),
    ] {
        assert_eq!(&r[col("waived")], "false");
        assert_eq!(&r[col("gates")], "true");
        assert_eq!(&r[col("waiver_reason")], "");
        assert_eq!(&r[col("waiver_expires")], "");
    }
}

#[test]
fn sarif_suppressions_validate_and_say_where_the_waiver_is_written() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Sarif, &opts());
    let instance: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let results = instance["runs"][0]["results"].as_array().unwrap();
    // Waived findings stay results (dismissed, not deleted).
    assert_eq!(results.len(), 4);
    let by = |fqn: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == fqn)
            .unwrap_or_else(|| panic!("no result for {fqn}"))
    };
    let site = &by("arn:aws:s3:::clinic-site")["suppressions"];
    assert_eq!(site.as_array().unwrap().len(), 1);
    assert_eq!(site[0]["kind"], "external");
    assert_eq!(site[0]["status"], "accepted");
    assert_eq!(
        site[0]["justification"],
        "Public <b>marketing</b> site | no PHI"
    );
    assert_eq!(site[0]["properties"]["owner"], "web@clinic.example");
    assert_eq!(site[0]["properties"]["expires"], "2027-05-01");
    let intake = &by("aws_s3_bucket.intake")["suppressions"];
    assert_eq!(intake[0]["kind"], "inSource");
    assert_eq!(
        intake[0]["justification"],
        "Scanner drop box, emptied hourly"
    );
    assert_eq!(intake[0]["properties"]["origin"], "main.tf:14 (inline)");
    assert!(intake[0]["properties"].get("owner").is_none());
    // Expired: no suppression, the result is open.
    assert!(by("arn:aws:kms:us-east-1:111122223333:key/0a1b")
        .get("suppressions")
        .is_none());
    assert!(by("arn:aws:s3:::clinic-open").get("suppressions").is_none());
}

#[test]
fn html_marks_waived_findings_and_lists_every_waiver() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Html, &opts());
    assert!(out.contains("<span class=\"status s-waived\">waived</span>"));
    assert_eq!(out.matches("<tr class=\"waived\">").count(), 2);
    assert!(out.contains(
        "<strong>Waived:</strong> Public &lt;b&gt;marketing&lt;/b&gt; site | no PHI · owner web@clinic.example · expires 2027-05-01 · file waiver <code>waivers.yaml:3</code>"
    ));
    assert!(out.contains(
        "<strong>Waived:</strong> Scanner drop box, emptied hourly · expires 2027-03-31 · inline waiver <code>main.tf:14 (inline)</code>"
    ));
    assert!(out.contains("<section id=\"waivers\">"));
    assert!(out.contains("Waivers: 2 active, <span class=\"w-expired\">1 expired</span>, <span class=\"w-stale\">1 stale</span>"));
    assert!(out.contains("<td class=\"w-expired\">expired</td><td><code>KMS-001</code>"));
    assert!(out.contains("<td class=\"w-stale\">stale</td><td><code>S3-001</code></td><td><code>arn:aws:s3:::gone</code>"));
    assert!(!out.contains("<b>marketing"), "reasons are escaped");
}

#[test]
fn markdown_lists_waived_findings_apart() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Markdown, &opts());
    assert!(out.contains("· 2 failed · 0 unknown · 2 waived ·"), "{out}");
    let (top, rest) = out
        .split_once("### Waived findings (2)")
        .expect("a waived section");
    let top = &top[top.find("### Top findings").expect("open findings")..];
    assert!(top.contains("clinic-open"));
    assert!(
        !top.contains("clinic-site"),
        "waived findings are not top findings"
    );
    assert!(!top.contains("aws_s3_bucket.intake"));
    assert!(rest.contains(
        "| waived (fail) | `S3-001` | `arn:aws:s3:::clinic-site` | Public &lt;b&gt;marketing&lt;/b&gt; site \\| no PHI | web\\@clinic.example | 2027-05-01 | file `waivers.yaml:3` |"
    ), "{rest}");
    assert!(rest.contains(
        "| waived (fail) | `S3-001` | `main.tf:12 aws_s3_bucket.intake` | Scanner drop box, emptied hourly |  | 2027-03-31 | inline `main.tf:14 (inline)` |"
    ), "{rest}");
    assert!(
        rest.contains(
            "waiver `KMS-001` on `*` (file `waivers.yaml:10`): expired 2026-10-01: 1 open again"
        ),
        "{rest}"
    );
    assert!(
        rest.contains("waiver `S3-001` on `arn:aws:s3:::gone` (file `waivers.yaml:17`): stale"),
        "{rest}"
    );
}

#[test]
fn terminal_lists_waived_findings_with_their_waiver() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Terminal, &opts());
    let (_, waived) = out
        .split_once("Waived: 2 findings")
        .expect("a waived section");
    assert!(
        waived
            .contains("Scanner drop box, emptied hourly (expires 2027-03-31, main.tf:14 (inline))"),
        "{waived}"
    );
    assert!(
        waived.contains("(owner web@clinic.example, expires 2027-05-01, waivers.yaml:3)"),
        "{waived}"
    );
}

#[test]
fn junit_skips_waived_failures_with_the_waiver() {
    let inv = inventory();
    let out = render(&report(&inv), Format::Junit, &opts());
    let parsed = quick_junit::Report::deserialize_from_str(&out).expect("valid JUnit XML");
    // Four failures in the estate: two waived (skipped), two open.
    assert_eq!((parsed.tests, parsed.failures, parsed.skipped), (4, 2, 2));
    assert!(out.contains(
        "waived (fail): Scanner drop box, emptied hourly — expires 2027-03-31, main.tf:14 (inline)"
    ), "{out}");
    assert!(out.contains("type=\"waived\""));
    assert_eq!(out.matches("name=\"waived\" value=\"true\"").count(), 2);
}
