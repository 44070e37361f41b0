//! RDS-002: DB cluster storage is encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-002",
        name: "rds-cluster-storage-encrypted",
        title: "Aurora and Multi-AZ DB clusters encrypt storage at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Aurora; Amazon Aurora PostgreSQL",
        rationale: "The whitepaper's Aurora sections say that with Aurora encryption, backed by a \
            KMS key the customer manages, the underlying storage, automated backups, read \
            replicas and snapshots are all encrypted. A cluster created without it keeps PHI \
            unencrypted in every copy, and encryption cannot be added later without a restore \
            (164.312(a)(2)(iv), 164.310(d)(1)). The same holds for Multi-AZ DB clusters of RDS \
            for MySQL and PostgreSQL.",
        remediation: Remediation {
            console: "Encryption cannot be enabled on an existing cluster: snapshot it, copy the snapshot with a KMS key, restore a new cluster from the copy.\n\
                aws rds copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier SNAP --target-db-cluster-snapshot-identifier SNAP-enc --kms-key-id alias/phi\n\
                aws rds restore-db-cluster-from-snapshot --db-cluster-identifier CLUSTER-new --snapshot-identifier SNAP-enc --engine aurora-postgresql",
            terraform: "resource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.phi.arn\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql\n    StorageEncrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted cluster",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "engine": "aurora-postgresql", "storage_encrypted": true}]"#,
            },
            Example {
                name: "unencrypted cluster",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "engine": "aurora-mysql", "storage_encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    Ok(if *cluster.storage_encrypted.need("storage_encrypted")? {
        Outcome::pass("cluster storage is encrypted")
    } else {
        Outcome::fail("cluster storage is not encrypted")
    })
}
