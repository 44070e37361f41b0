//! Terraform resource types (AWS provider v5) into the model. Used for HCL and for plan JSON,
//! whose `values` have the same shape. Each default used for an unset argument is the one
//! the provider or AWS documents, named in a comment where it is applied.

use super::eval::{Env, Inst};
use crate::cfn::map as cfnmap;
use crate::mapping::{Joined, Parents, Raw};
use crate::value::{to_ids, to_policy, to_strings, to_u32, Reader, V};
use hcl_edit::structure::Block;
use safeguard_model::*;
use std::collections::{BTreeMap, HashMap};

/// `(companion type, parent types, argument naming the parent)`.
const COMPANIONS: &[(&str, &[&str], &str)] = &[
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        &["aws_s3_bucket"],
        "bucket",
    ),
    (
        "aws_s3_bucket_public_access_block",
        &["aws_s3_bucket"],
        "bucket",
    ),
    ("aws_s3_bucket_versioning", &["aws_s3_bucket"], "bucket"),
    ("aws_s3_bucket_logging", &["aws_s3_bucket"], "bucket"),
    ("aws_s3_bucket_policy", &["aws_s3_bucket"], "bucket"),
    ("aws_s3_bucket_acl", &["aws_s3_bucket"], "bucket"),
    (
        "aws_s3_bucket_ownership_controls",
        &["aws_s3_bucket"],
        "bucket",
    ),
    (
        "aws_s3_bucket_replication_configuration",
        &["aws_s3_bucket"],
        "bucket",
    ),
    (
        "aws_s3_bucket_object_lock_configuration",
        &["aws_s3_bucket"],
        "bucket",
    ),
    (
        "aws_s3_bucket_lifecycle_configuration",
        &["aws_s3_bucket"],
        "bucket",
    ),
    (
        "aws_vpc_security_group_ingress_rule",
        &["aws_security_group", "aws_default_security_group"],
        "security_group_id",
    ),
    (
        "aws_vpc_security_group_egress_rule",
        &["aws_security_group", "aws_default_security_group"],
        "security_group_id",
    ),
    (
        "aws_security_group_rule",
        &["aws_security_group", "aws_default_security_group"],
        "security_group_id",
    ),
    ("aws_flow_log", &["aws_vpc", "aws_default_vpc"], "vpc_id"),
    (
        "aws_config_configuration_recorder_status",
        &["aws_config_configuration_recorder"],
        "name",
    ),
    (
        "aws_efs_file_system_policy",
        &["aws_efs_file_system"],
        "file_system_id",
    ),
    (
        "aws_efs_backup_policy",
        &["aws_efs_file_system"],
        "file_system_id",
    ),
    (
        "aws_lb_listener",
        &["aws_lb", "aws_alb"],
        "load_balancer_arn",
    ),
    (
        "aws_alb_listener",
        &["aws_lb", "aws_alb"],
        "load_balancer_arn",
    ),
    ("aws_sns_topic_policy", &["aws_sns_topic"], "arn"),
    (
        "aws_sns_topic_subscription",
        &["aws_sns_topic"],
        "topic_arn",
    ),
    (
        "aws_lambda_function_event_invoke_config",
        &["aws_lambda_function"],
        "function_name",
    ),
    ("aws_sqs_queue_policy", &["aws_sqs_queue"], "queue_url"),
    (
        "aws_secretsmanager_secret_rotation",
        &["aws_secretsmanager_secret"],
        "secret_id",
    ),
    (
        "aws_lambda_permission",
        &["aws_lambda_function"],
        "function_name",
    ),
    (
        "aws_lambda_function_url",
        &["aws_lambda_function"],
        "function_name",
    ),
    (
        "aws_redshift_logging",
        &["aws_redshift_cluster"],
        "cluster_identifier",
    ),
    (
        "aws_opensearch_domain_policy",
        &["aws_opensearch_domain"],
        "domain_name",
    ),
    (
        "aws_elasticsearch_domain_policy",
        &["aws_elasticsearch_domain"],
        "domain_name",
    ),
    (
        "aws_api_gateway_method_settings",
        &["aws_api_gateway_stage"],
        "stage_name",
    ),
    ("aws_backup_selection", &["aws_backup_plan"], "plan_id"),
    (
        "aws_backup_vault_lock_configuration",
        &["aws_backup_vault"],
        "backup_vault_name",
    ),
    (
        "aws_backup_vault_policy",
        &["aws_backup_vault"],
        "backup_vault_name",
    ),
    ("aws_iam_user_login_profile", &["aws_iam_user"], "user"),
    ("aws_iam_user_policy", &["aws_iam_user"], "user"),
    ("aws_iam_user_policy_attachment", &["aws_iam_user"], "user"),
    ("aws_iam_role_policy", &["aws_iam_role"], "role"),
    ("aws_iam_role_policy_attachment", &["aws_iam_role"], "role"),
    (
        "aws_wafv2_web_acl_association",
        &["aws_lb", "aws_alb", "aws_api_gateway_stage"],
        "resource_arn",
    ),
    ("aws_volume_attachment", &["aws_ebs_volume"], "volume_id"),
];

/// Looked up by the resources that name them; configuration, not resources of their own.
const LOOKUPS: &[&str] = &[
    "aws_db_parameter_group",
    "aws_rds_cluster_parameter_group",
    "aws_db_option_group",
    "aws_redshift_parameter_group",
];

/// Arguments that hold a resource's own name, in order of preference.
const NAME_ATTRS: &[&str] = &[
    "bucket",
    "identifier",
    "cluster_identifier",
    "replication_group_id",
    "domain_name",
    "function_name",
    "stage_name",
    "name",
    "creation_token",
];

fn tags(r: &Raw) -> Value<Tags> {
    r.reader().string_map("tags")
}

pub fn map_all(raws: &[Raw]) -> Vec<Resource> {
    map_all_folded(raws).0
}

/// [`map_all`], and which companions were folded into which parent, as `(companion, parent)`
/// indices into `raws`: an inline waiver written on a companion covers its parent.
pub fn map_all_folded(raws: &[Raw]) -> (Vec<Resource>, Vec<(usize, usize)>) {
    let mut parents: HashMap<&str, Parents> = HashMap::new();
    for (i, r) in raws.iter().enumerate() {
        let names = NAME_ATTRS
            .iter()
            .filter_map(|a| r.body.get(a).and_then(V::as_str).map(str::to_string));
        parents
            .entry(r.rtype.as_str())
            .or_default()
            .add(i, &r.address, names);
    }
    let mut joined = Joined::new();
    let mut consumed = vec![false; raws.len()];
    let mut folded: Vec<(usize, usize)> = Vec::new();
    for (i, r) in raws.iter().enumerate() {
        if LOOKUPS.contains(&r.rtype.as_str()) {
            consumed[i] = true;
            continue;
        }
        let Some((_, types, attr)) = COMPANIONS.iter().find(|(t, _, _)| *t == r.rtype) else {
            continue;
        };
        let found = types
            .iter()
            .find_map(|t| parents.get(t).and_then(|p| p.find(r.body.get(attr))));
        if let Some(p) = found {
            joined.push(p, r);
            consumed[i] = true;
            folded.push((i, p));
        }
    }
    // Policies count their attachments wherever they are declared.
    let mut attachments: HashMap<usize, u32> = HashMap::new();
    if let Some(p) = parents.get("aws_iam_policy") {
        for r in raws {
            let n = match r.rtype.as_str() {
                "aws_iam_role_policy_attachment"
                | "aws_iam_user_policy_attachment"
                | "aws_iam_group_policy_attachment" => 1,
                "aws_iam_policy_attachment" => ["users", "roles", "groups"]
                    .iter()
                    .map(|k| to_ids(r.body.get(k)).len() as u32)
                    .sum(),
                _ => continue,
            };
            if let Some(i) = p.find(r.body.get("policy_arn")) {
                *attachments.entry(i).or_default() += n;
            }
        }
    }
    let lookup = |v: Option<&V>, rtype: &str| -> Option<&Raw> {
        parents.get(rtype)?.find(v).map(|i| &raws[i])
    };
    // Listener rules by the listener they belong to (its address).
    let mut listener_rules: HashMap<&str, Vec<&Raw>> = HashMap::new();
    for r in raws {
        if matches!(
            r.rtype.as_str(),
            "aws_lb_listener_rule" | "aws_alb_listener_rule"
        ) {
            if let Some(t) = r.body.get("listener_arn").and_then(V::target) {
                listener_rules.entry(t).or_default().push(r);
            }
        }
    }
    let target_group = |v: &V| -> Option<&Raw> {
        lookup(Some(v), "aws_lb_target_group").or_else(|| lookup(Some(v), "aws_alb_target_group"))
    };
    let target_groups_of = |ls: &[&Raw]| -> Value<Vec<TargetGroup>> {
        let mut actions: Vec<Reader<'_>> = Vec::new();
        for l in ls {
            actions.extend(l.reader().blocks("default_action"));
            for rule in listener_rules.get(l.address.as_str()).into_iter().flatten() {
                actions.extend(rule.reader().blocks("action"));
            }
        }
        let mut refs: Vec<&V> = Vec::new();
        for a in &actions {
            refs.extend(a.raw("target_group_arn"));
            for f in a.blocks("forward") {
                refs.extend(f.blocks("target_group").iter().filter_map(|t| t.raw("arn")));
            }
        }
        let mut out: Vec<TargetGroup> = Vec::new();
        for v in refs {
            let Some(tg) = target_group(v) else {
                return Value::unknown(
                    UnknownReason::Unresolved,
                    format!(
                        "target group {} is not in this configuration",
                        to_ids(Some(v)).join(",")
                    ),
                );
            };
            let tr = tg.reader();
            let lambda = tr.raw("target_type").and_then(V::as_str) == Some("lambda");
            let protocol = match (tr.raw("protocol"), lambda) {
                (_, true) => None,
                (Some(p), false) => match crate::value::to_string("protocol", p) {
                    Value::Known(p) => Some(p.to_ascii_uppercase()),
                    Value::Unknown(u) => return Value::Unknown(u),
                },
                (None, false) => return crate::value::not_set("target group protocol"),
            };
            let name = tg.name(NAME_ATTRS);
            if out.iter().any(|t| t.name == name) {
                continue;
            }
            out.push(TargetGroup {
                name,
                protocol,
                port: tr.raw("port").and_then(V::as_f64).map(|p| p as u32),
            });
        }
        Value::Known(out)
    };

    let mut out = Vec::with_capacity(raws.len());
    for (i, r) in raws.iter().enumerate() {
        if consumed[i] {
            continue;
        }
        let rd = r.reader();
        let comps = |t: &str| joined.get(i, t);
        let first = |t: &str| joined.first(i, t);
        let meta = r.meta(NAME_ATTRS, tags(r));
        let res = match r.rtype.as_str() {
            "aws_s3_bucket" => s3_bucket(r, meta, &joined, i),
            "aws_db_instance" => {
                let pg = lookup(rd.raw("parameter_group_name"), "aws_db_parameter_group");
                let og = lookup(rd.raw("option_group_name"), "aws_db_option_group");
                let replica = rd.raw("replicate_source_db");
                let storage_encrypted = match (
                    rd.raw("storage_encrypted"),
                    replica.or(rd.raw("snapshot_identifier")),
                ) {
                    (Some(_), _) => rd.bool_or("storage_encrypted", false),
                    (None, Some(src)) => Value::unknown(
                        UnknownReason::Unresolved,
                        format!("inherited from {}", to_ids(Some(src)).join(",")),
                    ),
                    // storage_encrypted: default false.
                    (None, None) => Value::Known(false),
                };
                Resource::RdsInstance(RdsInstance {
                    meta,
                    engine: rd.string_req("engine"),
                    engine_version: rd.string_req("engine_version"),
                    instance_class: rd.string_req("instance_class"),
                    storage_encrypted,
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    // publicly_accessible: default false.
                    publicly_accessible: rd.bool_or("publicly_accessible", false),
                    // backup_retention_period: AWS's default of 1 day applies when unset.
                    backup_retention_days: rd.u32_or("backup_retention_period", 1),
                    deletion_protection: rd.bool_or("deletion_protection", false),
                    multi_az: rd.bool_or("multi_az", false),
                    auto_minor_version_upgrade: rd.bool_or("auto_minor_version_upgrade", true),
                    iam_database_authentication: rd
                        .bool_or("iam_database_authentication_enabled", false),
                    monitoring_interval: rd.u32_or("monitoring_interval", 0),
                    cloudwatch_logs_exports: rd.strings("enabled_cloudwatch_logs_exports"),
                    parameters: param_group(rd.raw("parameter_group_name"), pg),
                    options: option_group(rd.raw("option_group_name"), og),
                    cluster_id: None,
                    read_replica_source: Value::Known(replica.map(|v| to_ids(Some(v)).join(","))),
                    ..Default::default()
                })
            }
            "aws_rds_cluster" => {
                let pg = lookup(
                    rd.raw("db_cluster_parameter_group_name"),
                    "aws_rds_cluster_parameter_group",
                );
                // Aurora Serverless v1 storage is always encrypted.
                let serverless = rd.raw("engine_mode").and_then(V::as_str) == Some("serverless");
                Resource::RdsCluster(RdsCluster {
                    meta,
                    engine: rd.string_or("engine", "aurora"),
                    engine_version: rd.string_req("engine_version"),
                    storage_encrypted: rd.bool_or("storage_encrypted", serverless),
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    // backup_retention_period: default 1.
                    backup_retention_days: rd.u32_or("backup_retention_period", 1),
                    deletion_protection: rd.bool_or("deletion_protection", false),
                    multi_az: Value::unknown(
                        UnknownReason::NotCollected,
                        "depends on the cluster's instances",
                    ),
                    iam_database_authentication: rd
                        .bool_or("iam_database_authentication_enabled", false),
                    cloudwatch_logs_exports: rd.strings("enabled_cloudwatch_logs_exports"),
                    parameters: param_group(rd.raw("db_cluster_parameter_group_name"), pg),
                    publicly_accessible: Value::Known(false),
                    ..Default::default()
                })
            }
            "aws_rds_cluster_instance" => {
                let cluster = lookup(rd.raw("cluster_identifier"), "aws_rds_cluster");
                let pg = lookup(rd.raw("db_parameter_group_name"), "aws_db_parameter_group");
                Resource::RdsInstance(RdsInstance {
                    meta,
                    engine: rd.string_req("engine"),
                    engine_version: rd.string_req("engine_version"),
                    instance_class: rd.string_req("instance_class"),
                    storage_encrypted: match cluster {
                        Some(c) => c.reader().bool_or("storage_encrypted", false),
                        None => Value::unknown(
                            UnknownReason::Unresolved,
                            "storage encryption is set on the cluster",
                        ),
                    },
                    kms_key_id: cluster
                        .map(|c| c.reader().opt_ref("kms_key_id"))
                        .unwrap_or_default(),
                    publicly_accessible: rd.bool_or("publicly_accessible", false),
                    backup_retention_days: cluster
                        .map(|c| c.reader().u32_or("backup_retention_period", 1))
                        .unwrap_or_default(),
                    deletion_protection: cluster
                        .map(|c| c.reader().bool_or("deletion_protection", false))
                        .unwrap_or_default(),
                    multi_az: Value::unknown(
                        UnknownReason::NotCollected,
                        "set by the cluster's instances",
                    ),
                    auto_minor_version_upgrade: rd.bool_or("auto_minor_version_upgrade", true),
                    iam_database_authentication: cluster
                        .map(|c| {
                            c.reader()
                                .bool_or("iam_database_authentication_enabled", false)
                        })
                        .unwrap_or_default(),
                    monitoring_interval: rd.u32_or("monitoring_interval", 0),
                    cloudwatch_logs_exports: cluster
                        .map(|c| c.reader().strings("enabled_cloudwatch_logs_exports"))
                        .unwrap_or_default(),
                    parameters: param_group(rd.raw("db_parameter_group_name"), pg),
                    options: Value::Known(Vec::new()),
                    cluster_id: rd
                        .raw("cluster_identifier")
                        .map(|v| to_ids(Some(v)).join(",")),
                    read_replica_source: Value::Known(None),
                    ..Default::default()
                })
            }
            "aws_instance" => {
                let lt = rd
                    .block("launch_template")
                    .and_then(|l| lookup(l.raw("id").or(l.raw("name")), "aws_launch_template"))
                    .map(|l| l.reader());
                ec2_instance(rd, meta, lt)
            }
            "aws_launch_template" => Resource::LaunchTemplate(launch_template(rd, meta)),
            "aws_ebs_volume" => Resource::EbsVolume(EbsVolume {
                meta,
                // encrypted: default false (the account's EBS default encryption, in the
                // region settings, may still apply).
                encrypted: rd.bool_or("encrypted", false),
                kms_key_id: rd.opt_ref("kms_key_id"),
                attached_to: Value::Known(
                    comps("aws_volume_attachment")
                        .iter()
                        .flat_map(|a| to_ids(a.body.get("instance_id")))
                        .collect(),
                ),
                size_gib: rd.u32_req("size"),
            }),
            "aws_security_group" | "aws_default_security_group" => {
                let mut ingress = inline_rules(rd.raw("ingress"));
                // Terraform removes AWS's default allow-all egress rule: only declared rules stay.
                let mut egress = inline_rules(rd.raw("egress"));
                for c in comps("aws_security_group_rule") {
                    let is_egress = c.body.get("type").and_then(V::as_str) == Some("egress");
                    let rule = legacy_rule(c);
                    push_rule(if is_egress { &mut egress } else { &mut ingress }, rule);
                }
                for c in comps("aws_vpc_security_group_ingress_rule") {
                    push_rule(&mut ingress, vpc_rule(c));
                }
                for c in comps("aws_vpc_security_group_egress_rule") {
                    push_rule(&mut egress, vpc_rule(c));
                }
                Resource::SecurityGroup(SecurityGroup {
                    meta,
                    vpc_id: rd.opt_ref("vpc_id"),
                    is_default: Value::Known(r.rtype == "aws_default_security_group"),
                    ingress,
                    egress,
                })
            }
            "aws_vpc" | "aws_default_vpc" => Resource::Vpc(Vpc {
                meta,
                cidr_block: if r.rtype == "aws_default_vpc" {
                    rd.string_or("cidr_block", "172.31.0.0/16")
                } else {
                    rd.string_req("cidr_block")
                },
                is_default: Value::Known(r.rtype == "aws_default_vpc"),
                flow_logs: Value::Known(
                    comps("aws_flow_log")
                        .iter()
                        .map(|f| FlowLog {
                            id: f.address.clone(),
                            // traffic_type: required by the provider; ALL when omitted in older configurations.
                            traffic_type: f
                                .body
                                .get("traffic_type")
                                .and_then(V::to_plain_string)
                                .unwrap_or_else(|| "ALL".into()),
                            // log_destination_type: default cloud-watch-logs.
                            destination_type: f
                                .body
                                .get("log_destination_type")
                                .and_then(V::to_plain_string)
                                .unwrap_or_else(|| "cloud-watch-logs".into()),
                            status: "ACTIVE".into(),
                        })
                        .collect(),
                ),
            }),
            "aws_subnet" | "aws_default_subnet" => Resource::Subnet(Subnet {
                meta,
                vpc_id: if r.rtype == "aws_default_subnet" {
                    Value::unknown(UnknownReason::Unresolved, "the default VPC")
                } else {
                    rd.string_req("vpc_id")
                },
                // map_public_ip_on_launch: false, except in default subnets.
                map_public_ip_on_launch: rd
                    .bool_or("map_public_ip_on_launch", r.rtype == "aws_default_subnet"),
            }),
            "aws_cloudtrail" => {
                let (mgmt, data) = trail_selectors(rd);
                Resource::CloudTrailTrail(CloudTrailTrail {
                    meta,
                    multi_region: rd.bool_or("is_multi_region_trail", false),
                    organization_trail: rd.bool_or("is_organization_trail", false),
                    // enable_logging: default true.
                    logging: rd.bool_or("enable_logging", true),
                    log_file_validation: rd.bool_or("enable_log_file_validation", false),
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    cloudwatch_logs_group_arn: rd.opt_ref("cloud_watch_logs_group_arn"),
                    s3_bucket: rd.opt_string("s3_bucket_name"),
                    management_events: mgmt,
                    s3_data_events: data,
                })
            }
            "aws_config_configuration_recorder" => {
                let g = rd.block("recording_group");
                Resource::ConfigRecorder(ConfigRecorder {
                    meta,
                    // Terraform does not start a recorder; aws_config_configuration_recorder_status does.
                    recording: first("aws_config_configuration_recorder_status")
                        .map(|s| s.reader().bool_req("is_enabled"))
                        .unwrap_or(Value::Known(false)),
                    all_supported: g
                        .map(|g| g.bool_or("all_supported", true))
                        .unwrap_or(Value::Known(true)),
                    include_global_resources: g
                        .map(|g| g.bool_or("include_global_resource_types", false))
                        .unwrap_or(Value::Known(false)),
                    last_status: Value::Known(None),
                })
            }
            "aws_guardduty_detector" => Resource::GuardDutyDetector(GuardDutyDetector {
                meta,
                // enable: default true.
                enabled: rd.bool_or("enable", true),
                finding_publishing_frequency: rd
                    .string_or("finding_publishing_frequency", "SIX_HOURS")
                    .map(Some),
            }),
            "aws_kms_key" => Resource::KmsKey(KmsKey {
                meta,
                key_manager: Value::Known("CUSTOMER".into()),
                key_state: rd
                    .bool_or("is_enabled", true)
                    .map(|e| if e { "Enabled" } else { "Disabled" }.to_string()),
                key_spec: rd.string_or("customer_master_key_spec", "SYMMETRIC_DEFAULT"),
                rotation_enabled: rd.bool_or("enable_key_rotation", false),
                description: rd.string_or("description", ""),
                policy: rd.policy("policy"),
                origin: Value::Known("AWS_KMS".into()),
                deletion_date: Value::Known(None),
                ..Default::default()
            }),
            "aws_kms_external_key" => Resource::KmsKey(KmsKey {
                meta,
                key_manager: Value::Known("CUSTOMER".into()),
                key_state: rd
                    .bool_or("enabled", true)
                    .map(|e| if e { "Enabled" } else { "Disabled" }.to_string()),
                key_spec: Value::Known("SYMMETRIC_DEFAULT".into()),
                rotation_enabled: Value::Known(false),
                description: rd.string_or("description", ""),
                policy: rd.policy("policy"),
                origin: Value::Known("EXTERNAL".into()),
                deletion_date: Value::Known(None),
                ..Default::default()
            }),
            "aws_cloudwatch_log_group" => Resource::LogGroup(LogGroup {
                meta,
                // retention_in_days: unset or 0 means never expire.
                retention_days: rd
                    .opt_u32("retention_in_days")
                    .map(|d| d.filter(|d| *d != 0)),
                kms_key_id: rd.opt_ref("kms_key_id"),
            }),
            "aws_dynamodb_table" => {
                let sse = rd.block("server_side_encryption");
                let (sse_key_type, kms) = cfnmap::dynamo_sse(
                    sse.map(|s| (s.bool_or("enabled", false), s.raw("kms_key_arn"))),
                );
                Resource::DynamoDbTable(DynamoDbTable {
                    meta,
                    sse_key_type,
                    kms_key_id: kms,
                    point_in_time_recovery: rd
                        .block("point_in_time_recovery")
                        .map(|p| p.bool_or("enabled", false))
                        .unwrap_or(Value::Known(false)),
                    deletion_protection: rd.bool_or("deletion_protection_enabled", false),
                    billing_mode: rd.string_or("billing_mode", "PROVISIONED"),
                })
            }
            "aws_efs_file_system" => Resource::EfsFileSystem(EfsFileSystem {
                meta,
                encrypted: rd.bool_or("encrypted", false),
                kms_key_id: rd.opt_ref("kms_key_id"),
                policy: match first("aws_efs_file_system_policy") {
                    Some(p) => p.reader().policy("policy"),
                    None => Value::Known(None),
                },
                // Automatic backups are off unless a backup policy enables them.
                automatic_backups: first("aws_efs_backup_policy")
                    .and_then(|p| {
                        p.reader()
                            .block("backup_policy")
                            .map(|b| b.string_or("status", "DISABLED").map(|s| s == "ENABLED"))
                    })
                    .unwrap_or(Value::Known(false)),
            }),
            "aws_elasticache_replication_group" => {
                Resource::ElastiCacheReplicationGroup(ElastiCacheReplicationGroup {
                    meta,
                    engine: rd.string_or("engine", "redis"),
                    engine_version: rd.string_req("engine_version"),
                    node_type: rd.string_req("node_type"),
                    at_rest_encryption: rd.bool_or("at_rest_encryption_enabled", false),
                    transit_encryption: rd.bool_or("transit_encryption_enabled", false),
                    transit_encryption_mode: rd.opt_string("transit_encryption_mode"),
                    auth_enabled: Value::Known(
                        rd.raw("auth_token").is_some() || rd.raw("user_group_ids").is_some(),
                    ),
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    automatic_failover: rd.bool_or("automatic_failover_enabled", false),
                    snapshot_retention_days: rd.u32_or("snapshot_retention_limit", 0),
                    pending_service_updates: Value::Known(Vec::new()),
                })
            }
            "aws_lb" | "aws_alb" => Resource::LoadBalancer(LoadBalancer {
                meta,
                lb_type: rd.string_or("load_balancer_type", "application"),
                scheme: rd
                    .bool_or("internal", false)
                    .map(|i| if i { "internal" } else { "internet-facing" }.to_string()),
                listeners: listeners(
                    &[comps("aws_lb_listener"), comps("aws_alb_listener")].concat(),
                ),
                target_groups: target_groups_of(
                    &[comps("aws_lb_listener"), comps("aws_alb_listener")].concat(),
                ),
                // access_logs.enabled: default false, even with a bucket.
                access_logs: rd
                    .block("access_logs")
                    .map(|a| a.bool_or("enabled", false))
                    .unwrap_or(Value::Known(false)),
                deletion_protection: rd.bool_or("enable_deletion_protection", false),
                drop_invalid_headers: rd.bool_or("drop_invalid_header_fields", false),
                web_acl: web_acl(&comps("aws_wafv2_web_acl_association")),
                ..Default::default()
            }),
            // A listener on a load balancer declared elsewhere: the load balancer as far as
            // this configuration shows it, located at the listener.
            "aws_lb_listener" | "aws_alb_listener" => {
                fn elsewhere<T>() -> Value<T> {
                    Value::unknown(
                        UnknownReason::NotCollected,
                        "load balancer not in this configuration",
                    )
                }
                Resource::LoadBalancer(LoadBalancer {
                    meta,
                    lb_type: cfnmap::lb_type_of(rd.raw("load_balancer_arn"), rd.raw("protocol")),
                    scheme: Value::unknown(
                        UnknownReason::Unresolved,
                        to_ids(rd.raw("load_balancer_arn")).join(","),
                    ),
                    listeners: listeners(&[r]),
                    target_groups: target_groups_of(&[r]),
                    access_logs: elsewhere(),
                    deletion_protection: elsewhere(),
                    drop_invalid_headers: elsewhere(),
                    web_acl: elsewhere(),
                    ..Default::default()
                })
            }
            "aws_elb" => Resource::LoadBalancer(classic_elb(rd, meta)),
            "aws_sns_topic" => Resource::SnsTopic(SnsTopic {
                meta,
                kms_key_id: rd.opt_ref("kms_master_key_id"),
                policy: match first("aws_sns_topic_policy") {
                    Some(p) => p.reader().policy("policy"),
                    None => rd.policy("policy"),
                },
                subscriptions: cfnmap::subscriptions(
                    &comps("aws_sns_topic_subscription"),
                    "protocol",
                ),
            }),
            "aws_sqs_queue" => Resource::SqsQueue(SqsQueue {
                meta,
                kms_key_id: rd.opt_ref("kms_master_key_id"),
                // sqs_managed_sse_enabled: new queues get SSE-SQS unless a KMS key is set.
                sqs_managed_sse: rd.bool_or(
                    "sqs_managed_sse_enabled",
                    rd.raw("kms_master_key_id").is_none(),
                ),
                policy: match first("aws_sqs_queue_policy") {
                    Some(p) => p.reader().policy("policy"),
                    None => rd.policy("policy"),
                },
            }),
            "aws_secretsmanager_secret" => {
                let rot = first("aws_secretsmanager_secret_rotation");
                Resource::Secret(Secret {
                    meta,
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    rotation_enabled: Value::Known(rot.is_some()),
                    rotation_interval_days: rot
                        .and_then(|r| {
                            r.reader()
                                .block("rotation_rules")
                                .map(|b| b.opt_u32("automatically_after_days"))
                        })
                        .unwrap_or(Value::Known(None)),
                    last_rotated: Value::Known(None),
                    last_accessed: Value::unknown(
                        UnknownReason::NotCollected,
                        "known only for deployed secrets",
                    ),
                    ..Default::default()
                })
            }
            "aws_lambda_function" => {
                let url = first("aws_lambda_function_url");
                Resource::LambdaFunction(LambdaFunction {
                    meta,
                    runtime: rd.opt_string("runtime"),
                    vpc_id: cfnmap::lambda_vpc(
                        rd.block("vpc_config").and_then(|v| v.raw("subnet_ids")),
                    ),
                    environment_variable_names: cfnmap::env_names(
                        rd.block("environment").and_then(|e| e.raw("variables")),
                    ),
                    kms_key_id: rd.opt_ref("kms_key_arn"),
                    policy: cfnmap::permissions_policy(
                        &comps("aws_lambda_permission"),
                        [
                            "principal",
                            "action",
                            "source_arn",
                            "source_account",
                            "principal_org_id",
                        ],
                    ),
                    function_url_auth_type: match url {
                        Some(u) => u.reader().string_req("authorization_type").map(Some),
                        None => Value::Known(None),
                    },
                    dead_letter_target: rd
                        .block("dead_letter_config")
                        .map(|d| d.opt_ref("target_arn"))
                        .unwrap_or(Value::Known(None)),
                    on_failure_destination: on_failure(&comps(
                        "aws_lambda_function_event_invoke_config",
                    )),
                    // reserved_concurrent_executions: -1 (the default) is unreserved.
                    reserved_concurrency: match rd
                        .raw("reserved_concurrent_executions")
                        .and_then(V::as_f64)
                    {
                        Some(n) if n < 0.0 => Value::Known(None),
                        _ => rd.opt_u32("reserved_concurrent_executions"),
                    },
                    // tracing_config.mode: default PassThrough.
                    tracing_mode: rd
                        .block("tracing_config")
                        .map(|t| t.string_or("mode", "PassThrough"))
                        .unwrap_or(Value::Known("PassThrough".into()))
                        .map(Some),
                    ..Default::default()
                })
            }
            "aws_redshift_cluster" => {
                let pg = lookup(
                    rd.raw("cluster_parameter_group_name"),
                    "aws_redshift_parameter_group",
                );
                let logging = first("aws_redshift_logging").is_some()
                    || rd
                        .block("logging")
                        .map(|l| l.bool_or("enable", false) == Value::Known(true))
                        .unwrap_or(false);
                Resource::RedshiftCluster(RedshiftCluster {
                    meta,
                    encrypted: rd.bool_or("encrypted", false),
                    kms_key_id: rd.opt_ref("kms_key_id"),
                    // publicly_accessible: default false (provider v5).
                    publicly_accessible: rd.bool_or("publicly_accessible", false),
                    parameters: param_group(rd.raw("cluster_parameter_group_name"), pg),
                    audit_logging: Value::Known(logging),
                    automated_snapshot_retention_days: rd
                        .u32_or("automated_snapshot_retention_period", 1),
                    enhanced_vpc_routing: rd.bool_or("enhanced_vpc_routing", false),
                    allow_version_upgrade: rd.bool_or("allow_version_upgrade", true),
                })
            }
            "aws_opensearch_domain" | "aws_elasticsearch_domain" => {
                let es = r.rtype == "aws_elasticsearch_domain";
                let version = if es {
                    // elasticsearch_version: default 1.5.
                    rd.string_or("elasticsearch_version", "1.5")
                        .map(|v| format!("Elasticsearch_{v}"))
                } else {
                    rd.string_req("engine_version")
                };
                let ep = rd.block("domain_endpoint_options");
                let sub = |b: &str, k: &str| {
                    rd.block(b)
                        .map(|x| x.bool_or(k, false))
                        .unwrap_or(Value::Known(false))
                };
                let policy = match (
                    first("aws_opensearch_domain_policy"),
                    first("aws_elasticsearch_domain_policy"),
                ) {
                    (Some(p), _) | (_, Some(p)) => p.reader().policy("access_policies"),
                    _ => rd.policy("access_policies"),
                };
                Resource::OpenSearchDomain(OpenSearchDomain {
                    meta,
                    engine_version: version,
                    encryption_at_rest: sub("encrypt_at_rest", "enabled"),
                    node_to_node_encryption: sub("node_to_node_encryption", "enabled"),
                    enforce_https: sub("domain_endpoint_options", "enforce_https"),
                    tls_security_policy: ep
                        .map(|e| e.opt_string("tls_security_policy"))
                        .unwrap_or(Value::Known(None)),
                    in_vpc: Value::Known(rd.raw("vpc_options").is_some()),
                    log_publishing: Value::Known(
                        rd.blocks("log_publishing_options")
                            .iter()
                            .filter(|l| l.bool_or("enabled", true) != Value::Known(false))
                            .filter_map(|l| l.raw("log_type").and_then(V::to_plain_string))
                            .collect(),
                    ),
                    fine_grained_access_control: sub("advanced_security_options", "enabled"),
                    access_policy: policy,
                })
            }
            "aws_api_gateway_stage" => {
                let settings: Vec<(String, Reader<'_>)> = comps("aws_api_gateway_method_settings")
                    .iter()
                    .flat_map(|m| {
                        let path = m
                            .body
                            .get("method_path")
                            .and_then(V::to_plain_string)
                            .unwrap_or_default();
                        m.reader()
                            .blocks("settings")
                            .into_iter()
                            .map(move |s| (path.clone(), s))
                    })
                    .collect();
                let caching: Vec<&Reader<'_>> = settings
                    .iter()
                    .map(|(_, s)| s)
                    .filter(|s| s.bool_or("caching_enabled", false) == Value::Known(true))
                    .collect();
                let cache_encrypted = if caching.is_empty() {
                    Value::Known(false)
                } else {
                    all_true(
                        caching
                            .iter()
                            .map(|s| s.bool_or("cache_data_encrypted", false)),
                    )
                };
                let level = settings
                    .iter()
                    .find(|(p, _)| p == "*/*")
                    .map(|(_, s)| s.string_or("logging_level", "OFF"))
                    .unwrap_or(Value::Known("OFF".into()));
                Resource::ApiGatewayStage(ApiGatewayStage {
                    meta,
                    rest_api_id: Value::Known(to_ids(rd.raw("rest_api_id")).join(",")),
                    cache_enabled: rd.bool_or("cache_cluster_enabled", false),
                    cache_encrypted,
                    execution_logging_level: level.map(Some),
                    access_log_destination: rd
                        .block("access_log_settings")
                        .map(|a| a.opt_ref("destination_arn"))
                        .unwrap_or(Value::Known(None)),
                    client_certificate_id: rd.opt_ref("client_certificate_id"),
                    xray_tracing: rd.bool_or("xray_tracing_enabled", false),
                    web_acl: web_acl(&comps("aws_wafv2_web_acl_association")),
                })
            }
            "aws_cloudfront_distribution" => Resource::CloudFrontDistribution(cloudfront(rd, meta)),
            "aws_backup_plan" => Resource::BackupPlan(BackupPlan {
                meta,
                rules: Value::Known(
                    rd.blocks("rule")
                        .iter()
                        .map(|r| BackupRule {
                            name: r
                                .raw("rule_name")
                                .and_then(V::to_plain_string)
                                .unwrap_or_default(),
                            schedule: r
                                .raw("schedule")
                                .and_then(V::to_plain_string)
                                .unwrap_or_default(),
                            target_vault: to_ids(r.raw("target_vault_name")).join(","),
                            delete_after_days: r
                                .block("lifecycle")
                                .and_then(|l| l.raw("delete_after"))
                                .and_then(V::as_f64)
                                .map(|d| d as u32),
                            copies_elsewhere: !r.blocks("copy_action").is_empty(),
                        })
                        .collect(),
                ),
                selections: Value::Known(
                    comps("aws_backup_selection")
                        .iter()
                        .map(|s| {
                            let sr = s.reader();
                            BackupSelection {
                                name: sr
                                    .raw("name")
                                    .and_then(V::to_plain_string)
                                    .unwrap_or_default(),
                                resources: to_ids(sr.raw("resources")),
                                tags: sr
                                    .blocks("selection_tag")
                                    .iter()
                                    .filter_map(|t| {
                                        Some((
                                            t.raw("key")?.to_plain_string()?,
                                            t.raw("value")?.to_plain_string()?,
                                        ))
                                    })
                                    .collect(),
                                conditions: selection_conditions(&sr),
                                not_resources: sr.strings("not_resources"),
                            }
                        })
                        .collect(),
                ),
            }),
            "aws_backup_vault" => Resource::BackupVault(BackupVault {
                meta,
                kms_key_id: rd.opt_ref("kms_key_arn"),
                locked: Value::Known(first("aws_backup_vault_lock_configuration").is_some()),
                policy: match first("aws_backup_vault_policy") {
                    Some(p) => p.reader().policy("policy"),
                    None => Value::Known(None),
                },
            }),
            "aws_iam_user" => Resource::IamUser(IamUser {
                meta,
                console_password: Value::Known(first("aws_iam_user_login_profile").is_some()),
                password_last_used: Value::Known(None),
                mfa_devices: Value::unknown(
                    UnknownReason::NotCollected,
                    "MFA devices are enrolled outside Terraform",
                ),
                access_keys: Value::unknown(
                    UnknownReason::NotCollected,
                    "access keys are not read from configuration",
                ),
                attached_policies: Value::Known(
                    comps("aws_iam_user_policy_attachment")
                        .iter()
                        .flat_map(|a| to_ids(a.body.get("policy_arn")))
                        .collect(),
                ),
                inline_policies: named_policies(&comps("aws_iam_user_policy")),
                groups: Value::Known(Vec::new()),
                created: Value::Known(None),
                password_created: match first("aws_iam_user_login_profile") {
                    Some(_) => Value::unknown(
                        UnknownReason::Unresolved,
                        "set when the login profile is created",
                    ),
                    None => Value::Known(None),
                },
                ..Default::default()
            }),
            "aws_iam_role" => {
                let mut inline =
                    cfnmap::inline_policies(rd.blocks("inline_policy"), "name", "policy");
                if let (Value::Known(a), Value::Known(b)) =
                    (&mut inline, named_policies(&comps("aws_iam_role_policy")))
                {
                    a.extend(b);
                }
                let mut attached = to_ids(rd.raw("managed_policy_arns"));
                attached.extend(
                    comps("aws_iam_role_policy_attachment")
                        .iter()
                        .flat_map(|a| to_ids(a.body.get("policy_arn"))),
                );
                Resource::IamRole(IamRole {
                    meta,
                    assume_role_policy: rd
                        .raw("assume_role_policy")
                        .map(to_policy)
                        .unwrap_or_else(|| crate::value::not_set("assume_role_policy")),
                    inline_policies: inline,
                    attached_policies: Value::Known(attached),
                    service_linked: Value::Known(false),
                })
            }
            "aws_iam_policy" => Resource::IamPolicy(IamPolicy {
                meta,
                document: rd
                    .raw("policy")
                    .map(to_policy)
                    .unwrap_or_else(|| crate::value::not_set("policy")),
                attachment_count: Value::Known(attachments.get(&i).copied().unwrap_or(0)),
            }),
            "aws_iam_service_linked_role" => Resource::IamRole(IamRole {
                meta,
                assume_role_policy: Value::unknown(UnknownReason::NotCollected, "managed by AWS"),
                inline_policies: Value::Known(Vec::new()),
                attached_policies: Value::Known(Vec::new()),
                service_linked: Value::Known(true),
            }),
            other => Resource::Other(OtherResource {
                meta,
                resource_type: other.to_string(),
            }),
        };
        out.push(res);
    }
    (out, folded)
}

/// `destination_config.on_failure.destination` of the unqualified function's event invoke
/// configuration.
fn on_failure(configs: &[&Raw]) -> Value<Option<String>> {
    let unqualified = configs.iter().find(|c| {
        matches!(
            c.body.get("qualifier").and_then(V::as_str),
            None | Some("$LATEST")
        )
    });
    match unqualified {
        None => Value::Known(None),
        Some(c) => c
            .reader()
            .block("destination_config")
            .and_then(|d| d.block("on_failure"))
            .map(|f| f.opt_ref("destination"))
            .unwrap_or(Value::Known(None)),
    }
}

/// `condition { string_equals { key value } ... }` of an `aws_backup_selection`.
fn selection_conditions(sr: &Reader<'_>) -> Value<Vec<SelectionCondition>> {
    let mut out = Vec::new();
    for c in sr.blocks("condition") {
        for (block, operator) in [
            ("string_equals", "StringEquals"),
            ("string_like", "StringLike"),
            ("string_not_equals", "StringNotEquals"),
            ("string_not_like", "StringNotLike"),
        ] {
            for kv in c.blocks(block) {
                match (kv.string_req("key"), kv.string_req("value")) {
                    (Value::Known(key), Value::Known(value)) => out.push(SelectionCondition {
                        operator: operator.into(),
                        key,
                        value,
                    }),
                    (Value::Unknown(u), _) | (_, Value::Unknown(u)) => return Value::Unknown(u),
                }
            }
        }
    }
    Value::Known(out)
}

fn all_true(vals: impl Iterator<Item = Value<bool>>) -> Value<bool> {
    let mut acc = Value::Known(true);
    for v in vals {
        match v {
            Value::Known(false) => return Value::Known(false),
            Value::Unknown(u) => acc = Value::Unknown(u),
            Value::Known(true) => {}
        }
    }
    acc
}

fn s3_bucket(r: &Raw, meta: Meta, joined: &Joined<'_>, i: usize) -> Resource {
    let rd = r.reader();
    let first = |t: &str| joined.first(i, t).map(|c| c.reader());
    // Encryption: the split resource, else the inline block of provider v3.
    let sse_rule = match first("aws_s3_bucket_server_side_encryption_configuration") {
        Some(c) => Some(c.blocks("rule")),
        None => rd
            .block("server_side_encryption_configuration")
            .map(|c| c.blocks("rule")),
    };
    let default_encryption = match sse_rule.as_ref().and_then(|rules| rules.first()) {
        None => Value::Known(None),
        Some(rule) => match rule.block("apply_server_side_encryption_by_default") {
            None => Value::Known(None),
            Some(d) => match d.string_req("sse_algorithm") {
                Value::Known(algorithm) => Value::Known(Some(BucketEncryption {
                    algorithm,
                    kms_key_id: d
                        .raw("kms_master_key_id")
                        .map(|k| to_ids(Some(k)).join(",")),
                    bucket_key: rule
                        .bool_or("bucket_key_enabled", false)
                        .known()
                        .copied()
                        .unwrap_or(false),
                })),
                Value::Unknown(u) => Value::Unknown(u),
            },
        },
    };
    let public_access_block = match first("aws_s3_bucket_public_access_block") {
        None => Value::Known(None),
        // Each switch defaults to false.
        Some(p) => cfnmap::pab(&[
            p.bool_or("block_public_acls", false),
            p.bool_or("ignore_public_acls", false),
            p.bool_or("block_public_policy", false),
            p.bool_or("restrict_public_buckets", false),
        ]),
    };
    let policy = match first("aws_s3_bucket_policy") {
        Some(p) => p.policy("policy"),
        None => rd.policy("policy"),
    };
    let acl_reader = first("aws_s3_bucket_acl");
    let (acl_read, acl_write) = match acl_reader {
        Some(a) if a.raw("access_control_policy").is_some() => grants(a),
        Some(a) => canned(a.string_or("acl", "private")),
        None => canned(rd.string_or("acl", "private")),
    };
    let versioning = match first("aws_s3_bucket_versioning") {
        Some(v) => match v.block("versioning_configuration") {
            Some(c) => match (
                c.string_req("status"),
                c.string_or("mfa_delete", "Disabled"),
            ) {
                (Value::Known(s), Value::Known(m)) => Value::Known(Versioning {
                    enabled: s == "Enabled",
                    mfa_delete: m == "Enabled",
                }),
                (Value::Unknown(u), _) | (_, Value::Unknown(u)) => Value::Unknown(u),
            },
            None => Value::Known(Versioning::default()),
        },
        None => match rd.block("versioning") {
            Some(v) => match (v.bool_or("enabled", false), v.bool_or("mfa_delete", false)) {
                (Value::Known(e), Value::Known(m)) => Value::Known(Versioning {
                    enabled: e,
                    mfa_delete: m,
                }),
                (Value::Unknown(u), _) | (_, Value::Unknown(u)) => Value::Unknown(u),
            },
            // Buckets start unversioned.
            None => Value::Known(Versioning::default()),
        },
    };
    let logging = match first("aws_s3_bucket_logging").or_else(|| rd.block("logging")) {
        Some(l) => Value::Known(Some(BucketLogging {
            target_bucket: to_ids(l.raw("target_bucket")).join(","),
            target_prefix: l
                .raw("target_prefix")
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
        })),
        None => Value::Known(None),
    };
    let object_lock = match first("aws_s3_bucket_object_lock_configuration") {
        // object_lock_enabled: default Enabled.
        Some(o) => o
            .string_or("object_lock_enabled", "Enabled")
            .map(|s| s == "Enabled"),
        None => match rd.raw("object_lock_enabled") {
            Some(_) => rd.bool_or("object_lock_enabled", false),
            None => rd
                .block("object_lock_configuration")
                .map(|c| {
                    c.string_or("object_lock_enabled", "Disabled")
                        .map(|s| s == "Enabled")
                })
                .unwrap_or(Value::Known(false)),
        },
    };
    let lock_rule = match first("aws_s3_bucket_object_lock_configuration") {
        Some(o) => o.block("rule"),
        None => rd
            .block("object_lock_configuration")
            .and_then(|c| c.block("rule")),
    };
    let object_lock_default_retention = cfnmap::lock_retention(
        lock_rule.and_then(|r| r.block("default_retention")),
        ["mode", "days", "years"],
    );
    let replication = match first("aws_s3_bucket_replication_configuration") {
        Some(c) => Value::Known(
            c.blocks("rule")
                .iter()
                .any(|r| r.raw("status").and_then(V::as_str) == Some("Enabled")),
        ),
        None => Value::Known(rd.block("replication_configuration").is_some_and(|c| {
            c.blocks("rules")
                .iter()
                .any(|r| r.raw("status").and_then(V::as_str) == Some("Enabled"))
        })),
    };
    let lifecycle_rules = match first("aws_s3_bucket_lifecycle_configuration") {
        Some(c) => Value::Known(
            c.blocks("rule")
                .iter()
                .filter(|r| r.raw("status").and_then(V::as_str) == Some("Enabled"))
                .count() as u32,
        ),
        None => Value::Known(
            rd.blocks("lifecycle_rule")
                .iter()
                .filter(|r| r.bool_or("enabled", false) == Value::Known(true))
                .count() as u32,
        ),
    };
    Resource::S3Bucket(S3Bucket {
        meta,
        default_encryption,
        public_access_block,
        policy,
        acl_public_read: acl_read,
        acl_public_write: acl_write,
        object_ownership: match first("aws_s3_bucket_ownership_controls") {
            Some(o) => o
                .block("rule")
                .map(|r| r.opt_string("object_ownership"))
                .unwrap_or(Value::Known(None)),
            None => Value::Known(None),
        },
        versioning,
        logging,
        object_lock,
        replication,
        lifecycle_rules,
        object_lock_default_retention,
        ..Default::default()
    })
}

/// Canned ACLs that open a bucket: `(read, write)`.
fn canned(acl: Value<String>) -> (Value<bool>, Value<bool>) {
    (
        acl.clone().map(|a| {
            matches!(
                a.as_str(),
                "public-read" | "public-read-write" | "authenticated-read"
            )
        }),
        acl.map(|a| a == "public-read-write"),
    )
}

/// Explicit grants to the AllUsers or AuthenticatedUsers groups.
fn grants(a: Reader<'_>) -> (Value<bool>, Value<bool>) {
    let (mut read, mut write) = (false, false);
    for p in a.blocks("access_control_policy") {
        for g in p.blocks("grant") {
            let uri = g
                .block("grantee")
                .and_then(|x| x.raw("uri"))
                .and_then(V::to_plain_string)
                .unwrap_or_default();
            if !(uri.ends_with("/global/AllUsers") || uri.ends_with("/global/AuthenticatedUsers")) {
                continue;
            }
            match g.raw("permission").and_then(V::as_str) {
                Some("READ") | Some("READ_ACP") => read = true,
                Some("WRITE") | Some("WRITE_ACP") => write = true,
                Some("FULL_CONTROL") => {
                    read = true;
                    write = true;
                }
                _ => {}
            }
        }
    }
    (Value::Known(read), Value::Known(write))
}

fn param_group(name: Option<&V>, group: Option<&Raw>) -> Value<BTreeMap<String, String>> {
    match (name, group) {
        // The default parameter group: every parameter at the engine default.
        (None, _) => Value::Known(BTreeMap::new()),
        (Some(_), Some(g)) => Value::Known(
            g.reader()
                .blocks("parameter")
                .iter()
                .filter_map(|p| {
                    Some((
                        p.raw("name")?.to_plain_string()?,
                        p.raw("value")?.to_plain_string()?,
                    ))
                })
                .collect(),
        ),
        (Some(v), None) => Value::unknown(
            UnknownReason::Unresolved,
            format!(
                "parameter group {} is not in this configuration",
                to_ids(Some(v)).join(",")
            ),
        ),
    }
}

fn option_group(name: Option<&V>, group: Option<&Raw>) -> Value<Vec<DbOption>> {
    match (name, group) {
        (None, _) => Value::Known(Vec::new()),
        (Some(_), Some(g)) => Value::Known(
            g.reader()
                .blocks("option")
                .iter()
                .map(|o| DbOption {
                    name: o
                        .raw("option_name")
                        .and_then(V::to_plain_string)
                        .unwrap_or_default(),
                    settings: o
                        .blocks("option_settings")
                        .iter()
                        .filter_map(|s| {
                            Some((
                                s.raw("name")?.to_plain_string()?,
                                s.raw("value")?.to_plain_string()?,
                            ))
                        })
                        .collect(),
                })
                .collect(),
        ),
        (Some(v), None) => Value::unknown(
            UnknownReason::Unresolved,
            format!(
                "option group {} is not in this configuration",
                to_ids(Some(v)).join(",")
            ),
        ),
    }
}

fn ec2_instance(rd: Reader<'_>, meta: Meta, lt: Option<Reader<'_>>) -> Resource {
    let md = rd
        .block("metadata_options")
        .or_else(|| lt.and_then(|l| l.block("metadata_options")));
    let mut devices = Vec::new();
    match rd.block("root_block_device") {
        Some(root) => devices.push(BlockDevice {
            device_name: root
                .raw("device_name")
                .and_then(V::to_plain_string)
                .unwrap_or_else(|| "root".into()),
            volume_id: None,
            root: true,
            // encrypted: default false (the account's EBS default encryption may still apply).
            encrypted: root.bool_or("encrypted", false),
        }),
        None => devices.push(BlockDevice {
            device_name: "root".into(),
            volume_id: None,
            root: true,
            encrypted: Value::unknown(
                UnknownReason::Unresolved,
                "root volume follows the AMI's snapshot",
            ),
        }),
    }
    for d in rd.blocks("ebs_block_device") {
        devices.push(BlockDevice {
            device_name: d
                .raw("device_name")
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
            volume_id: None,
            root: false,
            encrypted: d.bool_or("encrypted", false),
        });
    }
    let mut sgs = to_ids(rd.raw("vpc_security_group_ids"));
    sgs.extend(to_ids(rd.raw("security_groups")));
    let public_ip = match rd.raw("associate_public_ip_address").and_then(V::as_bool) {
        Some(false) => Value::Known(None),
        Some(true) => Value::unknown(
            UnknownReason::Unresolved,
            "associate_public_ip_address = true: assigned at launch",
        ),
        None => Value::unknown(
            UnknownReason::Unresolved,
            "depends on the subnet's map_public_ip_on_launch",
        ),
    };
    Resource::Ec2Instance(Ec2Instance {
        meta,
        state: Value::Known("running".into()),
        instance_type: rd.string_req("instance_type"),
        vpc_id: Value::unknown(UnknownReason::Unresolved, "the subnet's VPC"),
        subnet_id: rd.opt_ref("subnet_id"),
        public_ip,
        metadata_options: cfnmap::metadata(
            md,
            [
                "http_tokens",
                "http_endpoint",
                "http_put_response_hop_limit",
            ],
        ),
        block_devices: Value::Known(devices),
        iam_instance_profile: rd.opt_ref("iam_instance_profile"),
        security_groups: Value::Known(sgs),
        detailed_monitoring: rd.bool_or("monitoring", false),
        launch_time: Value::Known(None),
        image_id: rd.string_req("ami"),
        ssm_managed: Value::unknown(
            UnknownReason::NotCollected,
            "known only for running instances",
        ),
    })
}

fn launch_template(rd: Reader<'_>, meta: Meta) -> LaunchTemplate {
    let devices = rd
        .blocks("block_device_mappings")
        .iter()
        .filter_map(|m| {
            let ebs = m.block("ebs")?;
            let name = m
                .raw("device_name")
                .and_then(V::to_plain_string)
                .unwrap_or_default();
            Some(BlockDevice {
                root: cfnmap::is_root_device(&name),
                device_name: name,
                volume_id: None,
                // ebs.encrypted: unset leaves the volume unencrypted unless its snapshot or
                // the account's EBS default encryption says otherwise.
                encrypted: ebs.bool_or("encrypted", false),
            })
        })
        .collect();
    let profile = rd
        .block("iam_instance_profile")
        .map(|p| match p.raw("arn") {
            Some(_) => p.opt_string("arn"),
            None => p.opt_string("name"),
        })
        .unwrap_or(Value::Known(None));
    LaunchTemplate {
        meta,
        metadata_options: cfnmap::metadata(
            rd.block("metadata_options"),
            [
                "http_tokens",
                "http_endpoint",
                "http_put_response_hop_limit",
            ],
        ),
        block_devices: Value::Known(devices),
        associate_public_ip_address: cfnmap::associate_public_ip(
            &rd.blocks("network_interfaces"),
            "associate_public_ip_address",
        ),
        image_id: rd.opt_string("image_id"),
        instance_type: rd.opt_string("instance_type"),
        iam_instance_profile: profile,
    }
}

fn push_rule(acc: &mut Value<Vec<SecurityGroupRule>>, rule: Value<SecurityGroupRule>) {
    match (acc, rule) {
        (Value::Known(a), Value::Known(r)) => a.push(r),
        (acc @ Value::Known(_), Value::Unknown(u)) => *acc = Value::Unknown(u),
        _ => {}
    }
}

fn port(r: &Reader<'_>, k: &str) -> Result<Option<i32>, Unknown> {
    match r.raw(k) {
        None => Ok(None),
        Some(V::Unknown(u)) => Err(Unknown::new(UnknownReason::Unresolved, u.expr.clone())),
        Some(p) => Ok(p.as_f64().map(|n| n as i32)),
    }
}

fn cidrs(r: &Reader<'_>, k: &str) -> Result<Vec<String>, Unknown> {
    match r.raw(k) {
        None => Ok(Vec::new()),
        Some(v) => match to_strings(k, v) {
            Value::Known(s) => Ok(s),
            Value::Unknown(u) => Err(u),
        },
    }
}

fn build_rule(
    r: Reader<'_>,
    keys: [&str; 7],
    self_id: bool,
    location: Option<SourceLocation>,
) -> Value<SecurityGroupRule> {
    let run = || -> Result<SecurityGroupRule, Unknown> {
        let protocol = match r.raw(keys[0]) {
            Some(V::Unknown(u)) => {
                return Err(Unknown::new(UnknownReason::Unresolved, u.expr.clone()))
            }
            Some(p) => cfnmap::normalise_protocol(&p.to_plain_string().unwrap_or_default()),
            None => "-1".into(),
        };
        let all = protocol == "-1";
        let (from, to) = (port(&r, "from_port")?, port(&r, "to_port")?);
        let mut sources = to_ids(r.raw(keys[3]));
        if self_id && r.raw("self").and_then(V::as_bool) == Some(true) {
            sources.push("self".into());
        }
        Ok(SecurityGroupRule {
            protocol,
            from_port: if all { None } else { from },
            to_port: if all { None } else { to },
            cidr_ipv4: cidrs(&r, keys[1])?,
            cidr_ipv6: cidrs(&r, keys[2])?,
            source_security_groups: sources,
            prefix_lists: to_ids(r.raw(keys[4])),
            description: r
                .raw(keys[5])
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
            location,
        })
    };
    match run() {
        Ok(r) => Value::Known(r),
        Err(u) => Value::Unknown(u),
    }
}

fn inline_rules(v: Option<&V>) -> Value<Vec<SecurityGroupRule>> {
    match v {
        None => Value::Known(Vec::new()),
        Some(V::Unknown(u)) => Value::unknown(UnknownReason::Unresolved, u.expr.clone()),
        Some(v) => {
            let mut acc = Value::Known(Vec::new());
            for b in v.blocks() {
                let keys = [
                    "protocol",
                    "cidr_blocks",
                    "ipv6_cidr_blocks",
                    "security_groups",
                    "prefix_list_ids",
                    "description",
                    "",
                ];
                push_rule(&mut acc, build_rule(Reader::new(b), keys, true, None));
            }
            acc
        }
    }
}

fn legacy_rule(c: &Raw) -> Value<SecurityGroupRule> {
    let keys = [
        "protocol",
        "cidr_blocks",
        "ipv6_cidr_blocks",
        "source_security_group_id",
        "prefix_list_ids",
        "description",
        "",
    ];
    build_rule(c.reader(), keys, true, Some(c.location()))
}

fn vpc_rule(c: &Raw) -> Value<SecurityGroupRule> {
    let keys = [
        "ip_protocol",
        "cidr_ipv4",
        "cidr_ipv6",
        "referenced_security_group_id",
        "prefix_list_id",
        "description",
        "",
    ];
    build_rule(c.reader(), keys, false, Some(c.location()))
}

fn trail_selectors(rd: Reader<'_>) -> (Value<bool>, Value<bool>) {
    let adv = rd.blocks("advanced_event_selector");
    if !adv.is_empty() {
        let has = |field: &str, value: &str| {
            adv.iter().any(|s| {
                s.blocks("field_selector").iter().any(|f| {
                    f.raw("field").and_then(V::as_str) == Some(field)
                        && to_ids(f.raw("equals")).iter().any(|x| x == value)
                })
            })
        };
        return (
            Value::Known(has("eventCategory", "Management")),
            Value::Known(has("resources.type", "AWS::S3::Object")),
        );
    }
    let sels = rd.blocks("event_selector");
    if sels.is_empty() {
        // No selectors: all management events, no data events.
        return (Value::Known(true), Value::Known(false));
    }
    let mgmt = sels
        .iter()
        .any(|s| s.bool_or("include_management_events", true) != Value::Known(false));
    let data = sels.iter().any(|s| {
        s.blocks("data_resource")
            .iter()
            .any(|d| d.raw("type").and_then(V::as_str) == Some("AWS::S3::Object"))
    });
    (Value::Known(mgmt), Value::Known(data))
}

fn listeners(ls: &[&Raw]) -> Value<Vec<Listener>> {
    let mut out = Vec::new();
    for l in ls {
        let r = l.reader();
        let port = match r.raw("port") {
            Some(p) => match to_u32("port", p) {
                Value::Known(p) => p,
                Value::Unknown(u) => return Value::Unknown(u),
            },
            None => 0,
        };
        // protocol: default HTTP for application load balancers.
        let protocol = match r.string_or("protocol", "HTTP") {
            Value::Known(p) => p,
            Value::Unknown(u) => return Value::Unknown(u),
        };
        let redirects = r.blocks("default_action").iter().any(|a| {
            a.raw("type").and_then(V::as_str) == Some("redirect")
                && a.block("redirect")
                    .and_then(|x| x.raw("protocol"))
                    .and_then(V::as_str)
                    == Some("HTTPS")
        });
        out.push(Listener {
            port,
            protocol,
            ssl_policy: r.raw("ssl_policy").map(|s| to_ids(Some(s)).join(",")),
            certificate_arns: to_ids(r.raw("certificate_arn")),
            redirects_to_https: redirects,
        });
    }
    Value::Known(out)
}

fn web_acl(assocs: &[&Raw]) -> Value<Option<String>> {
    match assocs.first() {
        None => Value::Known(None),
        Some(a) => Value::Known(Some(to_ids(a.body.get("web_acl_arn")).join(","))),
    }
}

fn classic_elb(rd: Reader<'_>, meta: Meta) -> LoadBalancer {
    let ls = rd
        .blocks("listener")
        .iter()
        .map(|l| Listener {
            port: l.raw("lb_port").and_then(V::as_f64).unwrap_or(0.0) as u32,
            protocol: l
                .raw("lb_protocol")
                .and_then(V::to_plain_string)
                .unwrap_or_default()
                .to_ascii_uppercase(),
            ssl_policy: None,
            certificate_arns: to_ids(l.raw("ssl_certificate_id")),
            redirects_to_https: false,
        })
        .collect();
    LoadBalancer {
        meta,
        lb_type: Value::Known("classic".into()),
        scheme: rd
            .bool_or("internal", false)
            .map(|i| if i { "internal" } else { "internet-facing" }.to_string()),
        listeners: Value::Known(ls),
        // access_logs.enabled: default true once the block is present.
        access_logs: rd
            .block("access_logs")
            .map(|a| a.bool_or("enabled", true))
            .unwrap_or(Value::Known(false)),
        deletion_protection: Value::Known(false),
        drop_invalid_headers: Value::Known(false),
        web_acl: Value::Known(None),
        ..Default::default()
    }
}

fn named_policies(items: &[&Raw]) -> Value<Vec<NamedPolicy>> {
    let mut out = Vec::new();
    for p in items {
        let name = p
            .body
            .get("name")
            .and_then(V::to_plain_string)
            .unwrap_or_else(|| p.address.clone());
        match p.body.get("policy").map(to_policy) {
            Some(Value::Known(document)) => out.push(NamedPolicy { name, document }),
            Some(Value::Unknown(u)) => return Value::Unknown(u),
            None => {}
        }
    }
    Value::Known(out)
}

fn cloudfront(rd: Reader<'_>, meta: Meta) -> CloudFrontDistribution {
    let behavior = |b: &Reader<'_>, default: bool| CacheBehavior {
        path_pattern: if default {
            "*".into()
        } else {
            b.raw("path_pattern")
                .and_then(V::to_plain_string)
                .unwrap_or_default()
        },
        viewer_protocol_policy: b
            .raw("viewer_protocol_policy")
            .map(|v| to_ids(Some(v)).join(","))
            .unwrap_or_default(),
        lambda_edge_functions: b
            .blocks("lambda_function_association")
            .iter()
            .flat_map(|a| to_ids(a.raw("lambda_arn")))
            .collect(),
    };
    let mut behaviors: Vec<CacheBehavior> = rd
        .block("default_cache_behavior")
        .map(|b| behavior(&b, true))
        .into_iter()
        .collect();
    behaviors.extend(
        rd.blocks("ordered_cache_behavior")
            .iter()
            .map(|b| behavior(b, false)),
    );
    let origins = rd
        .blocks("origin")
        .iter()
        .map(|o| Origin {
            id: o
                .raw("origin_id")
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
            domain_name: to_ids(o.raw("domain_name")).join(","),
            origin_protocol_policy: o.block("custom_origin_config").map(|c| {
                c.raw("origin_protocol_policy")
                    .and_then(V::to_plain_string)
                    .unwrap_or_default()
            }),
            // origin_ssl_protocols: required in custom_origin_config; S3 origins have none.
            origin_ssl_protocols: o
                .block("custom_origin_config")
                .map(|c| c.strings("origin_ssl_protocols"))
                .unwrap_or(Value::Known(Vec::new())),
        })
        .collect();
    let vc = rd.block("viewer_certificate");
    let default_cert = vc
        .map(|v| v.bool_or("cloudfront_default_certificate", false) == Value::Known(true))
        .unwrap_or(true);
    CloudFrontDistribution {
        meta,
        cache_behaviors: Value::Known(behaviors),
        origins: Value::Known(origins),
        minimum_protocol_version: if default_cert {
            Value::Known(None)
        } else {
            // minimum_protocol_version: default TLSv1 with a custom certificate.
            vc.map(|v| v.string_or("minimum_protocol_version", "TLSv1").map(Some))
                .unwrap_or(Value::Known(None))
        },
        access_logging: Value::Known(rd.raw("logging_config").is_some()),
        web_acl: rd.opt_ref("web_acl_id"),
    }
}

/// `data "aws_iam_policy_document"` rendered to the JSON document it produces.
pub fn policy_document(inst: &Inst<'_>, block: &Block) -> V {
    let body = inst.body(&block.body, &Env::default(), true);
    let rd = Reader::new(&body);
    let mut statements = Vec::new();
    for s in rd.blocks("statement") {
        let mut st: BTreeMap<String, V> = BTreeMap::new();
        if let Some(sid) = s.raw("sid") {
            st.insert("Sid".into(), sid.clone());
        }
        st.insert(
            "Effect".into(),
            s.raw("effect").cloned().unwrap_or(V::Str("Allow".into())),
        );
        for (k, json_key) in [
            ("actions", "Action"),
            ("not_actions", "NotAction"),
            ("resources", "Resource"),
            ("not_resources", "NotResource"),
        ] {
            if let Some(v) = s.raw(k) {
                st.insert(json_key.into(), v.clone());
            }
        }
        for (k, json_key) in [
            ("principals", "Principal"),
            ("not_principals", "NotPrincipal"),
        ] {
            let ps = s.blocks(k);
            if ps.is_empty() {
                continue;
            }
            let mut m: BTreeMap<String, V> = BTreeMap::new();
            let mut star = false;
            for p in ps {
                let t = p
                    .raw("type")
                    .and_then(V::to_plain_string)
                    .unwrap_or_default();
                let ids = p.raw("identifiers").cloned().unwrap_or(V::List(Vec::new()));
                if t == "*" {
                    star = true;
                    continue;
                }
                match m.get_mut(&t) {
                    Some(V::List(items)) => {
                        if let V::List(more) = ids {
                            items.extend(more);
                        }
                    }
                    _ => {
                        m.insert(t, ids);
                    }
                }
            }
            st.insert(
                json_key.into(),
                if star && m.is_empty() {
                    V::Str("*".into())
                } else {
                    V::Map(m)
                },
            );
        }
        let conds = s.blocks("condition");
        if !conds.is_empty() {
            let mut m: BTreeMap<String, V> = BTreeMap::new();
            for c in conds {
                let (Some(test), Some(var)) = (
                    c.raw("test").and_then(V::to_plain_string),
                    c.raw("variable").and_then(V::to_plain_string),
                ) else {
                    return V::opaque("data.aws_iam_policy_document condition");
                };
                let vals = c.raw("values").cloned().unwrap_or(V::List(Vec::new()));
                match m.entry(test).or_insert_with(|| V::Map(BTreeMap::new())) {
                    V::Map(inner) => {
                        inner.insert(var, vals);
                    }
                    _ => unreachable!("entries are maps"),
                }
            }
            st.insert("Condition".into(), V::Map(m));
        }
        statements.push(V::Map(st));
    }
    let doc = V::Map(BTreeMap::from([
        (
            "Version".to_string(),
            rd.raw("version")
                .cloned()
                .unwrap_or(V::Str("2012-10-17".into())),
        ),
        ("Statement".to_string(), V::List(statements)),
    ]));
    match doc.to_json() {
        Ok(j) => V::Str(j.to_string()),
        Err(u) => V::unknown(
            format!("data.aws_iam_policy_document: {}", u.expr),
            None,
            false,
        ),
    }
}
