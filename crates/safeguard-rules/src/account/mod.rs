//! Rules on account-wide and region-wide settings; one rule per file.

use crate::rule::Rule;

mod ebs_encryption_by_default;
mod password_policy_strong;
mod root_hardware_mfa;
mod root_mfa_enabled;
mod root_no_access_keys;
mod s3_account_public_access_blocked;
mod security_contact_registered;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &root_mfa_enabled::RULE,
        &root_no_access_keys::RULE,
        &root_hardware_mfa::RULE,
        &password_policy_strong::RULE,
        &s3_account_public_access_blocked::RULE,
        &security_contact_registered::RULE,
        &ebs_encryption_by_default::RULE,
    ]
}
