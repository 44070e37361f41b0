//! LMB-005: Lambda functions keep failed asynchronous events (dead-letter queue or on-failure
//! destination).

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-005",
        name: "lambda-dead-letter-queue-configured",
        title: "Lambda functions send failed asynchronous events to a dead-letter queue or on-failure destination",
        severity: Severity::Low,
        hipaa: &["164.312(c)(1)", "164.312(b)", "164.308(a)(7)(i)"],
        source: "Whitepaper: AWS Lambda; Auditing, backups, and disaster recovery",
        rationale: "When an asynchronous invocation (an S3 upload, an SNS message, an EventBridge \
            rule) still fails after Lambda's retries, the event is discarded unless a dead-letter \
            queue or an on-failure destination is configured. For a workflow that moves PHI (a \
            lab result arriving, a claim to forward) a silently dropped event is lost or \
            incomplete data, which matters to integrity (164.312(c)(1)) and leaves no trace for \
            audit (164.312(b)) or recovery (164.308(a)(7)(i)). Either a DeadLetterConfig target \
            or an EventInvokeConfig on-failure destination passes. Functions that are only \
            invoked synchronously (API Gateway, function URLs) do not need one; suppress the \
            finding for them. The queue or topic receiving failed events holds PHI and must be \
            encrypted (SQS-001, SNS-001).",
        remediation: Remediation {
            console: "Lambda console > function > Configuration > Asynchronous invocation > Edit > \
                Dead-letter queue service: Amazon SQS, choose an encrypted queue > Save (or add a \
                destination for \"On failure\" under Configuration > Destinations).\n\
                aws lambda update-function-configuration --function-name FUNCTION \
                --dead-letter-config TargetArn=arn:aws:sqs:REGION:ACCOUNT:ingest-dlq",
            terraform: "resource \"aws_lambda_function\" \"ingest\" {\n  # ...\n  dead_letter_config {\n    target_arn = aws_sqs_queue.ingest_dlq.arn\n  }\n}",
            cloudformation: "IngestFunction:\n  Type: AWS::Lambda::Function\n  Properties:\n    # ...\n    DeadLetterConfig:\n      TargetArn: !GetAtt IngestDlq.Arn",
        },
        examples: &[
            Example {
                name: "dead-letter queue",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "dead_letter_target": "arn:aws:sqs:us-east-1:111122223333:ingest-dlq"}]"#,
            },
            Example {
                name: "on-failure destination",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "dead_letter_target": null, "on_failure_destination": "arn:aws:sqs:us-east-1:111122223333:ingest-failures"}]"#,
            },
            Example {
                name: "neither",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "dead_letter_target": null, "on_failure_destination": null}]"#,
            },
            Example {
                name: "no dead-letter queue, destinations not collected",
                expect: Status::Unknown,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "dead_letter_target": null}]"#,
            },
        ],
    },
    check,
};

fn check(function: &LambdaFunction, _cx: &Context) -> Check {
    if let Some(dlq) = function.dead_letter_target.need("dead_letter_target")? {
        return Ok(Outcome::pass(format!("dead-letter target {dlq}")));
    }
    Ok(match function.on_failure_destination.need("on_failure_destination")? {
        Some(dest) => Outcome::pass(format!("on-failure destination {dest}")),
        None => Outcome::fail("no dead-letter queue and no on-failure destination: failed async events are dropped"),
    })
}
