//! Rules for Amazon Redshift; one rule per file.

use crate::rule::Rule;

mod audit_logging_enabled;
mod automated_snapshots_retained;
mod cluster_encrypted;
mod cluster_not_public;
mod enhanced_vpc_routing;
mod parameter;
mod require_ssl;
mod user_activity_logging_enabled;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &cluster_encrypted::RULE,
        &cluster_not_public::RULE,
        &require_ssl::RULE,
        &audit_logging_enabled::RULE,
        &automated_snapshots_retained::RULE,
        &enhanced_vpc_routing::RULE,
        &user_activity_logging_enabled::RULE,
    ]
}
