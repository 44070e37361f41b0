//! Rules for Amazon SES; one rule per file.

use crate::rule::Rule;

mod configuration_set_requires_tls;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&configuration_set_requires_tls::RULE]
}
