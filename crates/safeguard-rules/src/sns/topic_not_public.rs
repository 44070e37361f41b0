//! SNS-002: SNS topic policies do not grant access to everyone.

use crate::prelude::*;

pub static RULE: RuleDef<SnsTopic> = RuleDef {
    meta: RuleMeta {
        id: "SNS-002",
        name: "sns-topic-policy-not-public",
        title: "SNS topic policies do not allow access by anyone",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.308(a)(3)(i)"],
        source: "Whitepaper: Amazon Simple Notification Service (Amazon SNS)",
        rationale: "A topic policy statement that allows `\"Principal\": \"*\"` without a \
            condition tying it to an account, organisation, source ARN or network lets any AWS \
            customer in the world subscribe to the topic (and receive every message, PHI \
            included), publish forged messages to it, or change it. Access control \
            (164.312(a)(1)) and access authorisation (164.308(a)(4)(ii)(B)) require that only \
            authorised people and systems reach ePHI. Statements restricted by aws:SourceOwner, \
            aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar keys \
            (as in the default topic policy) are not public.",
        remediation: Remediation {
            console: "SNS console > Topics > select > Edit > Access policy: replace \
                \"Principal\": \"*\" with the account or service principals that need access, or \
                add a condition such as \"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT_ID\"}.\n\
                aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name Policy --attribute-value file://policy.json",
            terraform: "resource \"aws_sns_topic_policy\" \"alerts\" {\n  arn = aws_sns_topic.alerts.arn\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"AccountPublish\"\n      Effect    = \"Allow\"\n      Principal = { AWS = \"arn:aws:iam::111122223333:root\" }\n      Action    = \"sns:Publish\"\n      Resource  = aws_sns_topic.alerts.arn\n    }]\n  })\n}",
            cloudformation: "PatientAlertsPolicy:\n  Type: AWS::SNS::TopicPolicy\n  Properties:\n    Topics:\n      - !Ref PatientAlerts\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: AccountPublish\n          Effect: Allow\n          Principal:\n            AWS: !Sub arn:aws:iam::${AWS::AccountId}:root\n          Action: sns:Publish\n          Resource: !Ref PatientAlerts",
        },
        examples: &[
            Example {
                name: "default policy restricted to the owner",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "policy": {"Version": "2008-10-17", "Statement": [{"Sid": "__default_statement_ID", "Effect": "Allow",
                        "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Subscribe", "SNS:Receive"],
                        "Resource": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                        "Condition": {"StringEquals": {"AWS:SourceOwner": "111122223333"}}}]}}]"#,
            },
            Example {
                name: "no topic policy",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "aws_sns_topic.alerts", "policy": null}]"#,
            },
            Example {
                name: "anyone may subscribe",
                expect: Status::Fail,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "OpenSubscribe", "Effect": "Allow",
                        "Principal": "*", "Action": "sns:Subscribe",
                        "Resource": "arn:aws:sns:us-east-1:111122223333:patient-alerts"}]}}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "sns:GetTopicAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(topic: &SnsTopic, _cx: &Context) -> Check {
    let Some(policy) = topic.policy.need("policy")? else {
        return Ok(Outcome::pass("topic has no resource policy"));
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
