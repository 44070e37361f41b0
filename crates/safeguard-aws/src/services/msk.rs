//! MSK clusters: encryption in transit (client to broker, between brokers) and the KMS key
//! of the brokers' volumes, and tags. `ListClustersV2` returns all of it for provisioned and
//! serverless clusters, so there is no per-cluster call. No topic or message is read.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{MskCluster, Unknown, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &["kafka:ListClustersV2"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_kafka);
    let clusters = out.list(
        s.pages(
            "kafka:ListClustersV2",
            c.list_clusters_v2().into_paginator().items().send(),
        )
        .await,
    );
    for k in clusters {
        let name = k.cluster_name().unwrap_or_default().to_string();
        let arn = k
            .cluster_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("kafka", &format!("cluster/{name}")));
        let meta = s.meta(
            arn,
            name,
            Value::Known(tags(k.tags().cloned().unwrap_or_default())),
        );
        let cluster = if let Some(p) = k.provisioned() {
            let info = p.encryption_info();
            let transit = info.and_then(|i| i.encryption_in_transit());
            MskCluster {
                meta,
                // Unset fields are AWS's documented defaults: TLS only, and encryption
                // between brokers on.
                client_broker_encryption: Value::Known(
                    transit
                        .and_then(|t| t.client_broker())
                        .map(|b| b.as_str().to_string())
                        .unwrap_or_else(|| "TLS".to_string()),
                ),
                in_cluster_encryption: Value::Known(
                    transit.and_then(|t| t.in_cluster()).unwrap_or(true),
                ),
                kms_key_id: Value::Known(
                    info.and_then(|i| i.encryption_at_rest())
                        .and_then(|r| r.data_volume_kms_key_id())
                        .filter(|k| !k.is_empty())
                        .map(str::to_string),
                ),
            }
        } else if k.serverless().is_some() {
            // MSK Serverless accepts TLS connections only and encrypts all traffic and data
            // with keys AWS manages; it has no encryption settings to read.
            MskCluster {
                meta,
                client_broker_encryption: Value::Known("TLS".to_string()),
                in_cluster_encryption: Value::Known(true),
                kms_key_id: Value::Known(None),
            }
        } else {
            let u = Unknown::new(
                UnknownReason::ParseError,
                format!(
                    "kafka:ListClustersV2 in {}: cluster neither provisioned nor serverless",
                    s.region
                ),
            );
            MskCluster {
                meta,
                client_broker_encryption: Value::Unknown(u.clone()),
                in_cluster_encryption: Value::Unknown(u.clone()),
                kms_key_id: Value::Unknown(u),
            }
        };
        out.push(cluster);
    }
}
