//! Rules for Amazon Kinesis Data Streams; one rule per file.

use crate::rule::Rule;

mod stream_encrypted;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&stream_encrypted::RULE]
}
