//! Rules for Amazon Neptune; one rule per file.

use crate::rule::Rule;

mod cluster_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&cluster_encrypted::RULE]
}
