//! `scan --aws`: live, read-only collection from AWS accounts into an inventory.

use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use safeguard_aws::{CollectOptions, RegionChoice, RetryMode};
use safeguard_model::Inventory;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(next_help_heading = "Live AWS collection")]
pub struct AwsArgs {
    /// Collect the configuration of live AWS accounts (read-only; see
    /// permissions/safeguard-readonly-policy.json for every action called).
    #[arg(long)]
    pub aws: bool,

    /// Named profile of the shared AWS config/credentials files.
    #[arg(long, value_name = "NAME", requires = "aws")]
    pub profile: Option<String>,

    /// `all` (every region enabled for the account) or a comma-separated list.
    #[arg(
        long,
        value_name = "all|R1,R2",
        default_value = "all",
        requires = "aws"
    )]
    pub regions: String,

    /// Assume this role before scanning.
    #[arg(long, value_name = "ARN", requires = "aws")]
    pub role_arn: Option<String>,

    /// ExternalId for --role-arn and --org-role.
    #[arg(long, value_name = "ID", requires = "aws")]
    pub external_id: Option<String>,

    /// Scan every ACTIVE account of the AWS Organization (needs --org-role).
    #[arg(long, requires_all = ["aws", "org_role"])]
    pub org: bool,

    /// Role name assumed in each member account with --org.
    #[arg(long, value_name = "NAME", requires = "org")]
    pub org_role: Option<String>,

    /// Send every AWS request to this endpoint (an emulator such as moto); AWS_ENDPOINT_URL
    /// is honoured too.
    #[arg(long, value_name = "URL", requires = "aws")]
    pub endpoint_url: Option<String>,

    /// API calls in flight per account, region and service.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "aws")]
    pub concurrency: usize,

    /// Time budget of one API call including its retries, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, requires = "aws")]
    pub call_timeout: u64,

    /// SDK retry strategy.
    #[arg(long, value_enum, default_value_t = RetryChoice::Standard, requires = "aws")]
    pub retry_mode: RetryChoice,

    /// Attempts per call including the first.
    #[arg(long, value_name = "N", default_value_t = 6, requires = "aws")]
    pub max_attempts: u32,

    /// Write the collected inventory to FILE, to re-evaluate it offline with --inventory.
    #[arg(long, value_name = "FILE", requires = "aws")]
    pub save_inventory: Option<PathBuf>,

    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RetryChoice {
    Standard,
    Adaptive,
}

/// Collects the accounts the arguments name. Fatal problems (no credentials, an identity
/// check that fails) are errors; everything the collector could not read is recorded in the
/// inventory's coverage table and as unknown values.
pub fn collect(args: &AwsArgs) -> anyhow::Result<Inventory> {
    let regions = match args.regions.trim() {
        "" | "all" => RegionChoice::All,
        list => {
            let regions: Vec<String> = list
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            if regions.is_empty() {
                bail!("--regions: expected `all` or a comma-separated list of regions");
            }
            RegionChoice::List(regions)
        }
    };
    let options = CollectOptions {
        profile: args.profile.clone(),
        regions,
        role_arn: args.role_arn.clone(),
        external_id: args.external_id.clone(),
        org_role: if args.org {
            args.org_role.clone()
        } else {
            None
        },
        endpoint_url: args.endpoint_url.clone(),
        concurrency: args.concurrency.max(1),
        call_timeout: Duration::from_secs(args.call_timeout.max(1)),
        progress: !args.quiet,
        retry_mode: match args.retry_mode {
            RetryChoice::Standard => RetryMode::Standard,
            RetryChoice::Adaptive => RetryMode::Adaptive,
        },
        max_attempts: args.max_attempts.max(1),
        ..CollectOptions::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let inventory = runtime.block_on(safeguard_aws::collect(&options))?;
    if let Some(path) = &args.save_inventory {
        std::fs::write(path, inventory.to_json())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(inventory)
}
