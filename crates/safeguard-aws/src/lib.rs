//! Live, read-only collection of an AWS estate into a safeguard [`Inventory`].
//!
//! ```no_run
//! # async fn run() -> Result<(), safeguard_aws::CollectError> {
//! let opts = safeguard_aws::CollectOptions { profile: Some("audit".into()), ..Default::default() };
//! let inventory = safeguard_aws::collect(&opts).await?;
//! println!("{} resources", inventory.resources.len());
//! # Ok(()) }
//! ```
//!
//! How it works:
//! - credentials come from the aws-config default chain (environment, `--profile`, SSO,
//!   `credential_process`, web identity, container and instance roles), optionally followed by
//!   an STS AssumeRole with an ExternalId, and checked once with `sts:GetCallerIdentity` so a
//!   bad or expired credential fails in seconds with one actionable line ([`CollectError`]);
//! - with `org_role`, AWS Organizations `ListAccounts` gives the ACTIVE accounts and the
//!   collector assumes `arn:<partition>:iam::<id>:role/<org_role>` in each;
//! - regions are the account's enabled regions (EC2 `DescribeRegions`, `AllRegions=false`)
//!   unless a list is given; global services (IAM, CloudFront, account settings, S3's bucket
//!   list) are read once per account;
//! - one module per service under `services/`, each declaring the IAM actions it calls; every
//!   list is paginated, every call has a timeout and the SDK's retries, and at most
//!   `concurrency` calls are in flight per (account, region, service);
//! - once per account, AWS Artifact's customer agreements (`ListCustomerAgreements`), the
//!   evidence for the BAA attestation item, returned in [`Collection::agreements`];
//! - nothing is guessed: a call that fails leaves the field it would have filled
//!   [`Value::Unknown`](safeguard_model::Value) with the reason, and a failed list marks the
//!   service's [`Coverage`](safeguard_model::Coverage) row failed. The scan always goes on.
//!
//! Only metadata APIs are called: never `secretsmanager:GetSecretValue`, `s3:GetObject`,
//! `lambda:GetFunction` (it returns a code download URL) or anything that reads data, and the
//! values of Lambda environment variables are dropped on receipt (names only).

mod artifact;
mod auth;
mod error;
mod progress;
mod runtime;
pub mod services;

use safeguard_model::{Inventory, Resource, Source, SourceKind};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use artifact::{AccountAgreements, CustomerAgreement};
pub use error::CollectError;
pub use services::{all_actions, Service, SERVICES};

/// Which regions to scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RegionChoice {
    /// Every region enabled for the account (EC2 `DescribeRegions` with `AllRegions=false`).
    #[default]
    All,
    /// Exactly these regions (for example `--region us-east-1,eu-west-1`).
    List(Vec<String>),
}

/// The SDK retry strategy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RetryMode {
    /// Exponential back-off with jitter and a retry quota (the AWS default), with
    /// [`CollectOptions::max_attempts`] attempts.
    #[default]
    Standard,
    /// Standard plus client-side rate limiting once throttling is seen. AWS recommends it
    /// only for special cases; offered for accounts whose API limits are shared with
    /// production workloads.
    Adaptive,
}

/// Everything the collector needs to know. `Default` gives the CLI's defaults.
#[derive(Clone, Debug)]
pub struct CollectOptions {
    /// Named profile of the shared config/credentials files (`--profile`); `None` uses the
    /// default chain (`AWS_PROFILE`, environment variables, SSO, instance role, ...).
    pub profile: Option<String>,
    /// Regions to scan (`--region`, repeatable or comma-separated).
    pub regions: RegionChoice,
    /// Role to assume before scanning (`--role-arn`).
    pub role_arn: Option<String>,
    /// ExternalId for `role_arn` and for the organisation role (`--external-id`).
    pub external_id: Option<String>,
    /// Scan every ACTIVE account of the organisation by assuming this role name in each
    /// (`--org --org-role NAME`). The caller must be allowed `organizations:ListAccounts`
    /// (management or delegated administrator account).
    pub org_role: Option<String>,
    /// Send every request to this endpoint (an emulator such as moto or LocalStack,
    /// `--endpoint-url`). `AWS_ENDPOINT_URL` is honoured as well.
    pub endpoint_url: Option<String>,
    /// Maximum API calls in flight per (account, region, service) (`--concurrency`).
    pub concurrency: usize,
    /// Time budget of one API call including its retries (`--call-timeout`).
    pub call_timeout: Duration,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// SDK retry strategy (`--retry-mode standard|adaptive`).
    pub retry_mode: RetryMode,
    /// Attempts per call including the first (`--max-attempts`).
    pub max_attempts: u32,
    /// First back-off delay of the retry strategy; later ones grow exponentially (capped at
    /// 20 s). Tests shorten it.
    pub initial_backoff: Duration,
    /// Session name for the roles the collector assumes (shows in the target's CloudTrail).
    pub role_session_name: String,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            profile: None,
            regions: RegionChoice::All,
            role_arn: None,
            external_id: None,
            org_role: None,
            endpoint_url: None,
            concurrency: 8,
            call_timeout: Duration::from_secs(60),
            progress: true,
            retry_mode: RetryMode::Standard,
            max_attempts: 6,
            initial_backoff: Duration::from_secs(1),
            role_session_name: "safeguard".to_string(),
        }
    }
}

/// What a scan cost: for the report's "how long and how many calls" line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectStats {
    pub duration: Duration,
    pub accounts: usize,
    /// (account, region) pairs visited, global services not counted.
    pub regions: usize,
    /// API operations executed (one per `send`, pages counted separately).
    pub api_calls: u64,
    /// HTTP attempts, including retries.
    pub http_attempts: u64,
    /// API operations per `service:Operation`.
    pub calls_by_operation: BTreeMap<String, u64>,
}

/// An inventory and the cost of collecting it.
#[derive(Clone, Debug)]
pub struct Collection {
    pub inventory: Inventory,
    pub stats: CollectStats,
    /// AWS Artifact's customer agreements of every account, in account order: the evidence
    /// for the BAA attestation item (its coverage rows, `artifact`, are in the inventory).
    pub agreements: Vec<AccountAgreements>,
}

/// Collects every account the options designate into one inventory.
///
/// Returns `Err` only when nothing can be scanned at all (no or expired credentials, the
/// STS preflight fails, `--org` without permission to list accounts). Everything else (a
/// denied service, a throttled region, an account whose role cannot be assumed) is recorded
/// in the inventory's coverage table and as unknown values, and the scan goes on.
pub async fn collect(opts: &CollectOptions) -> Result<Inventory, CollectError> {
    collect_with_stats(opts).await.map(|c| c.inventory)
}

/// [`collect`], also returning the call counts and duration.
pub async fn collect_with_stats(opts: &CollectOptions) -> Result<Collection, CollectError> {
    if opts.concurrency == 0 {
        return Err(CollectError::Options(
            "concurrency must be at least 1".into(),
        ));
    }
    if let RegionChoice::List(list) = &opts.regions {
        if list.is_empty() {
            return Err(CollectError::Options("the region list is empty".into()));
        }
    }
    let started = Instant::now();
    let stats = Arc::new(runtime::Stats::default());
    let base = auth::base_config(opts).await;
    let base = match &opts.role_arn {
        Some(role) => auth::assume_role(&base, role, opts.external_id.as_deref(), opts).await,
        None => base,
    };
    let caller = auth::preflight(&base, opts, &stats).await?;
    let targets = match &opts.org_role {
        Some(role) => auth::organization_targets(&base, &caller, role, opts, &stats).await?,
        None => vec![auth::Target {
            account: caller.account.clone(),
            config: Some(base.clone()),
            failure: None,
            tags: None,
        }],
    };

    let progress = progress::Progress::new(opts.progress);
    let runs = targets.iter().map(|t| async {
        let result = runtime::collect_account(t, opts, &stats, &progress).await;
        (result, artifact::collect(t, &stats).await)
    });
    // Accounts run a few at a time; within an account, regions and services run in parallel
    // under their own limits.
    let results = runtime::bounded(runs, 4).await;
    progress.finish();

    let mut inventory = Inventory::new(
        chrono::Utc::now(),
        Source {
            kind: SourceKind::Aws,
            description: String::new(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        },
    );
    let mut regions = 0;
    let mut seen: HashSet<String> = HashSet::new();
    let mut agreements = Vec::new();
    for (r, (baa, baa_row)) in results {
        regions += r.regions;
        inventory.coverage.extend(r.coverage);
        inventory.coverage.extend(baa_row);
        agreements.push(baa);
        for res in r.resources {
            push_unique(&mut inventory.resources, &mut seen, res);
        }
    }
    inventory.coverage.sort_by(|a, b| {
        (&a.account, &a.region, &a.service).cmp(&(&b.account, &b.region, &b.service))
    });
    let stats = stats.snapshot(started.elapsed(), targets.len(), regions);
    // Retries are stated because they are throttling or network trouble the account owner
    // may want to know about (a scanner must not starve the account's own automation).
    let retries = stats.http_attempts.saturating_sub(stats.api_calls);
    inventory.source.description = format!(
        "{} AWS account{} ({}), {} region scan{}, {} API calls{} in {:.1} s",
        targets.len(),
        if targets.len() == 1 { "" } else { "s" },
        targets
            .iter()
            .map(|t| t.account.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        regions,
        if regions == 1 { "" } else { "s" },
        stats.api_calls,
        match retries {
            0 => String::new(),
            1 => " (1 retried)".to_string(),
            n => format!(" ({n} retried)"),
        },
        stats.duration.as_secs_f64()
    );
    Ok(Collection {
        inventory,
        stats,
        agreements,
    })
}

/// Adds a resource unless one with the same id is already there. An organisation trail is
/// seen from every member account as well as from its own; of two copies the one with fewer
/// unknown values wins (the owner can read the trail's status, a member may not).
fn push_unique(resources: &mut Vec<Resource>, seen: &mut HashSet<String>, r: Resource) {
    if seen.insert(r.meta().id.clone()) {
        resources.push(r);
    } else if let Some(existing) = resources.iter_mut().find(|e| e.meta().id == r.meta().id) {
        if unknown_count(&r) < unknown_count(existing) {
            *existing = r;
        }
    }
}

fn unknown_count(r: &Resource) -> usize {
    serde_json::to_string(r)
        .map(|s| s.matches("\"$unknown\"").count())
        .unwrap_or(usize::MAX)
}
