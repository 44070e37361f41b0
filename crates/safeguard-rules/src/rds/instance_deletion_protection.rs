//! RDS-006: DB instances have deletion protection (instances outside clusters).

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-006",
        name: "rds-instance-deletion-protection",
        title: "RDS DB instances have deletion protection enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(c)(1)", "164.308(a)(7)(i)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server",
        rationale: "Deleting a DB instance also deletes its automated backups unless someone \
            chose to retain them, so one mistaken API call, console click or `terraform \
            destroy` can destroy PHI outright. Deletion protection makes deletion a deliberate \
            two-step change. 164.312(c)(1) asks that ePHI be protected from improper \
            destruction and 164.308(a)(7)(i) that it survive incidents. Instances in an Aurora \
            or Multi-AZ DB cluster are protected at the cluster level and judged by RDS-016.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Deletion protection: Enable.\n\
                aws rds modify-db-instance --db-instance-identifier DB --deletion-protection --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  deletion_protection = true\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  DeletionPolicy: Snapshot\n  Properties:\n    DeletionProtection: true",
        },
        examples: &[
            Example {
                name: "protected",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "deletion_protection": true}]"#,
            },
            Example {
                name: "unprotected",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "deletion_protection": false}]"#,
            },
            Example {
                name: "cluster member",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:claims-1", "engine": "aurora-mysql",
                    "cluster_id": "claims", "deletion_protection": false}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-016") {
        return Ok(na);
    }
    Ok(if *db.deletion_protection.need("deletion_protection")? {
        Outcome::pass("deletion protection is enabled")
    } else {
        Outcome::fail("deletion protection is disabled")
    })
}
