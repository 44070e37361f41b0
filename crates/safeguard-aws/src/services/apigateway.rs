//! API Gateway REST API stages: caching and cache encryption, execution and access logging,
//! client certificate, X-Ray tracing, WAF and tags.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{ApiGatewayStage, Value};

pub(crate) const ACTIONS: &[&str] = &["apigateway:GET"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_apigateway);
    let c = &c;
    let apis = out.list(
        s.pages(
            "apigateway:GET",
            c.get_rest_apis().into_paginator().items().send(),
        )
        .await,
    );
    let ids: Vec<String> = apis
        .iter()
        .filter_map(|a| a.id().map(str::to_string))
        .collect();
    let stages = s
        .each(ids, |id| async move {
            let r = s
                .call("apigateway:GET", c.get_stages().rest_api_id(&id).send())
                .await;
            (id, r)
        })
        .await;
    for (api, r) in stages {
        let stages = match r {
            Ok(o) => o.item().to_vec(),
            Err(e) => {
                // The stages of a listed API could not be read: the list is incomplete.
                out.fail(&e);
                continue;
            }
        };
        for st in stages {
            let name = st.stage_name().unwrap_or_default().to_string();
            let all = st.method_settings().and_then(|m| m.get("*/*"));
            let arn = format!(
                "arn:{}:apigateway:{}::/restapis/{api}/stages/{name}",
                s.partition, s.region
            );
            out.push(ApiGatewayStage {
                meta: s.meta(
                    arn,
                    format!("{api}/{name}"),
                    Value::Known(tags(st.tags().cloned().unwrap_or_default())),
                ),
                rest_api_id: Value::Known(api.clone()),
                cache_enabled: Value::Known(st.cache_cluster_enabled()),
                cache_encrypted: Value::Known(all.is_some_and(|m| m.cache_data_encrypted())),
                execution_logging_level: Value::Known(
                    all.and_then(|m| m.logging_level()).map(str::to_string),
                ),
                access_log_destination: Value::Known(
                    st.access_log_settings()
                        .and_then(|a| a.destination_arn())
                        .map(str::to_string),
                ),
                client_certificate_id: Value::Known(st.client_certificate_id().map(str::to_string)),
                xray_tracing: Value::Known(st.tracing_enabled()),
                web_acl: Value::Known(
                    st.web_acl_arn()
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                ),
            });
        }
    }
}
