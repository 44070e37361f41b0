//! Rules for Amazon SageMaker; one rule per file.

use crate::rule::Rule;

mod endpoint_config_kms_key;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&endpoint_config_kms_key::RULE]
}
