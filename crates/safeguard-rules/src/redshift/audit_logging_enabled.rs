//! RS-004: Redshift audit logging is on.

use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-004",
        name: "redshift-cluster-audit-logging-enabled",
        title: "Redshift clusters have audit logging enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "CloudTrail records calls to the Redshift API but not who connected to the \
            database or what they did inside it. Redshift audit logging writes connection and \
            user logs to S3 or CloudWatch Logs, the records of activity in a system holding \
            ePHI that 164.312(b) audit controls require and that information system activity \
            review (164.308(a)(1)(ii)(D)) reads. The whitepaper's Amazon Redshift section \
            places the cluster in scope for PHI.",
        remediation: Remediation {
            console: "Redshift console > Clusters > CLUSTER > Properties > Database configurations > \
                Edit audit logging > Turn on, choose CloudWatch or an S3 bucket.\n\
                aws redshift enable-logging --cluster-identifier ID --log-destination-type \
                cloudwatch --log-exports connectionlog userlog useractivitylog",
            terraform: "resource \"aws_redshift_logging\" \"phi\" {\n  cluster_identifier   = aws_redshift_cluster.phi.id\n  log_destination_type = \"cloudwatch\"\n  log_exports          = [\"connectionlog\", \"userlog\", \"useractivitylog\"]\n}",
            cloudformation: "PhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    LoggingProperties:\n      LogDestinationType: cloudwatch\n      LogExports: [connectionlog, userlog, useractivitylog]",
        },
        examples: &[
            Example {
                name: "logging on",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims", "audit_logging": true}]"#,
            },
            Example {
                name: "logging off",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics", "audit_logging": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    Ok(if *cluster.audit_logging.need("audit_logging")? {
        Outcome::pass("audit logging is enabled")
    } else {
        Outcome::fail("audit logging is disabled")
    })
}
