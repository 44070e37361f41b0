//! SQS-001: SQS queues encrypt messages at rest (SSE-KMS or SSE-SQS).

use crate::prelude::*;

pub static RULE: RuleDef<SqsQueue> = RuleDef {
    meta: RuleMeta {
        id: "SQS-001",
        name: "sqs-queue-encrypted-at-rest",
        title: "SQS queues encrypt messages at rest with SSE-KMS or SSE-SQS",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Simple Queue Service (Amazon SQS)",
        rationale: "A queue keeps every message on disk until it is consumed or its retention \
            period (up to 14 days) ends, so a queue that carries PHI holds ePHI at rest. The \
            whitepaper's SQS section names server-side encryption as the way to protect it and \
            says that without it the payload itself must be encrypted before it is sent. Either \
            form of server-side encryption passes: SSE-KMS (a KMS key, which logs every use to \
            CloudTrail and lets you restrict and audit who can decrypt) or SSE-SQS (keys owned \
            and managed by SQS, the default for queues created since late 2022). The message \
            says which one is in use; SSE-KMS with a customer-managed key gives the stronger \
            audit trail for 164.312(b). Client-side encryption of payloads cannot be observed, \
            so a queue without server-side encryption fails.",
        remediation: Remediation {
            console: "SQS console > Queues > select > Edit > Encryption: Server-side encryption \
                Enabled, Encryption key type: SSE-KMS with a customer-managed key (or SSE-SQS) > Save.\n\
                aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes KmsMasterKeyId=arn:aws:kms:REGION:ACCOUNT:key/KEY_ID\n\
                aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes SqsManagedSseEnabled=true",
            terraform: "resource \"aws_sqs_queue\" \"intake\" {\n  name                              = \"lab-results-intake\"\n  kms_master_key_id                 = aws_kms_key.phi.arn\n  kms_data_key_reuse_period_seconds = 300\n}\n\n# or, with SQS-owned keys:\n# sqs_managed_sse_enabled = true",
            cloudformation: "LabResultsIntake:\n  Type: AWS::SQS::Queue\n  Properties:\n    QueueName: lab-results-intake\n    KmsMasterKeyId: !Ref PhiKey\n    KmsDataKeyReusePeriodSeconds: 300\n    # or, with SQS-owned keys:\n    # SqsManagedSseEnabled: true",
        },
        examples: &[
            Example {
                name: "sse-kms",
                expect: Status::Pass,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "sqs_managed_sse": false}]"#,
            },
            Example {
                name: "sse-sqs",
                expect: Status::Pass,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims", "kms_key_id": null, "sqs_managed_sse": true}]"#,
            },
            Example {
                name: "no server-side encryption",
                expect: Status::Fail,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims", "kms_key_id": null, "sqs_managed_sse": false}]"#,
            },
            Example {
                name: "sse-sqs flag unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims", "kms_key_id": null,
                    "sqs_managed_sse": {"$unknown": {"reason": "access_denied", "detail": "sqs:GetQueueAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(queue: &SqsQueue, _cx: &Context) -> Check {
    if let Some(key) = queue.kms_key_id.need("kms_key_id")? {
        return Ok(Outcome::pass(format!("SSE-KMS with key {key}")));
    }
    Ok(if *queue.sqs_managed_sse.need("sqs_managed_sse")? {
        Outcome::pass("SSE-SQS (SQS-managed keys)")
    } else {
        Outcome::fail("server-side encryption is off (neither SSE-KMS nor SSE-SQS)")
    })
}
