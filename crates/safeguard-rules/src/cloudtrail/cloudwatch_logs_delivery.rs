//! CT-004: trails deliver events to CloudWatch Logs for monitoring.

use crate::prelude::*;

pub static RULE: RuleDef<CloudTrailTrail> = RuleDef {
    meta: RuleMeta {
        id: "CT-004",
        name: "cloudtrail-delivers-to-cloudwatch-logs",
        title: "CloudTrail trails deliver events to CloudWatch Logs for monitoring",
        severity: Severity::Low,
        hipaa: &["164.308(a)(1)(ii)(D)", "164.312(b)", "164.308(a)(6)(ii)"],
        source: "Whitepaper: Amazon CloudWatch Logs; AWS CloudTrail; Playbook: Step 7: Initial Configuration Checklist (\"CloudWatch Logs configured\")",
        rationale: "164.308(a)(1)(ii)(D) requires regular review of information system activity \
            records, and 164.308(a)(6)(ii) requires that security incidents be identified and \
            responded to. Log files in S3 are good for retention but nobody reads them in real \
            time. The whitepaper's CloudTrail section describes CloudTrail as the place to \
            continuously monitor account activity, and its Amazon CloudWatch Logs section the \
            service to monitor log files from CloudTrail; delivering the trail to a log group is \
            what makes metric filters and alarms (root sign-in, policy changes, trail stopped) \
            possible. Low severity: the events are still recorded without it.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > TRAIL > CloudWatch Logs > Edit > Enabled, new or \
                existing log group and an IAM role CloudTrail can assume.\n\
                aws cloudtrail update-trail --name TRAIL \
                --cloud-watch-logs-log-group-arn arn:aws:logs:REGION:ACCOUNT:log-group:cloudtrail/audit:* \
                --cloud-watch-logs-role-arn arn:aws:iam::ACCOUNT:role/CloudTrailToCloudWatchLogs",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  # ...\n  cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.trail.arn}:*\"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    # ...\n    CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn\n    CloudWatchLogsRoleArn: !GetAtt TrailToLogsRole.Arn",
        },
        examples: &[
            Example {
                name: "delivers to a log group",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                    "cloudwatch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail/audit:*"}]"#,
            },
            Example {
                name: "s3 only",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                    "cloudwatch_logs_group_arn": null}]"#,
            },
            Example {
                name: "log group reference unresolved in terraform",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudtrail_trail", "id": "aws_cloudtrail.audit", "name": "audit",
                    "cloudwatch_logs_group_arn": {"$unknown": {"reason": "unresolved", "detail": "module.logs.arn"}}}]"#,
            },
        ],
    },
    check,
};

fn check(trail: &CloudTrailTrail, _cx: &Context) -> Check {
    Ok(
        match trail
            .cloudwatch_logs_group_arn
            .need("cloudwatch_logs_group_arn")?
        {
            Some(arn) if !arn.is_empty() => {
                Outcome::pass(format!("delivers to CloudWatch Logs group {arn}"))
            }
            _ => Outcome::fail(
                "trail does not deliver to CloudWatch Logs, so no alarm can watch its events",
            ),
        },
    )
}
