//! AWS CodeBuild projects.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CodeBuildProject {
    #[serde(flatten)]
    pub meta: Meta,
    /// `BatchGetProjects` `description`.
    #[serde(default)]
    pub description: Value<String>,
    /// `encryptionKey`: the KMS key for build output artifacts; `alias/aws/s3` (the AWS
    /// managed key) when the customer named none.
    #[serde(default)]
    pub encryption_key: Value<Option<String>>,
    /// `artifacts.encryptionDisabled` (also true for any secondary artifact that disables
    /// encryption).
    #[serde(default)]
    pub artifacts_encryption_disabled: Value<bool>,
    /// Names of `environment.environmentVariables` (never their values).
    #[serde(default)]
    pub environment_variable_names: Value<Vec<String>>,
}
