//! Rules for Amazon VPC networks and subnets (part of the EC2 API); one rule per file.

use crate::rule::Rule;

mod flow_logs_enabled;
mod subnet_no_auto_public_ip;

pub(super) fn rules() -> Vec<&'static dyn Rule> {
    vec![&flow_logs_enabled::RULE, &subnet_no_auto_public_ip::RULE]
}
