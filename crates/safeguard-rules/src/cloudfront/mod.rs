//! Rules for Amazon CloudFront; one rule per file.
//!
//! There is deliberately no rule against Lambda@Edge: older HIPAA-eligible service lists read
//! "Amazon CloudFront [excluding Lambda@Edge]", but the current whitepaper covers Lambda@Edge
//! (added September 2017) and asks only that it follow the CloudFront guidance (HTTPS in and
//! out), which CF-001, CF-002 and CF-006 check.

use crate::rule::Rule;

mod access_logging;
mod origin_https_only;
mod origin_tls12;
mod viewer_https_only;
mod viewer_tls12;
mod waf_attached;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &viewer_https_only::RULE,
        &origin_https_only::RULE,
        &viewer_tls12::RULE,
        &access_logging::RULE,
        &waf_attached::RULE,
        &origin_tls12::RULE,
    ]
}
