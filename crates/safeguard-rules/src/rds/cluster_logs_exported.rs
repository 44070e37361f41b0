//! RDS-018: DB clusters export their audit-relevant logs to CloudWatch Logs.

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-018",
        name: "rds-cluster-logs-exported",
        title: "Aurora and Multi-AZ DB clusters export database logs to CloudWatch Logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Logging & Monitoring (\"CloudWatch Logs configured\", \"Log retention ≥ 6 years\"); Whitepaper: Amazon Aurora; Amazon Aurora PostgreSQL",
        rationale: "Aurora log exports are configured on the cluster. Without them the record of \
            who connected to the PHI database and what they ran stays on the instances, rotates \
            away and cannot be kept for the six years the playbook asks (164.312(b) audit \
            controls, 164.308(a)(1)(ii)(D) activity review). Required: `postgresql` for Aurora \
            PostgreSQL and PostgreSQL clusters; `audit` for Aurora MySQL, which also needs \
            `server_audit_logging` = 1 in the cluster parameter group (default 0) or the \
            exported stream stays empty; at least one log type for other engines.",
        remediation: Remediation {
            console: "RDS console > cluster > Modify > Log exports > tick the audit log types > Apply immediately. For Aurora MySQL also set server_audit_logging = 1 and server_audit_events in the cluster parameter group.\n\
                aws rds modify-db-cluster --db-cluster-identifier CLUSTER --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"audit\",\"error\"]}' --apply-immediately",
            terraform: "resource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  enabled_cloudwatch_logs_exports = [\"audit\", \"error\"] # aurora-postgresql: [\"postgresql\"]\n}\n\nresource \"aws_rds_cluster_parameter_group\" \"phi\" {\n  name   = \"phi-aurora-mysql8\"\n  family = \"aurora-mysql8.0\"\n  parameter {\n    name  = \"server_audit_logging\"\n    value = \"1\"\n  }\n  parameter {\n    name  = \"server_audit_events\"\n    value = \"CONNECT,QUERY_DML,QUERY_DDL\"\n  }\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    EnableCloudwatchLogsExports: [audit, error]\n    DBClusterParameterGroupName: !Ref PhiClusterParams",
        },
        examples: &[
            Example {
                name: "aurora postgresql exporting its log",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "engine": "aurora-postgresql", "cloudwatch_logs_exports": ["postgresql"]}]"#,
            },
            Example {
                name: "aurora mysql with audit logging on and exported",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "engine": "aurora-mysql",
                    "cloudwatch_logs_exports": ["audit", "error"], "parameters": {"server_audit_logging": "1"}}]"#,
            },
            Example {
                name: "aurora mysql exporting an empty audit stream",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims2", "engine": "aurora-mysql",
                    "cloudwatch_logs_exports": ["audit"], "parameters": {}}]"#,
            },
            Example {
                name: "nothing exported",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr2", "engine": "aurora-postgresql", "cloudwatch_logs_exports": []}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    let engine = cluster.engine.need("engine")?;
    let exported = cluster
        .cloudwatch_logs_exports
        .need("cloudwatch_logs_exports")?;
    let fam = super::family(engine);
    let verdict = super::logs_verdict(fam, engine, exported);
    if verdict.status != Status::Pass || fam != Family::AuroraMySql {
        return Ok(verdict);
    }
    let params = cluster.parameters.need("parameters")?;
    Ok(match params.get("server_audit_logging") {
        Some(v) if super::is_on(v) => verdict,
        Some(v) => Outcome::fail(format!("audit log is exported but server_audit_logging = {v}: nothing is audited")),
        None => Outcome::fail("audit log is exported but server_audit_logging is at its default (0): nothing is audited"),
    })
}
