//! Rules for Amazon Athena; one rule per file.

use crate::rule::Rule;

mod workgroup_results_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&workgroup_results_encrypted::RULE]
}
