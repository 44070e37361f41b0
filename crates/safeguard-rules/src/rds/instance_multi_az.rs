//! RDS-007: DB instances run Multi-AZ (instances outside clusters).

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-007",
        name: "rds-instance-multi-az",
        title: "RDS DB instances are deployed Multi-AZ",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server",
        rationale: "A Single-AZ instance is unavailable for as long as its Availability Zone or \
            host is, and restoring from backup loses the changes since the last restorable \
            time. A Multi-AZ standby takes over automatically, which keeps PHI available to \
            clinicians during an outage (164.308(a)(7)(ii)(B) disaster recovery plan, \
            164.308(a)(7)(ii)(C) emergency mode operation). Development instances without PHI \
            may be documented exceptions. Read replicas and cluster members are not applicable \
            (RDS-017 judges clusters).",
        remediation: Remediation {
            console: "RDS console > database > Modify > Availability & durability > Create a standby instance > Apply (during the maintenance window or immediately).\n\
                aws rds modify-db-instance --db-instance-identifier DB --multi-az --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  multi_az = true\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    MultiAZ: true",
        },
        examples: &[
            Example {
                name: "multi-az instance",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "multi_az": true}]"#,
            },
            Example {
                name: "single-az instance",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "multi_az": false, "read_replica_source": null}]"#,
            },
            Example {
                name: "read replica",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr-replica", "engine": "postgres", "multi_az": false, "read_replica_source": "ehr"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-017") {
        return Ok(na);
    }
    if let Some(na) = super::read_replica(db) {
        return Ok(na);
    }
    Ok(if *db.multi_az.need("multi_az")? {
        Outcome::pass("instance is Multi-AZ")
    } else {
        Outcome::fail("instance is Single-AZ")
    })
}
