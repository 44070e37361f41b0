//! SM-002: secrets are encrypted with a customer-managed KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<Secret> = RuleDef {
    meta: RuleMeta {
        id: "SM-002",
        name: "secret-encrypted-with-customer-managed-key",
        title: "Secrets are encrypted with a customer-managed KMS key",
        severity: Severity::Low,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Secrets Manager (\"Users can select the AWS KMS key used when creating a new secret. If no key is selected, the default key for the account will be used\")",
        rationale: "Every secret is encrypted at rest with KMS, so this is not about whether \
            encryption happens (164.312(a)(2)(iv) is met either way) but about who controls the \
            key. With the default AWS managed key `aws/secretsmanager`, anyone in the account \
            who may call secretsmanager:GetSecretValue can decrypt; its key policy cannot be \
            changed, it cannot be disabled in an incident, and it cannot be shared with another \
            account. A customer-managed key adds a second, independently audited permission \
            (kms:Decrypt) in front of credentials to PHI systems, which strengthens access \
            control (164.312(a)(1)). Low severity, because the secret is encrypted either way. \
            A key that the inventory shows to be AWS managed fails; a key the inventory does \
            not contain is taken to be the customer's, since the default key is never named \
            explicitly by AWS.",
        remediation: Remediation {
            console: "Secrets Manager console > select the secret > Secret details > Actions > \
                Edit encryption key > choose a customer-managed key (the next rotation or \
                PutSecretValue re-encrypts the current version).\n\
                aws secretsmanager update-secret --secret-id SECRET_ARN --kms-key-id arn:aws:kms:REGION:ACCOUNT:key/KEY_ID",
            terraform: "resource \"aws_secretsmanager_secret\" \"ehr_db\" {\n  name       = \"prod/ehr-db\"\n  kms_key_id = aws_kms_key.secrets.arn\n}",
            cloudformation: "EhrDbSecret:\n  Type: AWS::SecretsManager::Secret\n  Properties:\n    Name: prod/ehr-db\n    KmsKeyId: !Ref SecretsKey",
        },
        examples: &[
            Example {
                name: "customer-managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                   {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "key_manager": "CUSTOMER"}]"#,
            },
            Example {
                name: "default key",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "kms_key_id": null}]"#,
            },
            Example {
                name: "aws managed key named explicitly",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "kms_key_id": "alias/aws/secretsmanager"}]"#,
            },
            Example {
                name: "key manager unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                   {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "key_manager": {"$unknown": {"reason": "access_denied", "detail": "kms:DescribeKey"}}}]"#,
            },
        ],
    },
    check,
};

/// The last path segment of a key reference: the key id of a key ARN, or the key id itself.
fn key_id(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

fn check(secret: &Secret, cx: &Context) -> Check {
    let Some(key) = secret.kms_key_id.need("kms_key_id")? else {
        return Ok(Outcome::fail(
            "encrypted with the AWS managed key aws/secretsmanager",
        ));
    };
    if key.to_ascii_lowercase().contains("alias/aws/") {
        return Ok(Outcome::fail(format!(
            "encrypted with the AWS managed key {key}"
        )));
    }
    let known = cx.all::<KmsKey>().find(|k| {
        k.meta.id == *key || (!key.contains("alias/") && key_id(&k.meta.id) == key_id(key))
    });
    Ok(match known {
        Some(k)
            if k.key_manager
                .need("key_manager")?
                .eq_ignore_ascii_case("AWS") =>
        {
            Outcome::fail(format!("encrypted with AWS managed key {key}"))
        }
        Some(_) => Outcome::pass(format!("encrypted with customer-managed key {key}")),
        None => Outcome::pass(format!(
            "encrypted with key {key}, chosen explicitly (not the default)"
        )),
    })
}
