//! Rules for AWS Secrets Manager; one rule per file.

use crate::rule::Rule;

mod encrypted_with_cmk;
mod rotated_recently;
mod rotation_enabled;
mod unused_secrets_removed;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &rotation_enabled::RULE,
        &encrypted_with_cmk::RULE,
        &rotated_recently::RULE,
        &unused_secrets_removed::RULE,
    ]
}
