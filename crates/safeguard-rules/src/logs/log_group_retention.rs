//! LOGS-001: log groups keep events for at least the audit retention period (six years).

use crate::prelude::*;

pub static RULE: RuleDef<LogGroup> = RuleDef {
    meta: RuleMeta {
        id: "LOGS-001",
        name: "log-group-retention-six-years",
        title: "CloudWatch Logs log groups retain events for at least six years",
        severity: Severity::Medium,
        hipaa: &["164.316(b)(2)(i)", "164.312(b)"],
        source: "Playbook: Step 7: Initial Configuration Checklist (\"Log retention ≥ 6 years\"); Whitepaper: Amazon CloudWatch Logs",
        rationale: "164.316(b)(2)(i) requires that documentation of security actions and \
            assessments be kept six years, and audit records are the evidence an investigation \
            or an OCR audit asks for, often years after the fact. The playbook's Step 7 sets log \
            retention at six years or more; the whitepaper's Amazon CloudWatch Logs section \
            presents CloudWatch Logs as the place to store and access log files. A log group \
            that expires events sooner destroys them unless they are exported elsewhere (S3 \
            with lifecycle rules is cheaper for long-term storage; if you do that, record it as \
            an exception for the group). Never-expire passes. The threshold is the setting \
            audit_log_retention_days (2192 days by default).",
        remediation: Remediation {
            console: "CloudWatch console > Log groups > GROUP > Actions > Edit retention setting > 6 years (2192 days).\n\
                aws logs put-retention-policy --log-group-name GROUP --retention-in-days 2192",
            terraform: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/phi-api\"\n  retention_in_days = 2192\n  kms_key_id        = aws_kms_key.logs.arn\n}",
            cloudformation: "AppLogGroup:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    LogGroupName: /app/phi-api\n    RetentionInDays: 2192\n    KmsKeyId: !GetAtt LogsKey.Arn",
        },
        examples: &[
            Example {
                name: "six years",
                expect: Status::Pass,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:/app/phi-api", "name": "/app/phi-api", "retention_days": 2192}]"#,
            },
            Example {
                name: "never expire",
                expect: Status::Pass,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail/audit", "name": "cloudtrail/audit", "retention_days": null}]"#,
            },
            Example {
                name: "thirty days",
                expect: Status::Fail,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:/app/phi-api", "name": "/app/phi-api", "retention_days": 30}]"#,
            },
            Example {
                name: "five years",
                expect: Status::Fail,
                resources: r#"[{"type": "log_group", "id": "aws_cloudwatch_log_group.app", "name": "app", "retention_days": 1827}]"#,
            },
            Example {
                name: "retention from a variable",
                expect: Status::Unknown,
                resources: r#"[{"type": "log_group", "id": "aws_cloudwatch_log_group.app", "name": "app",
                    "retention_days": {"$unknown": {"reason": "unresolved", "detail": "var.log_retention"}}}]"#,
            },
        ],
    },
    check,
};

fn check(group: &LogGroup, cx: &Context) -> Check {
    let required = cx.settings.audit_log_retention_days;
    Ok(match group.retention_days.need("retention_days")? {
        None => Outcome::pass("events never expire"),
        Some(days) if *days >= required => Outcome::pass(format!("retention is {days} days")),
        Some(days) => Outcome::fail(format!(
            "retention is {days} days; at least {required} required"
        )),
    })
}
