//! Rules for AWS Key Management Service; one rule per file.

use crate::rule::Rule;

mod key_not_pending_deletion;
mod key_policy_not_public;
mod key_rotation_enabled;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &key_rotation_enabled::RULE,
        &key_not_pending_deletion::RULE,
        &key_policy_not_public::RULE,
    ]
}
