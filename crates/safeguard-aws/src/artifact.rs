//! AWS Artifact customer agreements (`artifact:ListCustomerAgreements`): the one AWS API that
//! can show whether the Business Associate Addendum HIPAA requires is in force for an account.
//!
//! Read once per account, from `us-east-1` (Artifact is served from there for the whole
//! commercial partition; other partitions are asked in their home region). The answer is not
//! a resource of the inventory but evidence for the attestation item `baa-signed`, so it is
//! returned next to the inventory in [`Collection::agreements`](crate::Collection) in this
//! crate's own neutral type, [`AccountAgreements`].
//!
//! Why a neutral type rather than `safeguard_attest::BaaEvidence`: this crate is the data
//! layer and depends on the model only; the attestation crate carries the policy of what an
//! agreement proves (which name and state make a BAA, what to do when several accounts
//! disagree). The CLI, which depends on both, converts one into the other. The reverse
//! direction would pull the rule catalog into the collector, or the AWS SDK into every user
//! of attestations.
//!
//! A call that fails (no permission: `artifact:ListCustomerAgreements` is not part of
//! SecurityAudit or ViewOnlyAccess; not offered in the partition; throttled) is
//! [`AccountAgreements::Unavailable`] with the reason: never an empty list, so a denied call
//! can never read as "no BAA" nor as a pass. The BAA item then falls back to the attestation
//! file, which says so in its message.
//!
//! The `artifact` coverage row is `failed` for throttling, timeouts and other trouble, but
//! `skipped` when access is denied. The permission is optional (the recommended managed
//! policies lack it) and the attestation file answers the item without it; a failed row would
//! make every scan under SecurityAudit report itself incomplete (exit code 3) for a check that
//! was in fact made.

use crate::auth::Target;
use crate::error::CallError;
use crate::runtime::{partition_of, ts, Counter, Stats};
use aws_config::Region;
use safeguard_model::{Coverage, CoverageStatus, Timestamp, Unknown, UnknownReason};
use std::sync::Arc;

/// The IAM actions this module calls. Not granted by SecurityAudit or ViewOnlyAccess (the AWS
/// managed policy `AWSArtifactAgreementsReadOnlyAccess` grants it); see
/// docs/aws-permissions.md.
pub const ACTIONS: &[&str] = &["artifact:ListCustomerAgreements"];

const ACTION: &str = "artifact:ListCustomerAgreements";

/// The coverage row name.
pub const SERVICE: &str = "artifact";

/// One customer agreement as AWS Artifact lists it (`CustomerAgreementSummary`). Terms and
/// descriptions are not kept: they are AWS's boilerplate, not evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerAgreement {
    /// `AWS Business Associate Addendum`, `AWS Organizations Business Associate Addendum`...
    pub name: String,
    /// `ACTIVE`, `CUSTOMER_TERMINATED`, `AWS_TERMINATED`.
    pub state: String,
    /// The customer agreement's own ARN (`arn:aws:artifact::<account>:customer-agreement/...`).
    pub arn: String,
    /// The ARN of the AWS agreement it accepts.
    pub agreement_arn: String,
    /// `DEFAULT`, `CUSTOM` or `MODIFIED`.
    pub agreement_type: Option<String>,
    /// The account that accepted it.
    pub aws_account_id: Option<String>,
    /// Set when the agreement was accepted for a whole organization.
    pub organization_arn: Option<String>,
    pub effective_start: Option<Timestamp>,
    pub effective_end: Option<Timestamp>,
}

/// What AWS Artifact said for one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountAgreements {
    /// Every page of `ListCustomerAgreements` was read (the list may be empty).
    Listed {
        account: String,
        agreements: Vec<CustomerAgreement>,
    },
    /// The list could not be read completely; `reason` says why (the detail names the call,
    /// the region and the AWS error code only).
    Unavailable { account: String, reason: Unknown },
}

impl AccountAgreements {
    pub fn account(&self) -> &str {
        match self {
            AccountAgreements::Listed { account, .. } => account,
            AccountAgreements::Unavailable { account, .. } => account,
        }
    }
}

/// The region Artifact is called in for an account whose home region is `home`.
fn artifact_region(home: &str) -> String {
    match partition_of(home) {
        "aws" => "us-east-1".to_string(),
        _ => home.to_string(),
    }
}

/// Reads one account's customer agreements, every page. Returns the answer and, when the
/// account could be entered, its `artifact` coverage row (an account whose role could not be
/// assumed already has a failed `sts` row).
pub(crate) async fn collect(
    target: &Target,
    stats: &Arc<Stats>,
) -> (AccountAgreements, Option<Coverage>) {
    let account = target.account.clone();
    let Some(config) = &target.config else {
        let reason = target.failure.clone().unwrap_or_else(|| {
            Unknown::new(
                UnknownReason::AccessDenied,
                format!("sts:AssumeRole into {account} failed"),
            )
        });
        return (AccountAgreements::Unavailable { account, reason }, None);
    };
    let home = config
        .region()
        .map(|r| r.as_ref().to_string())
        .unwrap_or_else(|| "us-east-1".to_string());
    let region = artifact_region(&home);
    let client = aws_sdk_artifact::Client::from_conf(
        aws_sdk_artifact::config::Builder::from(config)
            .region(Region::new(region.clone()))
            .interceptor(Counter::new(stats.clone(), "artifact"))
            .build(),
    );
    let mut pages = client
        .list_customer_agreements()
        .into_paginator()
        .items()
        .send();
    let mut agreements = Vec::new();
    let mut failure = None;
    while let Some(item) = pages.next().await {
        match item {
            Ok(s) => agreements.push(CustomerAgreement {
                name: s.name().unwrap_or_default().to_string(),
                state: s
                    .state()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
                arn: s.arn().unwrap_or_default().to_string(),
                agreement_arn: s.agreement_arn().unwrap_or_default().to_string(),
                agreement_type: s.r#type().map(|t| t.as_str().to_string()),
                aws_account_id: s.aws_account_id().map(str::to_string),
                organization_arn: s.organization_arn().map(str::to_string),
                effective_start: s.effective_start().and_then(ts),
                effective_end: s.effective_end().and_then(ts),
            }),
            Err(e) => {
                failure = Some(CallError::from_sdk(ACTION, &region, e).unknown);
                break;
            }
        }
    }
    let row = |status| Coverage {
        account: account.clone(),
        region: "global".to_string(),
        service: SERVICE.to_string(),
        file: None,
        status,
    };
    match failure {
        // A partial list is not evidence: the BAA might be on the page that failed.
        Some(reason) => {
            let cov = row(if reason.reason == UnknownReason::AccessDenied {
                CoverageStatus::Skipped(format!(
                    "{ACTION} not granted (optional; the BAA is taken from the attestation file): {}",
                    reason.detail
                ))
            } else {
                CoverageStatus::Failed(reason.clone())
            });
            (
                AccountAgreements::Unavailable { account, reason },
                Some(cov),
            )
        }
        None => {
            let cov = row(CoverageStatus::Ok);
            (
                AccountAgreements::Listed {
                    account,
                    agreements,
                },
                Some(cov),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_is_asked_in_us_east_1_for_the_commercial_partition() {
        assert_eq!(artifact_region("eu-west-1"), "us-east-1");
        assert_eq!(artifact_region("us-east-1"), "us-east-1");
        assert_eq!(artifact_region("us-gov-west-1"), "us-gov-west-1");
        assert_eq!(artifact_region("cn-north-1"), "cn-north-1");
    }
}
