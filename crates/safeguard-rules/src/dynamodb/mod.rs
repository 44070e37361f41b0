//! Rules for Amazon DynamoDB; one rule per file.

use crate::rule::Rule;

mod table_deletion_protection;
mod table_encrypted_with_kms_key;
mod table_point_in_time_recovery;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &table_encrypted_with_kms_key::RULE,
        &table_point_in_time_recovery::RULE,
        &table_deletion_protection::RULE,
    ]
}
