//! SQS-002: SQS queue policies do not grant access to everyone.

use crate::prelude::*;

pub static RULE: RuleDef<SqsQueue> = RuleDef {
    meta: RuleMeta {
        id: "SQS-002",
        name: "sqs-queue-policy-not-public",
        title: "SQS queue policies do not allow access by anyone",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.308(a)(3)(i)"],
        source: "Whitepaper: Amazon Simple Queue Service (Amazon SQS)",
        rationale: "A queue policy statement that allows `\"Principal\": \"*\"` without a \
            condition tying it to an account, organisation, source ARN or network lets any AWS \
            customer receive (and delete) the queue's messages, PHI included, or inject forged \
            ones. Access control (164.312(a)(1)) and access authorisation \
            (164.308(a)(4)(ii)(B)) require that only authorised people and systems reach ePHI. \
            Statements restricted by aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, \
            aws:SourceVpce or similar keys (the usual pattern for an SNS topic or S3 bucket \
            sending to the queue) are not public.",
        remediation: Remediation {
            console: "SQS console > Queues > select > Edit > Access policy: replace \"Principal\": \"*\" \
                with specific principals, or add a condition such as \
                \"ArnEquals\": {\"aws:SourceArn\": \"TOPIC_ARN\"}.\n\
                aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes file://attributes.json",
            terraform: "resource \"aws_sqs_queue_policy\" \"intake\" {\n  queue_url = aws_sqs_queue.intake.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"FromTopic\"\n      Effect    = \"Allow\"\n      Principal = { Service = \"sns.amazonaws.com\" }\n      Action    = \"sqs:SendMessage\"\n      Resource  = aws_sqs_queue.intake.arn\n      Condition = { ArnEquals = { \"aws:SourceArn\" = aws_sns_topic.alerts.arn } }\n    }]\n  })\n}",
            cloudformation: "IntakePolicy:\n  Type: AWS::SQS::QueuePolicy\n  Properties:\n    Queues:\n      - !Ref LabResultsIntake\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: FromTopic\n          Effect: Allow\n          Principal:\n            Service: sns.amazonaws.com\n          Action: sqs:SendMessage\n          Resource: !GetAtt LabResultsIntake.Arn\n          Condition:\n            ArnEquals:\n              aws:SourceArn: !Ref PatientAlerts",
        },
        examples: &[
            Example {
                name: "topic may send, restricted by source arn",
                expect: Status::Pass,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "FromTopic", "Effect": "Allow",
                        "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:lab-results-intake",
                        "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:patient-alerts"}}}]}}]"#,
            },
            Example {
                name: "no queue policy",
                expect: Status::Pass,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims", "policy": null}]"#,
            },
            Example {
                name: "anyone may receive",
                expect: Status::Fail,
                resources: r#"[{"type": "sqs_queue", "id": "arn:aws:sqs:us-east-1:111122223333:claims",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Open", "Effect": "Allow",
                        "Principal": {"AWS": "*"}, "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
                        "Resource": "arn:aws:sqs:us-east-1:111122223333:claims"}]}}]"#,
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
        return Ok(Outcome::pass("queue has no resource policy"));
    };
    let open = policy.public_statements();
    Ok(if open.is_empty() {
        Outcome::pass("no statement allows access by anyone")
    } else {
        let what: Vec<String> = open
            .iter()
            .map(|s| {
                let sid = if s.sid.is_empty() {
                    "(no Sid)".to_string()
                } else {
                    s.sid.clone()
                };
                let actions = if s.actions.is_empty() {
                    "NotAction".to_string()
                } else {
                    s.actions.join(",")
                };
                format!("{sid}: {actions}")
            })
            .collect();
        Outcome::fail(format!("policy allows anyone: {}", what.join("; ")))
    })
}
