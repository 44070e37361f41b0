//! OS-006: OpenSearch audit logs are published to CloudWatch Logs.

use crate::prelude::*;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-006",
        name: "opensearch-audit-logs-published",
        title: "OpenSearch Service domains publish audit logs to CloudWatch Logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section notes that CloudTrail \
            captures calls to the configuration API. Who searched or read which documents is \
            recorded only by OpenSearch audit logs (which need fine-grained access control), \
            published to CloudWatch Logs as AUDIT_LOGS. They are the activity records for a \
            system holding ePHI that 164.312(b) requires and that information system activity \
            review (164.308(a)(1)(ii)(D)) reads.",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Logs > Audit logs > Enable, choose a \
                log group (its resource policy must allow es.amazonaws.com), then enable audit \
                logging in OpenSearch Dashboards > Security > Audit logs.\naws opensearch \
                update-domain-config --domain-name DOMAIN --log-publishing-options \
                'AUDIT_LOGS={CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}'",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  log_publishing_options {\n    log_type                 = \"AUDIT_LOGS\"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    LogPublishingOptions:\n      AUDIT_LOGS:\n        CloudWatchLogsLogGroupArn: !GetAtt SearchAuditLogs.Arn\n        Enabled: true",
        },
        examples: &[
            Example {
                name: "audit logs published",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records",
                    "log_publishing": ["AUDIT_LOGS", "ES_APPLICATION_LOGS"]}]"#,
            },
            Example {
                name: "only application logs",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs",
                    "log_publishing": ["ES_APPLICATION_LOGS"]}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    let logs = domain.log_publishing.need("log_publishing")?;
    Ok(
        if logs.iter().any(|l| l.eq_ignore_ascii_case("AUDIT_LOGS")) {
            Outcome::pass("audit logs are published to CloudWatch Logs")
        } else if logs.is_empty() {
            Outcome::fail("no logs are published to CloudWatch Logs")
        } else {
            Outcome::fail(format!(
                "audit logs are not published (only {})",
                logs.join(", ")
            ))
        },
    )
}
