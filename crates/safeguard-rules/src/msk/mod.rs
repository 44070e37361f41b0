//! Rules for Amazon MSK; one rule per file.

use crate::rule::Rule;

mod cluster_tls_in_transit;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&cluster_tls_in_transit::RULE]
}
