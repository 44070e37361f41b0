//! ElastiCache replication groups (Redis OSS and Valkey): engine and version, encryption at
//! rest and in transit, AUTH, failover, snapshots and pending security updates.

use super::client;
use crate::runtime::{tags, ts, Out, Scope};
use safeguard_model::{ElastiCacheReplicationGroup, ServiceUpdate, Value};
use std::collections::HashMap;

pub(crate) const ACTIONS: &[&str] = &[
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeReplicationGroups",
    "elasticache:DescribeUpdateActions",
    "elasticache:ListTagsForResource",
];

const PENDING: &[&str] = &[
    "not-applied",
    "waiting-to-start",
    "in-progress",
    "stopping",
    "stopped",
    "scheduling",
    "scheduled",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_elasticache);
    let c = &c;
    let groups = out.list(
        s.pages(
            "elasticache:DescribeReplicationGroups",
            c.describe_replication_groups()
                .into_paginator()
                .items()
                .send(),
        )
        .await,
    );
    if groups.is_empty() {
        return;
    }
    let (clusters, updates) = tokio::join!(
        s.pages(
            "elasticache:DescribeCacheClusters",
            c.describe_cache_clusters()
                .show_cache_node_info(false)
                .into_paginator()
                .items()
                .send()
        ),
        s.pages(
            "elasticache:DescribeUpdateActions",
            c.describe_update_actions()
                .set_update_action_status(Some(PENDING.iter().map(|p| (*p).into()).collect()))
                .into_paginator()
                .items()
                .send()
        ),
    );
    // Engine versions live on the member clusters.
    let cluster_error = clusters.error.clone();
    let versions: HashMap<String, (String, String)> = clusters
        .items
        .iter()
        .filter_map(|cc| {
            Some((
                cc.replication_group_id()?.to_string(),
                (
                    cc.engine().unwrap_or_default().to_string(),
                    cc.engine_version().unwrap_or_default().to_string(),
                ),
            ))
        })
        .collect();
    let updates_error = updates.error.clone();
    let mut pending: HashMap<String, Vec<ServiceUpdate>> = HashMap::new();
    for u in &updates.items {
        if let Some(rg) = u.replication_group_id() {
            pending
                .entry(rg.to_string())
                .or_default()
                .push(ServiceUpdate {
                    name: u.service_update_name().unwrap_or_default().to_string(),
                    severity: u
                        .service_update_severity()
                        .map(|x| x.as_str().to_string())
                        .unwrap_or_default(),
                    recommended_apply_by: u.service_update_recommended_apply_by_date().and_then(ts),
                });
        }
    }
    let versions = &versions;
    let found = s
        .each(groups, |g| {
            let cluster_error = cluster_error.clone();
            async move {
                let id = g.replication_group_id().unwrap_or_default().to_string();
                let arn = g
                    .arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("elasticache", &format!("replicationgroup:{id}")));
                let t = s
                    .call(
                        "elasticache:ListTagsForResource",
                        c.list_tags_for_resource().resource_name(&arn).send(),
                    )
                    .await;
                let tags = match t {
                    Ok(o) => Value::Known(tags(
                        o.tag_list()
                            .iter()
                            .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
                    )),
                    Err(e) => e.value(),
                };
                let (engine, engine_version) = match (versions.get(&id), &cluster_error) {
                    (Some((e, v)), _) => (
                        Value::Known(g.engine().unwrap_or(e).to_string()),
                        Value::Known(v.clone()),
                    ),
                    (None, Some(err)) => (
                        g.engine()
                            .map(|e| Value::Known(e.to_string()))
                            .unwrap_or_else(|| err.value()),
                        err.value(),
                    ),
                    (None, None) => (
                        Value::Known(g.engine().unwrap_or("redis").to_string()),
                        Value::unknown(
                            safeguard_model::UnknownReason::NotCollected,
                            format!(
                                "no member cluster of {id} in elasticache:DescribeCacheClusters"
                            ),
                        ),
                    ),
                };
                (g, id, arn, tags, engine, engine_version)
            }
        })
        .await;
    for (g, id, arn, tags, engine, engine_version) in found {
        let transit = g.transit_encryption_enabled().unwrap_or(false);
        out.push(ElastiCacheReplicationGroup {
            meta: s.meta(arn, id.clone(), tags),
            engine,
            engine_version,
            node_type: Value::Known(g.cache_node_type().unwrap_or_default().to_string()),
            at_rest_encryption: Value::Known(g.at_rest_encryption_enabled().unwrap_or(false)),
            transit_encryption: Value::Known(transit),
            transit_encryption_mode: Value::Known(
                g.transit_encryption_mode()
                    .map(|m| m.as_str().to_string())
                    .or_else(|| transit.then(|| "required".to_string())),
            ),
            auth_enabled: Value::Known(
                g.auth_token_enabled().unwrap_or(false) || !g.user_group_ids().is_empty(),
            ),
            kms_key_id: Value::Known(g.kms_key_id().map(str::to_string)),
            automatic_failover: Value::Known(
                g.automatic_failover()
                    .is_some_and(|a| a.as_str() == "enabled"),
            ),
            snapshot_retention_days: Value::Known(
                g.snapshot_retention_limit().unwrap_or(0).max(0) as u32
            ),
            pending_service_updates: match &updates_error {
                Some(e) => e.value(),
                None => Value::Known(pending.remove(&id).unwrap_or_default()),
            },
        });
    }
}
