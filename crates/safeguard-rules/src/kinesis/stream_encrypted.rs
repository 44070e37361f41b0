//! KIN-001: Kinesis data streams use server-side encryption with KMS.

use crate::prelude::*;

pub static RULE: RuleDef<KinesisStream> = RuleDef {
    meta: RuleMeta {
        id: "KIN-001",
        name: "kinesis-stream-encrypted",
        title: "Kinesis data streams encrypt records at rest with KMS",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Kinesis Streams (\"The server-side encryption feature allows customers to encrypt data at rest\"); Amazon Data Firehose",
        rationale: "Kinesis Data Streams stores records on disk for the retention period. The \
            whitepaper's Kinesis Streams section points to server-side encryption, which \
            encrypts each record with a KMS key before it is written; its Data Firehose section \
            relies on the same encryption when Firehose reads from a stream. A stream created \
            without it keeps PHI at rest in plaintext.",
        remediation: Remediation {
            console: "aws kinesis start-stream-encryption --stream-name STREAM --encryption-type KMS \
                --key-id alias/phi-streams",
            terraform: "resource \"aws_kinesis_stream\" \"vitals\" {\n  encryption_type = \"KMS\"\n  kms_key_id      = aws_kms_key.phi.arn\n  # ...\n}",
            cloudformation: "Vitals:\n  Type: AWS::Kinesis::Stream\n  Properties:\n    StreamEncryption:\n      EncryptionType: KMS\n      KeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "kms encryption",
                expect: Status::Pass,
                resources: r#"[{"type": "kinesis_stream", "id": "arn:aws:kinesis:us-east-1:111122223333:stream/vitals", "encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"}]"#,
            },
            Example {
                name: "no encryption",
                expect: Status::Fail,
                resources: r#"[{"type": "kinesis_stream", "id": "arn:aws:kinesis:us-east-1:111122223333:stream/vitals", "encryption_type": "NONE", "kms_key_id": null}]"#,
            },
        ],
    },
    check,
};

fn check(s: &KinesisStream, _cx: &Context) -> Check {
    let kind = s.encryption_type.need("encryption_type")?;
    Ok(if kind.eq_ignore_ascii_case("KMS") {
        let key = s.kms_key_id.known().cloned().flatten();
        Outcome::pass(match key {
            Some(k) => format!("server-side encryption with KMS key {k}"),
            None => "server-side encryption with KMS".to_string(),
        })
    } else {
        Outcome::fail(format!(
            "stream encryption type is {kind}: records are stored unencrypted"
        ))
    })
}
