//! EC2 in one region: instances, EBS volumes and (own) snapshots, security groups, VPCs with
//! their flow logs, subnets, and the region's EBS encryption defaults. Whether an instance is
//! a Systems Manager managed node comes from `ssm:DescribeInstanceInformation`, read once for
//! the region and joined by instance id.

use super::client;
use crate::error::CallError;
use crate::runtime::{known, tags, ts, Out, Scope};
use aws_sdk_ec2::types::{SnapshotAttributeName, Tag};
use safeguard_model::{
    BlockDevice, EbsSnapshot, EbsVolume, Ec2Instance, FlowLog, LaunchTemplate, MetadataOptions,
    RegionSettings, SecurityGroup, SecurityGroupRule, Subnet, Tags, Value, Vpc,
};
use std::collections::{HashMap, HashSet};

pub(crate) const ACTIONS: &[&str] = &[
    "ec2:DescribeFlowLogs",
    "ec2:DescribeInstances",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSnapshotAttribute",
    "ec2:DescribeSnapshots",
    "ec2:DescribeSubnets",
    "ec2:DescribeVolumes",
    "ec2:DescribeVpcs",
    "ec2:GetEbsDefaultKmsKeyId",
    "ec2:GetEbsEncryptionByDefault",
    "ssm:DescribeInstanceInformation",
];

fn ec2_tags(list: &[Tag]) -> Value<Tags> {
    Value::Known(tags(
        list.iter()
            .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
    ))
}

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_ec2);
    let ssm = aws_sdk_ssm::Client::from_conf(
        aws_sdk_ssm::config::Builder::from(&s.sdk)
            .interceptor(s.counter_for("ssm"))
            .build(),
    );
    let (
        instances,
        volumes,
        snapshots,
        groups,
        vpcs,
        flow_logs,
        subnets,
        ebs_default,
        ebs_key,
        managed,
    ) = tokio::join!(
        s.pages(
            "ec2:DescribeInstances",
            c.describe_instances().into_paginator().send()
        ),
        s.pages(
            "ec2:DescribeVolumes",
            c.describe_volumes().into_paginator().items().send()
        ),
        s.pages(
            "ec2:DescribeSnapshots",
            c.describe_snapshots()
                .owner_ids("self")
                .into_paginator()
                .items()
                .send()
        ),
        s.pages(
            "ec2:DescribeSecurityGroups",
            c.describe_security_groups().into_paginator().items().send()
        ),
        s.pages(
            "ec2:DescribeVpcs",
            c.describe_vpcs().into_paginator().items().send()
        ),
        s.pages(
            "ec2:DescribeFlowLogs",
            c.describe_flow_logs().into_paginator().items().send()
        ),
        s.pages(
            "ec2:DescribeSubnets",
            c.describe_subnets().into_paginator().items().send()
        ),
        s.call(
            "ec2:GetEbsEncryptionByDefault",
            c.get_ebs_encryption_by_default().send()
        ),
        s.call(
            "ec2:GetEbsDefaultKmsKeyId",
            c.get_ebs_default_kms_key_id().send()
        ),
        s.pages(
            "ssm:DescribeInstanceInformation",
            ssm.describe_instance_information()
                .into_paginator()
                .items()
                .send()
        ),
    );

    // Region settings first: they exist even when every list fails.
    let ebs_encryption_by_default = known(ebs_default, |o| {
        o.ebs_encryption_by_default().unwrap_or(false)
    });
    let ebs_default_kms_key_id = known(ebs_key, |o| {
        o.kms_key_id()
            .filter(|k| !k.is_empty() && *k != "alias/aws/ebs")
            .map(str::to_string)
    });
    let ebs_default = ebs_encryption_by_default.known().copied();
    out.push(RegionSettings {
        meta: s.meta(
            format!("{}/{}", s.account, s.region),
            s.region.clone(),
            Value::Known(Tags::new()),
        ),
        ebs_encryption_by_default,
        ebs_default_kms_key_id,
    });

    // Volumes, needed for the instances' block device encryption.
    let volume_error: Option<CallError> = volumes.error.clone();
    let volumes = out.list(volumes);
    let encrypted: HashMap<String, bool> = volumes
        .iter()
        .filter_map(|v| Some((v.volume_id()?.to_string(), v.encrypted().unwrap_or(false))))
        .collect();
    for v in &volumes {
        let Some(id) = v.volume_id() else { continue };
        out.push(EbsVolume {
            meta: s.meta(
                s.arn("ec2", &format!("volume/{id}")),
                id,
                ec2_tags(v.tags()),
            ),
            encrypted: Value::Known(v.encrypted().unwrap_or(false)),
            kms_key_id: Value::Known(v.kms_key_id().map(str::to_string)),
            attached_to: Value::Known(
                v.attachments()
                    .iter()
                    .filter_map(|a| a.instance_id().map(str::to_string))
                    .collect(),
            ),
            size_gib: Value::Known(v.size().unwrap_or(0).max(0) as u32),
        });
    }

    // Managed nodes of the region (any ping status: a node that lost its connection is still
    // registered). A failed call does not make the EC2 inventory incomplete: instances on the
    // pages read before it are managed, every other instance's `ssm_managed` is unknown.
    let managed_error = managed.error;
    let managed: HashSet<String> = managed
        .items
        .iter()
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect();

    let reservations = out.list(instances);
    for i in reservations
        .iter()
        .flat_map(|page| page.reservations())
        .flat_map(|r| r.instances())
    {
        let Some(id) = i.instance_id() else { continue };
        let root = i.root_device_name();
        let block_devices = i
            .block_device_mappings()
            .iter()
            .map(|m| {
                let volume_id = m.ebs().and_then(|e| e.volume_id()).map(str::to_string);
                let encrypted = match (&volume_id, &volume_error) {
                    (Some(v), _) if encrypted.contains_key(v) => Value::Known(encrypted[v]),
                    (_, Some(e)) => e.value(),
                    (Some(v), None) => Value::unknown(
                        safeguard_model::UnknownReason::NotCollected,
                        format!("volume {v} was not in ec2:DescribeVolumes in {}", s.region),
                    ),
                    (None, None) => Value::unknown(
                        safeguard_model::UnknownReason::NotCollected,
                        "the block device has no EBS volume id",
                    ),
                };
                let device_name = m.device_name().unwrap_or_default().to_string();
                BlockDevice {
                    root: root == Some(device_name.as_str()),
                    device_name,
                    volume_id,
                    encrypted,
                }
            })
            .collect();
        let metadata_options = match i.metadata_options() {
            Some(m) => Value::Known(MetadataOptions {
                http_tokens: m
                    .http_tokens()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_else(|| "optional".into()),
                http_endpoint: m
                    .http_endpoint()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_else(|| "enabled".into()),
                hop_limit: m.http_put_response_hop_limit().map(|h| h.max(0) as u32),
            }),
            None => Value::unknown(
                safeguard_model::UnknownReason::NotCollected,
                format!(
                    "ec2:DescribeInstances in {} returned no metadata options for {id}",
                    s.region
                ),
            ),
        };
        out.push(Ec2Instance {
            meta: s.meta(
                s.arn("ec2", &format!("instance/{id}")),
                id,
                ec2_tags(i.tags()),
            ),
            state: Value::Known(
                i.state()
                    .and_then(|st| st.name())
                    .map(|n| n.as_str().to_string())
                    .unwrap_or_default(),
            ),
            instance_type: Value::Known(
                i.instance_type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
            ),
            vpc_id: Value::Known(i.vpc_id().map(str::to_string)),
            subnet_id: Value::Known(i.subnet_id().map(str::to_string)),
            public_ip: Value::Known(i.public_ip_address().map(str::to_string)),
            metadata_options,
            block_devices: Value::Known(block_devices),
            iam_instance_profile: Value::Known(
                i.iam_instance_profile()
                    .and_then(|p| p.arn())
                    .map(str::to_string),
            ),
            security_groups: Value::Known(
                i.security_groups()
                    .iter()
                    .filter_map(|g| g.group_id().map(str::to_string))
                    .collect(),
            ),
            detailed_monitoring: Value::Known(
                i.monitoring()
                    .and_then(|m| m.state())
                    .is_some_and(|st| st.as_str() == "enabled"),
            ),
            launch_time: Value::Known(i.launch_time().and_then(ts)),
            image_id: Value::Known(i.image_id().unwrap_or_default().to_string()),
            ssm_managed: match &managed_error {
                _ if managed.contains(id) => Value::Known(true),
                Some(e) => e.value(),
                None => Value::Known(false),
            },
        });
    }

    let snapshots = out.list(snapshots);
    let c = &c;
    let public = s
        .each(
            snapshots
                .iter()
                .filter_map(|sn| sn.snapshot_id().map(str::to_string))
                .collect(),
            |id| async move {
                s.call(
                    "ec2:DescribeSnapshotAttribute",
                    c.describe_snapshot_attribute()
                        .snapshot_id(id)
                        .attribute(SnapshotAttributeName::CreateVolumePermission)
                        .send(),
                )
                .await
            },
        )
        .await;
    for (sn, public) in snapshots
        .iter()
        .filter(|sn| sn.snapshot_id().is_some())
        .zip(public)
    {
        let id = sn.snapshot_id().unwrap_or_default();
        out.push(EbsSnapshot {
            meta: s.meta(
                format!("arn:{}:ec2:{}::snapshot/{id}", s.partition, s.region),
                id,
                ec2_tags(sn.tags()),
            ),
            encrypted: Value::Known(sn.encrypted().unwrap_or(false)),
            public: known(public, |o| {
                o.create_volume_permissions()
                    .iter()
                    .any(|p| p.group().is_some_and(|g| g.as_str() == "all"))
            }),
            volume_id: Value::Known(
                sn.volume_id()
                    .filter(|v| *v != "vol-ffffffff")
                    .map(str::to_string),
            ),
        });
    }

    for g in out.list(groups) {
        let Some(id) = g.group_id() else { continue };
        out.push(SecurityGroup {
            meta: s.meta(
                s.arn("ec2", &format!("security-group/{id}")),
                g.group_name().unwrap_or(id),
                ec2_tags(g.tags()),
            ),
            vpc_id: Value::Known(g.vpc_id().map(str::to_string)),
            is_default: Value::Known(g.group_name() == Some("default")),
            ingress: Value::Known(g.ip_permissions().iter().map(rule).collect()),
            egress: Value::Known(g.ip_permissions_egress().iter().map(rule).collect()),
        });
    }

    let flow_error = flow_logs.error.clone();
    let mut by_resource: HashMap<String, Vec<FlowLog>> = HashMap::new();
    for f in out.list(flow_logs) {
        let Some(resource) = f.resource_id() else {
            continue;
        };
        by_resource
            .entry(resource.to_string())
            .or_default()
            .push(FlowLog {
                id: f.flow_log_id().unwrap_or_default().to_string(),
                traffic_type: f
                    .traffic_type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                destination_type: f
                    .log_destination_type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                status: f.flow_log_status().unwrap_or("ACTIVE").to_string(),
            });
    }
    for v in out.list(vpcs) {
        let Some(id) = v.vpc_id() else { continue };
        let flow_logs = match &flow_error {
            Some(e) => e.value(),
            None => Value::Known(by_resource.remove(id).unwrap_or_default()),
        };
        out.push(Vpc {
            meta: s.meta(s.arn("ec2", &format!("vpc/{id}")), id, ec2_tags(v.tags())),
            cidr_block: Value::Known(v.cidr_block().unwrap_or_default().to_string()),
            is_default: Value::Known(v.is_default().unwrap_or(false)),
            flow_logs,
        });
    }

    for n in out.list(subnets) {
        let Some(id) = n.subnet_id() else { continue };
        out.push(Subnet {
            meta: s.meta(
                s.arn("ec2", &format!("subnet/{id}")),
                id,
                ec2_tags(n.tags()),
            ),
            vpc_id: Value::Known(n.vpc_id().unwrap_or_default().to_string()),
            map_public_ip_on_launch: Value::Known(n.map_public_ip_on_launch().unwrap_or(false)),
        });
    }
    launch_templates(s, c, out, ebs_default).await;
}

/// Launch templates, each by its latest version. `UserData` comes back with the version and is
/// dropped unread.
async fn launch_templates(
    s: &Scope,
    c: &aws_sdk_ec2::Client,
    out: &mut Out,
    ebs_default: Option<bool>,
) {
    let templates = out.list(
        s.pages(
            "ec2:DescribeLaunchTemplates",
            c.describe_launch_templates()
                .into_paginator()
                .items()
                .send(),
        )
        .await,
    );
    let versions = s
        .each(templates, |t| async move {
            let id = t.launch_template_id().unwrap_or_default().to_string();
            let r = s
                .call(
                    "ec2:DescribeLaunchTemplateVersions",
                    c.describe_launch_template_versions()
                        .launch_template_id(&id)
                        .versions("$Latest")
                        .send(),
                )
                .await;
            (t, id, r)
        })
        .await;
    for (t, id, r) in versions {
        let meta = s.meta(
            s.arn("ec2", &format!("launch-template/{id}")),
            t.launch_template_name().unwrap_or(&id),
            ec2_tags(t.tags()),
        );
        let data = match r {
            Ok(o) => o
                .launch_template_versions()
                .first()
                .and_then(|v| v.launch_template_data())
                .cloned(),
            Err(e) => {
                out.push(LaunchTemplate {
                    meta,
                    metadata_options: e.value(),
                    block_devices: e.value(),
                    associate_public_ip_address: e.value(),
                    image_id: e.value(),
                    instance_type: e.value(),
                    iam_instance_profile: e.value(),
                });
                continue;
            }
        };
        let data = data
            .unwrap_or_else(|| aws_sdk_ec2::types::ResponseLaunchTemplateData::builder().build());
        // Unset IMDS options take AWS's defaults: `optional` can only make the check stricter.
        let md = data.metadata_options();
        let metadata_options = MetadataOptions {
            http_tokens: md
                .and_then(|m| m.http_tokens())
                .map(|t| t.as_str().to_string())
                .unwrap_or_else(|| "optional".into()),
            http_endpoint: md
                .and_then(|m| m.http_endpoint())
                .map(|t| t.as_str().to_string())
                .unwrap_or_else(|| "enabled".into()),
            hop_limit: md
                .and_then(|m| m.http_put_response_hop_limit())
                .map(|h| h.max(0) as u32),
        };
        let block_devices = data
            .block_device_mappings()
            .iter()
            .filter_map(|m| {
                let ebs = m.ebs()?;
                // Unset: encrypted only when the region encrypts new volumes by default (an
                // encrypted AMI snapshot would also do, which the template cannot show).
                let encrypted = ebs.encrypted().unwrap_or(ebs_default == Some(true));
                Some(BlockDevice {
                    device_name: m.device_name().unwrap_or_default().to_string(),
                    volume_id: None,
                    root: false,
                    encrypted: Value::Known(encrypted),
                })
            })
            .collect();
        let public: Vec<bool> = data
            .network_interfaces()
            .iter()
            .filter_map(|n| n.associate_public_ip_address())
            .collect();
        out.push(LaunchTemplate {
            meta,
            metadata_options: Value::Known(metadata_options),
            block_devices: Value::Known(block_devices),
            associate_public_ip_address: Value::Known(if public.is_empty() {
                None
            } else {
                Some(public.contains(&true))
            }),
            image_id: Value::Known(data.image_id().map(str::to_string)),
            instance_type: Value::Known(data.instance_type().map(|t| t.as_str().to_string())),
            iam_instance_profile: Value::Known(
                data.iam_instance_profile()
                    .and_then(|p| p.arn().or(p.name()))
                    .map(str::to_string),
            ),
        });
    }
}

fn rule(p: &aws_sdk_ec2::types::IpPermission) -> SecurityGroupRule {
    let protocol = p.ip_protocol().unwrap_or("-1").to_string();
    let all = protocol == "-1";
    SecurityGroupRule {
        from_port: if all { None } else { p.from_port() },
        to_port: if all { None } else { p.to_port() },
        protocol,
        cidr_ipv4: p
            .ip_ranges()
            .iter()
            .filter_map(|r| r.cidr_ip().map(str::to_string))
            .collect(),
        cidr_ipv6: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| r.cidr_ipv6().map(str::to_string))
            .collect(),
        source_security_groups: p
            .user_id_group_pairs()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect(),
        prefix_lists: p
            .prefix_list_ids()
            .iter()
            .filter_map(|l| l.prefix_list_id().map(str::to_string))
            .collect(),
        description: p
            .ip_ranges()
            .iter()
            .filter_map(|r| r.description())
            .chain(p.ipv6_ranges().iter().filter_map(|r| r.description()))
            .next()
            .unwrap_or_default()
            .to_string(),
        location: None,
    }
}
