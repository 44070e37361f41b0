//! CT-002: trails have log file integrity validation enabled.

use crate::prelude::*;

pub static RULE: RuleDef<CloudTrailTrail> = RuleDef {
    meta: RuleMeta {
        id: "CT-002",
        name: "cloudtrail-log-file-validation-enabled",
        title: "CloudTrail trails have log file integrity validation enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(c)(1)", "164.312(c)(2)", "164.312(b)"],
        source: "Whitepaper: AWS CloudTrail; Playbook: Step 6: Enable Core Security Services (\"Enable log file validation\")",
        rationale: "An audit trail is only evidence if it can be shown not to have been altered. \
            The whitepaper's AWS CloudTrail section calls CloudTrail the final destination for AWS \
            log entries and a critical component of any architecture that handles PHI, and says \
            log file integrity validation should be enabled and the digest files reviewed, so \
            that a positive assertion can be made that the logs were not changed. That is the \
            integrity standard of 164.312(c)(1) and the mechanism to corroborate it of \
            164.312(c)(2), applied to the audit records 164.312(b) requires.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > TRAIL > General details > Edit > Log file validation: Enabled.\n\
                aws cloudtrail update-trail --name TRAIL --enable-log-file-validation\n\
                Verify later with: aws cloudtrail validate-logs --trail-arn TRAIL_ARN --start-time 2026-01-01T00:00:00Z",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  # ...\n  enable_log_file_validation = true\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    # ...\n    EnableLogFileValidation: true",
        },
        examples: &[
            Example {
                name: "validation on",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit",
                    "name": "audit", "log_file_validation": true}]"#,
            },
            Example {
                name: "validation off",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit",
                    "name": "audit", "log_file_validation": false}]"#,
            },
            Example {
                name: "terraform value known only after apply",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudtrail_trail", "id": "aws_cloudtrail.audit", "name": "audit",
                    "log_file_validation": {"$unknown": {"reason": "unresolved", "detail": "var.validate_logs"}}}]"#,
            },
        ],
    },
    check,
};

fn check(trail: &CloudTrailTrail, _cx: &Context) -> Check {
    Ok(if *trail.log_file_validation.need("log_file_validation")? {
        Outcome::pass("log file validation is enabled")
    } else {
        Outcome::fail(
            "log file validation is disabled; tampering with delivered logs would go undetected",
        )
    })
}
