//! Amazon MSK (Managed Streaming for Apache Kafka) clusters.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MskCluster {
    #[serde(flatten)]
    pub meta: Meta,
    /// `EncryptionInfo.EncryptionInTransit.ClientBroker`: `TLS`, `TLS_PLAINTEXT` or
    /// `PLAINTEXT`.
    #[serde(default)]
    pub client_broker_encryption: Value<String>,
    /// `EncryptionInfo.EncryptionInTransit.InCluster`.
    #[serde(default)]
    pub in_cluster_encryption: Value<bool>,
    /// `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId` (an AWS managed key when the
    /// customer named none).
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
}
