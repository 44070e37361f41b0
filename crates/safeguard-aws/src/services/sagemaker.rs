//! SageMaker endpoint configurations: the KMS key of the serving instances' storage volumes,
//! and tags. No model, endpoint invocation or training data is read.

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use safeguard_model::{SageMakerEndpointConfig, Tags, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "sagemaker:DescribeEndpointConfig",
    "sagemaker:ListEndpointConfigs",
    "sagemaker:ListTags",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_sagemaker);
    let c = &c;
    let configs: Vec<(String, String)> = out
        .list(
            s.pages(
                "sagemaker:ListEndpointConfigs",
                c.list_endpoint_configs().into_paginator().items().send(),
            )
            .await,
        )
        .into_iter()
        .filter_map(|e| {
            let name = e.endpoint_config_name()?.to_string();
            let arn = e
                .endpoint_config_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("sagemaker", &format!("endpoint-config/{name}")));
            Some((name, arn))
        })
        .collect();
    let found = s
        .each(configs, |(name, arn)| async move {
            let (described, tagged) = tokio::join!(
                s.call(
                    "sagemaker:DescribeEndpointConfig",
                    c.describe_endpoint_config()
                        .endpoint_config_name(&name)
                        .send()
                ),
                s.pages(
                    "sagemaker:ListTags",
                    c.list_tags()
                        .resource_arn(&arn)
                        .into_paginator()
                        .items()
                        .send()
                ),
            );
            let tags: Value<Tags> = tagged.known(|items| {
                tags(
                    items
                        .iter()
                        .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
                )
            });
            SageMakerEndpointConfig {
                meta: s.meta(arn, name, tags),
                kms_key_id: known(described, |o| {
                    o.kms_key_id().filter(|k| !k.is_empty()).map(str::to_string)
                }),
            }
        })
        .await;
    for e in found {
        out.push(e);
    }
}
