//! RDS-011: DB instances export their audit-relevant logs to CloudWatch Logs.

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-011",
        name: "rds-instance-logs-exported",
        title: "RDS DB instances export database logs to CloudWatch Logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Logging & Monitoring (\"CloudWatch Logs configured\", \"Log retention ≥ 6 years\"); Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server",
        rationale: "Database logs record who connected and, with auditing configured, what they \
            did with PHI. Kept only on the instance they rotate away within days and vanish \
            with the instance; exported to CloudWatch Logs they can be retained for the six \
            years the playbook asks, searched and alarmed on (164.312(b) audit controls, \
            164.308(a)(1)(ii)(D) information system activity review). The log types required \
            are the audit-relevant ones of each engine: `postgresql` for PostgreSQL (with \
            log_connections or pgAudit), `audit` for MySQL and MariaDB (MARIADB_AUDIT_PLUGIN \
            option) and Oracle, `error` for SQL Server (its audit files go to S3, see RDS-014), \
            `diag.log` for Db2; other engines need at least one export. Cluster members are \
            judged by RDS-018 on the cluster.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Log exports > tick the engine's audit-relevant log types > Apply immediately.\n\
                aws rds modify-db-instance --db-instance-identifier DB --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"postgresql\"]}' --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  enabled_cloudwatch_logs_exports = [\"postgresql\"] # mysql/mariadb: [\"audit\", \"error\"]\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    EnableCloudwatchLogsExports:\n      - postgresql",
        },
        examples: &[
            Example {
                name: "postgres exporting its log",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "cloudwatch_logs_exports": ["postgresql", "upgrade"]}]"#,
            },
            Example {
                name: "mysql exporting errors but no audit log",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "cloudwatch_logs_exports": ["error", "slowquery"]}]"#,
            },
            Example {
                name: "nothing exported",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ss", "engine": "sqlserver-se", "cloudwatch_logs_exports": []}]"#,
            },
            Example {
                name: "aurora member",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:claims-1", "engine": "aurora-mysql", "cluster_id": "claims", "cloudwatch_logs_exports": []}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-018") {
        return Ok(na);
    }
    let engine = db.engine.need("engine")?;
    let exported = db.cloudwatch_logs_exports.need("cloudwatch_logs_exports")?;
    Ok(super::logs_verdict(super::family(engine), engine, exported))
}
