//! RDS-003: DB instances are not publicly accessible.

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-003",
        name: "rds-instance-not-publicly-accessible",
        title: "RDS DB instances are not publicly accessible",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"No public-facing databases/storage\"); Common Mistakes (\"Public RDS/S3 resources\")",
        rationale: "The playbook's Network Foundation requires that no database face the public \
            and lists public RDS among the common mistakes (\"Always private subnets\"). A \
            publicly accessible instance gets an internet-resolvable address, so the only thing \
            between the PHI and the internet is a security group rule that anyone may loosen \
            later. Keeping databases private limits access to the application tier \
            (164.312(a)(1)) and keeps database traffic off the internet (164.312(e)(1)). \
            Aurora instances carry the setting themselves and are checked here too.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Connectivity > Additional configuration > Not publicly accessible > Apply immediately.\n\
                aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  publicly_accessible  = false\n  db_subnet_group_name = aws_db_subnet_group.private.name\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    PubliclyAccessible: false\n    DBSubnetGroupName: !Ref PrivateDbSubnetGroup",
        },
        examples: &[
            Example {
                name: "private instance",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "publicly_accessible": false}]"#,
            },
            Example {
                name: "public aurora instance",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr-aurora-1", "engine": "aurora-postgresql",
                    "cluster_id": "ehr-aurora", "publicly_accessible": true}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    Ok(if *db.publicly_accessible.need("publicly_accessible")? {
        Outcome::fail("instance is publicly accessible")
    } else {
        Outcome::pass("instance is not publicly accessible")
    })
}
