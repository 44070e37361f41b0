//! Rules for AWS CodeBuild; one rule per file.

use crate::rule::Rule;

mod project_artifacts_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&project_artifacts_encrypted::RULE]
}
