//! Rules for Amazon S3; one rule per file.

use crate::prelude::*;
use crate::rule::Rule;

mod access_logging_enabled;
mod acl_not_public;
mod acls_disabled;
mod block_public_access;
mod bucket_encrypted_at_rest;
mod cloudtrail_bucket_object_lock;
mod policy_not_public;
mod replication_enabled;
mod tls_only;
mod versioning_enabled;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &bucket_encrypted_at_rest::RULE,
        &block_public_access::RULE,
        &tls_only::RULE,
        &policy_not_public::RULE,
        &acl_not_public::RULE,
        &versioning_enabled::RULE,
        &access_logging_enabled::RULE,
        &acls_disabled::RULE,
        &replication_enabled::RULE,
        &cloudtrail_bucket_object_lock::RULE,
    ]
}

/// Drops an ARN prefix (`arn:aws:s3:::`, any partition) from a bucket reference.
pub(super) fn strip_arn(s: &str) -> &str {
    match s.find(":::") {
        Some(i) if s.starts_with("arn:") => &s[i + 3..],
        _ => s,
    }
}

/// The bucket's name: `meta.name`, or the id without its ARN prefix.
pub(super) fn bucket_name(b: &S3Bucket) -> &str {
    if b.meta.name.is_empty() {
        strip_arn(&b.meta.id)
    } else {
        &b.meta.name
    }
}

/// The account-level S3 Block Public Access that applies to the bucket, when the bucket's
/// account is in the inventory.
pub(super) fn account_block<'a>(
    b: &S3Bucket,
    cx: &Context<'a>,
) -> Option<&'a Value<Option<PublicAccessBlock>>> {
    cx.in_account::<Account>(&b.meta.account)
        .next()
        .map(|a| &a.s3_public_access_block)
}

/// True when a Block Public Access switch is known to be on at the bucket or account level.
/// Used only to explain a failure, never to pass.
pub(super) fn known_blocked(
    b: &S3Bucket,
    cx: &Context,
    switch: fn(&PublicAccessBlock) -> bool,
) -> bool {
    let on = |v: &Value<Option<PublicAccessBlock>>| matches!(v.known(), Some(Some(p)) if switch(p));
    on(&b.public_access_block) || account_block(b, cx).is_some_and(on)
}
