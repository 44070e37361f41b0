//! CT-003: trails encrypt their log files with SSE-KMS.

use crate::prelude::*;

pub static RULE: RuleDef<CloudTrailTrail> = RuleDef {
    meta: RuleMeta {
        id: "CT-003",
        name: "cloudtrail-logs-encrypted-with-kms",
        title: "CloudTrail trails encrypt log files with a KMS key (SSE-KMS)",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.312(b)", "164.312(a)(1)"],
        source: "Whitepaper: AWS CloudTrail; Playbook: Step 6: Enable Core Security Services (\"Store logs in dedicated S3 bucket (encrypted)\")",
        rationale: "The whitepaper's AWS CloudTrail section says an encrypted trail should be \
            created when the potential exists to log PHI, and that SSE-KMS gives additional \
            management over the keys than the SSE-S3 default. With a customer managed key, \
            reading the audit trail needs both S3 access and kms:Decrypt on a key whose policy \
            the security team controls, and every decryption is itself logged. That separates \
            who may read audit records (164.312(a)(1)) and applies the encryption specification \
            of 164.312(a)(2)(iv) to the records 164.312(b) requires.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > TRAIL > General details > Edit > Log file SSE-KMS \
                encryption: Enabled, choose or create a key (its policy must allow \
                cloudtrail.amazonaws.com kms:GenerateDataKey*).\n\
                aws cloudtrail update-trail --name TRAIL --kms-key-id KEY_ARN",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  # ...\n  kms_key_id = aws_kms_key.trail.arn\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    # ...\n    KMSKeyId: !GetAtt TrailKey.Arn",
        },
        examples: &[
            Example {
                name: "sse-kms",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit",
                    "name": "audit", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]"#,
            },
            Example {
                name: "sse-s3 only",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit",
                    "name": "audit", "kms_key_id": null}]"#,
            },
            Example {
                name: "trail configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit",
                    "name": "audit", "kms_key_id": {"$unknown": {"reason": "access_denied", "detail": "cloudtrail:DescribeTrails"}}}]"#,
            },
        ],
    },
    check,
};

fn check(trail: &CloudTrailTrail, _cx: &Context) -> Check {
    Ok(match trail.kms_key_id.need("kms_key_id")? {
        Some(key) if !key.is_empty() => {
            Outcome::pass(format!("log files are encrypted with KMS key {key}"))
        }
        _ => Outcome::fail("log files use SSE-S3 only; no KMS key is configured"),
    })
}
