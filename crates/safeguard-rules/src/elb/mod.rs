//! Rules for Elastic Load Balancing (classic, application, network and gateway load
//! balancers); one rule per file.

use crate::rule::Rule;

mod access_logs_enabled;
mod alb_drops_invalid_headers;
mod alb_waf_attached;
mod deletion_protection_enabled;
mod listeners_encrypted;
mod listeners_tls12_policy;
mod listeners_use_acm_certificates;
mod targets_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &listeners_encrypted::RULE,
        &listeners_tls12_policy::RULE,
        &access_logs_enabled::RULE,
        &deletion_protection_enabled::RULE,
        &alb_drops_invalid_headers::RULE,
        &alb_waf_attached::RULE,
        &listeners_use_acm_certificates::RULE,
        &targets_encrypted::RULE,
    ]
}
