//! The bundled Terraform project and CloudFormation template of the example clinic
//! (`examples/clinic/terraform`, `examples/clinic/cloudformation`) scan without diagnostics
//! and show the findings they were written to show, at the file and line that declares them.

use safeguard_engine::{evaluate, Options};
use safeguard_iac::{scan_paths, IacKind};
use safeguard_rules::Status;
use std::path::PathBuf;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic")
}

/// `(rule id, status, "file:line", address)` for every finding of the scan.
fn findings() -> Vec<(String, Status, String, String)> {
    let out = scan_paths(&[examples()], IacKind::All);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let report = evaluate(&out.inventory, safeguard_rules::all(), &Options::default()).unwrap();
    report
        .findings
        .iter()
        .map(|f| {
            let r = &out.inventory.resources[f.resource as usize];
            let l = r.meta().location.clone().unwrap_or_default();
            (
                report.rules[f.rule as usize].meta().id.to_string(),
                f.status,
                format!("{}:{}", l.file, l.line),
                l.address,
            )
        })
        .collect()
}

#[test]
fn clinic_iac_findings_with_file_and_line() {
    let all = findings();
    if std::env::var_os("SAFEGUARD_PRINT_FINDINGS").is_some() {
        let out = scan_paths(&[examples()], IacKind::All);
        let report = evaluate(&out.inventory, safeguard_rules::all(), &Options::default()).unwrap();
        for f in &report.findings {
            let l = out.inventory.resources[f.resource as usize]
                .meta()
                .location
                .clone()
                .unwrap_or_default();
            eprintln!(
                "{} {} {}:{} {} {}",
                report.rules[f.rule as usize].meta().id,
                f.status,
                l.file,
                l.line,
                l.address,
                f.message
            );
        }
    }
    let bucket = |k: &str| format!("module.phi_bucket[\"{k}\"].aws_s3_bucket.this");
    let documents = bucket("documents");
    let expect: &[(&str, Status, &str, &str)] = &[
        // Terraform: split S3 resources, a for_each module, tfvars, a parameter group.
        (
            "S3-002",
            Status::Fail,
            "terraform/main.tf:33",
            "aws_s3_bucket.scanned_intake",
        ),
        (
            "S3-003",
            Status::Fail,
            "terraform/main.tf:33",
            "aws_s3_bucket.scanned_intake",
        ),
        (
            "S3-001",
            Status::Pass,
            "terraform/main.tf:33",
            "aws_s3_bucket.scanned_intake",
        ),
        (
            "S3-001",
            Status::Pass,
            "terraform/modules/phi-bucket/main.tf:17",
            &documents,
        ),
        (
            "S3-002",
            Status::Pass,
            "terraform/modules/phi-bucket/main.tf:17",
            &documents,
        ),
        (
            "S3-003",
            Status::Pass,
            "terraform/modules/phi-bucket/main.tf:17",
            &documents,
        ),
        (
            "RDS-001",
            Status::Pass,
            "terraform/database.tf:16",
            "aws_db_instance.ehr",
        ),
        (
            "RDS-008",
            Status::Pass,
            "terraform/database.tf:16",
            "aws_db_instance.ehr",
        ),
        (
            "RDS-001",
            Status::Fail,
            "terraform/database.tf:37",
            "aws_db_instance.reporting",
        ),
        (
            "RDS-003",
            Status::Fail,
            "terraform/database.tf:37",
            "aws_db_instance.reporting",
        ),
        (
            "EC2-008",
            Status::Fail,
            "terraform/network.tf:42",
            "aws_security_group.admin",
        ),
        (
            "EC2-008",
            Status::Pass,
            "terraform/network.tf:14",
            "aws_security_group.web",
        ),
        (
            "EC2-014",
            Status::Fail,
            "terraform/network.tf:58",
            "aws_launch_template.portal",
        ),
        (
            "VPC-001",
            Status::Pass,
            "terraform/network.tf:1",
            "aws_vpc.main",
        ),
        (
            "CT-003",
            Status::Fail,
            "terraform/logging.tf:1",
            "aws_cloudtrail.audit",
        ),
        (
            "LOGS-001",
            Status::Fail,
            "terraform/logging.tf:24",
            "aws_cloudwatch_log_group.ehr_app",
        ),
        (
            "LOGS-002",
            Status::Pass,
            "terraform/logging.tf:12",
            "aws_cloudwatch_log_group.trail",
        ),
        // CloudFormation: short tags, parameters, a condition.
        (
            "SQS-001",
            Status::Pass,
            "cloudformation/clinic.yaml:38",
            "ResultsQueue",
        ),
        (
            "SQS-001",
            Status::Fail,
            "cloudformation/clinic.yaml:48",
            "FailuresQueue",
        ),
        (
            "SNS-001",
            Status::Fail,
            "cloudformation/clinic.yaml:54",
            "AlertsTopic",
        ),
        (
            "DDB-002",
            Status::Pass,
            "cloudformation/clinic.yaml:62",
            "ResultsTable",
        ),
        (
            "LOGS-001",
            Status::Pass,
            "cloudformation/clinic.yaml:85",
            "ProcessorLogs",
        ),
        (
            "S3-003",
            Status::Pass,
            "cloudformation/clinic.yaml:92",
            "ArchiveBucket",
        ),
        (
            "S3-001",
            Status::Fail,
            "cloudformation/clinic.yaml:129",
            "ExportBucket",
        ),
        (
            "S3-002",
            Status::Fail,
            "cloudformation/clinic.yaml:129",
            "ExportBucket",
        ),
    ];
    let mut wrong = Vec::new();
    for (rule, status, at, address) in expect {
        let hit = all
            .iter()
            .any(|f| f.0 == *rule && f.1 == *status && f.2 == *at && f.3 == *address);
        if !hit {
            wrong.push(format!("{rule} {status} at {at} {address}"));
        }
    }
    assert!(wrong.is_empty(), "missing:\n{}", wrong.join("\n"));
}

/// The example shows an inline waiver: an accepted risk on the EHR app's log retention,
/// written in the Terraform next to the log group, with a reason, an owner and an expiry.
#[test]
fn clinic_terraform_carries_one_inline_waiver() {
    let out = scan_paths(&[examples()], IacKind::All);
    let w: Vec<_> = out
        .inline_waivers
        .iter()
        .map(|w| {
            (
                w.rule.as_str(),
                w.resource_id.as_str(),
                format!("{}:{}", w.file, w.line),
                w.expires.as_str(),
                w.owner.as_str(),
            )
        })
        .collect();
    assert_eq!(
        w,
        [(
            "LOGS-001",
            "terraform/logging.tf#aws_cloudwatch_log_group.ehr_app",
            "terraform/logging.tf:28".to_string(),
            "2027-03-31",
            "clinical-apps@harborview.example",
        )]
    );
    assert!(out.inline_waivers[0].to_waiver().is_ok());
}
