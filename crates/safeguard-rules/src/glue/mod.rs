//! Rules for AWS Glue; one rule per file.

use crate::rule::Rule;

mod jdbc_connection_requires_ssl;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&jdbc_connection_requires_ssl::RULE]
}
