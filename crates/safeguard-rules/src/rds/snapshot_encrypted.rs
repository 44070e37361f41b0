//! RDS-013: DB and cluster snapshots are encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<RdsSnapshot> = RuleDef {
    meta: RuleMeta {
        id: "RDS-013",
        name: "rds-snapshot-encrypted",
        title: "RDS DB and cluster snapshots are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server; Amazon Aurora",
        rationale: "The whitepaper's RDS and Aurora sections count snapshots among the copies \
            that RDS encryption protects. A snapshot of an unencrypted database is a complete, \
            unencrypted copy of its PHI that outlives the database and can be copied or shared \
            (164.312(a)(2)(iv), 164.310(d)(1)). Copying it with a KMS key and deleting the \
            original fixes the snapshot; RDS-001 and RDS-002 fix the source.",
        remediation: Remediation {
            console: "Copy the snapshot with encryption and delete the unencrypted one.\n\
                aws rds copy-db-snapshot --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-enc --kms-key-id alias/phi\n\
                aws rds delete-db-snapshot --db-snapshot-identifier SNAP",
            terraform: "resource \"aws_db_snapshot_copy\" \"encrypted\" {\n  source_db_snapshot_identifier = \"arn:aws:rds:us-east-1:111122223333:snapshot:ehr-manual\"\n  target_db_snapshot_identifier = \"ehr-manual-encrypted\"\n  kms_key_id                    = aws_kms_key.phi.arn\n}",
            cloudformation: "RDS snapshots are not CloudFormation resources; encrypt the source (StorageEncrypted: true) and copy existing snapshots with the CLI.",
        },
        examples: &[
            Example {
                name: "encrypted snapshot",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_snapshot", "id": "arn:aws:rds:us-east-1:111122223333:snapshot:ehr-2026-11-01", "encrypted": true}]"#,
            },
            Example {
                name: "unencrypted snapshot",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_snapshot", "id": "arn:aws:rds:us-east-1:111122223333:snapshot:billing-old", "encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(snapshot: &RdsSnapshot, _cx: &Context) -> Check {
    Ok(if *snapshot.encrypted.need("encrypted")? {
        Outcome::pass("snapshot is encrypted")
    } else {
        Outcome::fail("snapshot is not encrypted")
    })
}
