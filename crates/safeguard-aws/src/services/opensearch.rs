//! OpenSearch Service domains (OpenSearch and legacy Elasticsearch engines): engine
//! version, encryption at rest and node to node, HTTPS and TLS policy, VPC placement, log
//! publishing, fine-grained access control, access policy and tags.

use super::client;
use crate::runtime::{opt_policy, tags, Out, Scope};
use safeguard_model::{OpenSearchDomain, Value};

pub(crate) const ACTIONS: &[&str] = &["es:DescribeDomains", "es:ListDomainNames", "es:ListTags"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_opensearch);
    let c = &c;
    let names: Vec<String> = match s
        .call("es:ListDomainNames", c.list_domain_names().send())
        .await
    {
        Ok(o) => o
            .domain_names()
            .iter()
            .filter_map(|d| d.domain_name().map(str::to_string))
            .collect(),
        Err(e) => {
            out.fail(&e);
            return;
        }
    };
    // DescribeDomains takes at most five names.
    let batches = s
        .each(
            names.chunks(5).map(<[String]>::to_vec).collect(),
            |chunk| async move {
                let r = s
                    .call(
                        "es:DescribeDomains",
                        c.describe_domains()
                            .set_domain_names(Some(chunk.clone()))
                            .send(),
                    )
                    .await;
                (chunk, r)
            },
        )
        .await;
    let mut statuses = Vec::new();
    for (chunk, r) in batches {
        match r {
            Ok(o) => statuses.extend(o.domain_status_list().iter().cloned()),
            Err(e) => {
                // The domains exist (they were listed) but nothing about them is known.
                out.fail(&e);
                for name in chunk {
                    out.push(OpenSearchDomain {
                        meta: s.meta(s.arn("es", &format!("domain/{name}")), name, e.value()),
                        engine_version: e.value(),
                        encryption_at_rest: e.value(),
                        node_to_node_encryption: e.value(),
                        enforce_https: e.value(),
                        tls_security_policy: e.value(),
                        in_vpc: e.value(),
                        log_publishing: e.value(),
                        fine_grained_access_control: e.value(),
                        access_policy: e.value(),
                    });
                }
            }
        }
    }
    let found = s
        .each(statuses, |d| async move {
            let arn = d.arn().to_string();
            let name = d.domain_name().to_string();
            let tags = match s.call("es:ListTags", c.list_tags().arn(&arn).send()).await {
                Ok(o) => Value::Known(tags(o.tag_list().iter().map(|t| (t.key(), t.value())))),
                Err(e) => e.value(),
            };
            let endpoint = d.domain_endpoint_options();
            let mut logs: Vec<String> = d
                .log_publishing_options()
                .map(|m| {
                    m.iter()
                        .filter(|(_, o)| o.enabled().unwrap_or(false))
                        .map(|(k, _)| k.as_str().to_string())
                        .collect()
                })
                .unwrap_or_default();
            logs.sort();
            OpenSearchDomain {
                meta: s.meta(arn, name.clone(), tags),
                engine_version: Value::Known(d.engine_version().unwrap_or_default().to_string()),
                encryption_at_rest: Value::Known(
                    d.encryption_at_rest_options()
                        .and_then(|e| e.enabled())
                        .unwrap_or(false),
                ),
                node_to_node_encryption: Value::Known(
                    d.node_to_node_encryption_options()
                        .and_then(|e| e.enabled())
                        .unwrap_or(false),
                ),
                enforce_https: Value::Known(
                    endpoint.and_then(|e| e.enforce_https()).unwrap_or(false),
                ),
                tls_security_policy: Value::Known(
                    endpoint
                        .and_then(|e| e.tls_security_policy())
                        .map(|p| p.as_str().to_string()),
                ),
                in_vpc: Value::Known(
                    d.vpc_options()
                        .and_then(|v| v.vpc_id())
                        .is_some_and(|v| !v.is_empty()),
                ),
                log_publishing: Value::Known(logs),
                fine_grained_access_control: Value::Known(
                    d.advanced_security_options()
                        .and_then(|a| a.enabled())
                        .unwrap_or(false),
                ),
                access_policy: opt_policy(
                    d.access_policies(),
                    &format!("es:DescribeDomains {name}"),
                ),
            }
        })
        .await;
    for d in found {
        out.push(d);
    }
}
