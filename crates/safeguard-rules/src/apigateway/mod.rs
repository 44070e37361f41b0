//! Rules for Amazon API Gateway (REST API stages); one rule per file.

use crate::rule::Rule;

mod cache_disabled;
mod cache_encrypted;
mod client_certificate;
mod stage_logging_enabled;
mod waf_attached;
mod xray_tracing;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &stage_logging_enabled::RULE,
        &cache_disabled::RULE,
        &cache_encrypted::RULE,
        &client_certificate::RULE,
        &xray_tracing::RULE,
        &waf_attached::RULE,
    ]
}
