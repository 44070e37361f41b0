//! Amazon WorkSpaces virtual desktops.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeWorkspaces` `RootVolumeEncryptionEnabled`.
    #[serde(default)]
    pub root_volume_encrypted: Value<bool>,
    /// `DescribeWorkspaces` `UserVolumeEncryptionEnabled`.
    #[serde(default)]
    pub user_volume_encrypted: Value<bool>,
    /// `DescribeWorkspaces` `VolumeEncryptionKey`, `None` when unencrypted.
    #[serde(default)]
    pub volume_kms_key: Value<Option<String>>,
}
