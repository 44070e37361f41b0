//! Amazon SES configuration sets: where delivery to receiving mail servers is made to
//! require TLS.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SesConfigurationSet {
    #[serde(flatten)]
    pub meta: Meta,
    /// SES v2 `GetConfigurationSet` `DeliveryOptions.TlsPolicy`: `REQUIRE` or `OPTIONAL`
    /// (the default when no delivery options are set).
    #[serde(default)]
    pub tls_policy: Value<String>,
}
