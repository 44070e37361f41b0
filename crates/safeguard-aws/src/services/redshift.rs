//! Redshift provisioned clusters: encryption, public access, parameter group values,
//! audit logging, snapshot retention, enhanced VPC routing and tags.

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use safeguard_model::{RedshiftCluster, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) const ACTIONS: &[&str] = &[
    "redshift:DescribeClusterParameters",
    "redshift:DescribeClusters",
    "redshift:DescribeLoggingStatus",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_redshift);
    let c = &c;
    let clusters = out.list(
        s.pages(
            "redshift:DescribeClusters",
            c.describe_clusters().into_paginator().items().send(),
        )
        .await,
    );
    // Every value of each parameter group in use (defaults included), read once per group.
    let groups: BTreeSet<String> = clusters
        .iter()
        .filter_map(|cl| {
            cl.cluster_parameter_groups()
                .first()
                .and_then(|g| g.parameter_group_name())
                .map(str::to_string)
        })
        .collect();
    let params: HashMap<String, Value<BTreeMap<String, String>>> = s
        .each(groups.into_iter().collect(), |g| async move {
            let l = s
                .pages(
                    "redshift:DescribeClusterParameters",
                    c.describe_cluster_parameters()
                        .parameter_group_name(&g)
                        .into_paginator()
                        .items()
                        .send(),
                )
                .await;
            let v = match l.error {
                Some(e) => e.value(),
                None => Value::Known(
                    l.items
                        .iter()
                        .filter_map(|p| {
                            Some((
                                p.parameter_name()?.to_string(),
                                p.parameter_value().unwrap_or_default().to_string(),
                            ))
                        })
                        .collect(),
                ),
            };
            (g, v)
        })
        .await
        .into_iter()
        .collect();
    let params = &params;
    let found = s
        .each(clusters, |cl| async move {
            let id = cl.cluster_identifier().unwrap_or_default().to_string();
            let logging = s
                .call(
                    "redshift:DescribeLoggingStatus",
                    c.describe_logging_status().cluster_identifier(&id).send(),
                )
                .await;
            let parameters = match cl
                .cluster_parameter_groups()
                .first()
                .and_then(|g| g.parameter_group_name())
            {
                Some(g) => params.get(g).cloned().unwrap_or_default(),
                None => Value::Known(BTreeMap::new()),
            };
            let arn = s.arn("redshift", &format!("cluster:{id}"));
            let tags = Value::Known(tags(
                cl.tags()
                    .iter()
                    .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
            ));
            RedshiftCluster {
                meta: s.meta(arn, id, tags),
                encrypted: Value::Known(cl.encrypted().unwrap_or(false)),
                kms_key_id: Value::Known(cl.kms_key_id().map(str::to_string)),
                publicly_accessible: Value::Known(cl.publicly_accessible().unwrap_or(false)),
                parameters,
                audit_logging: known(logging, |o| o.logging_enabled().unwrap_or(false)),
                automated_snapshot_retention_days: Value::Known(
                    cl.automated_snapshot_retention_period().unwrap_or(0).max(0) as u32,
                ),
                enhanced_vpc_routing: Value::Known(cl.enhanced_vpc_routing().unwrap_or(false)),
                allow_version_upgrade: Value::Known(cl.allow_version_upgrade().unwrap_or(true)),
            }
        })
        .await;
    for cl in found {
        out.push(cl);
    }
}
