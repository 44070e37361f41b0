//! The result of an evaluation: every outcome, tied to its rule and resource by index so
//! a million-resource report stays compact.

use crate::summary::Summary;
use crate::waivers::{AppliedWaiver, WaiverRef};
use safeguard_model::{Inventory, Resource, Timestamp, UnknownReason};
use safeguard_rules::{Rule, Settings, Severity, Status};
use std::borrow::Cow;
use std::time::Duration;

/// One rule's outcome on one resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Index into [`Report::rules`].
    pub rule: u32,
    /// Index into the inventory's resources.
    pub resource: u32,
    pub status: Status,
    pub message: Cow<'static, str>,
    pub unknown: Option<UnknownReason>,
    /// The resource is where PHI lives (see `Scope`); out-of-scope findings are informational.
    pub in_scope: bool,
    /// The active waiver covering this failure or unknown (see `apply_waivers`).
    pub waived: Option<WaiverRef>,
}

/// Process exit codes, documented in `safeguard --help` and the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// Nothing at or above the `--fail-on` threshold, and the input was complete.
    Clean = 0,
    /// In-scope failures at or above the threshold.
    Findings = 1,
    /// Usage or input error (reported by the CLI, never by the engine).
    InputError = 2,
    /// Collection or parsing was incomplete, and no finding already demands 1.
    Incomplete = 3,
}

pub struct Report<'a> {
    pub inventory: &'a Inventory,
    /// The rules that ran, sorted by id.
    pub rules: Vec<&'static dyn Rule>,
    /// Sorted by rule, then by the resource's position in the inventory.
    pub findings: Vec<Finding>,
    pub settings: Settings,
    /// True when a scope was given (otherwise every resource is in scope).
    pub scoped: bool,
    /// Wall-clock time of the evaluation (not part of any fingerprint).
    pub evaluated_at: Timestamp,
    pub duration: Duration,
    pub summary: Summary,
    /// Evaluated attestations (`None` when no attestation file was given); set with
    /// [`Report::set_attestations`], which also updates the summary.
    pub attestations: Option<safeguard_attest::AttestationSet>,
    /// Waivers applied to the findings, with their state (empty when none were given).
    pub waivers: Vec<AppliedWaiver>,
}

impl<'a> Report<'a> {
    pub fn rule(&self, f: &Finding) -> &'static dyn Rule {
        self.rules[f.rule as usize]
    }

    pub fn resource(&self, f: &Finding) -> &'a Resource {
        &self.inventory.resources[f.resource as usize]
    }

    pub fn severity(&self, f: &Finding) -> Severity {
        self.rule(f).meta().severity
    }

    /// Stable identity of the finding across scans.
    pub fn fingerprint(&self, f: &Finding) -> String {
        crate::fingerprint(self.rule(f).meta().id, &self.resource(f).meta().id)
    }

    /// Findings worth showing: failures and unknowns, in scope first.
    pub fn actionable(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| matches!(f.status, Status::Fail | Status::Unknown))
    }

    /// True when this finding alone makes the scan exit 1 at threshold `fail_on`. Waived
    /// findings never do.
    pub fn gates(&self, f: &Finding, fail_on: Severity) -> bool {
        f.in_scope && f.status == Status::Fail && f.waived.is_none() && self.severity(f) >= fail_on
    }

    pub fn exit_code(&self, fail_on: Severity) -> ExitCode {
        if self.findings.iter().any(|f| self.gates(f, fail_on)) {
            ExitCode::Findings
        } else if self.summary.incomplete {
            ExitCode::Incomplete
        } else {
            ExitCode::Clean
        }
    }
}
