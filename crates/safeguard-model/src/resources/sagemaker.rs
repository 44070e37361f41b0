//! Amazon SageMaker endpoint configurations: the storage of the instances that serve models.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SageMakerEndpointConfig {
    #[serde(flatten)]
    pub meta: Meta,
    /// `DescribeEndpointConfig` `KmsKeyId`: the key for the ML storage volumes of the
    /// endpoint's instances, `None` when none is named.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
}
