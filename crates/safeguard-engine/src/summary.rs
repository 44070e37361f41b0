//! Roll-ups: counts, a severity-weighted score, and status per HIPAA section and family.
//!
//! Section status follows the usual compliance roll-up: `fail` if any in-scope finding of a
//! rule citing it fails; else `unknown` if any is unknown; else `pass` if any passes; else
//! `not_assessed` (no automated rule could judge it: it needs an attestation).
//!
//! The score is the severity-weighted share of passing in-scope outcomes among those that
//! passed, failed or stayed unknown (critical 10, high 5, medium 3, low 1, info 0). Unknown
//! counts against the score: what could not be seen was not shown to be safe.

use crate::report::Finding;
use crate::waivers::WaiverCounts;
use safeguard_rules::catalog::{hipaa, Family, Requirement};
use safeguard_rules::{Rule, Severity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub pass: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub unknown: usize,
}

impl StatusCounts {
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Unknown => self.unknown += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.pass + self.fail + self.not_applicable + self.unknown
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    Pass,
    Fail,
    Unknown,
    NotAssessed,
    /// No rule assesses it; the attestations citing it are all met.
    Attested,
    /// No rule assesses it; an attestation citing it is missing or pending.
    AttestationMissing,
    /// No rule assesses it; an attestation citing it is past its expiry.
    AttestationExpired,
}

impl SectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionStatus::Pass => "pass",
            SectionStatus::Fail => "fail",
            SectionStatus::Unknown => "unknown",
            SectionStatus::NotAssessed => "not_assessed",
            SectionStatus::Attested => "attested",
            SectionStatus::AttestationMissing => "attestation_missing",
            SectionStatus::AttestationExpired => "attestation_expired",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionSummary {
    pub id: String,
    pub title: String,
    pub requirement: Requirement,
    pub status: SectionStatus,
    pub counts: StatusCounts,
    /// Ids of the rules (that ran) citing this section.
    pub rules: Vec<&'static str>,
    /// Attestation items citing this section (when attestations were evaluated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attestations: Vec<crate::attestations::SectionAttestation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FamilySummary {
    pub family: Family,
    pub heading: &'static str,
    /// 0–100, `None` when nothing in the family was assessed.
    pub score: Option<f64>,
    pub counts: StatusCounts,
    pub sections: Vec<SectionSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub resources: usize,
    pub rules: usize,
    /// In-scope outcomes.
    pub counts: StatusCounts,
    pub out_of_scope: StatusCounts,
    pub score: Option<f64>,
    /// In-scope failures per severity.
    pub fails_by_severity: BTreeMap<Severity, usize>,
    /// In-scope failures per AWS service.
    pub fails_by_service: BTreeMap<&'static str, usize>,
    pub families: Vec<FamilySummary>,
    /// Collection or parsing failed somewhere (coverage rows), so the result is partial.
    pub incomplete: bool,
    pub coverage_failures: usize,
    /// Audit readiness over every specification: rules and attestations together.
    pub readiness: crate::attestations::Readiness,
    /// Attestation outcomes (when attestations were evaluated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attestations: Option<crate::attestations::AttestationCounts>,
    /// Who carries each specification in this estate, and how the customer's part is met.
    pub responsibility: crate::responsibility::Responsibility,
    /// In-scope failures and unknowns under an active waiver, by status. They are included
    /// in `counts` and the score as what they are (a waiver is never a pass).
    pub waived: StatusCounts,
    pub waivers: WaiverCounts,
}

fn weight(s: Severity) -> f64 {
    match s {
        Severity::Critical => 10.0,
        Severity::High => 5.0,
        Severity::Medium => 3.0,
        Severity::Low => 1.0,
        Severity::Info => 0.0,
    }
}

#[derive(Default, Clone, Copy)]
struct Weighted {
    passed: f64,
    total: f64,
}

impl Weighted {
    fn add(&mut self, status: Status, w: f64) {
        match status {
            Status::Pass => {
                self.passed += w;
                self.total += w;
            }
            Status::Fail | Status::Unknown => self.total += w,
            Status::NotApplicable => {}
        }
    }

    fn score(self) -> Option<f64> {
        (self.total > 0.0).then(|| (self.passed / self.total * 1000.0).round() / 10.0)
    }
}

pub(crate) fn summarise(
    rules: &[&'static dyn Rule],
    findings: &[Finding],
    resources: usize,
    coverage_failures: usize,
    kind_of: impl Fn(u32) -> &'static str,
) -> Summary {
    let catalog = hipaa();
    let mut counts = StatusCounts::default();
    let mut out_of_scope = StatusCounts::default();
    let mut overall = Weighted::default();
    let mut fails_by_severity = BTreeMap::new();
    let mut fails_by_service: BTreeMap<&'static str, usize> = BTreeMap::new();
    // Per rule: in-scope status counts, rolled into sections afterwards.
    let mut per_rule = vec![StatusCounts::default(); rules.len()];

    for f in findings {
        if !f.in_scope {
            out_of_scope.add(f.status);
            continue;
        }
        let rule = rules[f.rule as usize];
        counts.add(f.status);
        per_rule[f.rule as usize].add(f.status);
        overall.add(f.status, weight(rule.meta().severity));
        if f.status == Status::Fail {
            *fails_by_severity.entry(rule.meta().severity).or_insert(0) += 1;
            *fails_by_service.entry(kind_of(f.resource)).or_insert(0) += 1;
        }
    }

    let families = Family::ALL
        .into_iter()
        .map(|family| {
            let mut fam_counts = StatusCounts::default();
            let mut fam_weight = Weighted::default();
            let sections = catalog
                .in_family(family)
                .map(|spec| {
                    let mut c = StatusCounts::default();
                    let mut cited = Vec::new();
                    for (i, rule) in rules.iter().enumerate() {
                        if rule.meta().hipaa.contains(&spec.id.as_str()) {
                            cited.push(rule.meta().id);
                            let rc = per_rule[i];
                            c.pass += rc.pass;
                            c.fail += rc.fail;
                            c.unknown += rc.unknown;
                            c.not_applicable += rc.not_applicable;
                            let w = weight(rule.meta().severity);
                            fam_weight.passed += w * rc.pass as f64;
                            fam_weight.total += w * (rc.pass + rc.fail + rc.unknown) as f64;
                        }
                    }
                    fam_counts.pass += c.pass;
                    fam_counts.fail += c.fail;
                    fam_counts.unknown += c.unknown;
                    fam_counts.not_applicable += c.not_applicable;
                    let status = if c.fail > 0 {
                        SectionStatus::Fail
                    } else if c.unknown > 0 {
                        SectionStatus::Unknown
                    } else if c.pass > 0 {
                        SectionStatus::Pass
                    } else {
                        SectionStatus::NotAssessed
                    };
                    SectionSummary {
                        id: spec.id.clone(),
                        title: spec.title.clone(),
                        requirement: spec.requirement,
                        status,
                        counts: c,
                        rules: cited,
                        attestations: Vec::new(),
                    }
                })
                .collect();
            FamilySummary {
                family,
                heading: family.heading(),
                score: fam_weight.score(),
                counts: fam_counts,
                sections,
            }
        })
        .collect();

    Summary {
        resources,
        rules: rules.len(),
        counts,
        out_of_scope,
        score: overall.score(),
        fails_by_severity,
        fails_by_service,
        families,
        incomplete: coverage_failures > 0,
        coverage_failures,
        readiness: Default::default(),
        attestations: None,
        responsibility: Default::default(),
        waived: StatusCounts::default(),
        waivers: WaiverCounts::default(),
    }
}
