//! Rules for AWS Backup; one rule per file. `coverage` decides whether a plan selects a store.

use crate::rule::Rule;

pub(crate) mod coverage;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![]
}
