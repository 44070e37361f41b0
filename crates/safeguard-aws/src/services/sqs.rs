//! SQS queues: KMS key or SSE-SQS, access policy and tags. Messages are never received.

use super::client;
use crate::runtime::{opt_policy, tags, Out, Scope};
use aws_sdk_sqs::types::QueueAttributeName;
use safeguard_model::{SqsQueue, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "sqs:GetQueueAttributes",
    "sqs:ListQueueTags",
    "sqs:ListQueues",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_sqs);
    let c = &c;
    let urls = out.list(
        s.pages(
            "sqs:ListQueues",
            c.list_queues().into_paginator().items().send(),
        )
        .await,
    );
    let found = s
        .each(urls, |url| async move {
            let (attrs, tagged) = tokio::join!(
                s.call(
                    "sqs:GetQueueAttributes",
                    c.get_queue_attributes()
                        .queue_url(&url)
                        .attribute_names(QueueAttributeName::QueueArn)
                        .attribute_names(QueueAttributeName::KmsMasterKeyId)
                        .attribute_names(QueueAttributeName::SqsManagedSseEnabled)
                        .attribute_names(QueueAttributeName::Policy)
                        .send()
                ),
                s.call(
                    "sqs:ListQueueTags",
                    c.list_queue_tags().queue_url(&url).send()
                ),
            );
            let name = url.rsplit('/').next().unwrap_or_default().to_string();
            let tags = match tagged {
                Ok(o) => Value::Known(tags(o.tags().cloned().unwrap_or_default())),
                Err(e) => e.value(),
            };
            match attrs {
                Ok(o) => {
                    let a = o.attributes().cloned().unwrap_or_default();
                    let get = |k: QueueAttributeName| a.get(&k).cloned();
                    let arn =
                        get(QueueAttributeName::QueueArn).unwrap_or_else(|| s.arn("sqs", &name));
                    SqsQueue {
                        meta: s.meta(arn, name.clone(), tags),
                        kms_key_id: Value::Known(
                            get(QueueAttributeName::KmsMasterKeyId).filter(|k| !k.is_empty()),
                        ),
                        sqs_managed_sse: Value::Known(
                            get(QueueAttributeName::SqsManagedSseEnabled)
                                .is_some_and(|v| v == "true"),
                        ),
                        policy: opt_policy(
                            get(QueueAttributeName::Policy).as_deref(),
                            &format!("sqs:GetQueueAttributes {name}"),
                        ),
                    }
                }
                Err(e) => SqsQueue {
                    meta: s.meta(s.arn("sqs", &name), name, tags),
                    kms_key_id: e.value(),
                    sqs_managed_sse: e.value(),
                    policy: e.value(),
                },
            }
        })
        .await;
    for q in found {
        out.push(q);
    }
}
