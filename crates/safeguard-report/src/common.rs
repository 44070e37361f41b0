//! What the formats share: which findings are listed and in which order, how a resource is
//! named, and the tool's identity.

use safeguard_engine::{Finding, Report, SectionStatus};
use safeguard_model::Meta;
use safeguard_rules::catalog::Requirement;
use safeguard_rules::{Severity, Status};
use std::cmp::Reverse;

pub const TOOL_NAME: &str = "safeguard";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// Whether a finding is listed: failures and unknowns always, passes and not-applicable
/// outcomes only when asked for.
pub fn is_listed(f: &Finding, show_passes: bool) -> bool {
    show_passes || matches!(f.status, Status::Fail | Status::Unknown)
}

/// Findings in the engine's order (rule id, then inventory order), filtered by [`is_listed`].
pub fn listed<'r>(report: &'r Report, show_passes: bool) -> impl Iterator<Item = &'r Finding> + 'r {
    report
        .findings
        .iter()
        .filter(move |f| is_listed(f, show_passes))
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Fail => 0,
        Status::Unknown => 1,
        Status::Pass => 2,
        Status::NotApplicable => 3,
    }
}

/// Failures and unknowns, most important first: failures before unknowns, then by severity,
/// in-scope before out-of-scope, then the engine's order. The sort is stable, so the order is
/// fully determined by the report.
pub fn actionable_by_importance<'r>(report: &'r Report) -> Vec<&'r Finding> {
    let mut v: Vec<&Finding> = report.actionable().collect();
    v.sort_by_key(|f| {
        (
            status_rank(f.status),
            Reverse(report.severity(f)),
            !f.in_scope,
        )
    });
    v
}

/// Where a waiver was written, as a short word: `file` (a waivers file) or `inline` (next to
/// the resource in Terraform or CloudFormation).
pub fn waiver_kind(w: &safeguard_engine::Waiver) -> &'static str {
    match w.origin {
        safeguard_engine::Origin::File { .. } => "file",
        safeguard_engine::Origin::Inline { .. } => "inline",
    }
}

/// `file:line` of a resource declared in a source file.
pub fn file_line(meta: &Meta) -> Option<String> {
    meta.location
        .as_ref()
        .map(|l| format!("{}:{}", l.file, l.line.max(1)))
}

/// The name a reader looks for: the ARN for live resources, the Terraform address or
/// CloudFormation logical id for infrastructure as code.
pub fn logical_name(meta: &Meta) -> &str {
    match &meta.location {
        Some(l) if !l.address.is_empty() => &l.address,
        _ => &meta.id,
    }
}

/// One line naming a resource: `file:line address` for IaC, the id (ARN) otherwise.
pub fn resource_label(meta: &Meta) -> String {
    match file_line(meta) {
        Some(fl) => format!("{fl} {}", logical_name(meta)),
        None => meta.id.clone(),
    }
}

pub fn requirement_str(r: Requirement) -> &'static str {
    match r {
        Requirement::Required => "required",
        Requirement::Addressable => "addressable",
    }
}

/// A section no rule assesses and no current attestation covers: nothing cites it, or an item
/// citing it is missing, pending or past its expiry. Each needs someone to attest it.
pub fn needs_attestation(status: SectionStatus) -> bool {
    matches!(
        status,
        SectionStatus::NotAssessed
            | SectionStatus::AttestationMissing
            | SectionStatus::AttestationExpired
    )
}

/// How a section's status reads to a person.
pub fn section_status_label(s: SectionStatus) -> &'static str {
    match s {
        SectionStatus::Pass => "pass",
        SectionStatus::Fail => "fail",
        SectionStatus::Unknown => "unknown",
        SectionStatus::NotAssessed => "attest",
        SectionStatus::Attested => "attested",
        SectionStatus::AttestationMissing => "missing",
        SectionStatus::AttestationExpired => "expired",
    }
}

/// How an attestation outcome reads to a person.
pub fn outcome_label(o: safeguard_engine::AttestationOutcome) -> &'static str {
    use safeguard_engine::AttestationOutcome as O;
    match o {
        O::Attested => "attested",
        O::NotApplicable => "not applicable",
        O::AttestationMissing => "missing",
        O::AttestationExpired => "expired",
    }
}

/// Counts of the customer's duties by state (`met`, `partial`, `failing`, `open`) and of
/// the specifications inherited from AWS.
pub fn duty_states(report: &Report) -> [(&'static str, usize); 5] {
    let mut out = [
        ("met", 0),
        ("partial", 0),
        ("failing", 0),
        ("open", 0),
        ("inherited", 0),
    ];
    for s in &report.summary.responsibility.specs {
        if let Some(slot) = out.iter_mut().find(|(k, _)| *k == s.state) {
            slot.1 += 1;
        }
    }
    out
}

/// Who carries a specification, in words.
pub fn owner_label(owner: &str) -> &'static str {
    match owner {
        "aws" => "inherited from AWS",
        "customer" => "customer",
        _ => "shared",
    }
}

pub fn score_str(score: Option<f64>) -> String {
    match score {
        Some(s) => format!("{s:.1}"),
        None => "n/a".to_string(),
    }
}

/// Severities from the most to the least severe.
pub fn severities_desc() -> [Severity; 5] {
    Severity::ALL
}

/// Number of findings that gate the exit code at `fail_on`.
pub fn gating_count(report: &Report, fail_on: Severity) -> usize {
    report
        .findings
        .iter()
        .filter(|f| report.gates(f, fail_on))
        .count()
}

/// What the exit code will be, in words.
pub fn exit_sentence(report: &Report, fail_on: Severity) -> String {
    let gating = gating_count(report, fail_on);
    let code = report.exit_code(fail_on);
    match code {
        safeguard_engine::ExitCode::Findings => format!(
            "exit code 1: {gating} in-scope failure{} at or above {fail_on}",
            if gating == 1 { "" } else { "s" }
        ),
        safeguard_engine::ExitCode::Incomplete => format!(
            "exit code 3: collection incomplete ({} coverage failure{}); nothing at or above {fail_on} failed",
            report.summary.coverage_failures,
            if report.summary.coverage_failures == 1 { "" } else { "s" }
        ),
        safeguard_engine::ExitCode::Clean => format!("exit code 0: nothing at or above {fail_on} failed"),
        safeguard_engine::ExitCode::InputError => "exit code 2".to_string(),
    }
}

/// The detail of a coverage row's status.
pub fn coverage_detail(c: &safeguard_model::Coverage) -> (&'static str, String) {
    match &c.status {
        safeguard_model::CoverageStatus::Ok => ("ok", String::new()),
        safeguard_model::CoverageStatus::Failed(u) => ("failed", u.to_string()),
        safeguard_model::CoverageStatus::Skipped(why) => ("skipped", why.clone()),
    }
}

/// Where a coverage row points: account/region/service, or the file.
pub fn coverage_place(c: &safeguard_model::Coverage) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in [c.account.as_str(), c.region.as_str(), c.service.as_str()] {
        if !p.is_empty() {
            parts.push(p);
        }
    }
    let mut s = parts.join(" / ");
    if let Some(file) = &c.file {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(file);
    }
    s
}
