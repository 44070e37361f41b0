//! Rules for Amazon WorkSpaces; one rule per file.

use crate::rule::Rule;

mod volumes_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&volumes_encrypted::RULE]
}
