//! What every rule file imports.

pub use crate::context::Context;
pub use crate::rule::{
    Check, Example, Need, Outcome, Remediation, RuleDef, RuleMeta, Severity, Status,
};
pub use safeguard_model::*;
