//! EC2 launch templates: the settings instances (directly, or through Auto Scaling groups)
//! start with. A template that allows IMDSv1 or unencrypted volumes spreads that to every
//! instance launched from it.

use crate::{BlockDevice, Meta, MetadataOptions, Value};
use serde::{Deserialize, Serialize};

/// The latest version of a launch template (`LaunchTemplateData` in CloudFormation,
/// `aws_launch_template` in Terraform).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchTemplate {
    #[serde(flatten)]
    pub meta: Meta,
    /// Instance Metadata Service settings. Unset options take AWS's defaults (`http_tokens`
    /// `optional` unless the AMI is registered as IMDSv2-only).
    #[serde(default)]
    pub metadata_options: Value<MetadataOptions>,
    /// EBS block device mappings (instance-store and `NoDevice` mappings are left out).
    #[serde(default)]
    pub block_devices: Value<Vec<BlockDevice>>,
    /// `AssociatePublicIpAddress` of the network interfaces: `Some(true)` when one asks for a
    /// public IPv4 address, `Some(false)` when all decline, `None` when unset (the subnet
    /// decides).
    #[serde(default)]
    pub associate_public_ip_address: Value<Option<bool>>,
    /// The AMI id, or `None` when the template leaves it to the launch request.
    #[serde(default)]
    pub image_id: Value<Option<String>>,
    /// Instance type, or `None` when unset.
    #[serde(default)]
    pub instance_type: Value<Option<String>>,
    /// Instance profile ARN or name, or `None`.
    #[serde(default)]
    pub iam_instance_profile: Value<Option<String>>,
}
