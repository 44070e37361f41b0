//! Elastic Load Balancing v2 (application, network and gateway load balancers): listeners
//! with their TLS policy and certificates, attributes (access logs, deletion protection,
//! invalid header handling), target groups, tags, and the WAFv2 web ACL of application load
//! balancers (`wafv2:GetWebACLForResource`; WAF attaches to no other type).

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use aws_sdk_elasticloadbalancingv2::types::Tag;
use safeguard_model::{Listener, LoadBalancer, Tags, TargetGroup, Value};
use std::collections::HashMap;

pub(crate) const ACTIONS: &[&str] = &[
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:DescribeTargetGroups",
    "wafv2:GetWebACLForResource",
];

fn elb_tags(list: &[Tag]) -> Tags {
    tags(
        list.iter()
            .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
    )
}

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_elasticloadbalancingv2);
    let c = &c;
    let waf = aws_sdk_wafv2::Client::from_conf(
        aws_sdk_wafv2::config::Builder::from(&s.sdk)
            .interceptor(s.counter_for("wafv2"))
            .build(),
    );
    let waf = &waf;
    let lbs = out.list(
        s.pages(
            "elasticloadbalancing:DescribeLoadBalancers",
            c.describe_load_balancers().into_paginator().items().send(),
        )
        .await,
    );
    let arns: Vec<String> = lbs
        .iter()
        .filter_map(|lb| lb.load_balancer_arn().map(str::to_string))
        .collect();

    // Tags, 20 load balancers per call.
    let tag_results = s
        .each(
            arns.chunks(20).map(<[String]>::to_vec).collect(),
            |chunk| async move {
                let r = s
                    .call(
                        "elasticloadbalancing:DescribeTags",
                        c.describe_tags()
                            .set_resource_arns(Some(chunk.clone()))
                            .send(),
                    )
                    .await;
                (chunk, r)
            },
        )
        .await;
    let mut tag_map: HashMap<String, Value<Tags>> = HashMap::new();
    for (chunk, r) in tag_results {
        match r {
            Ok(o) => {
                for d in o.tag_descriptions() {
                    if let Some(arn) = d.resource_arn() {
                        tag_map.insert(arn.to_string(), Value::Known(elb_tags(d.tags())));
                    }
                }
            }
            Err(e) => {
                for arn in chunk {
                    tag_map.insert(arn, e.value());
                }
            }
        }
    }

    let found = s
        .each(lbs, |lb| async move {
            let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
            let application = lb
                .r#type()
                .is_none_or(|t| t.as_str().eq_ignore_ascii_case("application"));
            let (listeners, attrs, groups, web_acl) = tokio::join!(
                s.pages(
                    "elasticloadbalancing:DescribeListeners",
                    c.describe_listeners()
                        .load_balancer_arn(&arn)
                        .into_paginator()
                        .items()
                        .send()
                ),
                s.call(
                    "elasticloadbalancing:DescribeLoadBalancerAttributes",
                    c.describe_load_balancer_attributes()
                        .load_balancer_arn(&arn)
                        .send()
                ),
                s.pages(
                    "elasticloadbalancing:DescribeTargetGroups",
                    c.describe_target_groups()
                        .load_balancer_arn(&arn)
                        .into_paginator()
                        .items()
                        .send()
                ),
                async {
                    if !application {
                        // Network and gateway load balancers cannot have a web ACL.
                        return Value::Known(None);
                    }
                    known(
                        s.call(
                            "wafv2:GetWebACLForResource",
                            waf.get_web_acl_for_resource().resource_arn(&arn).send(),
                        )
                        .await,
                        |o| o.web_acl().map(|w| w.arn().to_string()),
                    )
                },
            );
            (lb, arn, listeners, attrs, groups, web_acl)
        })
        .await;

    for (lb, arn, listeners, attrs, groups, web_acl) in found {
        let listeners = match listeners.error {
            Some(e) => e.value(),
            None => Value::Known(
                listeners
                    .items
                    .iter()
                    .map(|l| Listener {
                        port: l.port().unwrap_or(0).max(0) as u32,
                        protocol: l
                            .protocol()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default(),
                        ssl_policy: l.ssl_policy().map(str::to_string),
                        certificate_arns: l
                            .certificates()
                            .iter()
                            .filter_map(|c| c.certificate_arn().map(str::to_string))
                            .collect(),
                        redirects_to_https: l.default_actions().iter().any(|a| {
                            a.r#type().is_some_and(|t| t.as_str() == "redirect")
                                && a.redirect_config()
                                    .and_then(|r| r.protocol())
                                    .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
                        }),
                    })
                    .collect(),
            ),
        };
        let attrs = known(attrs, |o| {
            o.attributes()
                .iter()
                .filter_map(|a| {
                    Some((
                        a.key()?.to_string(),
                        a.value().unwrap_or_default().to_string(),
                    ))
                })
                .collect::<HashMap<String, String>>()
        });
        let flag = |key: &str| {
            attrs
                .as_ref()
                .map(|m| m.get(key).is_some_and(|v| v == "true"))
        };
        let target_groups = match groups.error {
            Some(e) => e.value(),
            None => Value::Known(
                groups
                    .items
                    .iter()
                    .map(|g| TargetGroup {
                        name: g.target_group_name().unwrap_or_default().to_string(),
                        protocol: g.protocol().map(|p| p.as_str().to_string()),
                        port: g.port().map(|p| p.max(0) as u32),
                    })
                    .collect(),
            ),
        };
        let lb_type = lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "application".to_string());
        let drop_invalid_headers = if lb_type == "application" {
            flag("routing.http.drop_invalid_header_fields.enabled")
        } else {
            Value::Known(false)
        };
        let tags = tag_map.remove(&arn).unwrap_or_default();
        out.push(LoadBalancer {
            meta: s.meta(arn, lb.load_balancer_name().unwrap_or_default(), tags),
            lb_type: Value::Known(lb_type),
            scheme: Value::Known(
                lb.scheme()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
            ),
            listeners,
            access_logs: flag("access_logs.s3.enabled"),
            deletion_protection: flag("deletion_protection.enabled"),
            drop_invalid_headers,
            web_acl,
            target_groups,
        });
    }
}
