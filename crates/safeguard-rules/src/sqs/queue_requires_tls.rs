//! SQS-003: SQS queue policies refuse requests that do not use TLS.

use crate::prelude::*;

pub static RULE: RuleDef<SqsQueue> = RuleDef {
    meta: RuleMeta {
        id: "SQS-003",
        name: "sqs-queue-requires-tls",
        title: "SQS queue policies deny requests over connections without TLS",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Simple Queue Service (Amazon SQS) (\"Communication with the Amazon SQS Queue via the Query Request must be encrypted with HTTPS\")",
        rationale: "The whitepaper requires HTTPS for every request to a queue that carries PHI. \
            SQS also answers on plain-HTTP endpoints, so the requirement is only enforced when \
            the queue policy denies `sqs:*` (or at least sending and receiving) to every \
            principal when `aws:SecureTransport` is `false`. Without that statement, one \
            misconfigured client sends or receives PHI in clear text, contrary to transmission \
            security (164.312(e)(1)). The rule looks for a deny covering both \
            `sqs:SendMessage` and `sqs:ReceiveMessage`.",
        remediation: Remediation {
            console: "SQS console > Queues > select > Edit > Access policy > add the statement below > Save.\n\
                {\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", \"Principal\": \"*\", \
                \"Action\": \"sqs:*\", \"Resource\": \"QUEUE_ARN\", \
                \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}",
            terraform: "data \"aws_iam_policy_document\" \"intake\" {\n  statement {\n    sid       = \"DenyInsecureTransport\"\n    effect    = \"Deny\"\n    actions   = [\"sqs:*\"]\n    resources = [aws_sqs_queue.intake.arn]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}\n\nresource \"aws_sqs_queue_policy\" \"intake\" {\n  queue_url = aws_sqs_queue.intake.id\n  policy    = data.aws_iam_policy_document.intake.json\n}",
            cloudformation: "IntakePolicy:\n  Type: AWS::SQS::QueuePolicy\n  Properties:\n    Queues:\n      - !Ref LabResultsIntake\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: \"*\"\n          Action: sqs:*\n          Resource: !GetAtt LabResultsIntake.Arn\n          Condition:\n            Bool:\n              aws:SecureTransport: \"false\"",
        },
        examples: &[
            Example {
                name: "denies insecure transport",
                expect: Status::Pass,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",
                        "Principal": {"AWS": "*"}, "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "deny covers sending only",
                expect: Status::Fail,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
                        "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "no policy",
                expect: Status::Fail,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims", "policy": null}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "sqs:GetQueueAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(queue: &SqsQueue, _cx: &Context) -> Check {
    let Some(policy) = queue.policy.need("policy")? else {
        return Ok(Outcome::fail(
            "queue has no policy, so requests without TLS are accepted",
        ));
    };
    let uncovered: Vec<&str> = ["sqs:SendMessage", "sqs:ReceiveMessage"]
        .into_iter()
        .filter(|a| !policy.denies_insecure_transport(a))
        .collect();
    Ok(if uncovered.is_empty() {
        Outcome::pass("policy denies sending and receiving when aws:SecureTransport is false")
    } else {
        Outcome::fail(format!(
            "policy does not deny {} over connections without TLS",
            uncovered.join(" or ")
        ))
    })
}
