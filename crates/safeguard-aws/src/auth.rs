//! Credentials and targets: the SDK configuration (profile, endpoint, retries, timeouts),
//! AssumeRole with ExternalId, the STS preflight, the organisation's accounts and the
//! enabled regions of each account.
//!
//! Credentials stay inside the SDK's providers: nothing here reads, prints or stores a key,
//! secret or session token.

use crate::error::{chain, has_source, CallError, CollectError};
use crate::runtime::{bounded, Counter, Stats};
use crate::{CollectOptions, RetryMode};
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::result::SdkError;
use safeguard_model::{Unknown, UnknownReason, Value};
use std::sync::Arc;
use std::time::Duration;

/// One account to scan, and how to reach it (`config` is `None` when the role could not be
/// assumed; `failure` then says why).
pub(crate) struct Target {
    pub account: String,
    pub config: Option<SdkConfig>,
    pub failure: Option<Unknown>,
    /// The account's tags, read from the management account with `--org`.
    pub tags: Option<Value<safeguard_model::Tags>>,
}

/// Who the credentials belong to (from `sts:GetCallerIdentity`).
pub(crate) struct Caller {
    pub account: String,
}

/// The default-chain configuration with the scan's retry and timeout settings.
pub(crate) async fn base_config(opts: &CollectOptions) -> SdkConfig {
    let retry = match opts.retry_mode {
        RetryMode::Standard => RetryConfig::standard(),
        RetryMode::Adaptive => RetryConfig::adaptive(),
    }
    .with_max_attempts(opts.max_attempts.max(1))
    .with_initial_backoff(opts.initial_backoff)
    .with_max_backoff(Duration::from_secs(20));
    let timeouts = TimeoutConfig::builder()
        .operation_timeout(opts.call_timeout)
        .connect_timeout(Duration::from_secs(5).min(opts.call_timeout))
        .build();
    // A region for STS, IAM and the other global services when none is configured: the first
    // requested region, else us-east-1.
    let fallback = match &opts.regions {
        crate::RegionChoice::List(list) if !list.is_empty() => list[0].clone(),
        _ => "us-east-1".to_string(),
    };
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(retry)
        .timeout_config(timeouts)
        .region(RegionProviderChain::default_provider().or_else(Region::new(fallback)));
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// `base` with credentials from assuming `role_arn`.
pub(crate) async fn assume_role(
    base: &SdkConfig,
    role_arn: &str,
    external_id: Option<&str>,
    opts: &CollectOptions,
) -> SdkConfig {
    let mut builder = AssumeRoleProvider::builder(role_arn)
        .session_name(&opts.role_session_name)
        .configure(base);
    if let Some(id) = external_id {
        builder = builder.external_id(id);
    }
    let provider = builder.build().await;
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build()
}

fn sts_client(config: &SdkConfig, stats: &Arc<Stats>) -> aws_sdk_sts::Client {
    aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(config)
            .interceptor(Counter::new(stats.clone(), "sts"))
            .build(),
    )
}

/// `sts:GetCallerIdentity`: proves the credentials work before anything else runs.
pub(crate) async fn preflight(
    config: &SdkConfig,
    opts: &CollectOptions,
    stats: &Arc<Stats>,
) -> Result<Caller, CollectError> {
    match sts_client(config, stats).get_caller_identity().send().await {
        Ok(out) => match out.account() {
            Some(account) => Ok(Caller {
                account: account.to_string(),
            }),
            None => Err(CollectError::Preflight(
                "sts:GetCallerIdentity returned no account id".into(),
            )),
        },
        Err(e) => Err(explain_preflight(e, opts)),
    }
}

fn explain_preflight<E>(
    err: SdkError<E, aws_smithy_runtime_api::client::orchestrator::HttpResponse>,
    opts: &CollectOptions,
) -> CollectError
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata
        + std::error::Error
        + Send
        + Sync
        + 'static,
{
    let profile = opts
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok());
    let login = match &profile {
        Some(p) => format!("run `aws sso login --profile {p}`"),
        None => "run `aws sso login`".to_string(),
    };
    let of_profile = profile
        .as_ref()
        .map(|p| format!(" of profile {p}"))
        .unwrap_or_default();
    let role = opts.role_arn.as_deref();
    let text = chain(&err);
    let lower = text.to_ascii_lowercase();
    if let Some(code) = err
        .as_service_error()
        .and_then(|e| e.code())
        .map(str::to_string)
    {
        return match code.as_str() {
            "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => CollectError::Credentials(format!(
                "the AWS credentials{of_profile} have expired: refresh them (for SSO profiles, {login}) and retry"
            )),
            "InvalidClientTokenId" | "UnrecognizedClientException" => CollectError::Credentials(format!(
                "AWS does not recognise the access key{of_profile} (InvalidClientTokenId): check the credentials, or {login} for SSO profiles"
            )),
            "SignatureDoesNotMatch" => CollectError::Credentials(format!(
                "AWS rejected the secret access key{of_profile} (SignatureDoesNotMatch): check the credentials"
            )),
            other => CollectError::Preflight(format!("sts:GetCallerIdentity failed: {other}")),
        };
    }
    if has_source::<CredentialsError>(&err) {
        if let Some(role) = role {
            if lower.contains("accessdenied") || lower.contains("not authorized") {
                return CollectError::Credentials(format!(
                    "cannot assume {role}: AccessDenied (check the role's trust policy and the ExternalId)"
                ));
            }
            if lower.contains("assumerole") || lower.contains("assume role") {
                return CollectError::Credentials(format!(
                    "cannot assume {role}: {}",
                    one_line(&text)
                ));
            }
        }
        if lower.contains("sso") || lower.contains("token") && lower.contains("expired") {
            return CollectError::Credentials(format!(
                "the AWS SSO session{of_profile} has expired or was never started: {login}"
            ));
        }
        if lower.contains("no credentials")
            || lower.contains("not loaded")
            || lower.contains("credentialsnotloaded")
        {
            return CollectError::Credentials(format!(
                "no AWS credentials found{of_profile}: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`"
            ));
        }
        return CollectError::Credentials(format!(
            "cannot load AWS credentials{of_profile}: {}",
            one_line(&text)
        ));
    }
    match &err {
        SdkError::TimeoutError(_) => CollectError::Preflight(
            "AWS STS did not answer in time: check the network, HTTPS_PROXY or --endpoint-url"
                .into(),
        ),
        SdkError::DispatchFailure(_) => CollectError::Preflight(format!(
            "cannot reach AWS STS ({}): check the network, HTTPS_PROXY or --endpoint-url",
            one_line(&text)
        )),
        _ => CollectError::Preflight(format!("sts:GetCallerIdentity failed: {}", one_line(&text))),
    }
}

/// Error texts can span lines; the CLI prints one.
fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 300 {
        let mut cut = 300;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s
    }
}

/// The organisation's ACTIVE accounts, each with credentials from assuming `role_name`
/// (the caller's own account is scanned with the caller's credentials).
pub(crate) async fn organization_targets(
    base: &SdkConfig,
    caller: &Caller,
    role_name: &str,
    opts: &CollectOptions,
    stats: &Arc<Stats>,
) -> Result<Vec<Target>, CollectError> {
    let client = aws_sdk_organizations::Client::from_conf(
        aws_sdk_organizations::config::Builder::from(base)
            .interceptor(Counter::new(stats.clone(), "organizations"))
            .build(),
    );
    let mut accounts = Vec::new();
    let mut pages = client.list_accounts().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => {
                for a in page.accounts() {
                    let active = match (a.state(), a.status()) {
                        (Some(state), _) => state.as_str() == "ACTIVE",
                        (None, Some(status)) => status.as_str() == "ACTIVE",
                        (None, None) => false,
                    };
                    if let (true, Some(id)) = (active, a.id()) {
                        accounts.push(id.to_string());
                    }
                }
            }
            Err(e) => {
                let e = CallError::from_sdk("organizations:ListAccounts", "global", e);
                return Err(CollectError::Organization(format!(
                    "--org needs organizations:ListAccounts from the management account or a delegated administrator ({})",
                    e.unknown.detail
                )));
            }
        }
    }
    accounts.sort();
    accounts.dedup();
    let home = base
        .region()
        .map(|r| r.as_ref().to_string())
        .unwrap_or_else(|| "us-east-1".into());
    let partition = crate::runtime::partition_of(&home);
    let client = &client;
    let runs = accounts.into_iter().map(|id| async move {
        let tags = account_tags(client, &id).await;
        if id == caller.account {
            return Target {
                account: id,
                config: Some(base.clone()),
                failure: None,
                tags: Some(tags),
            };
        }
        let role = format!("arn:{partition}:iam::{id}:role/{role_name}");
        let config = assume_role(base, &role, opts.external_id.as_deref(), opts).await;
        match sts_client(&config, stats)
            .get_caller_identity()
            .send()
            .await
        {
            Ok(_) => Target {
                account: id,
                config: Some(config),
                failure: None,
                tags: Some(tags),
            },
            Err(e) => {
                let code = e
                    .as_service_error()
                    .and_then(aws_smithy_types::error::metadata::ProvideErrorMetadata::code)
                    .map(str::to_string);
                let text = chain(&e);
                let what = code.unwrap_or_else(|| {
                    if text.contains("AccessDenied") {
                        "AccessDenied".to_string()
                    } else {
                        "failed".to_string()
                    }
                });
                let reason = if what == "failed" {
                    UnknownReason::ServiceUnavailable
                } else {
                    UnknownReason::AccessDenied
                };
                Target {
                    account: id,
                    config: None,
                    failure: Some(Unknown::new(
                        reason,
                        format!("sts:AssumeRole {role}: {what}"),
                    )),
                    tags: Some(tags),
                }
            }
        }
    });
    Ok(bounded(runs, 8).await)
}

/// An account's tags as the organisation records them (`organizations:ListTagsForResource`).
async fn account_tags(
    client: &aws_sdk_organizations::Client,
    id: &str,
) -> Value<safeguard_model::Tags> {
    let mut pages = client
        .list_tags_for_resource()
        .resource_id(id)
        .into_paginator()
        .items()
        .send();
    let mut tags = safeguard_model::Tags::new();
    while let Some(item) = pages.next().await {
        match item {
            Ok(t) => {
                tags.insert(t.key().to_string(), t.value().to_string());
            }
            Err(e) => {
                return CallError::from_sdk("organizations:ListTagsForResource", "global", e)
                    .value()
            }
        }
    }
    Value::Known(tags)
}

/// EC2 `DescribeRegions` (`AllRegions=false`): the regions enabled for the account, sorted.
/// Returns the failure separately so the caller can record it.
pub(crate) async fn enabled_regions(
    config: &SdkConfig,
    _account: &str,
    stats: &Arc<Stats>,
) -> (Value<Vec<String>>, Option<Unknown>) {
    let client = aws_sdk_ec2::Client::from_conf(
        aws_sdk_ec2::config::Builder::from(config)
            .interceptor(Counter::new(stats.clone(), "ec2"))
            .build(),
    );
    let home = config
        .region()
        .map(|r| r.as_ref().to_string())
        .unwrap_or_default();
    match client.describe_regions().all_regions(false).send().await {
        Ok(out) => {
            let mut names: Vec<String> = out
                .regions()
                .iter()
                .filter_map(|r| r.region_name().map(str::to_string))
                .collect();
            names.sort();
            names.dedup();
            (Value::Known(names), None)
        }
        Err(e) => {
            let e = CallError::from_sdk("ec2:DescribeRegions", &home, e);
            (e.value(), Some(e.unknown))
        }
    }
}

/// Actions the scan itself calls, outside the service collectors.
pub const CORE_ACTIONS: &[&str] = &[
    "ec2:DescribeRegions",
    "organizations:ListAccounts",
    "organizations:ListTagsForResource",
    "sts:GetCallerIdentity",
];
