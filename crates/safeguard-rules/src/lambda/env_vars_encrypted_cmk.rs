//! LMB-004: Lambda environment variables are encrypted with a customer-managed key.

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-004",
        name: "lambda-env-vars-customer-managed-key",
        title: "Lambda functions with environment variables encrypt them with a customer-managed KMS key",
        severity: Severity::Low,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Lambda (\"If any PHI is placed at-rest or idled within a running procedure, it should be encrypted client-side or server-side with keys obtained from AWS KMS\")",
        rationale: "Lambda always encrypts environment variables at rest, by default with the \
            AWS managed key `aws/lambda`. Anyone who may call lambda:GetFunctionConfiguration \
            then sees the values in clear text, and environment variables routinely hold \
            database passwords, API tokens and sometimes identifiers. A customer-managed key \
            (KMSKeyArn) adds a kms:Decrypt permission that can be limited to the function's \
            role and the people who deploy it, with every use logged, which supports access \
            control (164.312(a)(1)) and the whitepaper's advice to protect data at rest with \
            keys from KMS. Low severity because the values are encrypted either way; secrets \
            belong in Secrets Manager rather than in environment variables. Functions without \
            environment variables are not applicable. Only variable names are collected, never \
            their values.",
        remediation: Remediation {
            console: "Lambda console > function > Configuration > Environment variables > Edit > \
                Encryption configuration > Use a customer master key > choose the key > Save.\n\
                aws lambda update-function-configuration --function-name FUNCTION \
                --kms-key-arn arn:aws:kms:REGION:ACCOUNT:key/KEY_ID",
            terraform: "resource \"aws_lambda_function\" \"ingest\" {\n  # ...\n  kms_key_arn = aws_kms_key.lambda_env.arn\n\n  environment {\n    variables = {\n      DB_SECRET_ARN = aws_secretsmanager_secret.ehr_db.arn\n    }\n  }\n}",
            cloudformation: "IngestFunction:\n  Type: AWS::Lambda::Function\n  Properties:\n    # ...\n    KmsKeyArn: !GetAtt LambdaEnvKey.Arn\n    Environment:\n      Variables:\n        DB_SECRET_ARN: !Ref EhrDbSecret",
        },
        examples: &[
            Example {
                name: "customer-managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "environment_variable_names": ["DB_SECRET_ARN", "LOG_LEVEL"],
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]"#,
            },
            Example {
                name: "default key",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "environment_variable_names": ["DB_PASSWORD"], "kms_key_id": null}]"#,
            },
            Example {
                name: "no environment variables",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:nightly-export",
                    "environment_variable_names": [], "kms_key_id": null}]"#,
            },
            Example {
                name: "configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "environment_variable_names": ["DB_PASSWORD"],
                    "kms_key_id": {"$unknown": {"reason": "access_denied", "detail": "lambda:GetFunctionConfiguration"}}}]"#,
            },
        ],
    },
    check,
};

fn check(function: &LambdaFunction, _cx: &Context) -> Check {
    let names = function
        .environment_variable_names
        .need("environment_variable_names")?;
    if names.is_empty() {
        return Ok(Outcome::not_applicable(
            "function has no environment variables",
        ));
    }
    Ok(match function.kms_key_id.need("kms_key_id")? {
        Some(key) => Outcome::pass(format!(
            "{} environment variable(s) encrypted with {key}",
            names.len()
        )),
        None => Outcome::fail(format!(
            "{} environment variable(s) encrypted only with the AWS managed key aws/lambda",
            names.len()
        )),
    })
}
