//! Rules for Amazon SNS; one rule per file.

use crate::rule::Rule;

mod subscriptions_encrypted;
mod topic_encrypted_kms;
mod topic_not_public;
mod topic_requires_tls;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &topic_encrypted_kms::RULE,
        &topic_not_public::RULE,
        &topic_requires_tls::RULE,
        &subscriptions_encrypted::RULE,
    ]
}
