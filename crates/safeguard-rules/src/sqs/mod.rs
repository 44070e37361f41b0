//! Rules for Amazon SQS; one rule per file.

use crate::rule::Rule;

mod queue_encrypted;
mod queue_not_public;
mod queue_requires_tls;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &queue_encrypted::RULE,
        &queue_not_public::RULE,
        &queue_requires_tls::RULE,
    ]
}
