//! Rules for Amazon EFS; one rule per file.

use crate::rule::Rule;

mod file_system_backed_up;
mod file_system_encrypted_at_rest;
mod file_system_policy_requires_tls;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &file_system_encrypted_at_rest::RULE,
        &file_system_policy_requires_tls::RULE,
        &file_system_backed_up::RULE,
    ]
}
