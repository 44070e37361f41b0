//! Rules for Amazon ECS task definitions; one rule per file.

use crate::rule::Rule;

mod task_definition_efs_transit_encryption;
mod task_definition_logs_to_cloudwatch;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &task_definition_logs_to_cloudwatch::RULE,
        &task_definition_efs_transit_encryption::RULE,
    ]
}
