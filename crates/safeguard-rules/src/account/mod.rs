//! Rules on account-wide settings; one rule per file.

use crate::rule::Rule;

mod root_mfa_enabled;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&root_mfa_enabled::RULE]
}
