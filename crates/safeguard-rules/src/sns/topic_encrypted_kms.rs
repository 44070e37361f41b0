//! SNS-001: SNS topics encrypt messages at rest with KMS.

use crate::prelude::*;

pub static RULE: RuleDef<SnsTopic> = RuleDef {
    meta: RuleMeta {
        id: "SNS-001",
        name: "sns-topic-encrypted-kms",
        title: "SNS topics encrypt messages at rest with a KMS key",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Simple Notification Service (Amazon SNS); Encryption and protection of PHI in AWS",
        rationale: "SNS stores each published message on disk until every subscription has \
            received it, including across retries that can last hours or days. If a message can \
            carry PHI, that storage is ePHI at rest, and the BAA expects it encrypted as the HHS \
            Guidance describes (164.312(a)(2)(iv)). Server-side encryption with KMS encrypts \
            message bodies as they arrive and records every use of the key in CloudTrail. \
            The AWS managed key `alias/aws/sns` passes, but it cannot be shared with other \
            accounts and its policy cannot be narrowed; a customer-managed key is preferable \
            for PHI topics. Without server-side encryption the whitepaper leaves only \
            client-side encryption of each payload, which this tool cannot see.",
        remediation: Remediation {
            console: "SNS console > Topics > select > Edit > Encryption: Enable encryption, \
                choose a customer-managed KMS key > Save.\n\
                aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name KmsMasterKeyId \
                --attribute-value arn:aws:kms:REGION:ACCOUNT:key/KEY_ID",
            terraform: "resource \"aws_sns_topic\" \"alerts\" {\n  name              = \"patient-alerts\"\n  kms_master_key_id = aws_kms_key.phi.arn\n}",
            cloudformation: "PatientAlerts:\n  Type: AWS::SNS::Topic\n  Properties:\n    TopicName: patient-alerts\n    KmsMasterKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "customer-managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:ops", "kms_key_id": "alias/aws/sns"}]"#,
            },
            Example {
                name: "not encrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts", "kms_key_id": null}]"#,
            },
            Example {
                name: "attributes unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "kms_key_id": {"$unknown": {"reason": "access_denied", "detail": "sns:GetTopicAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(topic: &SnsTopic, _cx: &Context) -> Check {
    Ok(match topic.kms_key_id.need("kms_key_id")? {
        Some(key) if key.eq_ignore_ascii_case("alias/aws/sns") => {
            Outcome::pass("encrypted with the AWS managed key alias/aws/sns")
        }
        Some(key) => Outcome::pass(format!("encrypted with KMS key {key}")),
        None => Outcome::fail("server-side encryption is off"),
    })
}
