//! RDS-001: DB instance storage is encrypted (instances outside clusters).

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-001",
        name: "rds-instance-storage-encrypted",
        title: "RDS DB instance storage is encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server",
        rationale: "Each RDS engine section of the whitepaper says the same: with Amazon RDS \
            encryption, data at rest in the underlying storage is encrypted consistently with \
            the HHS guidance the AWS BAA requires, and so are automated backups, read replicas \
            and snapshots. An unencrypted instance leaves every PHI table, backup and snapshot \
            readable outside the database's own access control (164.312(a)(2)(iv), \
            164.310(d)(1)). Oracle and SQL Server Enterprise TDE are alternatives the \
            whitepaper mentions; they are not visible to this rule, so such instances fail and \
            need a documented exception. Instances in an Aurora or Multi-AZ DB cluster are \
            judged by RDS-002 on the cluster.",
        remediation: Remediation {
            console: "Encryption cannot be turned on for an existing instance: take a snapshot, copy it with a KMS key, restore a new instance from the copy, then switch the application over.\n\
                aws rds create-db-snapshot --db-instance-identifier DB --db-snapshot-identifier DB-pre-encrypt\n\
                aws rds copy-db-snapshot --source-db-snapshot-identifier DB-pre-encrypt --target-db-snapshot-identifier DB-encrypted --kms-key-id alias/phi\n\
                aws rds restore-db-instance-from-db-snapshot --db-instance-identifier DB-new --db-snapshot-identifier DB-encrypted",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.phi.arn\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted postgres instance",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "storage_encrypted": true}]"#,
            },
            Example {
                name: "unencrypted mysql instance",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "storage_encrypted": false}]"#,
            },
            Example {
                name: "aurora cluster member",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr-aurora-1", "engine": "aurora-postgresql",
                    "cluster_id": "ehr-aurora", "storage_encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-002") {
        return Ok(na);
    }
    Ok(if *db.storage_encrypted.need("storage_encrypted")? {
        Outcome::pass("storage is encrypted")
    } else {
        Outcome::fail("storage is not encrypted")
    })
}
