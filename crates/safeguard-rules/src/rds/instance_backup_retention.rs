//! RDS-004: DB instances keep automated backups for at least the configured number of days.

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-004",
        name: "rds-instance-backup-retention",
        title: "RDS DB instances retain automated backups for at least the minimum period",
        severity: Severity::High,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server",
        rationale: "HIPAA requires retrievable exact copies of ePHI (164.308(a)(7)(ii)(A), data \
            backup plan) and the ability to restore it (164.308(a)(7)(ii)(B), disaster \
            recovery). RDS automated backups give point-in-time recovery within the retention \
            window; a retention of 0 turns them off and deletes existing automated backups, and \
            a short window means corruption or a bad deployment noticed a week late cannot be \
            undone. The minimum is the `backup_retention_min_days` setting (7 days by \
            default). Read replicas and cluster members are not applicable: the source \
            instance, and RDS-005 for clusters, are judged.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Additional configuration > Backup retention period (7 days or more) > Apply immediately.\n\
                aws rds modify-db-instance --db-instance-identifier DB --backup-retention-period 14 --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  backup_retention_period = 14\n  backup_window           = \"03:00-04:00\"\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    BackupRetentionPeriod: 14\n    PreferredBackupWindow: \"03:00-04:00\"",
        },
        examples: &[
            Example {
                name: "fourteen days",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres",
                    "backup_retention_days": 14, "read_replica_source": null}]"#,
            },
            Example {
                name: "backups disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql",
                    "backup_retention_days": 0, "read_replica_source": null}]"#,
            },
            Example {
                name: "one day",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:labs", "engine": "mariadb", "backup_retention_days": 1}]"#,
            },
            Example {
                name: "read replica",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr-replica", "engine": "postgres",
                    "backup_retention_days": 0, "read_replica_source": "ehr"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-005") {
        return Ok(na);
    }
    if let Some(na) = super::read_replica(db) {
        return Ok(na);
    }
    let days = *db.backup_retention_days.need("backup_retention_days")?;
    let min = cx.settings.backup_retention_min_days;
    Ok(if days == 0 {
        Outcome::fail(format!(
            "automated backups are disabled (retention 0); at least {min} days required"
        ))
    } else if days < min {
        Outcome::fail(format!(
            "backup retention is {days} days; at least {min} required"
        ))
    } else {
        Outcome::pass(format!("backup retention is {days} days"))
    })
}
