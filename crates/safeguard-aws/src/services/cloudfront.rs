//! CloudFront distributions: viewer protocol policy per cache behaviour, Lambda@Edge,
//! origins and their TLS settings, viewer minimum TLS version, access logging, WAF and tags.

use super::client;
use crate::runtime::{tags, Out, Scope};
use aws_sdk_cloudfront::types::{
    CacheBehavior as SdkBehavior, DefaultCacheBehavior, LambdaFunctionAssociations,
};
use safeguard_model::{CacheBehavior, CloudFrontDistribution, Origin, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "cloudfront:GetDistributionConfig",
    "cloudfront:ListDistributions",
    "cloudfront:ListTagsForResource",
];

fn edge(l: Option<&LambdaFunctionAssociations>) -> Vec<String> {
    l.map(|l| {
        l.items()
            .iter()
            .map(|a| a.lambda_function_arn().to_string())
            .collect()
    })
    .unwrap_or_default()
}

fn default_behavior(b: &DefaultCacheBehavior) -> CacheBehavior {
    CacheBehavior {
        path_pattern: "*".to_string(),
        viewer_protocol_policy: b.viewer_protocol_policy().as_str().to_string(),
        lambda_edge_functions: edge(b.lambda_function_associations()),
    }
}

fn behavior(b: &SdkBehavior) -> CacheBehavior {
    CacheBehavior {
        path_pattern: b.path_pattern().to_string(),
        viewer_protocol_policy: b.viewer_protocol_policy().as_str().to_string(),
        lambda_edge_functions: edge(b.lambda_function_associations()),
    }
}

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_cloudfront);
    let c = &c;
    // ListDistributions pages with Marker / NextMarker inside DistributionList.
    let mut summaries = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        match s
            .call(
                "cloudfront:ListDistributions",
                c.list_distributions().set_marker(marker.clone()).send(),
            )
            .await
        {
            Ok(o) => {
                let Some(list) = o.distribution_list() else {
                    break;
                };
                summaries.extend(
                    list.items()
                        .iter()
                        .map(|d| (d.id().to_string(), d.arn().to_string())),
                );
                match list
                    .next_marker()
                    .filter(|m| list.is_truncated() && !m.is_empty())
                {
                    Some(m) => marker = Some(m.to_string()),
                    None => break,
                }
            }
            Err(e) => {
                out.fail(&e);
                break;
            }
        }
    }
    let found = s
        .each(summaries, |(id, arn)| async move {
            let (config, tagged) = tokio::join!(
                s.call(
                    "cloudfront:GetDistributionConfig",
                    c.get_distribution_config().id(&id).send()
                ),
                s.call(
                    "cloudfront:ListTagsForResource",
                    c.list_tags_for_resource().resource(&arn).send()
                ),
            );
            let tags = match tagged {
                Ok(o) => Value::Known(tags(
                    o.tags()
                        .map(|t| t.items())
                        .unwrap_or_default()
                        .iter()
                        .map(|t| (t.key(), t.value().unwrap_or_default())),
                )),
                Err(e) => e.value(),
            };
            let meta = s.meta(arn.clone(), id.clone(), tags);
            match config.map(|o| o.distribution_config().cloned()) {
                Ok(Some(d)) => {
                    let mut behaviors: Vec<CacheBehavior> = d
                        .default_cache_behavior()
                        .map(default_behavior)
                        .into_iter()
                        .collect();
                    behaviors.extend(
                        d.cache_behaviors()
                            .map(|b| b.items())
                            .unwrap_or_default()
                            .iter()
                            .map(behavior),
                    );
                    let origins = d
                        .origins()
                        .map(|o| o.items())
                        .unwrap_or_default()
                        .iter()
                        .map(|o| Origin {
                            id: o.id().to_string(),
                            domain_name: o.domain_name().to_string(),
                            origin_protocol_policy: o
                                .custom_origin_config()
                                .map(|c| c.origin_protocol_policy().as_str().to_string()),
                            origin_ssl_protocols: Value::Known(
                                o.custom_origin_config()
                                    .and_then(|c| c.origin_ssl_protocols())
                                    .map(|p| {
                                        p.items().iter().map(|x| x.as_str().to_string()).collect()
                                    })
                                    .unwrap_or_default(),
                            ),
                        })
                        .collect();
                    CloudFrontDistribution {
                        meta,
                        cache_behaviors: Value::Known(behaviors),
                        origins: Value::Known(origins),
                        minimum_protocol_version: Value::Known(
                            d.viewer_certificate()
                                .filter(|v| v.cloud_front_default_certificate() != Some(true))
                                .and_then(|v| v.minimum_protocol_version())
                                .map(|m| m.as_str().to_string()),
                        ),
                        access_logging: Value::Known(d.logging().is_some_and(|l| l.enabled())),
                        web_acl: Value::Known(
                            d.web_acl_id().filter(|w| !w.is_empty()).map(str::to_string),
                        ),
                    }
                }
                Ok(None) => {
                    let u = Value::unknown(
                        safeguard_model::UnknownReason::NotCollected,
                        format!("cloudfront:GetDistributionConfig {id} returned no configuration"),
                    );
                    CloudFrontDistribution {
                        meta,
                        cache_behaviors: u.clone().map(|_: ()| Vec::new()),
                        origins: u.clone().map(|_: ()| Vec::new()),
                        minimum_protocol_version: u.clone().map(|_: ()| None),
                        access_logging: u.clone().map(|_: ()| false),
                        web_acl: u.map(|_: ()| None),
                    }
                }
                Err(e) => CloudFrontDistribution {
                    meta,
                    cache_behaviors: e.value(),
                    origins: e.value(),
                    minimum_protocol_version: e.value(),
                    access_logging: e.value(),
                    web_acl: e.value(),
                },
            }
        })
        .await;
    for d in found {
        out.push(d);
    }
}
