//! Rules for Amazon EKS clusters; one rule per file.

use crate::rule::Rule;

mod control_plane_logging;
mod secrets_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&secrets_encrypted::RULE, &control_plane_logging::RULE]
}
