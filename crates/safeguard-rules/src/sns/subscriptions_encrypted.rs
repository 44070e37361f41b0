//! SNS-004: SNS topics do not deliver to plain-HTTP endpoints.

use crate::prelude::*;

pub static RULE: RuleDef<SnsTopic> = RuleDef {
    meta: RuleMeta {
        id: "SNS-004",
        name: "sns-no-http-subscriptions",
        title: "SNS topics do not deliver messages to plain-HTTP endpoints",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Simple Notification Service (Amazon SNS); Encryption and protection of PHI in AWS",
        rationale: "An `http` subscription makes SNS POST every message to the endpoint in clear \
            text across the internet; an `https` subscription uses TLS. Encrypting the topic at \
            rest and forcing HTTPS for publishers does not help if delivery itself is \
            unencrypted, and the whitepaper's premise is that PHI is encrypted in transit end to \
            end (164.312(e)(1)). Only subscription protocols are examined; endpoints are never \
            read or reported, since they can identify people. E-mail and SMS deliveries are not \
            judged here but should not carry PHI either.",
        remediation: Remediation {
            console: "SNS console > Topics > select > Subscriptions > delete the http subscription \
                and create an https one to the same endpoint (the endpoint must present a valid \
                certificate and confirm the subscription).\n\
                aws sns unsubscribe --subscription-arn SUBSCRIPTION_ARN\n\
                aws sns subscribe --topic-arn TOPIC_ARN --protocol https --notification-endpoint https://hooks.example.org/sns",
            terraform: "resource \"aws_sns_topic_subscription\" \"hook\" {\n  topic_arn              = aws_sns_topic.alerts.arn\n  protocol               = \"https\"\n  endpoint               = \"https://hooks.example.org/sns\"\n  endpoint_auto_confirms = true\n}",
            cloudformation: "HookSubscription:\n  Type: AWS::SNS::Subscription\n  Properties:\n    TopicArn: !Ref PatientAlerts\n    Protocol: https\n    Endpoint: https://hooks.example.org/sns",
        },
        examples: &[
            Example {
                name: "https and sqs subscriptions",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "subscriptions": [{"arn": "arn:aws:sns:us-east-1:111122223333:patient-alerts:0b1d", "protocol": "https"},
                                      {"arn": "arn:aws:sns:us-east-1:111122223333:patient-alerts:77e0", "protocol": "sqs"}]}]"#,
            },
            Example {
                name: "no subscriptions",
                expect: Status::Pass,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts", "subscriptions": []}]"#,
            },
            Example {
                name: "http subscription",
                expect: Status::Fail,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "subscriptions": [{"arn": "arn:aws:sns:us-east-1:111122223333:patient-alerts:9f9f", "protocol": "http"}]}]"#,
            },
            Example {
                name: "subscriptions unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "sns_topic", "id": "arn:aws:sns:us-east-1:111122223333:patient-alerts",
                    "subscriptions": {"$unknown": {"reason": "access_denied", "detail": "sns:ListSubscriptionsByTopic"}}}]"#,
            },
        ],
    },
    check,
};

fn check(topic: &SnsTopic, _cx: &Context) -> Check {
    let subs = topic.subscriptions.need("subscriptions")?;
    let plain: Vec<&str> = subs
        .iter()
        .filter(|s| s.protocol.eq_ignore_ascii_case("http"))
        .map(|s| {
            if s.arn.is_empty() {
                "(unnamed)"
            } else {
                s.arn.as_str()
            }
        })
        .collect();
    Ok(if plain.is_empty() {
        Outcome::pass(format!(
            "none of {} subscription(s) uses plain HTTP",
            subs.len()
        ))
    } else {
        Outcome::fail(format!(
            "{} subscription(s) deliver over plain HTTP: {}",
            plain.len(),
            plain.join(", ")
        ))
    })
}
