//! KMS keys: the keys that make "encryption at rest" mean something.

use crate::{Meta, PolicyDocument, Timestamp, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KmsKey {
    #[serde(flatten)]
    pub meta: Meta,
    /// `CUSTOMER` or `AWS`.
    #[serde(default)]
    pub key_manager: Value<String>,
    /// `Enabled`, `Disabled`, `PendingDeletion`, `PendingImport`, ...
    #[serde(default)]
    pub key_state: Value<String>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, ...
    #[serde(default)]
    pub key_spec: Value<String>,
    #[serde(default)]
    pub rotation_enabled: Value<bool>,
    #[serde(default)]
    pub description: Value<String>,
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
    /// Where the key material comes from: KMS `DescribeKey` `KeyMetadata.Origin`, one of
    /// `AWS_KMS`, `EXTERNAL` (imported material), `AWS_CLOUDHSM` or `EXTERNAL_KEY_STORE`.
    /// Automatic rotation exists only for `AWS_KMS` keys.
    #[serde(default)]
    pub origin: Value<String>,
    /// When a key in `PendingDeletion` will be deleted: KMS `DescribeKey`
    /// `KeyMetadata.DeletionDate`. `None` when no deletion is scheduled.
    #[serde(default)]
    pub deletion_date: Value<Option<Timestamp>>,
}

impl KmsKey {
    /// Customer-managed symmetric keys are the ones automatic rotation applies to. `None`
    /// when either fact is unknown.
    pub fn is_customer_symmetric(&self) -> Option<bool> {
        let customer = self.key_manager.known()? == "CUSTOMER";
        let symmetric = self.key_spec.known()? == "SYMMETRIC_DEFAULT";
        Some(customer && symmetric)
    }
}
