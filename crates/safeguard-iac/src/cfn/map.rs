//! CloudFormation resource types into the model. Each default used for an unset property is
//! the one the AWS resource reference documents, named in a comment where it is applied.

use crate::mapping::{Joined, Parents, Raw};
use crate::value::{to_bool, to_ids, to_policy, to_strings, to_u32, Reader, V};
use crate::Diagnostic;
use safeguard_model::*;
use std::collections::{BTreeMap, HashMap};

/// Companion types and the property that names their parent.
const COMPANIONS: &[(&str, &str, &str)] = &[
    // (companion type, parent type, property naming the parent)
    ("AWS::S3::BucketPolicy", "AWS::S3::Bucket", "Bucket"),
    (
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroup",
        "GroupId",
    ),
    (
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::SecurityGroup",
        "GroupId",
    ),
    ("AWS::EC2::FlowLog", "AWS::EC2::VPC", "ResourceId"),
    ("AWS::EC2::VolumeAttachment", "AWS::EC2::Volume", "VolumeId"),
    ("AWS::RDS::DBParameterGroup", "", ""),
    ("AWS::RDS::DBClusterParameterGroup", "", ""),
    ("AWS::RDS::OptionGroup", "", ""),
    ("AWS::Redshift::ClusterParameterGroup", "", ""),
    ("AWS::SNS::TopicPolicy", "AWS::SNS::Topic", "Topics"),
    ("AWS::SQS::QueuePolicy", "AWS::SQS::Queue", "Queues"),
    ("AWS::SNS::Subscription", "AWS::SNS::Topic", "TopicArn"),
    (
        "AWS::Lambda::EventInvokeConfig",
        "AWS::Lambda::Function",
        "FunctionName",
    ),
    (
        "AWS::SecretsManager::RotationSchedule",
        "AWS::SecretsManager::Secret",
        "SecretId",
    ),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "LoadBalancerArn",
    ),
    (
        "AWS::Lambda::Permission",
        "AWS::Lambda::Function",
        "FunctionName",
    ),
    (
        "AWS::Lambda::Url",
        "AWS::Lambda::Function",
        "TargetFunctionArn",
    ),
    (
        "AWS::Backup::BackupSelection",
        "AWS::Backup::BackupPlan",
        "BackupPlanId",
    ),
    ("AWS::WAFv2::WebACLAssociation", "", "ResourceArn"),
];

fn tags(r: &Raw) -> Value<Tags> {
    match r.body.get("Tags") {
        None => Value::Known(Tags::new()),
        Some(V::List(items)) => {
            let mut out = Tags::new();
            for t in items {
                match (t.get("Key"), t.get("Value")) {
                    (Some(V::Unknown(u)), _) | (_, Some(V::Unknown(u))) => {
                        return Value::unknown(UnknownReason::Unresolved, u.expr.clone())
                    }
                    (Some(k), Some(v)) => {
                        if let (Some(k), Some(v)) = (k.to_plain_string(), v.to_plain_string()) {
                            out.insert(k, v);
                        }
                    }
                    _ => {}
                }
            }
            Value::Known(out)
        }
        // Some types (SSM, Batch) take a plain map.
        Some(V::Map(_)) => r.reader().string_map("Tags"),
        Some(V::Unknown(u)) => Value::unknown(UnknownReason::Unresolved, u.expr.clone()),
        Some(_) => Value::Known(Tags::new()),
    }
}

const NAME_PROPS: &[&str] = &[
    "BucketName",
    "DBInstanceIdentifier",
    "DBClusterIdentifier",
    "GroupName",
    "TrailName",
    "LogGroupName",
    "TableName",
    "ReplicationGroupId",
    "Name",
    "TopicName",
    "QueueName",
    "FunctionName",
    "ClusterIdentifier",
    "DomainName",
    "StageName",
    "BackupVaultName",
    "UserName",
    "RoleName",
    "PolicyName",
    "ManagedPolicyName",
];

/// The template's resources, and which companions were folded into which parent as
/// `(companion, parent)` indices into `raws` (an inline waiver on a companion covers its
/// parent).
pub fn map_template(
    raws: Vec<Raw>,
    _diags: &mut Vec<Diagnostic>,
) -> (Vec<Resource>, Vec<(usize, usize)>) {
    // Parents, found by logical id (`!Ref X`, `!GetAtt X.Arn`) or by their physical name.
    let mut parents: HashMap<&str, Parents> = HashMap::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, r) in raws.iter().enumerate() {
        let names = NAME_PROPS
            .iter()
            .filter_map(|p| r.body.get(p).and_then(V::as_str).map(str::to_string));
        parents
            .entry(r.rtype.as_str())
            .or_default()
            .add(i, &r.address, names);
        by_id.insert(r.address.as_str(), i);
    }
    let mut joined = Joined::new();
    let mut consumed = vec![false; raws.len()];
    let mut folded: Vec<(usize, usize)> = Vec::new();
    for (i, r) in raws.iter().enumerate() {
        let Some((_, parent_type, prop)) = COMPANIONS.iter().find(|(t, _, _)| *t == r.rtype) else {
            continue;
        };
        if parent_type.is_empty() {
            // Looked up by the resource that uses it; used or not, it is configuration.
            if r.rtype == "AWS::WAFv2::WebACLAssociation" {
                if let Some(t) = r
                    .body
                    .get(prop)
                    .and_then(V::target)
                    .and_then(|t| by_id.get(t))
                {
                    joined.push(*t, r);
                    consumed[i] = true;
                    folded.push((i, *t));
                }
            } else {
                consumed[i] = true;
            }
            continue;
        }
        let Some(p) = parents.get(parent_type) else {
            continue;
        };
        let found = p.find_all(r.body.get(prop));
        // A flow log names its resource by ResourceId and says what it is by ResourceType.
        if r.rtype == "AWS::EC2::FlowLog"
            && r.body.get("ResourceType").and_then(V::as_str) != Some("VPC")
        {
            continue;
        }
        for f in &found {
            joined.push(*f, r);
            folded.push((i, *f));
        }
        consumed[i] = !found.is_empty();
    }
    // Aurora instances take storage encryption from their cluster.
    let lookup = |v: Option<&V>, rtype: &str| -> Option<&Raw> {
        let v = v?;
        let idx = match v {
            V::Unknown(u) => u
                .target
                .as_ref()
                .and_then(|t| by_id.get(t.as_str()))
                .copied(),
            V::Str(s) => parents
                .get(rtype)
                .and_then(|p| p.find(Some(&V::Str(s.clone())))),
            _ => None,
        }?;
        let r = &raws[idx];
        (r.rtype == rtype).then_some(r)
    };

    // Listener rules by the listener they belong to (its logical id).
    let mut listener_rules: HashMap<&str, Vec<&Raw>> = HashMap::new();
    for r in &raws {
        if r.rtype == "AWS::ElasticLoadBalancingV2::ListenerRule" {
            if let Some(t) = r.body.get("ListenerArn").and_then(V::target) {
                listener_rules.entry(t).or_default().push(r);
            }
        }
    }
    let target_groups_of = |ls: &[&Raw]| -> Value<Vec<TargetGroup>> {
        let mut actions: Vec<Reader<'_>> = Vec::new();
        for l in ls {
            actions.extend(l.reader().blocks("DefaultActions"));
            for rule in listener_rules.get(l.address.as_str()).into_iter().flatten() {
                actions.extend(rule.reader().blocks("Actions"));
            }
        }
        let mut refs: Vec<&V> = Vec::new();
        for a in &actions {
            refs.extend(a.raw("TargetGroupArn"));
            for f in a.blocks("ForwardConfig") {
                refs.extend(
                    f.blocks("TargetGroups")
                        .iter()
                        .filter_map(|t| t.raw("TargetGroupArn")),
                );
            }
        }
        let mut out: Vec<TargetGroup> = Vec::new();
        for v in refs {
            let Some(tg) = lookup(Some(v), "AWS::ElasticLoadBalancingV2::TargetGroup") else {
                return Value::unknown(
                    UnknownReason::Unresolved,
                    format!(
                        "target group {} is not in this template",
                        to_ids(Some(v)).join(",")
                    ),
                );
            };
            let tr = tg.reader();
            let lambda = tr.raw("TargetType").and_then(V::as_str) == Some("lambda");
            let protocol = match (tr.raw("Protocol"), lambda) {
                (_, true) => None,
                (Some(p), false) => match crate::value::to_string("Protocol", p) {
                    Value::Known(p) => Some(p.to_ascii_uppercase()),
                    Value::Unknown(u) => return Value::Unknown(u),
                },
                (None, false) => return crate::value::not_set("TargetGroup Protocol"),
            };
            let name = tg.name(NAME_PROPS);
            if out.iter().any(|t| t.name == name) {
                continue;
            }
            out.push(TargetGroup {
                name,
                protocol,
                port: tr.raw("Port").and_then(V::as_f64).map(|p| p as u32),
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
        let meta = r.meta(NAME_PROPS, tags(r));
        let res: Resource = match r.rtype.as_str() {
            "AWS::S3::Bucket" => s3_bucket(r, meta, comps("AWS::S3::BucketPolicy")),
            "AWS::RDS::DBInstance" => {
                let cluster = lookup(rd.raw("DBClusterIdentifier"), "AWS::RDS::DBCluster");
                let pg = lookup(rd.raw("DBParameterGroupName"), "AWS::RDS::DBParameterGroup");
                let og = lookup(rd.raw("OptionGroupName"), "AWS::RDS::OptionGroup");
                let storage_encrypted = if rd.raw("StorageEncrypted").is_some() {
                    rd.bool_or("StorageEncrypted", false)
                } else if let Some(c) = cluster {
                    c.reader().bool_or("StorageEncrypted", false)
                } else if rd.raw("DBClusterIdentifier").is_some() {
                    Value::unknown(
                        UnknownReason::Unresolved,
                        "storage encryption is set on the DB cluster",
                    )
                } else if let Some(src) = rd
                    .raw("SourceDBInstanceIdentifier")
                    .or(rd.raw("DBSnapshotIdentifier"))
                {
                    // Replicas and restores inherit the source's encryption.
                    Value::unknown(
                        UnknownReason::Unresolved,
                        format!("inherited from {}", to_ids(Some(src)).join(",")),
                    )
                } else {
                    // AWS::RDS::DBInstance StorageEncrypted: default false.
                    Value::Known(false)
                };
                Resource::RdsInstance(RdsInstance {
                    meta,
                    engine: rd.string_req("Engine"),
                    engine_version: rd.string_req("EngineVersion"),
                    instance_class: rd.string_req("DBInstanceClass"),
                    storage_encrypted,
                    kms_key_id: rd.opt_ref("KmsKeyId"),
                    // PubliclyAccessible: false unless set (instances in a VPC with a subnet group).
                    publicly_accessible: rd.bool_or("PubliclyAccessible", false),
                    // BackupRetentionPeriod: default 1 day.
                    backup_retention_days: rd.u32_or("BackupRetentionPeriod", 1),
                    deletion_protection: rd.bool_or("DeletionProtection", false),
                    multi_az: rd.bool_or("MultiAZ", false),
                    auto_minor_version_upgrade: rd.bool_or("AutoMinorVersionUpgrade", true),
                    iam_database_authentication: rd
                        .bool_or("EnableIAMDatabaseAuthentication", false),
                    monitoring_interval: rd.u32_or("MonitoringInterval", 0),
                    cloudwatch_logs_exports: rd.strings("EnableCloudwatchLogsExports"),
                    parameters: param_group(rd.raw("DBParameterGroupName"), pg, "Parameters"),
                    options: option_group(rd.raw("OptionGroupName"), og),
                    cluster_id: rd
                        .raw("DBClusterIdentifier")
                        .map(|v| to_ids(Some(v)).join(",")),
                    read_replica_source: Value::Known(
                        rd.raw("SourceDBInstanceIdentifier")
                            .map(|v| to_ids(Some(v)).join(",")),
                    ),
                    ..Default::default()
                })
            }
            "AWS::RDS::DBCluster" => {
                let pg = lookup(
                    rd.raw("DBClusterParameterGroupName"),
                    "AWS::RDS::DBClusterParameterGroup",
                );
                // Aurora Serverless v1 clusters are always encrypted.
                let serverless = rd.raw("EngineMode").and_then(V::as_str) == Some("serverless");
                Resource::RdsCluster(RdsCluster {
                    meta,
                    engine: rd.string_req("Engine"),
                    engine_version: rd.string_req("EngineVersion"),
                    storage_encrypted: rd.bool_or("StorageEncrypted", serverless),
                    kms_key_id: rd.opt_ref("KmsKeyId"),
                    backup_retention_days: rd.u32_or("BackupRetentionPeriod", 1),
                    deletion_protection: rd.bool_or("DeletionProtection", false),
                    multi_az: Value::unknown(
                        UnknownReason::NotCollected,
                        "depends on the cluster's instances",
                    ),
                    iam_database_authentication: rd
                        .bool_or("EnableIAMDatabaseAuthentication", false),
                    cloudwatch_logs_exports: rd.strings("EnableCloudwatchLogsExports"),
                    parameters: param_group(
                        rd.raw("DBClusterParameterGroupName"),
                        pg,
                        "Parameters",
                    ),
                    publicly_accessible: rd.bool_or("PubliclyAccessible", false),
                })
            }
            "AWS::EC2::Instance" => {
                let lt = rd.block("LaunchTemplate").and_then(|l| {
                    lookup(
                        l.raw("LaunchTemplateId").or(l.raw("LaunchTemplateName")),
                        "AWS::EC2::LaunchTemplate",
                    )
                });
                let ltd = lt.and_then(|l| l.reader().block("LaunchTemplateData"));
                ec2_instance(r, meta, ltd)
            }
            "AWS::EC2::LaunchTemplate" => {
                let data = rd.block("LaunchTemplateData");
                Resource::LaunchTemplate(cfn_launch_template(meta, data))
            }
            "AWS::EC2::Volume" => Resource::EbsVolume(EbsVolume {
                meta,
                // Encrypted: default false (unless the account encrypts new volumes by default,
                // which the region settings say).
                encrypted: rd.bool_or("Encrypted", false),
                kms_key_id: rd.opt_ref("KmsKeyId"),
                attached_to: Value::Known(
                    comps("AWS::EC2::VolumeAttachment")
                        .iter()
                        .flat_map(|a| to_ids(a.body.get("InstanceId")))
                        .collect(),
                ),
                size_gib: rd.u32_req("Size"),
            }),
            "AWS::EC2::SecurityGroup" => {
                let mut ingress = rules(rd.raw("SecurityGroupIngress"), false, None);
                for c in comps("AWS::EC2::SecurityGroupIngress") {
                    append(
                        &mut ingress,
                        rules(Some(&c.body), false, Some(c.location())),
                    );
                }
                // A VPC security group without egress rules gets AWS's allow-all egress rule.
                let mut egress = match rd.raw("SecurityGroupEgress") {
                    Some(v) => rules(Some(v), true, None),
                    None => Value::Known(vec![SecurityGroupRule {
                        protocol: "-1".into(),
                        cidr_ipv4: vec!["0.0.0.0/0".into()],
                        ..Default::default()
                    }]),
                };
                for c in comps("AWS::EC2::SecurityGroupEgress") {
                    append(&mut egress, rules(Some(&c.body), true, Some(c.location())));
                }
                Resource::SecurityGroup(SecurityGroup {
                    meta,
                    vpc_id: rd.opt_ref("VpcId"),
                    is_default: Value::Known(false),
                    ingress,
                    egress,
                })
            }
            "AWS::EC2::VPC" => Resource::Vpc(Vpc {
                meta,
                cidr_block: rd.string_req("CidrBlock"),
                is_default: Value::Known(false),
                flow_logs: Value::Known(
                    comps("AWS::EC2::FlowLog")
                        .iter()
                        .map(|f| FlowLog {
                            id: f.address.clone(),
                            traffic_type: f
                                .body
                                .get("TrafficType")
                                .and_then(V::to_plain_string)
                                .unwrap_or_else(|| "ALL".into()),
                            // LogDestinationType: default cloud-watch-logs.
                            destination_type: f
                                .body
                                .get("LogDestinationType")
                                .and_then(V::to_plain_string)
                                .unwrap_or_else(|| "cloud-watch-logs".into()),
                            status: "ACTIVE".into(),
                        })
                        .collect(),
                ),
            }),
            "AWS::EC2::Subnet" => Resource::Subnet(Subnet {
                meta,
                vpc_id: rd.string_req("VpcId"),
                map_public_ip_on_launch: rd.bool_or("MapPublicIpOnLaunch", false),
            }),
            "AWS::CloudTrail::Trail" => {
                let (mgmt, data) = trail_selectors(rd);
                Resource::CloudTrailTrail(CloudTrailTrail {
                    meta,
                    multi_region: rd.bool_or("IsMultiRegionTrail", false),
                    organization_trail: rd.bool_or("IsOrganizationTrail", false),
                    logging: rd.bool_req("IsLogging"),
                    log_file_validation: rd.bool_or("EnableLogFileValidation", false),
                    kms_key_id: rd.opt_ref("KMSKeyId"),
                    cloudwatch_logs_group_arn: rd.opt_ref("CloudWatchLogsLogGroupArn"),
                    s3_bucket: rd.opt_string("S3BucketName"),
                    management_events: mgmt,
                    s3_data_events: data,
                })
            }
            "AWS::Config::ConfigurationRecorder" => {
                let g = rd.block("RecordingGroup");
                Resource::ConfigRecorder(ConfigRecorder {
                    meta,
                    // CloudFormation starts the recorder once a delivery channel exists.
                    recording: Value::Known(true),
                    all_supported: g
                        .map(|g| g.bool_or("AllSupported", true))
                        .unwrap_or(Value::Known(true)),
                    include_global_resources: g
                        .map(|g| g.bool_or("IncludeGlobalResourceTypes", false))
                        .unwrap_or(Value::Known(false)),
                    last_status: Value::Known(None),
                })
            }
            "AWS::GuardDuty::Detector" => Resource::GuardDutyDetector(GuardDutyDetector {
                meta,
                enabled: rd.bool_req("Enable"),
                // FindingPublishingFrequency: default SIX_HOURS.
                finding_publishing_frequency: rd
                    .string_or("FindingPublishingFrequency", "SIX_HOURS")
                    .map(Some),
            }),
            "AWS::KMS::Key" => Resource::KmsKey(KmsKey {
                meta,
                key_manager: Value::Known("CUSTOMER".into()),
                key_state: rd
                    .bool_or("Enabled", true)
                    .map(|e| if e { "Enabled" } else { "Disabled" }.to_string()),
                key_spec: rd.string_or("KeySpec", "SYMMETRIC_DEFAULT"),
                rotation_enabled: rd.bool_or("EnableKeyRotation", false),
                description: rd.string_or("Description", ""),
                policy: rd.policy("KeyPolicy"),
                // Origin: default AWS_KMS.
                origin: rd.string_or("Origin", "AWS_KMS"),
                deletion_date: Value::Known(None),
                ..Default::default()
            }),
            "AWS::Logs::LogGroup" => Resource::LogGroup(LogGroup {
                meta,
                retention_days: rd.opt_u32("RetentionInDays"),
                kms_key_id: rd.opt_ref("KmsKeyId"),
            }),
            "AWS::DynamoDB::Table" => {
                let sse = rd.block("SSESpecification");
                let (sse_key_type, kms) = dynamo_sse(
                    sse.map(|s| (s.bool_or("SSEEnabled", false), s.raw("KMSMasterKeyId"))),
                );
                Resource::DynamoDbTable(DynamoDbTable {
                    meta,
                    sse_key_type,
                    kms_key_id: kms,
                    point_in_time_recovery: rd
                        .block("PointInTimeRecoverySpecification")
                        .map(|p| p.bool_or("PointInTimeRecoveryEnabled", false))
                        .unwrap_or(Value::Known(false)),
                    deletion_protection: rd.bool_or("DeletionProtectionEnabled", false),
                    billing_mode: rd.string_or("BillingMode", "PROVISIONED"),
                })
            }
            "AWS::EFS::FileSystem" => Resource::EfsFileSystem(EfsFileSystem {
                meta,
                encrypted: rd.bool_or("Encrypted", false),
                kms_key_id: rd.opt_ref("KmsKeyId"),
                policy: rd.policy("FileSystemPolicy"),
                // BackupPolicy: automatic backups are off unless enabled.
                automatic_backups: rd
                    .block("BackupPolicy")
                    .map(|b| b.string_or("Status", "DISABLED").map(|s| s == "ENABLED"))
                    .unwrap_or(Value::Known(false)),
            }),
            "AWS::ElastiCache::ReplicationGroup" => {
                Resource::ElastiCacheReplicationGroup(ElastiCacheReplicationGroup {
                    meta,
                    engine: rd.string_or("Engine", "redis"),
                    engine_version: rd.string_req("EngineVersion"),
                    node_type: rd.string_req("CacheNodeType"),
                    at_rest_encryption: rd.bool_or("AtRestEncryptionEnabled", false),
                    transit_encryption: rd.bool_or("TransitEncryptionEnabled", false),
                    transit_encryption_mode: rd.opt_string("TransitEncryptionMode"),
                    auth_enabled: Value::Known(
                        rd.raw("AuthToken").is_some() || rd.raw("UserGroupIds").is_some(),
                    ),
                    kms_key_id: rd.opt_ref("KmsKeyId"),
                    automatic_failover: rd.bool_or("AutomaticFailoverEnabled", false),
                    snapshot_retention_days: rd.u32_or("SnapshotRetentionLimit", 0),
                    pending_service_updates: Value::Known(Vec::new()),
                })
            }
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
                let attr = |k: &str| lb_attribute(rd, k);
                Resource::LoadBalancer(LoadBalancer {
                    meta,
                    lb_type: rd.string_or("Type", "application"),
                    scheme: rd.string_or("Scheme", "internet-facing"),
                    listeners: listeners(&comps("AWS::ElasticLoadBalancingV2::Listener")),
                    target_groups: target_groups_of(&comps(
                        "AWS::ElasticLoadBalancingV2::Listener",
                    )),
                    access_logs: attr("access_logs.s3.enabled"),
                    deletion_protection: attr("deletion_protection.enabled"),
                    drop_invalid_headers: attr("routing.http.drop_invalid_header_fields.enabled"),
                    web_acl: web_acl(&comps("AWS::WAFv2::WebACLAssociation"), "WebACLArn"),
                    ..Default::default()
                })
            }
            // A listener on a load balancer declared elsewhere: the load balancer as far as
            // this template shows it, located at the listener.
            "AWS::ElasticLoadBalancingV2::Listener" => Resource::LoadBalancer(LoadBalancer {
                meta,
                lb_type: lb_type_of(rd.raw("LoadBalancerArn"), rd.raw("Protocol")),
                scheme: Value::unknown(
                    UnknownReason::Unresolved,
                    to_ids(rd.raw("LoadBalancerArn")).join(","),
                ),
                listeners: listeners(&[r]),
                target_groups: target_groups_of(&[r]),
                access_logs: Value::unknown(
                    UnknownReason::NotCollected,
                    "load balancer not in this template",
                ),
                deletion_protection: Value::unknown(
                    UnknownReason::NotCollected,
                    "load balancer not in this template",
                ),
                drop_invalid_headers: Value::unknown(
                    UnknownReason::NotCollected,
                    "load balancer not in this template",
                ),
                web_acl: Value::unknown(
                    UnknownReason::NotCollected,
                    "load balancer not in this template",
                ),
                ..Default::default()
            }),
            "AWS::ElasticLoadBalancing::LoadBalancer" => {
                Resource::LoadBalancer(classic_lb(rd, meta))
            }
            "AWS::SNS::Topic" => Resource::SnsTopic(SnsTopic {
                meta,
                kms_key_id: rd.opt_ref("KmsMasterKeyId"),
                policy: joined_policy(&comps("AWS::SNS::TopicPolicy"), "PolicyDocument"),
                subscriptions: {
                    // Inline `Subscription` entries and AWS::SNS::Subscription resources.
                    let inline = subscriptions_of(rd.blocks("Subscription"), "Protocol");
                    let more = subscriptions(&comps("AWS::SNS::Subscription"), "Protocol");
                    match (inline, more) {
                        (Value::Known(mut a), Value::Known(b)) => {
                            a.extend(b);
                            Value::Known(a)
                        }
                        (Value::Unknown(u), _) | (_, Value::Unknown(u)) => Value::Unknown(u),
                    }
                },
            }),
            "AWS::SQS::Queue" => Resource::SqsQueue(SqsQueue {
                meta,
                kms_key_id: rd.opt_ref("KmsMasterKeyId"),
                // SSE-SQS is on for new queues unless a KMS key is given or it is turned off.
                sqs_managed_sse: rd
                    .bool_or("SqsManagedSseEnabled", rd.raw("KmsMasterKeyId").is_none()),
                policy: joined_policy(&comps("AWS::SQS::QueuePolicy"), "PolicyDocument"),
            }),
            "AWS::SecretsManager::Secret" => {
                let rot = comps("AWS::SecretsManager::RotationSchedule");
                let rules = rot.first().and_then(|r| r.reader().block("RotationRules"));
                Resource::Secret(Secret {
                    meta,
                    kms_key_id: rd.opt_ref("KmsKeyId"),
                    rotation_enabled: Value::Known(!rot.is_empty()),
                    rotation_interval_days: rules
                        .map(|r| r.opt_u32("AutomaticallyAfterDays"))
                        .unwrap_or(Value::Known(None)),
                    last_rotated: Value::Known(None),
                    last_accessed: Value::unknown(
                        UnknownReason::NotCollected,
                        "known only for deployed secrets",
                    ),
                    ..Default::default()
                })
            }
            "AWS::Lambda::Function" => {
                let perms = comps("AWS::Lambda::Permission");
                let url = comps("AWS::Lambda::Url");
                Resource::LambdaFunction(LambdaFunction {
                    meta,
                    runtime: rd.opt_string("Runtime"),
                    vpc_id: lambda_vpc(rd.block("VpcConfig").and_then(|v| v.raw("SubnetIds"))),
                    environment_variable_names: env_names(
                        rd.block("Environment").and_then(|e| e.raw("Variables")),
                    ),
                    kms_key_id: rd.opt_ref("KmsKeyArn"),
                    policy: permissions_policy(
                        &perms,
                        [
                            "Principal",
                            "Action",
                            "SourceArn",
                            "SourceAccount",
                            "PrincipalOrgID",
                        ],
                    ),
                    function_url_auth_type: match url.first() {
                        Some(u) => u.reader().string_req("AuthType").map(Some),
                        None => Value::Known(None),
                    },
                    dead_letter_target: rd
                        .block("DeadLetterConfig")
                        .map(|d| d.opt_ref("TargetArn"))
                        .unwrap_or(Value::Known(None)),
                    reserved_concurrency: rd.opt_u32("ReservedConcurrentExecutions"),
                    // EventInvokeConfig Qualifier: `$LATEST` is the unqualified function.
                    on_failure_destination: match comps("AWS::Lambda::EventInvokeConfig")
                        .iter()
                        .find(|c| {
                            matches!(
                                c.body.get("Qualifier").and_then(V::as_str),
                                None | Some("$LATEST")
                            )
                        }) {
                        None => Value::Known(None),
                        Some(c) => c
                            .reader()
                            .block("DestinationConfig")
                            .and_then(|d| d.block("OnFailure"))
                            .map(|f| f.opt_ref("Destination"))
                            .unwrap_or(Value::Known(None)),
                    },
                    // TracingConfig Mode: default PassThrough.
                    tracing_mode: rd
                        .block("TracingConfig")
                        .map(|t| t.string_or("Mode", "PassThrough"))
                        .unwrap_or(Value::Known("PassThrough".into()))
                        .map(Some),
                    ..Default::default()
                })
            }
            "AWS::Redshift::Cluster" => {
                let pg = lookup(
                    rd.raw("ClusterParameterGroupName"),
                    "AWS::Redshift::ClusterParameterGroup",
                );
                Resource::RedshiftCluster(RedshiftCluster {
                    meta,
                    encrypted: rd.bool_or("Encrypted", false),
                    kms_key_id: rd.opt_ref("KmsKeyId"),
                    // PubliclyAccessible: default false.
                    publicly_accessible: rd.bool_or("PubliclyAccessible", false),
                    parameters: param_group(rd.raw("ClusterParameterGroupName"), pg, "Parameters"),
                    audit_logging: Value::Known(rd.raw("LoggingProperties").is_some()),
                    automated_snapshot_retention_days: rd
                        .u32_or("AutomatedSnapshotRetentionPeriod", 1),
                    enhanced_vpc_routing: rd.bool_or("EnhancedVpcRouting", false),
                    allow_version_upgrade: rd.bool_or("AllowVersionUpgrade", true),
                })
            }
            "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => {
                let es = r.rtype == "AWS::Elasticsearch::Domain";
                let version = if es {
                    rd.string_req("ElasticsearchVersion")
                        .map(|v| format!("Elasticsearch_{v}"))
                } else {
                    rd.string_req("EngineVersion")
                };
                let ep = rd.block("DomainEndpointOptions");
                Resource::OpenSearchDomain(OpenSearchDomain {
                    meta,
                    engine_version: version,
                    encryption_at_rest: sub_bool(rd, "EncryptionAtRestOptions", "Enabled"),
                    node_to_node_encryption: sub_bool(rd, "NodeToNodeEncryptionOptions", "Enabled"),
                    enforce_https: sub_bool(rd, "DomainEndpointOptions", "EnforceHTTPS"),
                    tls_security_policy: ep
                        .map(|e| e.opt_string("TLSSecurityPolicy"))
                        .unwrap_or(Value::Known(None)),
                    in_vpc: Value::Known(rd.raw("VPCOptions").is_some()),
                    log_publishing: match rd.raw("LogPublishingOptions") {
                        Some(V::Map(m)) => Value::Known(
                            m.iter()
                                .filter(|(_, v)| {
                                    v.get("Enabled").and_then(V::as_bool) != Some(false)
                                })
                                .map(|(k, _)| k.clone())
                                .collect(),
                        ),
                        Some(V::Unknown(u)) => {
                            Value::unknown(UnknownReason::Unresolved, u.expr.clone())
                        }
                        _ => Value::Known(Vec::new()),
                    },
                    fine_grained_access_control: sub_bool(rd, "AdvancedSecurityOptions", "Enabled"),
                    access_policy: rd.policy("AccessPolicies"),
                })
            }
            "AWS::ApiGateway::Stage" => {
                let ms = rd.blocks("MethodSettings");
                let caching: Vec<_> = ms
                    .iter()
                    .filter(|m| m.bool_or("CachingEnabled", false) == Value::Known(true))
                    .collect();
                let cache_encrypted = if caching.is_empty() {
                    Value::Known(false)
                } else {
                    all_true(
                        caching
                            .iter()
                            .map(|m| m.bool_or("CacheDataEncrypted", false)),
                    )
                };
                let level = ms
                    .iter()
                    .find(|m| m.raw("ResourcePath").and_then(V::as_str) == Some("/*"))
                    .map(|m| m.string_or("LoggingLevel", "OFF"))
                    .unwrap_or(Value::Known("OFF".into()));
                Resource::ApiGatewayStage(ApiGatewayStage {
                    meta,
                    rest_api_id: Value::Known(to_ids(rd.raw("RestApiId")).join(",")),
                    cache_enabled: rd.bool_or("CacheClusterEnabled", false),
                    cache_encrypted,
                    execution_logging_level: level.map(Some),
                    access_log_destination: rd
                        .block("AccessLogSetting")
                        .map(|a| a.opt_ref("DestinationArn"))
                        .unwrap_or(Value::Known(None)),
                    client_certificate_id: rd.opt_ref("ClientCertificateId"),
                    xray_tracing: rd.bool_or("TracingEnabled", false),
                    web_acl: web_acl(&comps("AWS::WAFv2::WebACLAssociation"), "WebACLArn"),
                })
            }
            "AWS::CloudFront::Distribution" => {
                Resource::CloudFrontDistribution(cloudfront(rd, meta))
            }
            "AWS::Backup::BackupPlan" => {
                let plan = rd.block("BackupPlan");
                let rules = plan.map(|p| p.blocks("BackupPlanRule")).unwrap_or_default();
                let selections = comps("AWS::Backup::BackupSelection");
                Resource::BackupPlan(BackupPlan {
                    meta,
                    rules: Value::Known(
                        rules
                            .iter()
                            .map(|r| BackupRule {
                                name: r
                                    .raw("RuleName")
                                    .and_then(V::to_plain_string)
                                    .unwrap_or_default(),
                                schedule: r
                                    .raw("ScheduleExpression")
                                    .and_then(V::to_plain_string)
                                    .unwrap_or_default(),
                                target_vault: to_ids(r.raw("TargetBackupVault")).join(","),
                                delete_after_days: r
                                    .block("Lifecycle")
                                    .and_then(|l| l.raw("DeleteAfterDays"))
                                    .and_then(V::as_f64)
                                    .map(|d| d as u32),
                                copies_elsewhere: !r.blocks("CopyActions").is_empty(),
                            })
                            .collect(),
                    ),
                    selections: Value::Known(
                        selections
                            .iter()
                            .filter_map(|s| s.reader().block("BackupSelection"))
                            .map(|s| BackupSelection {
                                name: s
                                    .raw("SelectionName")
                                    .and_then(V::to_plain_string)
                                    .unwrap_or_default(),
                                resources: to_ids(s.raw("Resources")),
                                tags: s
                                    .blocks("ListOfTags")
                                    .iter()
                                    .filter_map(|t| {
                                        Some((
                                            t.raw("ConditionKey")?.to_plain_string()?,
                                            t.raw("ConditionValue")?.to_plain_string()?,
                                        ))
                                    })
                                    .collect(),
                                conditions: backup_conditions(s.block("Conditions")),
                                not_resources: s.strings("NotResources"),
                            })
                            .collect(),
                    ),
                })
            }
            "AWS::Backup::BackupVault" => Resource::BackupVault(BackupVault {
                meta,
                kms_key_id: rd.opt_ref("EncryptionKeyArn"),
                locked: Value::Known(rd.raw("LockConfiguration").is_some()),
                policy: rd.policy("AccessPolicy"),
            }),
            "AWS::IAM::User" => Resource::IamUser(IamUser {
                meta,
                console_password: Value::Known(rd.raw("LoginProfile").is_some()),
                password_last_used: Value::Known(None),
                mfa_devices: Value::unknown(
                    UnknownReason::NotCollected,
                    "MFA devices are enrolled outside templates",
                ),
                access_keys: Value::unknown(
                    UnknownReason::NotCollected,
                    "access keys are created outside templates",
                ),
                attached_policies: Value::Known(to_ids(rd.raw("ManagedPolicyArns"))),
                inline_policies: inline_policies(
                    rd.blocks("Policies"),
                    "PolicyName",
                    "PolicyDocument",
                ),
                groups: Value::Known(to_ids(rd.raw("Groups"))),
                created: Value::Known(None),
                password_created: match rd.raw("LoginProfile") {
                    Some(_) => Value::unknown(
                        UnknownReason::Unresolved,
                        "set when the login profile is created",
                    ),
                    None => Value::Known(None),
                },
                ..Default::default()
            }),
            "AWS::IAM::Role" => Resource::IamRole(IamRole {
                meta,
                assume_role_policy: rd
                    .raw("AssumeRolePolicyDocument")
                    .map(to_policy)
                    .unwrap_or_else(|| crate::value::not_set("AssumeRolePolicyDocument")),
                inline_policies: inline_policies(
                    rd.blocks("Policies"),
                    "PolicyName",
                    "PolicyDocument",
                ),
                attached_policies: Value::Known(to_ids(rd.raw("ManagedPolicyArns"))),
                service_linked: Value::Known(false),
            }),
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => Resource::IamPolicy(IamPolicy {
                meta,
                document: rd
                    .raw("PolicyDocument")
                    .map(to_policy)
                    .unwrap_or_else(|| crate::value::not_set("PolicyDocument")),
                attachment_count: Value::Known(
                    ["Roles", "Users", "Groups"]
                        .iter()
                        .map(|k| to_ids(rd.raw(k)).len() as u32)
                        .sum(),
                ),
            }),
            "AWS::IAM::ServiceLinkedRole" => Resource::IamRole(IamRole {
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

fn sub_bool(rd: Reader<'_>, block: &str, key: &str) -> Value<bool> {
    rd.block(block)
        .map(|b| b.bool_or(key, false))
        .unwrap_or(Value::Known(false))
}

fn s3_bucket(r: &Raw, meta: Meta, policies: Vec<&Raw>) -> Resource {
    let rd = r.reader();
    let default_encryption = match rd.block("BucketEncryption") {
        None => Value::Known(None),
        Some(be) => match be.blocks("ServerSideEncryptionConfiguration").first() {
            None => Value::Known(None),
            Some(rule) => {
                let by_default = rule.block("ServerSideEncryptionByDefault");
                match by_default {
                    None => Value::Known(None),
                    Some(d) => match d.string_req("SSEAlgorithm") {
                        Value::Known(algorithm) => Value::Known(Some(BucketEncryption {
                            algorithm,
                            kms_key_id: d.raw("KMSMasterKeyID").map(|k| to_ids(Some(k)).join(",")),
                            bucket_key: rule
                                .bool_or("BucketKeyEnabled", false)
                                .known()
                                .copied()
                                .unwrap_or(false),
                        })),
                        Value::Unknown(u) => Value::Unknown(u),
                    },
                }
            }
        },
    };
    let public_access_block = match rd.block("PublicAccessBlockConfiguration") {
        None => Value::Known(None),
        Some(p) => pab(&[
            // Each switch defaults to false when the configuration omits it.
            p.bool_or("BlockPublicAcls", false),
            p.bool_or("IgnorePublicAcls", false),
            p.bool_or("BlockPublicPolicy", false),
            p.bool_or("RestrictPublicBuckets", false),
        ]),
    };
    let acl = rd.string_or("AccessControl", "Private");
    let versioning = match rd.block("VersioningConfiguration") {
        None => Value::Known(Versioning::default()),
        Some(v) => v.string_req("Status").map(|s| Versioning {
            enabled: s == "Enabled",
            mfa_delete: false,
        }),
    };
    let logging = match rd.block("LoggingConfiguration") {
        None => Value::Known(None),
        Some(l) => Value::Known(Some(BucketLogging {
            // Without a destination, logs go to the bucket itself.
            target_bucket: l
                .raw("DestinationBucketName")
                .map(|d| to_ids(Some(d)).join(","))
                .unwrap_or_else(|| meta.name.clone()),
            target_prefix: l
                .raw("LogFilePrefix")
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
        })),
    };
    Resource::S3Bucket(S3Bucket {
        default_encryption,
        public_access_block,
        policy: joined_policy(&policies, "PolicyDocument"),
        acl_public_read: acl.clone().map(|a| {
            matches!(
                a.as_str(),
                "PublicRead" | "PublicReadWrite" | "AuthenticatedRead"
            )
        }),
        acl_public_write: acl.map(|a| a == "PublicReadWrite"),
        object_ownership: rd
            .block("OwnershipControls")
            .and_then(|o| {
                o.blocks("Rules")
                    .first()
                    .map(|r| r.opt_string("ObjectOwnership"))
            })
            .unwrap_or(Value::Known(None)),
        versioning,
        logging,
        object_lock: rd.bool_or("ObjectLockEnabled", false),
        object_lock_default_retention: lock_retention(
            rd.block("ObjectLockConfiguration")
                .and_then(|c| c.block("Rule"))
                .and_then(|r| r.block("DefaultRetention")),
            ["Mode", "Days", "Years"],
        ),
        replication: Value::Known(
            rd.block("ReplicationConfiguration")
                .map(|c| {
                    c.blocks("Rules")
                        .iter()
                        .any(|r| r.raw("Status").and_then(V::as_str) == Some("Enabled"))
                })
                .unwrap_or(false),
        ),
        lifecycle_rules: Value::Known(
            rd.block("LifecycleConfiguration")
                .map(|c| {
                    c.blocks("Rules")
                        .iter()
                        .filter(|r| r.raw("Status").and_then(V::as_str) == Some("Enabled"))
                        .count() as u32
                })
                .unwrap_or(0),
        ),
        meta,
        ..Default::default()
    })
}

pub fn pab(flags: &[Value<bool>; 4]) -> Value<Option<PublicAccessBlock>> {
    let mut b = [false; 4];
    for (i, f) in flags.iter().enumerate() {
        match f {
            Value::Known(x) => b[i] = *x,
            Value::Unknown(u) => return Value::Unknown(u.clone()),
        }
    }
    Value::Known(Some(PublicAccessBlock {
        block_public_acls: b[0],
        ignore_public_acls: b[1],
        block_public_policy: b[2],
        restrict_public_buckets: b[3],
    }))
}

/// The policy of the first joined policy resource; `None` when there is none.
fn joined_policy(policies: &[&Raw], prop: &str) -> Value<Option<PolicyDocument>> {
    match policies.first() {
        None => Value::Known(None),
        Some(p) => p.reader().policy(prop),
    }
}

fn param_group(
    name: Option<&V>,
    group: Option<&Raw>,
    prop: &str,
) -> Value<BTreeMap<String, String>> {
    match (name, group) {
        // The default parameter group: every parameter at the engine default.
        (None, _) => Value::Known(BTreeMap::new()),
        (Some(_), Some(g)) => match g.body.get(prop) {
            None => Value::Known(BTreeMap::new()),
            // Redshift: a list of {ParameterName, ParameterValue}.
            Some(V::List(items)) => Value::Known(
                items
                    .iter()
                    .filter_map(|p| {
                        Some((
                            p.get("ParameterName")?.to_plain_string()?,
                            p.get("ParameterValue")?.to_plain_string()?,
                        ))
                    })
                    .collect(),
            ),
            Some(_) => g.reader().string_map(prop),
        },
        (Some(v), None) => Value::unknown(
            UnknownReason::Unresolved,
            format!(
                "parameter group {} is not in this template",
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
                .blocks("OptionConfigurations")
                .iter()
                .map(|o| DbOption {
                    name: o
                        .raw("OptionName")
                        .and_then(V::to_plain_string)
                        .unwrap_or_default(),
                    settings: o
                        .blocks("OptionSettings")
                        .iter()
                        .filter_map(|s| {
                            Some((
                                s.raw("Name")?.to_plain_string()?,
                                s.raw("Value")?.to_plain_string()?,
                            ))
                        })
                        .collect(),
                })
                .collect(),
        ),
        (Some(v), None) => Value::unknown(
            UnknownReason::Unresolved,
            format!(
                "option group {} is not in this template",
                to_ids(Some(v)).join(",")
            ),
        ),
    }
}

fn ec2_instance(r: &Raw, meta: Meta, lt: Option<Reader<'_>>) -> Resource {
    let rd = r.reader();
    let md = rd
        .block("MetadataOptions")
        .or_else(|| lt.and_then(|l| l.block("MetadataOptions")));
    let mappings = match rd.raw("BlockDeviceMappings") {
        Some(_) => rd.blocks("BlockDeviceMappings"),
        None => lt
            .map(|l| l.blocks("BlockDeviceMappings"))
            .unwrap_or_default(),
    };
    let mut devices: Vec<BlockDevice> = mappings
        .iter()
        .filter_map(|m| {
            let ebs = m.block("Ebs")?;
            let name = m
                .raw("DeviceName")
                .and_then(V::to_plain_string)
                .unwrap_or_default();
            Some(BlockDevice {
                root: is_root_device(&name),
                device_name: name,
                volume_id: None,
                // Ebs Encrypted: default false (the account's EBS default encryption, in the
                // region settings, may still apply).
                encrypted: ebs.bool_or("Encrypted", false),
            })
        })
        .collect();
    if !devices.iter().any(|d| d.root) {
        devices.insert(
            0,
            BlockDevice {
                device_name: "root".into(),
                volume_id: None,
                root: true,
                encrypted: Value::unknown(
                    UnknownReason::Unresolved,
                    "root volume follows the AMI's snapshot",
                ),
            },
        );
    }
    let mut sgs = to_ids(rd.raw("SecurityGroupIds"));
    sgs.extend(to_ids(rd.raw("SecurityGroups")));
    Resource::Ec2Instance(Ec2Instance {
        meta,
        state: Value::Known("running".into()),
        instance_type: rd.string_req("InstanceType").or_lt(lt, "InstanceType"),
        vpc_id: Value::unknown(UnknownReason::Unresolved, "the subnet's VPC"),
        subnet_id: rd.opt_ref("SubnetId"),
        public_ip: Value::unknown(UnknownReason::Unresolved, "assigned at launch"),
        metadata_options: metadata(
            md,
            ["HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit"],
        ),
        block_devices: Value::Known(devices),
        iam_instance_profile: rd.opt_ref("IamInstanceProfile"),
        security_groups: Value::Known(sgs),
        detailed_monitoring: rd.bool_or("Monitoring", false),
        launch_time: Value::Known(None),
        image_id: rd.string_req("ImageId").or_lt(lt, "ImageId"),
        ssm_managed: Value::unknown(
            UnknownReason::NotCollected,
            "known only for running instances",
        ),
    })
}

fn cfn_launch_template(meta: Meta, data: Option<Reader<'_>>) -> LaunchTemplate {
    let Some(d) = data else {
        // No LaunchTemplateData: every setting is AWS's default.
        return LaunchTemplate {
            meta,
            metadata_options: metadata(
                None,
                ["HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit"],
            ),
            block_devices: Value::Known(Vec::new()),
            associate_public_ip_address: Value::Known(None),
            image_id: Value::Known(None),
            instance_type: Value::Known(None),
            iam_instance_profile: Value::Known(None),
        };
    };
    let devices = d
        .blocks("BlockDeviceMappings")
        .iter()
        .filter_map(|m| {
            let ebs = m.block("Ebs")?;
            let name = m
                .raw("DeviceName")
                .and_then(V::to_plain_string)
                .unwrap_or_default();
            Some(BlockDevice {
                root: is_root_device(&name),
                device_name: name,
                volume_id: None,
                // Ebs Encrypted: default false (the snapshot's or the account's default
                // encryption may still apply).
                encrypted: ebs.bool_or("Encrypted", false),
            })
        })
        .collect();
    let profile = d
        .block("IamInstanceProfile")
        .map(|p| match p.raw("Arn") {
            Some(_) => p.opt_string("Arn"),
            None => p.opt_string("Name"),
        })
        .unwrap_or(Value::Known(None));
    LaunchTemplate {
        meta,
        metadata_options: metadata(
            d.block("MetadataOptions"),
            ["HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit"],
        ),
        block_devices: Value::Known(devices),
        associate_public_ip_address: associate_public_ip(
            &d.blocks("NetworkInterfaces"),
            "AssociatePublicIpAddress",
        ),
        image_id: d.opt_string("ImageId"),
        instance_type: d.opt_string("InstanceType"),
        iam_instance_profile: profile,
    }
}

/// Whether network interfaces ask for a public IPv4 address: `Some(true)` when one does,
/// `Some(false)` when every one that says declines, `None` when none says.
pub fn associate_public_ip(interfaces: &[Reader<'_>], key: &str) -> Value<Option<bool>> {
    let mut acc: Value<Option<bool>> = Value::Known(None);
    for ni in interfaces {
        let Some(v) = ni.raw(key) else { continue };
        match to_bool(key, v) {
            Value::Known(true) => return Value::Known(Some(true)),
            Value::Known(false) => {
                if let Value::Known(None) = acc {
                    acc = Value::Known(Some(false));
                }
            }
            Value::Unknown(u) => acc = Value::Unknown(u),
        }
    }
    acc
}

/// The type of a load balancer declared elsewhere, from what its listener shows: the ARN's
/// `loadbalancer/app|net|gwy/` part, else the listener protocol (HTTP and HTTPS exist only on
/// application load balancers, TCP, TLS and UDP only on network ones, GENEVE on gateways).
pub fn lb_type_of(arn: Option<&V>, protocol: Option<&V>) -> Value<String> {
    if let Some(a) = arn.and_then(V::as_str) {
        for (part, t) in [
            (":loadbalancer/app/", "application"),
            (":loadbalancer/net/", "network"),
            (":loadbalancer/gwy/", "gateway"),
        ] {
            if a.contains(part) {
                return Value::Known(t.into());
            }
        }
    }
    let by_protocol =
        protocol
            .and_then(V::as_str)
            .and_then(|p| match p.to_ascii_uppercase().as_str() {
                "HTTP" | "HTTPS" => Some("application"),
                "TCP" | "TLS" | "UDP" | "TCP_UDP" => Some("network"),
                "GENEVE" => Some("gateway"),
                _ => None,
            });
    match by_protocol {
        Some(t) => Value::Known(t.into()),
        None => Value::unknown(UnknownReason::Unresolved, to_ids(arn).join(",")),
    }
}

/// SNS subscriptions from subscription resources; the endpoint is never kept.
pub fn subscriptions(subs: &[&Raw], protocol_key: &str) -> Value<Vec<SnsSubscription>> {
    let mut out = Vec::new();
    for s in subs {
        match s.reader().string_req(protocol_key) {
            Value::Known(protocol) => out.push(SnsSubscription {
                // The subscription ARN exists only after deployment.
                arn: s.address.clone(),
                protocol: protocol.to_ascii_lowercase(),
            }),
            Value::Unknown(u) => return Value::Unknown(u),
        }
    }
    Value::Known(out)
}

/// Inline subscription entries (`AWS::SNS::Topic` `Subscription`).
fn subscriptions_of(entries: Vec<Reader<'_>>, protocol_key: &str) -> Value<Vec<SnsSubscription>> {
    let mut out = Vec::new();
    for e in entries {
        match e.string_req(protocol_key) {
            Value::Known(protocol) => out.push(SnsSubscription {
                arn: String::new(),
                protocol: protocol.to_ascii_lowercase(),
            }),
            Value::Unknown(u) => return Value::Unknown(u),
        }
    }
    Value::Known(out)
}

/// An Object Lock default retention from `[mode, days, years]` keys; `None` without one.
pub fn lock_retention(
    r: Option<Reader<'_>>,
    keys: [&str; 3],
) -> Value<Option<ObjectLockRetention>> {
    let Some(r) = r else {
        return Value::Known(None);
    };
    let mode = match r.string_req(keys[0]) {
        Value::Known(m) => m,
        Value::Unknown(u) => return Value::Unknown(u),
    };
    let days = match (r.opt_u32(keys[1]), r.opt_u32(keys[2])) {
        (Value::Known(Some(d)), _) => d,
        // Years are converted at 365 days a year.
        (Value::Known(None), Value::Known(Some(y))) => y.saturating_mul(365),
        (Value::Known(None), Value::Known(None)) => 0,
        (Value::Unknown(u), _) | (_, Value::Unknown(u)) => return Value::Unknown(u),
    };
    Value::Known(Some(ObjectLockRetention { mode, days }))
}

/// `BackupSelection.Conditions`: `{StringEquals: [{ConditionKey, ConditionValue}], ...}`.
fn backup_conditions(c: Option<Reader<'_>>) -> Value<Vec<SelectionCondition>> {
    let mut out = Vec::new();
    let Some(c) = c else {
        return Value::Known(out);
    };
    for operator in [
        "StringEquals",
        "StringLike",
        "StringNotEquals",
        "StringNotLike",
    ] {
        for kv in c.blocks(operator) {
            match (
                kv.string_req("ConditionKey"),
                kv.string_req("ConditionValue"),
            ) {
                (Value::Known(key), Value::Known(value)) => out.push(SelectionCondition {
                    operator: operator.into(),
                    key,
                    value,
                }),
                (Value::Unknown(u), _) | (_, Value::Unknown(u)) => return Value::Unknown(u),
            }
        }
    }
    Value::Known(out)
}

trait OrLt {
    fn or_lt(self, lt: Option<Reader<'_>>, key: &str) -> Self;
}

impl OrLt for Value<String> {
    fn or_lt(self, lt: Option<Reader<'_>>, key: &str) -> Self {
        match (&self, lt) {
            (Value::Unknown(u), Some(l)) if u.reason == UnknownReason::NotCollected => {
                l.string_req(key)
            }
            _ => self,
        }
    }
}

pub fn is_root_device(name: &str) -> bool {
    matches!(name, "/dev/xvda" | "/dev/sda1" | "/dev/sda" | "xvda")
}

/// Instance metadata options from `[tokens, endpoint, hop limit]` keys.
pub fn metadata(md: Option<Reader<'_>>, keys: [&str; 3]) -> Value<MetadataOptions> {
    // HttpTokens: AWS's default is `optional` (IMDSv1 allowed) unless the AMI is registered
    // as IMDSv2-only, which the template cannot show; `optional` can only make a check
    // stricter, never pass something that is not.
    let (tokens, endpoint, hop) = match md {
        None => (
            Value::Known("optional".to_string()),
            Value::Known("enabled".to_string()),
            Value::Known(None),
        ),
        Some(m) => (
            m.string_or(keys[0], "optional"),
            m.string_or(keys[1], "enabled"),
            m.opt_u32(keys[2]),
        ),
    };
    match (tokens, endpoint, hop) {
        (Value::Known(http_tokens), Value::Known(http_endpoint), Value::Known(hop_limit)) => {
            Value::Known(MetadataOptions {
                http_tokens,
                http_endpoint,
                hop_limit,
            })
        }
        (Value::Unknown(u), _, _) | (_, Value::Unknown(u), _) | (_, _, Value::Unknown(u)) => {
            Value::Unknown(u)
        }
    }
}

fn append(acc: &mut Value<Vec<SecurityGroupRule>>, more: Value<Vec<SecurityGroupRule>>) {
    match (acc, more) {
        (Value::Known(a), Value::Known(b)) => a.extend(b),
        (acc @ Value::Known(_), Value::Unknown(u)) => *acc = Value::Unknown(u),
        _ => {}
    }
}

/// `SecurityGroupIngress`/`SecurityGroupEgress` entries, or one standalone rule's body.
fn rules(
    v: Option<&V>,
    egress: bool,
    location: Option<SourceLocation>,
) -> Value<Vec<SecurityGroupRule>> {
    let Some(v) = v else {
        return Value::Known(Vec::new());
    };
    if let V::Unknown(u) = v {
        return Value::unknown(UnknownReason::Unresolved, u.expr.clone());
    }
    let mut out = Vec::new();
    for b in v.blocks() {
        let r = Reader::new(b);
        let protocol = match r
            .raw("IpProtocol")
            .map(|p| crate::value::to_string("IpProtocol", p))
        {
            Some(Value::Known(p)) => normalise_protocol(&p),
            Some(Value::Unknown(u)) => return Value::Unknown(u),
            None => "-1".to_string(),
        };
        let port = |k: &str| -> Result<Option<i32>, Value<Vec<SecurityGroupRule>>> {
            match r.raw(k) {
                None => Ok(None),
                Some(V::Unknown(u)) => {
                    Err(Value::unknown(UnknownReason::Unresolved, u.expr.clone()))
                }
                Some(p) => Ok(p.as_f64().map(|n| n as i32)),
            }
        };
        let (from_port, to_port) = match (port("FromPort"), port("ToPort")) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return e,
        };
        let cidr = |k: &str| -> Result<Vec<String>, Value<Vec<SecurityGroupRule>>> {
            match r.raw(k) {
                None => Ok(Vec::new()),
                Some(x) => match to_strings(k, x) {
                    Value::Known(s) => Ok(s),
                    Value::Unknown(u) => Err(Value::Unknown(u)),
                },
            }
        };
        let (cidr_ipv4, cidr_ipv6) = match (cidr("CidrIp"), cidr("CidrIpv6")) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return e,
        };
        let (sg_keys, pl_key) = if egress {
            (
                ["DestinationSecurityGroupId", "DestinationSecurityGroupId"],
                "DestinationPrefixListId",
            )
        } else {
            (
                ["SourceSecurityGroupId", "SourceSecurityGroupName"],
                "SourcePrefixListId",
            )
        };
        let mut source_security_groups = to_ids(r.raw(sg_keys[0]));
        if sg_keys[1] != sg_keys[0] {
            source_security_groups.extend(to_ids(r.raw(sg_keys[1])));
        }
        let all = protocol == "-1";
        out.push(SecurityGroupRule {
            protocol,
            from_port: if all { None } else { from_port },
            to_port: if all { None } else { to_port },
            cidr_ipv4,
            cidr_ipv6,
            source_security_groups,
            prefix_lists: to_ids(r.raw(pl_key)),
            description: r
                .raw("Description")
                .and_then(V::to_plain_string)
                .unwrap_or_default(),
            location: location.clone(),
        });
    }
    Value::Known(out)
}

/// `-1`, `all`, `tcp`, `6` -> `-1`, `-1`, `tcp`, `tcp`.
pub fn normalise_protocol(p: &str) -> String {
    match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".into(),
        "6" => "tcp".into(),
        "17" => "udp".into(),
        "1" => "icmp".into(),
        "58" => "icmpv6".into(),
        other => other.to_string(),
    }
}

fn trail_selectors(rd: Reader<'_>) -> (Value<bool>, Value<bool>) {
    if let Some(adv) = rd.raw("AdvancedEventSelectors") {
        let sels = adv.blocks();
        let has = |field: &str, value: &str| {
            sels.iter().any(|s| {
                Reader::new(s).blocks("FieldSelectors").iter().any(|f| {
                    f.raw("Field").and_then(V::as_str) == Some(field)
                        && f.raw("Equals")
                            .map(|e| to_ids(Some(e)).iter().any(|x| x == value))
                            .unwrap_or(false)
                })
            })
        };
        return (
            Value::Known(has("eventCategory", "Management")),
            Value::Known(has("resources.type", "AWS::S3::Object")),
        );
    }
    match rd.raw("EventSelectors") {
        // No selectors: all management events, no data events.
        None => (Value::Known(true), Value::Known(false)),
        Some(v) => {
            let sels = v.blocks();
            let mgmt = sels
                .iter()
                .any(|s| s.get("IncludeManagementEvents").and_then(V::as_bool) != Some(false));
            let data = sels.iter().any(|s| {
                Reader::new(s)
                    .blocks("DataResources")
                    .iter()
                    .any(|d| d.raw("Type").and_then(V::as_str) == Some("AWS::S3::Object"))
            });
            (Value::Known(mgmt), Value::Known(data))
        }
    }
}

/// DynamoDB encryption: no SSE block is the AWS owned key; SSE with no key is the AWS managed
/// key `aws/dynamodb`; SSE with a key is a customer managed key.
pub fn dynamo_sse(
    sse: Option<(Value<bool>, Option<&V>)>,
) -> (Value<String>, Value<Option<String>>) {
    match sse {
        None => (Value::Known("AWS_OWNED".into()), Value::Known(None)),
        Some((Value::Unknown(u), _)) => (Value::Unknown(u.clone()), Value::Unknown(u)),
        Some((Value::Known(false), _)) => (Value::Known("AWS_OWNED".into()), Value::Known(None)),
        Some((Value::Known(true), None)) => {
            (Value::Known("AWS_MANAGED".into()), Value::Known(None))
        }
        Some((Value::Known(true), Some(k))) => {
            let id = to_ids(Some(k)).join(",");
            let kind = if id == "alias/aws/dynamodb" {
                "AWS_MANAGED"
            } else {
                "CUSTOMER_MANAGED"
            };
            (Value::Known(kind.into()), Value::Known(Some(id)))
        }
    }
}

fn lb_attribute(rd: Reader<'_>, key: &str) -> Value<bool> {
    for a in rd.blocks("LoadBalancerAttributes") {
        if a.raw("Key").and_then(V::as_str) == Some(key) {
            return a.bool_or("Value", false);
        }
    }
    // Every one of these attributes is off by default.
    Value::Known(false)
}

fn listeners(ls: &[&Raw]) -> Value<Vec<Listener>> {
    let mut out = Vec::new();
    for l in ls {
        let r = l.reader();
        let port = match r.raw("Port") {
            Some(p) => match to_u32("Port", p) {
                Value::Known(p) => p,
                Value::Unknown(u) => return Value::Unknown(u),
            },
            None => 0,
        };
        let protocol = match r.string_req("Protocol") {
            Value::Known(p) => p,
            Value::Unknown(u) => return Value::Unknown(u),
        };
        let redirects = r.blocks("DefaultActions").iter().any(|a| {
            a.raw("Type").and_then(V::as_str) == Some("redirect")
                && a.block("RedirectConfig")
                    .and_then(|c| c.raw("Protocol"))
                    .and_then(V::as_str)
                    == Some("HTTPS")
        });
        out.push(Listener {
            port,
            protocol,
            ssl_policy: r.raw("SslPolicy").map(|s| to_ids(Some(s)).join(",")),
            certificate_arns: r
                .blocks("Certificates")
                .iter()
                .flat_map(|c| to_ids(c.raw("CertificateArn")))
                .collect(),
            redirects_to_https: redirects,
        });
    }
    Value::Known(out)
}

fn web_acl(assocs: &[&Raw], prop: &str) -> Value<Option<String>> {
    match assocs.first() {
        None => Value::Known(None),
        Some(a) => Value::Known(Some(to_ids(a.body.get(prop)).join(","))),
    }
}

fn classic_lb(rd: Reader<'_>, meta: Meta) -> LoadBalancer {
    let ls = rd
        .blocks("Listeners")
        .iter()
        .map(|l| Listener {
            port: l.raw("LoadBalancerPort").and_then(V::as_f64).unwrap_or(0.0) as u32,
            protocol: l
                .raw("Protocol")
                .and_then(V::to_plain_string)
                .unwrap_or_default()
                .to_ascii_uppercase(),
            ssl_policy: None,
            certificate_arns: to_ids(l.raw("SSLCertificateId")),
            redirects_to_https: false,
        })
        .collect();
    LoadBalancer {
        meta,
        lb_type: Value::Known("classic".into()),
        scheme: rd.string_or("Scheme", "internet-facing"),
        listeners: Value::Known(ls),
        access_logs: rd
            .block("AccessLoggingPolicy")
            .map(|a| a.bool_or("Enabled", false))
            .unwrap_or(Value::Known(false)),
        deletion_protection: Value::Known(false),
        drop_invalid_headers: Value::Known(false),
        web_acl: Value::Known(None),
        ..Default::default()
    }
}

pub fn lambda_vpc(subnets: Option<&V>) -> Value<Option<String>> {
    match subnets {
        None => Value::Known(None),
        Some(s) => {
            let ids = to_ids(Some(s));
            if ids.is_empty() {
                Value::Known(None)
            } else {
                // Attached to a VPC; its id follows from the subnets.
                Value::Known(Some(format!("vpc of {}", ids.join(","))))
            }
        }
    }
}

pub fn env_names(vars: Option<&V>) -> Value<Vec<String>> {
    match vars {
        None => Value::Known(Vec::new()),
        Some(V::Map(m)) => Value::Known(m.keys().cloned().collect()),
        Some(V::Unknown(u)) => Value::unknown(UnknownReason::Unresolved, u.expr.clone()),
        Some(_) => Value::Known(Vec::new()),
    }
}

/// A resource policy built from permission resources (`AWS::Lambda::Permission`,
/// `aws_lambda_permission`): keys are `[principal, action, source arn, source account, org]`.
pub fn permissions_policy(perms: &[&Raw], keys: [&str; 5]) -> Value<Option<PolicyDocument>> {
    if perms.is_empty() {
        return Value::Known(None);
    }
    let mut statements = Vec::new();
    for p in perms {
        let r = p.reader();
        let principal = match r.raw(keys[0]) {
            Some(V::Unknown(u)) if !u.placeholder_ok => {
                return Value::unknown(UnknownReason::Unresolved, u.expr.clone())
            }
            Some(v) => to_ids(Some(v)).join(","),
            None => "*".into(),
        };
        let principal_json = if principal == "*" {
            serde_json::json!("*")
        } else if principal.ends_with(".amazonaws.com") {
            serde_json::json!({"Service": principal})
        } else {
            serde_json::json!({"AWS": principal})
        };
        let mut cond = serde_json::Map::new();
        if let Some(a) = r.raw(keys[2]) {
            cond.insert(
                "ArnLike".into(),
                serde_json::json!({"AWS:SourceArn": to_ids(Some(a)).join(",")}),
            );
        }
        let mut eq = serde_json::Map::new();
        if let Some(a) = r.raw(keys[3]) {
            eq.insert(
                "AWS:SourceAccount".into(),
                serde_json::json!(to_ids(Some(a)).join(",")),
            );
        }
        if let Some(a) = r.raw(keys[4]) {
            eq.insert(
                "aws:PrincipalOrgID".into(),
                serde_json::json!(to_ids(Some(a)).join(",")),
            );
        }
        if !eq.is_empty() {
            cond.insert("StringEquals".into(), serde_json::Value::Object(eq));
        }
        let mut st = serde_json::json!({
            "Sid": p.address,
            "Effect": "Allow",
            "Principal": principal_json,
            "Action": to_ids(r.raw(keys[1])).join(","),
        });
        if !cond.is_empty() {
            st["Condition"] = serde_json::Value::Object(cond);
        }
        statements.push(st);
    }
    Value::Known(Some(PolicyDocument(
        serde_json::json!({"Version": "2012-10-17", "Statement": statements}),
    )))
}

pub fn inline_policies(
    items: Vec<Reader<'_>>,
    name_key: &str,
    doc_key: &str,
) -> Value<Vec<NamedPolicy>> {
    let mut out = Vec::new();
    for p in items {
        let name = p
            .raw(name_key)
            .map(|n| to_ids(Some(n)).join(","))
            .unwrap_or_default();
        match p.raw(doc_key).map(to_policy) {
            Some(Value::Known(document)) => out.push(NamedPolicy { name, document }),
            Some(Value::Unknown(u)) => return Value::Unknown(u),
            None => {}
        }
    }
    Value::Known(out)
}

fn cloudfront(rd: Reader<'_>, meta: Meta) -> CloudFrontDistribution {
    let Some(cfg) = rd.block("DistributionConfig") else {
        return CloudFrontDistribution {
            meta,
            ..Default::default()
        };
    };
    let behavior = |b: &Reader<'_>, default: bool| CacheBehavior {
        path_pattern: if default {
            "*".into()
        } else {
            b.raw("PathPattern")
                .and_then(V::to_plain_string)
                .unwrap_or_default()
        },
        viewer_protocol_policy: b
            .raw("ViewerProtocolPolicy")
            .map(|v| to_ids(Some(v)).join(","))
            .unwrap_or_default(),
        lambda_edge_functions: b
            .blocks("LambdaFunctionAssociations")
            .iter()
            .flat_map(|a| to_ids(a.raw("LambdaFunctionARN")))
            .collect(),
    };
    let mut behaviors: Vec<CacheBehavior> = cfg
        .block("DefaultCacheBehavior")
        .map(|b| behavior(&b, true))
        .into_iter()
        .collect();
    behaviors.extend(
        cfg.blocks("CacheBehaviors")
            .iter()
            .map(|b| behavior(b, false)),
    );
    let origins = cfg
        .blocks("Origins")
        .iter()
        .map(|o| Origin {
            id: o.raw("Id").and_then(V::to_plain_string).unwrap_or_default(),
            domain_name: to_ids(o.raw("DomainName")).join(","),
            origin_protocol_policy: o.block("CustomOriginConfig").map(|c| {
                c.raw("OriginProtocolPolicy")
                    .and_then(V::to_plain_string)
                    .unwrap_or_default()
            }),
            origin_ssl_protocols: match o.block("CustomOriginConfig") {
                None => Value::Known(Vec::new()),
                Some(c) => match c.raw("OriginSSLProtocols") {
                    Some(v) => to_strings("OriginSSLProtocols", v),
                    None => Value::unknown(
                        UnknownReason::NotCollected,
                        "OriginSSLProtocols is not set: CloudFront's default applies",
                    ),
                },
            },
        })
        .collect();
    let vc = cfg.block("ViewerCertificate");
    let default_cert = vc
        .map(|v| v.bool_or("CloudFrontDefaultCertificate", false) == Value::Known(true))
        .unwrap_or(true);
    CloudFrontDistribution {
        meta,
        cache_behaviors: Value::Known(behaviors),
        origins: Value::Known(origins),
        minimum_protocol_version: if default_cert {
            Value::Known(None)
        } else {
            // MinimumProtocolVersion: default TLSv1 with a custom certificate.
            vc.map(|v| v.string_or("MinimumProtocolVersion", "TLSv1").map(Some))
                .unwrap_or(Value::Known(None))
        },
        access_logging: Value::Known(cfg.raw("Logging").is_some()),
        web_acl: cfg.opt_ref("WebACLId"),
    }
}

#[allow(dead_code)]
fn to_bool_opt(v: Option<&V>, default: bool) -> Value<bool> {
    v.map(|v| to_bool("", v)).unwrap_or(Value::Known(default))
}
