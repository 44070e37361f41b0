//! Amazon ECS task definitions: where container logging, volumes and environment variable
//! names are declared.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

/// The latest active revision of a task definition family.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EcsTaskDefinition {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeTaskDefinition` `RequiresCompatibilities` (`FARGATE`, `EC2`, `EXTERNAL`).
    #[serde(default)]
    pub requires_compatibilities: Value<Vec<String>>,
    /// `DescribeTaskDefinition` `ContainerDefinitions`, reduced to what the rules need.
    #[serde(default)]
    pub containers: Value<Vec<EcsContainer>>,
    /// `DescribeTaskDefinition` `Volumes`.
    #[serde(default)]
    pub volumes: Value<Vec<EcsVolume>>,
}

/// One container of a task definition. Environment variable values are never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcsContainer {
    pub name: String,
    /// `LogConfiguration.LogDriver` (`awslogs`, `awsfirelens`, `splunk`, ...), `None` when
    /// the container has no log configuration.
    #[serde(default)]
    pub log_driver: Option<String>,
    /// Names of `Environment` entries (never their values).
    #[serde(default)]
    pub environment_variable_names: Vec<String>,
    /// `Privileged`.
    #[serde(default)]
    pub privileged: bool,
}

/// One volume of a task definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcsVolume {
    pub name: String,
    /// `EfsVolumeConfiguration.FileSystemId` for EFS volumes, `None` otherwise.
    #[serde(default)]
    pub efs_file_system_id: Option<String>,
    /// `EfsVolumeConfiguration.TransitEncryption`: `ENABLED` or `DISABLED` (the default when
    /// absent). Only meaningful for EFS volumes.
    #[serde(default)]
    pub efs_transit_encryption: Option<String>,
    /// `Host.SourcePath` for bind mounts from the container instance, `None` otherwise.
    #[serde(default)]
    pub host_source_path: Option<String>,
}
