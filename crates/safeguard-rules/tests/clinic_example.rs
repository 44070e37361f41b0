//! The bundled example estate, `examples/clinic/inventory.json` (the fictional Harborview Family
//! Clinic), loads, covers every resource type of the model, and gives the whole rule catalog
//! something to pass, fail and be unsure about.

use safeguard_model::{Inventory, ResourceKind, UnknownReason};
use safeguard_rules::examples::evaluate_all;
use safeguard_rules::{all, find, Status};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/inventory.json")
}

fn load() -> Inventory {
    Inventory::load(&path()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_resource_kind_appears() {
    let inventory = load();
    let present: BTreeSet<ResourceKind> = inventory.resources.iter().map(|r| r.kind()).collect();
    let missing: Vec<&str> = ResourceKind::ALL
        .iter()
        .filter(|k| **k != ResourceKind::Other && !present.contains(k))
        .map(|k| k.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "the example has no resource of kind {missing:?}: add one"
    );
    assert!(
        present.contains(&ResourceKind::Other),
        "the example should hold an `other` resource"
    );
    assert!(
        (60..=120).contains(&inventory.resources.len()),
        "{} resources",
        inventory.resources.len()
    );
}

/// Every key written in the file is a field of the model: serde ignores unknown keys, so a
/// misspelt field would silently become `not_collected`.
#[test]
fn every_field_in_the_file_is_a_model_field() {
    let raw: Json = serde_json::from_str(&std::fs::read_to_string(path()).unwrap()).unwrap();
    let again = serde_json::to_value(load()).unwrap();
    let mut stray = Vec::new();
    subset(&raw, &again, "$", &mut stray);
    assert!(
        stray.is_empty(),
        "keys the model does not know (misspelt or removed fields):\n{}",
        stray.join("\n")
    );
}

fn subset(written: &Json, model: &Json, at: &str, stray: &mut Vec<String>) {
    match (written, model) {
        (Json::Object(w), Json::Object(m)) => {
            for (k, v) in w {
                match m.get(k) {
                    Some(mv) => subset(v, mv, &format!("{at}.{k}"), stray),
                    None => stray.push(format!("{at}.{k}")),
                }
            }
        }
        (Json::Array(w), Json::Array(m)) => {
            for (i, (v, mv)) in w.iter().zip(m).enumerate() {
                subset(v, mv, &format!("{at}[{i}]"), stray);
            }
        }
        _ => {}
    }
}

#[test]
fn coverage_is_complete_but_for_one_failed_read() {
    let inventory = load();
    let failed: Vec<_> = inventory
        .coverage
        .iter()
        .filter(|c| c.is_failure())
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        (failed[0].service.as_str(), failed[0].region.as_str()),
        ("backup", "us-west-2")
    );
    assert!(inventory.is_incomplete());
    // Values unreadable because of access are confined to the place the coverage row names.
    for r in &inventory.resources {
        let json = serde_json::to_string(r).unwrap();
        if json.contains("\"access_denied\"") {
            assert_eq!(
                (r.kind().service(), r.meta().region.as_str()),
                ("backup", "us-west-2"),
                "{}",
                r.meta().id
            );
        }
    }
}

#[test]
fn the_catalog_passes_fails_and_is_unsure() {
    let inventory = load();
    let mut seen = BTreeSet::new();
    let mut not_collected = Vec::new();
    for rule in all() {
        for (id, outcome) in evaluate_all(*rule, &inventory) {
            seen.insert(outcome.status);
            if outcome.status == Status::Unknown {
                let reason = outcome.unknown.unwrap_or_else(|| {
                    panic!("{} on {id}: unknown without a reason", rule.meta().id)
                });
                if reason == UnknownReason::NotCollected {
                    not_collected.push(format!("{} on {id}: {}", rule.meta().id, outcome.message));
                }
            }
        }
    }
    for status in [Status::Pass, Status::Fail, Status::Unknown] {
        assert!(seen.contains(&status), "no {status} outcome on the example");
    }
    assert!(
        not_collected.is_empty(),
        "the example lacks values these rules need (add the fields to examples/clinic/inventory.json):\n{}",
        not_collected.join("\n")
    );
}

/// The findings the example was written to show. A rule not in the catalog (yet) is skipped.
#[test]
fn the_example_tells_its_story() {
    let inventory = load();
    let acct = "111122223333";
    let expectations: &[(&str, String, Status)] = &[
        ("s3-bucket-encrypted-at-rest", "arn:aws:s3:::harborview-patient-documents".into(), Status::Pass),
        ("s3-bucket-denies-insecure-transport", "arn:aws:s3:::harborview-scanned-intake".into(), Status::Fail),
        ("s3-bucket-denies-insecure-transport", "arn:aws:s3:::harborview-patient-documents".into(), Status::Pass),
        ("s3-bucket-access-logging-enabled", "arn:aws:s3:::harborview-scanned-intake".into(), Status::Fail),
        ("rds-instance-transport-encryption-enforced", format!("arn:aws:rds:us-east-1:{acct}:db:ehr-prod"), Status::Fail),
        ("rds-instance-storage-encrypted", format!("arn:aws:rds:us-east-1:{acct}:db:ehr-prod"), Status::Pass),
        ("rds-instance-not-publicly-accessible", format!("arn:aws:rds:us-east-1:{acct}:db:ehr-reporting"), Status::Fail),
        ("ec2-instance-imdsv2-required", format!("arn:aws:ec2:us-east-1:{acct}:instance/i-07c1e5a9d3b2f6481"), Status::Fail),
        ("ec2-instance-imdsv2-required", format!("arn:aws:ec2:us-east-1:{acct}:instance/i-0f2a6c8e1b3d57904"), Status::Pass),
        ("guardduty-enabled-in-every-region", format!("{acct}/us-east-1"), Status::Pass),
        ("guardduty-enabled-in-every-region", format!("{acct}/us-west-2"), Status::Fail),
        ("kms-key-rotation-enabled", format!("arn:aws:kms:us-east-1:{acct}:key/7b21e9d4-03c8-4f6a-b5e2-91a4c8d36f07"), Status::Fail),
        ("elasticache-engine-version-hipaa-eligible", format!("arn:aws:elasticache:us-east-1:{acct}:replicationgroup:portal-sessions"), Status::Fail),
        ("iam-user-console-mfa", format!("arn:aws:iam::{acct}:user/priya.raman"), Status::Fail),
        ("iam-user-console-mfa", format!("arn:aws:iam::{acct}:user/dana.okafor"), Status::Pass),
        ("iam-access-keys-rotated", format!("arn:aws:iam::{acct}:user/ci-deploy"), Status::Fail),
        ("security-group-no-open-ssh", format!("arn:aws:ec2:us-east-1:{acct}:security-group/sg-0b2c3d4e5f6a70822"), Status::Fail),
        ("vpc-flow-logs-enabled", format!("arn:aws:ec2:us-west-2:{acct}:vpc/vpc-0d82b6e41f9a0c357"), Status::Fail),
        ("vpc-flow-logs-enabled", format!("arn:aws:ec2:us-east-1:{acct}:vpc/vpc-0a4f1c2e9b7d36581"), Status::Pass),
        ("cloudtrail-logs-encrypted-with-kms", format!("arn:aws:cloudtrail:us-east-1:{acct}:trail/harborview-audit"), Status::Fail),
        ("config-recorder-recording-in-every-region", format!("{acct}/us-east-1"), Status::Pass),
        ("config-recorder-recording-in-every-region", format!("{acct}/us-west-2"), Status::Fail),
        ("log-group-retention-six-years", format!("arn:aws:logs:us-east-1:{acct}:log-group:/ehr/app"), Status::Fail),
        ("elb-listeners-encrypted", format!("arn:aws:elasticloadbalancing:us-east-1:{acct}:loadbalancer/app/patient-portal/8f3a2c1d9e7b6054"), Status::Fail),
        ("sqs-queue-encrypted-at-rest", format!("arn:aws:sqs:us-east-1:{acct}:intake-processor-failures"), Status::Fail),
        ("sqs-queue-encrypted-at-rest", format!("arn:aws:sqs:us-east-1:{acct}:lab-results-intake"), Status::Pass),
        ("secret-automatic-rotation-enabled", format!("arn:aws:secretsmanager:us-east-1:{acct}:secret:prod/fax-gateway/api-key-Zr4mNp"), Status::Fail),
        ("s3-bucket-policy-not-public", "arn:aws:s3:::harborview-www".into(), Status::Fail),
        ("backup-vault-customer-managed-key", format!("arn:aws:backup:us-west-2:{acct}:backup-vault:phi-vault-dr"), Status::Unknown),
        ("backup-vault-customer-managed-key", format!("arn:aws:backup:us-east-1:{acct}:backup-vault:phi-vault"), Status::Pass),
        ("rds-instance-in-backup-plan", format!("arn:aws:rds:us-east-1:{acct}:db:ehr-prod"), Status::Pass),
        ("resource-in-hipaa-eligible-service", "arn:aws:lightsail:us-east-1:111122223333:Instance/3f9b1d7e-2c4a-4e86-a1b0-c5d7e9f2a4b6".into(), Status::Fail),
        ("resource-in-hipaa-eligible-service", "arn:aws:s3:::harborview-patient-documents".into(), Status::Pass),
        ("resource-name-and-tags-free-of-phi", format!("arn:aws:ssm:us-east-1:{acct}:parameter/intake/reprocess/mrn-00482913"), Status::Fail),
        ("ses-configuration-set-requires-tls", format!("arn:aws:ses:us-east-1:{acct}:configuration-set/appointment-reminders"), Status::Fail),
        ("docdb-cluster-tls-required", format!("arn:aws:rds:us-east-1:{acct}:cluster:care-notes"), Status::Fail),
        ("kinesis-stream-encrypted", format!("arn:aws:kinesis:us-east-1:{acct}:stream/bedside-vitals"), Status::Fail),
    ];
    let mut wrong = Vec::new();
    for (name, id, expect) in expectations {
        let Some(rule) = find(name) else { continue };
        let results = evaluate_all(rule, &inventory);
        match results.iter().find(|(rid, _)| rid == id) {
            None => wrong.push(format!("{name}: no outcome for {id}")),
            Some((_, o)) if o.status != *expect => wrong.push(format!(
                "{name} on {id}: expected {expect}, got {} ({})",
                o.status, o.message
            )),
            Some(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
