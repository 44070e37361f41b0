//! DOCDB-001: DocumentDB clusters encrypt storage at rest.

use crate::prelude::*;

pub static RULE: RuleDef<DocDbCluster> = RuleDef {
    meta: RuleMeta {
        id: "DOCDB-001",
        name: "docdb-cluster-encrypted-at-rest",
        title: "DocumentDB clusters encrypt storage, backups and snapshots at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon DocumentDB (with MongoDB compatibility) (\"offers encryption at-rest during cluster creation via AWS KMS\")",
        rationale: "The whitepaper's DocumentDB section describes encryption at rest as chosen \
            when the cluster is created, with AWS or customer managed KMS keys; it then covers \
            the storage, automated backups, replicas and snapshots. The AWS BAA requires PHI at \
            rest to be encrypted as HHS guidance describes. An unencrypted cluster cannot be \
            encrypted in place: it has to be restored from a snapshot into an encrypted one.",
        remediation: Remediation {
            console: "Take a snapshot, then restore it with encryption: \
                aws docdb restore-db-cluster-from-snapshot --db-cluster-identifier NEW \
                --snapshot-identifier SNAP --engine docdb --kms-key-id KEY_ARN; move clients and \
                delete the old cluster.",
            terraform: "resource \"aws_docdb_cluster\" \"phi\" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.phi.arn\n  # ...\n}",
            cloudformation: "PhiDocs:\n  Type: AWS::DocDB::DBCluster\n  Properties:\n    StorageEncrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "storage_encrypted": true, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "unencrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "storage_encrypted": false, "kms_key_id": null}]"#,
            },
        ],
    },
    check,
};

fn check(c: &DocDbCluster, _cx: &Context) -> Check {
    Ok(if *c.storage_encrypted.need("storage_encrypted")? {
        Outcome::pass("cluster storage is encrypted")
    } else {
        Outcome::fail(
            "cluster storage is not encrypted; restore a snapshot into an encrypted cluster",
        )
    })
}
