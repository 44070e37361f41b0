//! RDS in one region: DB instances (with the user-set values of their parameter groups and
//! the options of their option groups), clusters, and DB and cluster snapshots with their
//! sharing. Parameter and option groups are read once each, however many databases use them.

use super::client;
use crate::error::CallError;
use crate::runtime::{known, tags, Out, Scope};
use aws_sdk_rds::types::Tag;
use safeguard_model::{
    DbOption, DocDbCluster, NeptuneCluster, RdsCluster, RdsInstance, RdsSnapshot, Tags, Value,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) const ACTIONS: &[&str] = &[
    "rds:DescribeDBClusterParameters",
    "rds:DescribeDBClusterSnapshotAttributes",
    "rds:DescribeDBClusterSnapshots",
    "rds:DescribeDBClusters",
    "rds:DescribeDBInstances",
    "rds:DescribeDBParameters",
    "rds:DescribeDBSnapshotAttributes",
    "rds:DescribeDBSnapshots",
    "rds:DescribeOptionGroups",
];

fn rds_tags(list: &[Tag]) -> Value<Tags> {
    Value::Known(tags(
        list.iter()
            .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
    ))
}

type Params = Value<BTreeMap<String, String>>;

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_rds);
    let c = &c;
    let (instances, clusters, snapshots, cluster_snapshots) = tokio::join!(
        s.pages(
            "rds:DescribeDBInstances",
            c.describe_db_instances().into_paginator().items().send()
        ),
        s.pages(
            "rds:DescribeDBClusters",
            c.describe_db_clusters().into_paginator().items().send()
        ),
        s.pages(
            "rds:DescribeDBSnapshots",
            c.describe_db_snapshots().into_paginator().items().send()
        ),
        s.pages(
            "rds:DescribeDBClusterSnapshots",
            c.describe_db_cluster_snapshots()
                .into_paginator()
                .items()
                .send()
        ),
    );
    // DocumentDB and Neptune share the RDS management API: their clusters become their own
    // resource types, and their instances (which carry no setting the model judges) are left
    // out rather than judged as RDS databases.
    let instances: Vec<_> = out
        .list(instances)
        .into_iter()
        .filter(|i| family(i.engine()) == Family::Rds)
        .collect();
    let clusters = out.list(clusters);

    // Parameter and option groups in use, each read once.
    let param_groups: BTreeSet<String> = instances
        .iter()
        .filter_map(|i| {
            i.db_parameter_groups()
                .first()
                .and_then(|g| g.db_parameter_group_name())
                .map(str::to_string)
        })
        .collect();
    // Cluster parameter groups: user-set values for RDS (the rules know the engine defaults),
    // every value for DocumentDB (its rules read `tls` and `audit_logs` as they stand).
    let cluster_groups: BTreeSet<(String, bool)> = clusters
        .iter()
        .filter(|cl| family(cl.engine()) != Family::Neptune)
        .filter_map(|cl| {
            cl.db_cluster_parameter_group()
                .map(|g| (g.to_string(), family(cl.engine()) == Family::DocDb))
        })
        .collect();
    let option_groups: BTreeSet<String> = instances
        .iter()
        .filter_map(|i| {
            i.option_group_memberships()
                .first()
                .and_then(|g| g.option_group_name())
                .map(str::to_string)
        })
        .collect();

    let params: HashMap<String, Params> = s
        .each(param_groups.into_iter().collect(), |g| async move {
            let l = s
                .pages(
                    "rds:DescribeDBParameters",
                    c.describe_db_parameters()
                        .db_parameter_group_name(&g)
                        .source("user")
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
                                p.parameter_value()?.to_string(),
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
    let cluster_params: HashMap<String, Params> = s
        .each(
            cluster_groups.into_iter().collect(),
            |(g, all)| async move {
                let req = c
                    .describe_db_cluster_parameters()
                    .db_cluster_parameter_group_name(&g);
                let req = if all { req } else { req.source("user") };
                let l = s
                    .pages(
                        "rds:DescribeDBClusterParameters",
                        req.into_paginator().items().send(),
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
                                    p.parameter_value()?.to_string(),
                                ))
                            })
                            .collect(),
                    ),
                };
                (g, v)
            },
        )
        .await
        .into_iter()
        .collect();
    let options: HashMap<String, Value<Vec<DbOption>>> = s
        .each(option_groups.into_iter().collect(), |g| async move {
            let r = s
                .call(
                    "rds:DescribeOptionGroups",
                    c.describe_option_groups().option_group_name(&g).send(),
                )
                .await;
            let v = known(r, |o| {
                o.option_groups_list()
                    .iter()
                    .flat_map(|og| og.options())
                    .map(|opt| DbOption {
                        name: opt.option_name().unwrap_or_default().to_string(),
                        settings: opt
                            .option_settings()
                            .iter()
                            .filter_map(|st| {
                                Some((
                                    st.name()?.to_string(),
                                    st.value().unwrap_or_default().to_string(),
                                ))
                            })
                            .collect(),
                    })
                    .collect()
            });
            (g, v)
        })
        .await
        .into_iter()
        .collect();

    let none_params = || -> Params { Value::Known(BTreeMap::new()) };
    for i in &instances {
        let Some(id) = i.db_instance_identifier() else {
            continue;
        };
        let arn = i
            .db_instance_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("rds", &format!("db:{id}")));
        let parameters = match i
            .db_parameter_groups()
            .first()
            .and_then(|g| g.db_parameter_group_name())
        {
            Some(g) => params.get(g).cloned().unwrap_or_else(none_params),
            None => none_params(),
        };
        let opts = match i
            .option_group_memberships()
            .first()
            .and_then(|g| g.option_group_name())
        {
            Some(g) => options
                .get(g)
                .cloned()
                .unwrap_or_else(|| Value::Known(Vec::new())),
            None => Value::Known(Vec::new()),
        };
        out.push(RdsInstance {
            meta: s.meta(arn, id, rds_tags(i.tag_list())),
            engine: Value::Known(i.engine().unwrap_or_default().to_string()),
            engine_version: Value::Known(i.engine_version().unwrap_or_default().to_string()),
            instance_class: Value::Known(i.db_instance_class().unwrap_or_default().to_string()),
            storage_encrypted: Value::Known(i.storage_encrypted().unwrap_or(false)),
            kms_key_id: Value::Known(i.kms_key_id().map(str::to_string)),
            publicly_accessible: Value::Known(i.publicly_accessible().unwrap_or(false)),
            backup_retention_days: Value::Known(
                i.backup_retention_period().unwrap_or(0).max(0) as u32
            ),
            deletion_protection: Value::Known(i.deletion_protection().unwrap_or(false)),
            multi_az: Value::Known(i.multi_az().unwrap_or(false)),
            auto_minor_version_upgrade: Value::Known(
                i.auto_minor_version_upgrade().unwrap_or(false),
            ),
            iam_database_authentication: Value::Known(
                i.iam_database_authentication_enabled().unwrap_or(false),
            ),
            monitoring_interval: Value::Known(i.monitoring_interval().unwrap_or(0).max(0) as u32),
            cloudwatch_logs_exports: Value::Known(i.enabled_cloudwatch_logs_exports().to_vec()),
            parameters,
            options: opts,
            cluster_id: i.db_cluster_identifier().map(str::to_string),
            read_replica_source: Value::Known(
                i.read_replica_source_db_instance_identifier()
                    .or(i.read_replica_source_db_cluster_identifier())
                    .map(str::to_string),
            ),
        });
    }

    for cl in &clusters {
        let Some(id) = cl.db_cluster_identifier() else {
            continue;
        };
        let arn = cl
            .db_cluster_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("rds", &format!("cluster:{id}")));
        let parameters = match cl.db_cluster_parameter_group() {
            Some(g) => cluster_params.get(g).cloned().unwrap_or_else(none_params),
            None => none_params(),
        };
        let tags = rds_tags(cl.tag_list());
        match family(cl.engine()) {
            Family::DocDb => {
                out.push(DocDbCluster {
                    meta: s.meta(arn, id, tags),
                    engine_version: Value::Known(
                        cl.engine_version().unwrap_or_default().to_string(),
                    ),
                    storage_encrypted: Value::Known(cl.storage_encrypted().unwrap_or(false)),
                    kms_key_id: Value::Known(cl.kms_key_id().map(str::to_string)),
                    parameters,
                    cloudwatch_logs_exports: Value::Known(
                        cl.enabled_cloudwatch_logs_exports().to_vec(),
                    ),
                    backup_retention_days: Value::Known(
                        cl.backup_retention_period().unwrap_or(0).max(0) as u32,
                    ),
                    deletion_protection: Value::Known(cl.deletion_protection().unwrap_or(false)),
                });
                continue;
            }
            Family::Neptune => {
                out.push(NeptuneCluster {
                    meta: s.meta(arn, id, tags),
                    storage_encrypted: Value::Known(cl.storage_encrypted().unwrap_or(false)),
                    kms_key_id: Value::Known(cl.kms_key_id().map(str::to_string)),
                    iam_database_authentication: Value::Known(
                        cl.iam_database_authentication_enabled().unwrap_or(false),
                    ),
                    cloudwatch_logs_exports: Value::Known(
                        cl.enabled_cloudwatch_logs_exports().to_vec(),
                    ),
                });
                continue;
            }
            Family::Rds => {}
        }
        let zones: BTreeSet<&str> = cl.availability_zones().iter().map(String::as_str).collect();
        out.push(RdsCluster {
            meta: s.meta(arn, id, tags),
            engine: Value::Known(cl.engine().unwrap_or_default().to_string()),
            engine_version: Value::Known(cl.engine_version().unwrap_or_default().to_string()),
            storage_encrypted: Value::Known(cl.storage_encrypted().unwrap_or(false)),
            kms_key_id: Value::Known(cl.kms_key_id().map(str::to_string)),
            backup_retention_days: Value::Known(
                cl.backup_retention_period().unwrap_or(0).max(0) as u32
            ),
            deletion_protection: Value::Known(cl.deletion_protection().unwrap_or(false)),
            multi_az: Value::Known(
                cl.multi_az().unwrap_or(false)
                    || zones.len() > 1 && cl.db_cluster_members().len() > 1,
            ),
            iam_database_authentication: Value::Known(
                cl.iam_database_authentication_enabled().unwrap_or(false),
            ),
            cloudwatch_logs_exports: Value::Known(cl.enabled_cloudwatch_logs_exports().to_vec()),
            parameters,
            publicly_accessible: Value::Known(cl.publicly_accessible().unwrap_or(false)),
        });
    }

    // Snapshots: only manual ones can be shared, so only those are asked about.
    let snapshots = out.list(snapshots);
    let shared = s
        .each(snapshots.clone(), |sn| async move {
            let id = sn.db_snapshot_identifier().unwrap_or_default();
            if sn.snapshot_type() != Some("manual") {
                return Ok(false);
            }
            let r: Result<_, CallError> = s
                .call(
                    "rds:DescribeDBSnapshotAttributes",
                    c.describe_db_snapshot_attributes()
                        .db_snapshot_identifier(id)
                        .send(),
                )
                .await;
            r.map(|o| {
                o.db_snapshot_attributes_result().is_some_and(|res| {
                    res.db_snapshot_attributes().iter().any(|a| {
                        a.attribute_name() == Some("restore")
                            && a.attribute_values().iter().any(|v| v == "all")
                    })
                })
            })
        })
        .await;
    for (sn, public) in snapshots.iter().zip(shared) {
        let Some(id) = sn.db_snapshot_identifier() else {
            continue;
        };
        let arn = sn
            .db_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("rds", &format!("snapshot:{id}")));
        out.push(RdsSnapshot {
            meta: s.meta(arn, id, rds_tags(sn.tag_list())),
            encrypted: Value::Known(sn.encrypted().unwrap_or(false)),
            public: known(public, |p| p),
        });
    }

    let cluster_snapshots = out.list(cluster_snapshots);
    let shared = s
        .each(cluster_snapshots.clone(), |sn| async move {
            let id = sn.db_cluster_snapshot_identifier().unwrap_or_default();
            if sn.snapshot_type() != Some("manual") {
                return Ok(false);
            }
            let r: Result<_, CallError> = s
                .call(
                    "rds:DescribeDBClusterSnapshotAttributes",
                    c.describe_db_cluster_snapshot_attributes()
                        .db_cluster_snapshot_identifier(id)
                        .send(),
                )
                .await;
            r.map(|o| {
                o.db_cluster_snapshot_attributes_result()
                    .is_some_and(|res| {
                        res.db_cluster_snapshot_attributes().iter().any(|a| {
                            a.attribute_name() == Some("restore")
                                && a.attribute_values().iter().any(|v| v == "all")
                        })
                    })
            })
        })
        .await;
    for (sn, public) in cluster_snapshots.iter().zip(shared) {
        let Some(id) = sn.db_cluster_snapshot_identifier() else {
            continue;
        };
        let arn = sn
            .db_cluster_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("rds", &format!("cluster-snapshot:{id}")));
        out.push(RdsSnapshot {
            meta: s.meta(arn, id, rds_tags(sn.tag_list())),
            encrypted: Value::Known(sn.storage_encrypted().unwrap_or(false)),
            public: known(public, |p| p),
        });
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Rds,
    DocDb,
    Neptune,
}

/// Which product a DB instance or cluster of the RDS API belongs to, by engine.
fn family(engine: Option<&str>) -> Family {
    match engine {
        Some("docdb") => Family::DocDb,
        Some("neptune") => Family::Neptune,
        _ => Family::Rds,
    }
}
