//! CB-001: CodeBuild projects encrypt build artifacts with a customer managed KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<CodeBuildProject> = RuleDef {
    meta: RuleMeta {
        id: "CB-001",
        name: "codebuild-artifacts-encrypted-with-cmk",
        title: "CodeBuild projects encrypt build artifacts with a customer managed KMS key",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: AWS CodeBuild (\"A KMS key should be created and configured before building artifacts that contain PHI, secrets/passwords, certificates, etc.\")",
        rationale: "The whitepaper's CodeBuild section asks for a KMS key to be created and \
            configured for the project before it builds artifacts that may contain PHI or \
            secrets. A project that names no key falls back to the AWS managed S3 key, whose \
            policy the customer cannot restrict, and a project that disables artifact \
            encryption writes its output in plaintext.",
        remediation: Remediation {
            console: "CodeBuild console > project > Edit > Additional configuration > Encryption key: \
                a customer managed KMS key; leave artifact encryption on.\n\
                aws codebuild update-project --name P --encryption-key KEY_ARN",
            terraform: "resource \"aws_codebuild_project\" \"etl\" {\n  encryption_key = aws_kms_key.builds.arn\n  artifacts {\n    type                = \"S3\"\n    location            = aws_s3_bucket.artifacts.id\n    encryption_disabled = false\n  }\n  # ...\n}",
            cloudformation: "Etl:\n  Type: AWS::CodeBuild::Project\n  Properties:\n    EncryptionKey: !GetAtt BuildKey.Arn\n    Artifacts:\n      Type: S3\n      Location: !Ref ArtifactBucket\n      EncryptionDisabled: false",
        },
        examples: &[
            Example {
                name: "customer managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "codebuild_project", "id": "arn:aws:codebuild:us-east-1:111122223333:project/etl", "encryption_key": "arn:aws:kms:us-east-1:111122223333:key/k", "artifacts_encryption_disabled": false}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::Fail,
                resources: r#"[{"type": "codebuild_project", "id": "arn:aws:codebuild:us-east-1:111122223333:project/etl", "encryption_key": "arn:aws:kms:us-east-1:111122223333:alias/aws/s3", "artifacts_encryption_disabled": false}]"#,
            },
            Example {
                name: "artifact encryption disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "codebuild_project", "id": "arn:aws:codebuild:us-east-1:111122223333:project/etl", "encryption_key": "arn:aws:kms:us-east-1:111122223333:key/k", "artifacts_encryption_disabled": true}]"#,
            },
        ],
    },
    check,
};

fn check(p: &CodeBuildProject, _cx: &Context) -> Check {
    if *p
        .artifacts_encryption_disabled
        .need("artifacts_encryption_disabled")?
    {
        return Ok(Outcome::fail(
            "artifact encryption is disabled: build output is stored in plaintext",
        ));
    }
    Ok(match p.encryption_key.need("encryption_key")? {
        Some(k) if !k.ends_with("alias/aws/s3") => Outcome::pass(format!("artifacts are encrypted with {k}")),
        _ => Outcome::fail("artifacts are encrypted with the AWS managed S3 key; configure a customer managed KMS key"),
    })
}
