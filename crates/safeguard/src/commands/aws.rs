//! `scan --aws`: live, read-only collection from AWS accounts into an inventory.

use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use safeguard_attest::{ArtifactAgreement, BaaEvidence};
use safeguard_aws::{AccountAgreements, CollectOptions, RegionChoice, RetryMode};
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

/// What a live scan yields: the inventory, and per account what AWS Artifact says about the
/// BAA (evidence for the attestation evaluation, not part of the inventory).
pub struct Live {
    pub inventory: Inventory,
    pub baa: Vec<BaaEvidence>,
}

/// The collector's AWS Artifact answers as attestation evidence. The collector returns them in
/// its own type (it depends on the model only); what an agreement proves is decided by
/// `safeguard_attest`. Both meet here, in the one crate that depends on both.
pub fn baa_evidence(agreements: &[AccountAgreements]) -> Vec<BaaEvidence> {
    agreements
        .iter()
        .map(|a| match a {
            AccountAgreements::Listed {
                account,
                agreements,
            } => BaaEvidence::Artifact {
                account: account.clone(),
                agreements: agreements
                    .iter()
                    .map(|g| ArtifactAgreement {
                        name: g.name.clone(),
                        state: g.state.clone(),
                        agreement_arn: g.agreement_arn.clone(),
                        organization_arn: g.organization_arn.clone(),
                        effective_start: g.effective_start,
                    })
                    .collect(),
            },
            AccountAgreements::Unavailable { account, reason } => BaaEvidence::Unavailable {
                account: account.clone(),
                reason: if reason.detail.is_empty() {
                    reason.reason.to_string()
                } else {
                    format!("{}: {}", reason.reason, reason.detail)
                },
            },
        })
        .collect()
}

/// Collects the accounts the arguments name. Fatal problems (no credentials, an identity
/// check that fails) are errors; everything the collector could not read is recorded in the
/// inventory's coverage table and as unknown values.
pub fn collect(args: &AwsArgs) -> anyhow::Result<Live> {
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
    let collection = runtime.block_on(safeguard_aws::collect_with_stats(&options))?;
    let inventory = collection.inventory;
    if let Some(path) = &args.save_inventory {
        std::fs::write(path, inventory.to_json())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Live {
        inventory,
        baa: baa_evidence(&collection.agreements),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use safeguard_attest::{evaluate, AttestationFile, Outcome, Source};
    use safeguard_aws::CustomerAgreement;
    use safeguard_model::{Unknown, UnknownReason};

    fn baa(state: &str) -> CustomerAgreement {
        CustomerAgreement {
            name: "AWS Business Associate Addendum".into(),
            state: state.into(),
            arn: "arn:aws:artifact::111122223333:customer-agreement/ca-1".into(),
            agreement_arn: "arn:aws:artifact:::agreement/agreement-1".into(),
            agreement_type: Some("DEFAULT".into()),
            aws_account_id: Some("111122223333".into()),
            organization_arn: None,
            effective_start: Some("2025-01-01T00:00:00Z".parse().unwrap()),
            effective_end: None,
        }
    }

    #[test]
    fn artifact_answers_become_the_baa_items_outcome_and_source() {
        let file = AttestationFile::parse(
            "version: 1\nitems:\n  - id: baa-signed\n    status: pending\n",
            "a.yaml",
        )
        .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let judge = |agreements: &[AccountAgreements]| {
            let set = evaluate(Some((&file, "a.yaml")), day, &baa_evidence(agreements));
            let r = set.get("baa-signed").unwrap().clone();
            (r.outcome, r.source, r.message)
        };

        let active = [AccountAgreements::Listed {
            account: "111122223333".into(),
            agreements: vec![baa("ACTIVE")],
        }];
        let (outcome, source, _) = judge(&active);
        assert_eq!((outcome, source), (Outcome::Attested, Source::AwsArtifact));

        let terminated = [AccountAgreements::Listed {
            account: "111122223333".into(),
            agreements: vec![baa("CUSTOMER_TERMINATED")],
        }];
        let (outcome, source, message) = judge(&terminated);
        assert_eq!(
            (outcome, source),
            (Outcome::AttestationMissing, Source::Attestation)
        );
        assert!(message.contains("no active"), "{message}");

        let denied = [AccountAgreements::Unavailable {
            account: "111122223333".into(),
            reason: Unknown::new(
                UnknownReason::AccessDenied,
                "artifact:ListCustomerAgreements in us-east-1: AccessDeniedException",
            ),
        }];
        let (outcome, source, message) = judge(&denied);
        assert_eq!(
            (outcome, source),
            (Outcome::AttestationMissing, Source::Attestation)
        );
        assert!(
            message.contains(
                "(access_denied: artifact:ListCustomerAgreements in us-east-1: AccessDeniedException)"
            ),
            "{message}"
        );
    }
}
