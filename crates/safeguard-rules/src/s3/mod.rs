//! Rules for Amazon S3; one rule per file.

use crate::rule::Rule;

mod bucket_encrypted_at_rest;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&bucket_encrypted_at_rest::RULE]
}
