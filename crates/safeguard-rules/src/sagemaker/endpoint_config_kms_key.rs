//! SGM-001: SageMaker endpoint configurations encrypt instance storage with a KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<SageMakerEndpointConfig> = RuleDef {
    meta: RuleMeta {
        id: "SGM-001",
        name: "sagemaker-endpoint-config-kms-key",
        title: "SageMaker endpoint configurations encrypt model instance storage with a KMS key",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon SageMaker (\"encryption of data stored with the instance running models with Amazon SageMaker is enabled using AWS Key Management Service (KMS) when setting up the endpoint (DescribeEndpointConfig:KmsKeyID)\")",
        rationale: "The whitepaper names the exact setting: to satisfy the requirement that PHI \
            be encrypted at rest, the ML storage volumes of the instances that host a model are \
            encrypted with the KMS key given in the endpoint configuration. An endpoint \
            configuration without a key is immutable: a new configuration must be created and \
            the endpoint updated to it.",
        remediation: Remediation {
            console: "aws sagemaker create-endpoint-config --endpoint-config-name NEW \
                --production-variants file://variants.json --kms-key-id KEY_ARN; then \
                aws sagemaker update-endpoint --endpoint-name E --endpoint-config-name NEW",
            terraform: "resource \"aws_sagemaker_endpoint_configuration\" \"triage\" {\n  kms_key_arn = aws_kms_key.phi.arn\n  production_variants {\n    # ...\n  }\n}",
            cloudformation: "TriageConfig:\n  Type: AWS::SageMaker::EndpointConfig\n  Properties:\n    KmsKeyId: !Ref PhiKey\n    ProductionVariants: []",
        },
        examples: &[
            Example {
                name: "kms key",
                expect: Status::Pass,
                resources: r#"[{"type": "sagemaker_endpoint_config", "id": "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/triage-v3", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "no key",
                expect: Status::Fail,
                resources: r#"[{"type": "sagemaker_endpoint_config", "id": "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/triage-v2", "kms_key_id": null}]"#,
            },
        ],
    },
    check,
};

fn check(c: &SageMakerEndpointConfig, _cx: &Context) -> Check {
    Ok(match c.kms_key_id.need("kms_key_id")? {
        Some(k) => Outcome::pass(format!("instance storage is encrypted with {k}")),
        None => Outcome::fail("no KMS key: the storage of the instances serving the model is not encrypted with a key the customer controls"),
    })
}
