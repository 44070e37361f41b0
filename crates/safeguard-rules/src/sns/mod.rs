//! Rules for this service; one rule per file.

use crate::rule::Rule;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![]
}
