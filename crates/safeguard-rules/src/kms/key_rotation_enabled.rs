//! KMS-001: customer-managed symmetric keys rotate automatically.

use crate::prelude::*;

pub static RULE: RuleDef<KmsKey> = RuleDef {
    meta: RuleMeta {
        id: "KMS-001",
        name: "kms-key-rotation-enabled",
        title: "Customer-managed symmetric KMS keys have automatic rotation enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Using AWS KMS for Encryption of PHI; Encryption and protection of PHI in AWS",
        rationale: "The whitepaper has PHI encrypted under data keys that customer-managed KMS \
            keys protect, and the AWS BAA asks that encryption follow the HHS Guidance, which \
            points to NIST SP 800-111 and, for key management, NIST SP 800-57's limited \
            cryptoperiods. Automatic rotation gives a key new backing material every year (or \
            the configured period) while old ciphertext stays readable, limiting how much PHI \
            any one key version protects. It is part of the encryption mechanism of \
            164.312(a)(2)(iv) and of reducing risk under 164.308(a)(1)(ii)(B). AWS-managed keys \
            rotate on their own, and asymmetric, HMAC, imported-material and custom-key-store \
            keys cannot rotate automatically; these are not applicable, as are keys awaiting \
            deletion (see KMS-002).",
        remediation: Remediation {
            console: "KMS console > Customer managed keys > KEY > Key rotation > tick \
                \"Automatically rotate this KMS key every year\" (or set a period) > Save.\n\
                aws kms enable-key-rotation --key-id KEY_ID --rotation-period-in-days 365",
            terraform: "resource \"aws_kms_key\" \"phi\" {\n  description             = \"PHI data keys\"\n  enable_key_rotation     = true\n  rotation_period_in_days = 365\n  deletion_window_in_days = 30\n}",
            cloudformation: "PhiKey:\n  Type: AWS::KMS::Key\n  Properties:\n    Description: PHI data keys\n    EnableKeyRotation: true\n    RotationPeriodInDays: 365\n    PendingWindowInDays: 30",
        },
        examples: &[
            Example {
                name: "rotation on",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "rotation_enabled": true}]"#,
            },
            Example {
                name: "rotation off",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "rotation_enabled": false}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/aaaa1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "AWS", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "rotation_enabled": true}]"#,
            },
            Example {
                name: "asymmetric signing key",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/bbbb1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "RSA_2048", "origin": "AWS_KMS", "rotation_enabled": false}]"#,
            },
            Example {
                name: "imported key material",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/cccc1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "origin": "EXTERNAL", "rotation_enabled": false}]"#,
            },
            Example {
                name: "rotation status unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/dddd1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS",
                    "rotation_enabled": {"$unknown": {"reason": "access_denied", "detail": "kms:GetKeyRotationStatus"}}}]"#,
            },
        ],
    },
    check,
};

fn check(key: &KmsKey, _cx: &Context) -> Check {
    if key.key_manager.need("key_manager")? != "CUSTOMER" {
        return Ok(Outcome::not_applicable(
            "AWS-managed key: AWS rotates it every year",
        ));
    }
    let spec = key.key_spec.need("key_spec")?;
    if spec != "SYMMETRIC_DEFAULT" {
        return Ok(Outcome::not_applicable(format!(
            "{spec} key: automatic rotation exists only for symmetric encryption keys"
        )));
    }
    if *key.rotation_enabled.need("rotation_enabled")? {
        return Ok(Outcome::pass("automatic key rotation is enabled"));
    }
    // Rotation is off: make sure it could have been on before calling it a failure.
    let state = key.key_state.need("key_state")?;
    if is_pending_deletion(state) {
        return Ok(Outcome::not_applicable(
            "the key is pending deletion (see KMS-002)",
        ));
    }
    let origin = key.origin.need("origin")?;
    if origin != "AWS_KMS" {
        return Ok(Outcome::not_applicable(format!(
            "key material origin is {origin}: automatic rotation is not available; rotate manually"
        )));
    }
    Ok(Outcome::fail("automatic key rotation is disabled"))
}

fn is_pending_deletion(state: &str) -> bool {
    state == "PendingDeletion" || state == "PendingReplicaDeletion"
}
