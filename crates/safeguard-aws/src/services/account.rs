//! The account itself: root user MFA and access keys (IAM `GetAccountSummary`, with
//! `ListVirtualMFADevices` to tell a virtual root MFA from a hardware one), the password
//! policy, account-level S3 Block Public Access (S3 Control) and the security alternate
//! contact. Each fact that cannot be read is unknown on its own; none is a list, so this
//! collector's coverage row is always `ok`.

use super::client;
use crate::runtime::{absent_or, known, Out, Scope};
use aws_sdk_s3control::config::endpoint::{Endpoint, EndpointFuture, Params, ResolveEndpoint};
use safeguard_model::{Account, PasswordPolicy, PublicAccessBlock, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "account:GetAlternateContact",
    "iam:GetAccountPasswordPolicy",
    "iam:GetAccountSummary",
    "iam:ListVirtualMFADevices",
    "organizations:ListTagsForResource",
    "s3:GetAccountPublicAccessBlock",
];

/// S3 Control puts the account id in front of the host name (`<id>.s3-control...`). An
/// emulator behind `--endpoint-url` has no such host names, so there the URL is used as is.
#[derive(Debug)]
struct Verbatim(String);

impl ResolveEndpoint for Verbatim {
    fn resolve_endpoint<'a>(&'a self, _params: &'a Params) -> EndpointFuture<'a> {
        EndpointFuture::ready(Ok(Endpoint::builder().url(self.0.clone()).build()))
    }
}

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let iam = client!(s, aws_sdk_iam);
    let account = aws_sdk_account::Client::from_conf(
        aws_sdk_account::config::Builder::from(&s.sdk)
            .interceptor(s.counter_for("account"))
            .build(),
    );
    let endpoint = s.sdk.endpoint_url().map(str::to_string);
    let s3control = {
        let b = aws_sdk_s3control::config::Builder::from(&s.sdk).interceptor(s.counter_for("s3"));
        let b = match endpoint {
            Some(url) => b.endpoint_resolver(Verbatim(url)),
            None => b,
        };
        aws_sdk_s3control::Client::from_conf(b.build())
    };
    let tags = match &s.account_tags {
        Some(t) => t.clone(),
        None => own_tags(s).await,
    };

    let (summary, mfa, policy, pab, contact) = tokio::join!(
        s.call("iam:GetAccountSummary", iam.get_account_summary().send()),
        s.pages(
            "iam:ListVirtualMFADevices",
            iam.list_virtual_mfa_devices()
                .into_paginator()
                .items()
                .send()
        ),
        s.call(
            "iam:GetAccountPasswordPolicy",
            iam.get_account_password_policy().send()
        ),
        s.call(
            "s3:GetAccountPublicAccessBlock",
            s3control
                .get_public_access_block()
                .account_id(&s.account)
                .send()
        ),
        s.call(
            "account:GetAlternateContact",
            account
                .get_alternate_contact()
                .alternate_contact_type(aws_sdk_account::types::AlternateContactType::Security)
                .send()
        ),
    );

    let summary = known(summary, |o| {
        let map = o.summary_map().cloned().unwrap_or_default();
        let get = |k: &str| {
            map.iter()
                .find(|(key, _)| key.as_str() == k)
                .map(|(_, v)| *v)
                .unwrap_or(0)
        };
        (
            get("AccountMFAEnabled") > 0,
            get("AccountAccessKeysPresent") > 0,
        )
    });
    let root_mfa_enabled = summary.clone().map(|(mfa, _)| mfa);
    let root_access_keys_present = summary.map(|(_, keys)| keys);

    // The root user's MFA is virtual when a virtual device is assigned to the root ARN;
    // enabled but not virtual means a hardware (or FIDO) device.
    let root_arn = format!("arn:{}:iam::{}:root", s.partition, s.account);
    let root_hardware_mfa = match (&root_mfa_enabled, mfa.error) {
        (Value::Unknown(u), _) => Value::Unknown(u.clone()),
        (Value::Known(false), _) => Value::Known(false),
        (Value::Known(true), Some(e)) => e.value(),
        (Value::Known(true), None) => {
            let virtual_root = mfa.items.iter().any(|d| {
                d.user().is_some_and(|u| u.arn() == root_arn)
                    || d.serial_number().ends_with(":mfa/root-account-mfa-device")
            });
            Value::Known(!virtual_root)
        }
    };

    let password_policy = absent_or(policy, &["NoSuchEntity", "NoSuchEntityException"], |o| {
        o.password_policy().map(|p| PasswordPolicy {
            minimum_length: p.minimum_password_length().unwrap_or(0).max(0) as u32,
            require_uppercase: p.require_uppercase_characters(),
            require_lowercase: p.require_lowercase_characters(),
            require_numbers: p.require_numbers(),
            require_symbols: p.require_symbols(),
            max_age_days: if p.expire_passwords() || p.max_password_age().is_some_and(|d| d > 0) {
                p.max_password_age().map(|d| d.max(0) as u32)
            } else {
                None
            },
            reuse_prevention: p
                .password_reuse_prevention()
                .filter(|n| *n > 0)
                .map(|n| n as u32),
            allow_users_to_change: p.allow_users_to_change_password(),
        })
    });

    let s3_public_access_block = absent_or(pab, &["NoSuchPublicAccessBlockConfiguration"], |o| {
        o.public_access_block_configuration()
            .map(|c| PublicAccessBlock {
                block_public_acls: c.block_public_acls().unwrap_or(false),
                ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                block_public_policy: c.block_public_policy().unwrap_or(false),
                restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
            })
    });

    let security_contact_registered = match contact {
        Ok(o) => Value::Known(o.alternate_contact().is_some()),
        Err(e) if e.is(&["ResourceNotFoundException"]) => Value::Known(false),
        Err(e) => e.value(),
    };

    let mut meta = s.meta(s.account.clone(), s.account.clone(), tags);
    meta.region = "global".to_string();
    out.push(Account {
        meta,
        root_mfa_enabled,
        root_hardware_mfa,
        root_access_keys_present,
        password_policy,
        s3_public_access_block,
        security_contact_registered,
        enabled_regions: s.enabled_regions.clone(),
    });
}

/// The account's tags, kept by AWS Organizations. An account outside any organisation has
/// none; a member account may not read them (with `--org` they come from the management
/// account instead).
async fn own_tags(s: &Scope) -> Value<safeguard_model::Tags> {
    let org = aws_sdk_organizations::Client::from_conf(
        aws_sdk_organizations::config::Builder::from(&s.sdk)
            .interceptor(s.counter_for("organizations"))
            .build(),
    );
    let l = s
        .pages(
            "organizations:ListTagsForResource",
            org.list_tags_for_resource()
                .resource_id(&s.account)
                .into_paginator()
                .items()
                .send(),
        )
        .await;
    match l.error {
        Some(e) if e.is(&["AWSOrganizationsNotInUseException"]) => Value::Known(Default::default()),
        // Expected in a member account: not a failure of the scan, but not known either.
        Some(e) if e.unknown.reason == safeguard_model::UnknownReason::AccessDenied => Value::unknown(
            safeguard_model::UnknownReason::NotCollected,
            "account tags are kept by AWS Organizations and readable from the management account only (scan with --org)",
        ),
        Some(e) => e.value(),
        None => Value::Known(
            l.items
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect(),
        ),
    }
}
