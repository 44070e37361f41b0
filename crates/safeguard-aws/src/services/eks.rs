//! EKS clusters (the control plane): Kubernetes version, envelope encryption of secrets,
//! control plane logging, API endpoint exposure and tags, all from `DescribeCluster`. The
//! Kubernetes API itself is never called.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{EksCluster, Unknown, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &["eks:DescribeCluster", "eks:ListClusters"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_eks);
    let c = &c;
    let names = out.list(
        s.pages(
            "eks:ListClusters",
            c.list_clusters().into_paginator().items().send(),
        )
        .await,
    );
    let found = s
        .each(names, |name| async move {
            let r = s
                .call(
                    "eks:DescribeCluster",
                    c.describe_cluster().name(&name).send(),
                )
                .await;
            // `cluster` is required in the answer; without it nothing is known.
            let r = r.map_err(|e| e.unknown).and_then(|o| {
                o.cluster().cloned().ok_or_else(|| {
                    Unknown::new(
                        UnknownReason::ParseError,
                        format!("eks:DescribeCluster in {}: no cluster", s.region),
                    )
                })
            });
            let fallback_arn = || s.arn("eks", &format!("cluster/{name}"));
            match r {
                Ok(k) => {
                    let vpc = k.resources_vpc_config();
                    let mut enabled_log_types: Vec<String> = k
                        .logging()
                        .map(|l| l.cluster_logging())
                        .unwrap_or_default()
                        .iter()
                        .filter(|setup| setup.enabled().unwrap_or(false))
                        .flat_map(|setup| setup.types().iter().map(|t| t.as_str().to_string()))
                        .collect();
                    enabled_log_types.sort();
                    enabled_log_types.dedup();
                    EksCluster {
                        meta: s.meta(
                            k.arn().map(str::to_string).unwrap_or_else(fallback_arn),
                            name.clone(),
                            Value::Known(tags(k.tags().cloned().unwrap_or_default())),
                        ),
                        version: match k.version() {
                            Some(v) => Value::Known(v.to_string()),
                            None => Value::unknown(
                                UnknownReason::ParseError,
                                format!("eks:DescribeCluster in {}: no version", s.region),
                            ),
                        },
                        // The key of any `encryptionConfig` entry: `secrets` was the only
                        // resource such an entry could name, and AWS has deprecated the list
                        // now that the key envelope-encrypts all Kubernetes API data.
                        secrets_kms_key_arn: Value::Known(
                            k.encryption_config()
                                .iter()
                                .filter_map(|e| e.provider().and_then(|p| p.key_arn()))
                                .find(|k| !k.is_empty())
                                .map(str::to_string),
                        ),
                        enabled_log_types: Value::Known(enabled_log_types),
                        // AWS always describes the endpoint; an answer without it says nothing.
                        endpoint_public_access: match vpc {
                            Some(v) => Value::Known(v.endpoint_public_access()),
                            None => no_vpc_config(s),
                        },
                        public_access_cidrs: match vpc {
                            Some(v) => Value::Known(v.public_access_cidrs().to_vec()),
                            None => no_vpc_config(s),
                        },
                    }
                }
                Err(u) => EksCluster {
                    meta: s.meta(fallback_arn(), name.clone(), Value::Unknown(u.clone())),
                    version: Value::Unknown(u.clone()),
                    secrets_kms_key_arn: Value::Unknown(u.clone()),
                    enabled_log_types: Value::Unknown(u.clone()),
                    endpoint_public_access: Value::Unknown(u.clone()),
                    public_access_cidrs: Value::Unknown(u),
                },
            }
        })
        .await;
    for k in found {
        out.push(k);
    }
}

fn no_vpc_config<T>(s: &Scope) -> Value<T> {
    Value::unknown(
        UnknownReason::ParseError,
        format!("eks:DescribeCluster in {}: no resourcesVpcConfig", s.region),
    )
}
