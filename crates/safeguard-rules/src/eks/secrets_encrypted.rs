//! EKS-001: EKS clusters encrypt Kubernetes secrets with a KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<EksCluster> = RuleDef {
    meta: RuleMeta {
        id: "EKS-001",
        name: "eks-cluster-secrets-encrypted",
        title: "EKS clusters encrypt Kubernetes secrets with a KMS key",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(1)"],
        source: "Whitepaper: Amazon Elastic Kubernetes Service (Amazon EKS) (refers to \"Architecting for HIPAA Security and Compliance on Amazon EKS\"); Encryption and protection of PHI in AWS",
        rationale: "Kubernetes secrets hold the database passwords, API keys and certificates \
            that unlock PHI stores. The EKS whitepaper the HIPAA whitepaper points to recommends \
            envelope encryption of secrets with a customer managed KMS key, so that reading \
            etcd is not enough to read them and every decryption is logged in CloudTrail. It \
            can be turned on for an existing cluster but not turned off.",
        remediation: Remediation {
            console: "aws eks associate-encryption-config --cluster-name C \
                --encryption-config '[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"KEY_ARN\"}}]'",
            terraform: "resource \"aws_eks_cluster\" \"phi\" {\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n  # ...\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::EKS::Cluster\n  Properties:\n    EncryptionConfig:\n      - Resources: [secrets]\n        Provider:\n          KeyArn: !GetAtt EksKey.Arn",
        },
        examples: &[
            Example {
                name: "secrets encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "eks_cluster", "id": "arn:aws:eks:us-east-1:111122223333:cluster/clinical", "secrets_kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "no secrets encryption",
                expect: Status::Fail,
                resources: r#"[{"type": "eks_cluster", "id": "arn:aws:eks:us-east-1:111122223333:cluster/clinical", "secrets_kms_key_arn": null}]"#,
            },
        ],
    },
    check,
};

fn check(c: &EksCluster, _cx: &Context) -> Check {
    Ok(match c.secrets_kms_key_arn.need("secrets_kms_key_arn")? {
        Some(k) => Outcome::pass(format!(
            "Kubernetes secrets are envelope-encrypted with {k}"
        )),
        None => Outcome::fail("Kubernetes secrets are not envelope-encrypted with a KMS key"),
    })
}
