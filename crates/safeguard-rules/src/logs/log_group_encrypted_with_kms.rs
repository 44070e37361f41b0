//! LOGS-002: log groups are encrypted with a KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<LogGroup> = RuleDef {
    meta: RuleMeta {
        id: "LOGS-002",
        name: "log-group-encrypted-with-kms",
        title: "CloudWatch Logs log groups are encrypted with a KMS key",
        severity: Severity::Low,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(1)"],
        source: "Whitepaper: Amazon CloudWatch Logs",
        rationale: "Application logs are where PHI leaks by accident (a request body, a patient \
            name in an error). The whitepaper's Amazon CloudWatch Logs section notes that log \
            data is always encrypted at rest, so this is not about encryption as such: a \
            customer managed KMS key adds a second, separately controlled permission \
            (kms:Decrypt) for reading the logs, an audit trail of every decryption, and the \
            ability to make the data unreadable by disabling the key. That serves the access \
            control standard 164.312(a)(1) and the encryption specification 164.312(a)(2)(iv). \
            Low severity because the service-owned encryption already applies.",
        remediation: Remediation {
            console: "Create a KMS key whose policy allows logs.REGION.amazonaws.com to use it, then:\n\
                aws logs associate-kms-key --log-group-name GROUP --kms-key-id KEY_ARN",
            terraform: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/phi-api\"\n  retention_in_days = 2192\n  kms_key_id        = aws_kms_key.logs.arn\n}",
            cloudformation: "AppLogGroup:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    LogGroupName: /app/phi-api\n    RetentionInDays: 2192\n    KmsKeyId: !GetAtt LogsKey.Arn",
        },
        examples: &[
            Example {
                name: "kms key",
                expect: Status::Pass,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:/app/phi-api", "name": "/app/phi-api",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]"#,
            },
            Example {
                name: "service-owned encryption only",
                expect: Status::Fail,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:/app/phi-api", "name": "/app/phi-api", "kms_key_id": null}]"#,
            },
            Example {
                name: "key reference unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "log_group", "id": "aws_cloudwatch_log_group.app", "name": "app",
                    "kms_key_id": {"$unknown": {"reason": "unresolved", "detail": "module.kms.key_arn"}}}]"#,
            },
        ],
    },
    check,
};

fn check(group: &LogGroup, _cx: &Context) -> Check {
    Ok(match group.kms_key_id.need("kms_key_id")? {
        Some(key) if !key.is_empty() => Outcome::pass(format!("encrypted with KMS key {key}")),
        _ => Outcome::fail("no KMS key; only the service-owned encryption applies"),
    })
}
