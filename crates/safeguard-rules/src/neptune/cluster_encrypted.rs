//! NEP-001: Neptune clusters are encrypted at rest.

use crate::prelude::*;

pub static RULE: RuleDef<NeptuneCluster> = RuleDef {
    meta: RuleMeta {
        id: "NEP-001",
        name: "neptune-cluster-encrypted-at-rest",
        title: "Neptune clusters are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Neptune (\"Data containing PHI can now be retained in an encrypted instance of Amazon Neptune\")",
        rationale: "The whitepaper allows PHI in Neptune only in an encrypted instance, and \
            encryption can be chosen only when the cluster is created; it then covers logs, \
            backups and snapshots, with keys in AWS KMS. An unencrypted cluster must be rebuilt \
            from a snapshot restored with encryption before it may hold PHI.",
        remediation: Remediation {
            console: "Neptune console > snapshot the cluster > Restore snapshot > Encryption: \
                enable, choose the KMS key; move clients and delete the old cluster.",
            terraform: "resource \"aws_neptune_cluster\" \"graph\" {\n  storage_encrypted = true\n  kms_key_arn       = aws_kms_key.phi.arn\n  # ...\n}",
            cloudformation: "Graph:\n  Type: AWS::Neptune::DBCluster\n  Properties:\n    StorageEncrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "neptune_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:care-graph", "storage_encrypted": true}]"#,
            },
            Example {
                name: "unencrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "neptune_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:care-graph", "storage_encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(c: &NeptuneCluster, _cx: &Context) -> Check {
    Ok(if *c.storage_encrypted.need("storage_encrypted")? {
        Outcome::pass("cluster is encrypted at rest")
    } else {
        Outcome::fail(
            "cluster is not encrypted; PHI is allowed only in an encrypted Neptune cluster",
        )
    })
}
