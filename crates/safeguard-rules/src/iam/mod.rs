//! Rules for AWS Identity and Access Management; one rule per file.

use crate::rule::Rule;

mod access_keys_rotated;
mod policy_no_decrypt_all_keys;
mod policy_no_full_admin;
mod policy_no_service_wildcards;
mod role_inline_no_full_admin;
mod role_trust_not_public;
mod unused_credentials_disabled;
mod user_console_mfa;
mod user_inline_no_full_admin;
mod user_no_direct_policies;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &user_console_mfa::RULE,
        &access_keys_rotated::RULE,
        &unused_credentials_disabled::RULE,
        &user_no_direct_policies::RULE,
        &policy_no_full_admin::RULE,
        &user_inline_no_full_admin::RULE,
        &policy_no_service_wildcards::RULE,
        &role_trust_not_public::RULE,
        &role_inline_no_full_admin::RULE,
        &policy_no_decrypt_all_keys::RULE,
    ]
}
