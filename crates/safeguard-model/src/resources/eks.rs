//! Amazon EKS clusters (the control plane).

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EksCluster {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeCluster` `Version` (`1.31`).
    #[serde(default)]
    pub version: Value<String>,
    /// KMS key of the `EncryptionConfig` entry whose resources include `secrets` (envelope
    /// encryption of Kubernetes secrets), `None` when there is none.
    #[serde(default)]
    pub secrets_kms_key_arn: Value<Option<String>>,
    /// Control plane log types enabled in `Logging.ClusterLogging` (`api`, `audit`,
    /// `authenticator`, `controllerManager`, `scheduler`).
    #[serde(default)]
    pub enabled_log_types: Value<Vec<String>>,
    /// `ResourcesVpcConfig.EndpointPublicAccess`.
    #[serde(default)]
    pub endpoint_public_access: Value<bool>,
    /// `ResourcesVpcConfig.PublicAccessCidrs` (`0.0.0.0/0` when unrestricted).
    #[serde(default)]
    pub public_access_cidrs: Value<Vec<String>>,
}
