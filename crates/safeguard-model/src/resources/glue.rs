//! AWS Glue connections to data stores.

use crate::{Meta, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GlueConnection {
    #[serde(flatten)]
    pub meta: Meta,
    /// `GetConnection` `ConnectionType`: `JDBC`, `KAFKA`, `MONGODB`, `NETWORK`, ...
    #[serde(default)]
    pub connection_type: Value<String>,
    /// `ConnectionProperties.JDBC_ENFORCE_SSL` is `true` (absent means `false`).
    #[serde(default)]
    pub jdbc_enforce_ssl: Value<bool>,
    /// `GetConnection` `Description`.
    #[serde(default)]
    pub description: Value<String>,
}
