//! RDS-005: DB clusters keep automated backups for at least the configured number of days.

use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-005",
        name: "rds-cluster-backup-retention",
        title: "Aurora and Multi-AZ DB clusters retain automated backups for at least the minimum period",
        severity: Severity::High,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon Aurora",
        rationale: "Aurora always keeps continuous backups, but only for the retention period, \
            which can be as short as one day. Point-in-time recovery is how a cluster holding \
            PHI is restored after corruption, a faulty migration or a malicious change; a \
            window shorter than the time it takes to notice the problem gives no usable copy \
            (164.308(a)(7)(ii)(A) data backup plan, 164.308(a)(7)(ii)(B) disaster recovery). \
            The minimum is the `backup_retention_min_days` setting (7 days by default).",
        remediation: Remediation {
            console: "RDS console > cluster > Modify > Backup > Backup retention period (7 days or more) > Apply immediately.\n\
                aws rds modify-db-cluster --db-cluster-identifier CLUSTER --backup-retention-period 14 --apply-immediately",
            terraform: "resource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  backup_retention_period = 14\n  preferred_backup_window = \"03:00-04:00\"\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    BackupRetentionPeriod: 14\n    PreferredBackupWindow: \"03:00-04:00\"",
        },
        examples: &[
            Example {
                name: "thirty-five days",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "engine": "aurora-postgresql", "backup_retention_days": 35}]"#,
            },
            Example {
                name: "one day (the Aurora default)",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "engine": "aurora-mysql", "backup_retention_days": 1}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, cx: &Context) -> Check {
    let days = *cluster
        .backup_retention_days
        .need("backup_retention_days")?;
    let min = cx.settings.backup_retention_min_days;
    Ok(if days < min {
        Outcome::fail(format!(
            "backup retention is {days} days; at least {min} required"
        ))
    } else {
        Outcome::pass(format!("backup retention is {days} days"))
    })
}
