//! Rules for AWS Lambda; one rule per file.

use crate::rule::Rule;

mod env_vars_encrypted_cmk;
mod failure_destination_configured;
mod function_in_vpc;
mod function_not_public;
mod function_url_requires_iam;
mod supported_runtime;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &function_not_public::RULE,
        &function_url_requires_iam::RULE,
        &function_in_vpc::RULE,
        &env_vars_encrypted_cmk::RULE,
        &failure_destination_configured::RULE,
        &supported_runtime::RULE,
    ]
}
