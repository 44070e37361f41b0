//! Rules for Amazon OpenSearch Service; one rule per file.

use crate::rule::Rule;

mod access_policy_not_public;
mod audit_logs_enabled;
mod encrypted_at_rest;
mod engine_version_eligible;
mod fine_grained_access_control;
mod https_enforced_tls12;
mod in_vpc;
mod node_to_node_encryption;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &encrypted_at_rest::RULE,
        &node_to_node_encryption::RULE,
        &https_enforced_tls12::RULE,
        &engine_version_eligible::RULE,
        &in_vpc::RULE,
        &audit_logs_enabled::RULE,
        &fine_grained_access_control::RULE,
        &access_policy_not_public::RULE,
    ]
}
