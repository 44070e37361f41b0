//! KMS-002: customer-managed keys are not scheduled for deletion.

use crate::prelude::*;

pub static RULE: RuleDef<KmsKey> = RuleDef {
    meta: RuleMeta {
        id: "KMS-002",
        name: "kms-key-not-pending-deletion",
        title: "Customer-managed KMS keys are not scheduled for deletion",
        severity: Severity::High,
        hipaa: &["164.312(c)(1)", "164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Using AWS KMS for Encryption of PHI (\"data encryption keys would be protected by a customer's KMS keys\")",
        rationale: "Once a KMS key is deleted, every data key it protects, and so every piece of \
            PHI encrypted under it in S3, EBS, RDS, backups and snapshots, becomes permanently \
            unreadable; AWS cannot recover it. A key in PendingDeletion is inside its 7-30 day \
            waiting period, the only window in which the deletion can be cancelled. Integrity \
            (164.312(c)(1)) forbids improper destruction of ePHI and the contingency plan \
            (164.308(a)(7)(i), data backup 164.308(a)(7)(ii)(A)) needs backups that can still be \
            decrypted. If the deletion is an intended disposal, record the decision and confirm \
            that no data or backup still depends on the key. Disabled keys are reported as \
            passing here: disabling is reversible.",
        remediation: Remediation {
            console: "KMS console > Customer managed keys > KEY > Key actions > Cancel key \
                deletion, then Key actions > Enable. Before deleting any key, check CloudTrail \
                for recent Decrypt calls and disable it first for a trial period.\n\
                aws kms cancel-key-deletion --key-id KEY_ID && aws kms enable-key --key-id KEY_ID",
            terraform: "resource \"aws_kms_key\" \"phi\" {\n  description             = \"PHI data keys\"\n  enable_key_rotation     = true\n  deletion_window_in_days = 30\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}",
            cloudformation: "PhiKey:\n  Type: AWS::KMS::Key\n  DeletionPolicy: Retain\n  UpdateReplacePolicy: Retain\n  Properties:\n    EnableKeyRotation: true\n    PendingWindowInDays: 30",
        },
        examples: &[
            Example {
                name: "enabled key",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled", "deletion_date": null}]"#,
            },
            Example {
                name: "disabled but not scheduled",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Disabled", "deletion_date": null}]"#,
            },
            Example {
                name: "scheduled for deletion",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "PendingDeletion",
                    "deletion_date": "2026-11-27T00:00:00Z"}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/aaaa1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "AWS", "key_state": "Enabled"}]"#,
            },
            Example {
                name: "key metadata unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/dddd1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "key_state": {"$unknown": {"reason": "access_denied", "detail": "kms:DescribeKey"}}}]"#,
            },
        ],
    },
    check,
};

fn check(key: &KmsKey, cx: &Context) -> Check {
    if key.key_manager.need("key_manager")? != "CUSTOMER" {
        return Ok(Outcome::not_applicable(
            "AWS-managed key: it cannot be scheduled for deletion",
        ));
    }
    let state = key.key_state.need("key_state")?;
    if state != "PendingDeletion" && state != "PendingReplicaDeletion" {
        return Ok(Outcome::pass(format!(
            "the key is {state}, not scheduled for deletion"
        )));
    }
    // The date only makes the finding more useful.
    Ok(Outcome::fail(match key.deletion_date.known() {
        Some(Some(when)) => {
            let days = -cx.days_since(*when);
            format!(
                "the key is scheduled for deletion on {} ({days} days left to cancel); data encrypted under it will become unreadable",
                when.format("%Y-%m-%d")
            )
        }
        _ => format!(
            "the key is {state}; data encrypted under it will become unreadable once it is deleted"
        ),
    }))
}
