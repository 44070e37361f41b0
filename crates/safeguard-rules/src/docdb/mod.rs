//! Rules for Amazon DocumentDB (with MongoDB compatibility); one rule per file.

use crate::rule::Rule;

mod cluster_encrypted;
mod cluster_tls_enabled;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&cluster_encrypted::RULE, &cluster_tls_enabled::RULE]
}
