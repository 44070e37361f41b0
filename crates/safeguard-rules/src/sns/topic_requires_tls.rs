//! SNS-003: SNS topic policies refuse requests that do not use TLS.

use crate::prelude::*;

pub static RULE: RuleDef<SnsTopic> = RuleDef {
    meta: RuleMeta {
        id: "SNS-003",
        name: "sns-topic-requires-tls",
        title: "SNS topic policies deny publishing over connections without TLS",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Simple Notification Service (Amazon SNS) (\"Customers must use the HTTPS API endpoint that SNS provides in each AWS Region\")",
        rationale: "The whitepaper makes the HTTPS endpoint a requirement for SNS with PHI. SNS \
            still accepts plain-HTTP API requests in many regions, so the requirement is only \
            enforced when the topic policy denies `sns:Publish` to every principal when \
            `aws:SecureTransport` is `false`. Without that statement, one misconfigured client \
            or SDK endpoint override sends PHI across the network in clear text, contrary to \
            transmission security (164.312(e)(1)).",
        remediation: Remediation {
            console: "SNS console > Topics > select > Edit > Access policy > add the statement \
                below > Save.\n\
                {\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", \"Principal\": \"*\", \
                \"Action\": \"sns:Publish\", \"Resource\": \"TOPIC_ARN\", \
                \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}",
            terraform: "data \"aws_iam_policy_document\" \"alerts\" {\n  statement {\n    sid       = \"DenyInsecureTransport\"\n    effect    = \"Deny\"\n    actions   = [\"sns:Publish\"]\n    resources = [aws_sns_topic.alerts.arn]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}\n\nresource \"aws_sns_topic_policy\" \"alerts\" {\n  arn    = aws_sns_topic.alerts.arn\n  policy = data.aws_iam_policy_document.alerts.json\n}",
            cloudformation: "PatientAlertsPolicy:\n  Type: AWS::SNS::TopicPolicy\n  Properties:\n    Topics:\n      - !Ref PatientAlerts\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: \"*\"\n          Action: sns:Publish\n          Resource: !Ref PatientAlerts\n          Condition:\n            Bool:\n              aws:SecureTransport: \"false\"",
        },
        examples: &[
            Example {
                name: "denies insecure transport",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",
                        "Principal": "*", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "policy without a tls condition",
                expect: Status::Fail,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sns:Publish",
                        "Resource": "arn:aws:sns:us-east-1:111122223333:patient-alerts"}]}}]"#,
            },
            Example {
                name: "no policy",
                expect: Status::Fail,
                resources: r#"[{"type": "sns_topic", "id": "aws_sns_topic.alerts", "policy": null}]"#,
            },
            Example {
                name: "policy unresolved in terraform",
                expect: Status::Unknown,
                resources: r#"[{"type": "sns_topic", "id": "aws_sns_topic.alerts",
                    "policy": {"$unknown": {"reason": "unresolved", "detail": "data.aws_iam_policy_document.alerts.json"}}}]"#,
            },
        ],
    },
    check,
};

fn check(topic: &SnsTopic, _cx: &Context) -> Check {
    let Some(policy) = topic.policy.need("policy")? else {
        return Ok(Outcome::fail(
            "topic has no policy, so requests without TLS are accepted",
        ));
    };
    Ok(if policy.denies_insecure_transport("sns:Publish") {
        Outcome::pass("policy denies sns:Publish when aws:SecureTransport is false")
    } else {
        Outcome::fail("policy does not deny sns:Publish over connections without TLS")
    })
}
