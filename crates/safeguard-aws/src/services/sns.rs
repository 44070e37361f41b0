//! SNS topics: KMS key, access policy, subscriptions (protocol and ARN only: endpoints may
//! be e-mail addresses or phone numbers and are never kept) and tags.

use super::client;
use crate::runtime::{opt_policy, tags, Out, Scope};
use safeguard_model::{SnsSubscription, SnsTopic, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "sns:GetTopicAttributes",
    "sns:ListSubscriptionsByTopic",
    "sns:ListTagsForResource",
    "sns:ListTopics",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_sns);
    let c = &c;
    let topics = out.list(
        s.pages(
            "sns:ListTopics",
            c.list_topics().into_paginator().items().send(),
        )
        .await,
    );
    let arns: Vec<String> = topics
        .iter()
        .filter_map(|t| t.topic_arn().map(str::to_string))
        .collect();
    let found = s
        .each(arns, |arn| async move {
            let (attrs, subs, tagged) = tokio::join!(
                s.call(
                    "sns:GetTopicAttributes",
                    c.get_topic_attributes().topic_arn(&arn).send()
                ),
                s.pages(
                    "sns:ListSubscriptionsByTopic",
                    c.list_subscriptions_by_topic()
                        .topic_arn(&arn)
                        .into_paginator()
                        .items()
                        .send()
                ),
                s.call(
                    "sns:ListTagsForResource",
                    c.list_tags_for_resource().resource_arn(&arn).send()
                ),
            );
            let name = arn.rsplit(':').next().unwrap_or_default().to_string();
            let tags = match tagged {
                Ok(o) => Value::Known(tags(o.tags().iter().map(|t| (t.key(), t.value())))),
                Err(e) => e.value(),
            };
            let (kms_key_id, policy) = match attrs {
                Ok(o) => {
                    let a = o.attributes().cloned().unwrap_or_default();
                    (
                        Value::Known(a.get("KmsMasterKeyId").filter(|k| !k.is_empty()).cloned()),
                        opt_policy(
                            a.get("Policy").map(String::as_str),
                            &format!("sns:GetTopicAttributes {name}"),
                        ),
                    )
                }
                Err(e) => (e.value(), e.value()),
            };
            let subscriptions = match subs.error {
                Some(e) => e.value(),
                None => Value::Known(
                    subs.items
                        .iter()
                        .map(|x| SnsSubscription {
                            arn: x.subscription_arn().unwrap_or_default().to_string(),
                            protocol: x.protocol().unwrap_or_default().to_string(),
                        })
                        .collect(),
                ),
            };
            SnsTopic {
                meta: s.meta(arn.clone(), name, tags),
                kms_key_id,
                policy,
                subscriptions,
            }
        })
        .await;
    for t in found {
        out.push(t);
    }
}
