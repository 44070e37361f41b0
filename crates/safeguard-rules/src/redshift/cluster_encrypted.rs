//! RS-001: Redshift clusters are encrypted at rest.

use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-001",
        name: "redshift-cluster-encrypted",
        title: "Redshift clusters are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "The whitepaper's Amazon Redshift section describes database encryption: \
            with it enabled, all data blocks, system metadata and backups are encrypted with \
            AES-256 under a four-tier key hierarchy whose cluster key is held in AWS KMS or \
            CloudHSM, consistent with the HHS Guidance. An unencrypted cluster holding PHI \
            does not meet 164.312(a)(2)(iv), and its snapshots inherit the gap.",
        remediation: Remediation {
            console: "Redshift console > Clusters > CLUSTER > Properties > Database configurations > \
                Edit encryption > AWS KMS.\naws redshift modify-cluster --cluster-identifier ID \
                --encrypted --kms-key-id KEY_ARN",
            terraform: "resource \"aws_redshift_cluster\" \"phi\" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.phi.arn\n}",
            cloudformation: "PhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    Encrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims", "encrypted": true}]"#,
            },
            Example {
                name: "not encrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics", "encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    Ok(if *cluster.encrypted.need("encrypted")? {
        Outcome::pass("cluster is encrypted at rest")
    } else {
        Outcome::fail("cluster is not encrypted at rest")
    })
}
