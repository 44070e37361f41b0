//! Rules for Amazon CloudWatch Logs; one rule per file.

use crate::rule::Rule;

mod log_group_encrypted_with_kms;
mod log_group_retention;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &log_group_retention::RULE,
        &log_group_encrypted_with_kms::RULE,
    ]
}
