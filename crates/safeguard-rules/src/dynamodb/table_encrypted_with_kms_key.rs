//! DDB-001: DynamoDB tables are encrypted with a KMS key the account can audit.

use crate::prelude::*;

pub static RULE: RuleDef<DynamoDbTable> = RuleDef {
    meta: RuleMeta {
        id: "DDB-001",
        name: "dynamodb-table-encrypted-with-kms-key",
        title: "DynamoDB tables are encrypted with a KMS key (AWS managed or customer managed)",
        severity: Severity::Low,
        hipaa: &["164.312(a)(2)(iv)", "164.312(b)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon DynamoDB",
        rationale: "Every DynamoDB table is encrypted at rest with AES-256; the question is \
            whose key. The whitepaper's Amazon DynamoDB section describes encrypting tables with \
            keys managed through AWS KMS. With the default AWS owned key the data is encrypted, \
            so 164.312(a)(2)(iv) is met in substance, but no use of the key appears in \
            CloudTrail and the account cannot restrict or revoke it. The AWS managed key \
            (aws/dynamodb) or a customer managed key makes each decryption auditable \
            (164.312(b)) and, for a customer key, lets the covered entity disable access to the \
            data as a risk management measure (164.308(a)(1)(ii)(B)). Because the data is \
            encrypted either way the severity is low.",
        remediation: Remediation {
            console: "DynamoDB console > Tables > TABLE > Additional settings > Encryption > \
                Manage encryption > AWS managed key or a customer managed key.\n\
                aws dynamodb update-table --table-name TABLE \
                --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY_ARN",
            terraform: "resource \"aws_dynamodb_table\" \"phi\" {\n  # ...\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n}",
            cloudformation: "PhiTable:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    # ...\n    SSESpecification:\n      SSEEnabled: true\n      SSEType: KMS\n      KMSMasterKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "customer managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/patients",
                    "sse_key_type": "CUSTOMER_MANAGED", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/visits",
                    "sse_key_type": "AWS_MANAGED", "kms_key_id": null}]"#,
            },
            Example {
                name: "aws owned default key",
                expect: Status::Fail,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/claims",
                    "sse_key_type": "AWS_OWNED", "kms_key_id": null}]"#,
            },
            Example {
                name: "encryption settings unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/claims",
                    "sse_key_type": {"$unknown": {"reason": "access_denied", "detail": "dynamodb:DescribeTable"}}}]"#,
            },
        ],
    },
    check,
};

fn check(table: &DynamoDbTable, _cx: &Context) -> Check {
    let key_type = table.sse_key_type.need("sse_key_type")?;
    Ok(match key_type.to_ascii_uppercase().as_str() {
        "CUSTOMER_MANAGED" => Outcome::pass("encrypted with a customer managed KMS key"),
        // `KMS` is how DescribeTable reports either KMS option.
        "AWS_MANAGED" | "KMS" => Outcome::pass("encrypted with a KMS key"),
        "AWS_OWNED" => Outcome::fail(
            "encrypted with the AWS owned key, which the account cannot audit or control",
        ),
        other => Outcome::fail(format!("unrecognised encryption key type {other:?}")),
    })
}
