//! Rules for Amazon ElastiCache; one rule per file.

use crate::rule::Rule;

mod auth_enabled;
mod automatic_backups_enabled;
mod current_generation_node_type;
mod encrypted_at_rest;
mod engine;
mod engine_version_eligible;
mod in_transit_encryption_required;
mod security_updates_applied;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &encrypted_at_rest::RULE,
        &in_transit_encryption_required::RULE,
        &auth_enabled::RULE,
        &engine_version_eligible::RULE,
        &security_updates_applied::RULE,
        &automatic_backups_enabled::RULE,
        &current_generation_node_type::RULE,
    ]
}
