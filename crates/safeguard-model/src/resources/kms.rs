//! KMS keys: the keys that make "encryption at rest" mean something.

use crate::{Meta, PolicyDocument, Value};
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
}

impl KmsKey {
    /// Customer-managed symmetric keys are the ones automatic rotation applies to.
    pub fn is_customer_symmetric(&self) -> Option<bool> {
        Some(
            self.key_manager.known()? == "CUSTOMER"
                && self.key_spec.known().map(|s| s == "SYMMETRIC_DEFAULT").unwrap_or(true),
        )
    }
}
