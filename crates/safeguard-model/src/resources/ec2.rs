//! EC2 compute, block storage and networking (the infrastructure service category: the
//! customer patches, encrypts and isolates).

use crate::{Meta, Timestamp, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ec2Instance {
    #[serde(flatten)]
    pub meta: Meta,
    /// `pending`, `running`, `stopped`, ...
    #[serde(default)]
    pub state: Value<String>,
    #[serde(default)]
    pub instance_type: Value<String>,
    /// `None` for EC2-Classic (no VPC).
    #[serde(default)]
    pub vpc_id: Value<Option<String>>,
    #[serde(default)]
    pub subnet_id: Value<Option<String>>,
    /// Public IPv4 address, or `None`.
    #[serde(default)]
    pub public_ip: Value<Option<String>>,
    #[serde(default)]
    pub metadata_options: Value<MetadataOptions>,
    #[serde(default)]
    pub block_devices: Value<Vec<BlockDevice>>,
    /// Instance profile ARN, or `None`.
    #[serde(default)]
    pub iam_instance_profile: Value<Option<String>>,
    #[serde(default)]
    pub security_groups: Value<Vec<String>>,
    #[serde(default)]
    pub detailed_monitoring: Value<bool>,
    #[serde(default)]
    pub launch_time: Value<Option<Timestamp>>,
    #[serde(default)]
    pub image_id: Value<String>,
    /// The instance is registered with Systems Manager (patching, inventory).
    #[serde(default)]
    pub ssm_managed: Value<bool>,
}

/// Instance Metadata Service settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataOptions {
    /// `required` (IMDSv2 only) or `optional`.
    pub http_tokens: String,
    /// `enabled` or `disabled`.
    #[serde(default = "enabled")]
    pub http_endpoint: String,
    #[serde(default)]
    pub hop_limit: Option<u32>,
}

fn enabled() -> String {
    "enabled".to_string()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockDevice {
    pub device_name: String,
    #[serde(default)]
    pub volume_id: Option<String>,
    #[serde(default)]
    pub root: bool,
    #[serde(default)]
    pub encrypted: Value<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EbsVolume {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub encrypted: Value<bool>,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// Instance ids the volume is attached to.
    #[serde(default)]
    pub attached_to: Value<Vec<String>>,
    #[serde(default)]
    pub size_gib: Value<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EbsSnapshot {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub encrypted: Value<bool>,
    /// Anyone may create a volume from it (`createVolumePermission` group `all`).
    #[serde(default)]
    pub public: Value<bool>,
    #[serde(default)]
    pub volume_id: Value<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub vpc_id: Value<Option<String>>,
    /// The VPC's `default` security group.
    #[serde(default)]
    pub is_default: Value<bool>,
    #[serde(default)]
    pub ingress: Value<Vec<SecurityGroupRule>>,
    #[serde(default)]
    pub egress: Value<Vec<SecurityGroupRule>>,
}

/// One permission of a security group. Ports are `None` for all ports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    /// `tcp`, `udp`, `icmp`, `icmpv6` or `-1` (all).
    pub protocol: String,
    #[serde(default)]
    pub from_port: Option<i32>,
    #[serde(default)]
    pub to_port: Option<i32>,
    #[serde(default)]
    pub cidr_ipv4: Vec<String>,
    #[serde(default)]
    pub cidr_ipv6: Vec<String>,
    #[serde(default)]
    pub source_security_groups: Vec<String>,
    #[serde(default)]
    pub prefix_lists: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// Where the rule is declared when it comes from a separate IaC resource
    /// (`aws_security_group_rule`, `AWS::EC2::SecurityGroupIngress`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<crate::SourceLocation>,
}

impl SecurityGroupRule {
    /// Open to the whole internet (0.0.0.0/0 or ::/0).
    pub fn is_world_open(&self) -> bool {
        self.cidr_ipv4.iter().any(|c| c == "0.0.0.0/0")
            || self.cidr_ipv6.iter().any(|c| c == "::/0")
    }

    /// True when the rule admits traffic to `port` over TCP.
    pub fn covers_tcp_port(&self, port: i32) -> bool {
        let proto_ok = matches!(self.protocol.as_str(), "-1" | "all" | "tcp" | "6");
        if !proto_ok {
            return false;
        }
        match (self.from_port, self.to_port) {
            (None, _) | (_, None) => true,
            (Some(from), Some(to)) if from == -1 && to == -1 => true,
            (Some(from), Some(to)) => from <= port && port <= to,
        }
    }

    /// True when the rule admits all protocols or all ports.
    pub fn is_all_traffic(&self) -> bool {
        matches!(self.protocol.as_str(), "-1" | "all")
            || (self.from_port.unwrap_or(0) <= 0 && self.to_port.unwrap_or(65535) >= 65535)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vpc {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub cidr_block: Value<String>,
    #[serde(default)]
    pub is_default: Value<bool>,
    #[serde(default)]
    pub flow_logs: Value<Vec<FlowLog>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowLog {
    pub id: String,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: String,
    /// `cloud-watch-logs`, `s3` or `kinesis-data-firehose`.
    #[serde(default)]
    pub destination_type: String,
    /// `ACTIVE` when delivering.
    #[serde(default = "active")]
    pub status: String,
}

fn active() -> String {
    "ACTIVE".to_string()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub vpc_id: Value<String>,
    /// Instances launched here get a public IPv4 address automatically.
    #[serde(default)]
    pub map_public_ip_on_launch: Value<bool>,
}
