//! Attestations in the report: the section roll-up (a section no rule assesses becomes
//! `attested`, `attestation_missing` or `attestation_expired`), the readiness score, and the
//! shared responsibility view. Recomputed from the findings by [`Report::set_attestations`],
//! so it stays right after anything else adjusts the report.

use crate::report::Report;
use crate::responsibility;
use crate::summary::{SectionStatus, StatusCounts};
use safeguard_attest::{AttestationSet, Outcome};
use safeguard_rules::catalog::Family;
use serde::Serialize;

/// An attestation item citing a section, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionAttestation {
    pub id: String,
    pub outcome: Outcome,
}

/// Attestation outcomes of the report, by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AttestationCounts {
    pub attested: usize,
    pub not_applicable: usize,
    pub attestation_missing: usize,
    pub attestation_expired: usize,
    /// Met, but expiring within 30 days.
    pub expiring_soon: usize,
}

/// Readiness of one safeguard family.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FamilyReadiness {
    pub family: Family,
    /// 0–100.
    pub score: f64,
    /// Sections fully met (every rule passing, every attestation current).
    pub met: usize,
    pub sections: usize,
}

/// How ready the estate is for an audit: per HIPAA specification a credit from 0 to 1, the
/// mean of its automated part (share of passing in-scope outcomes of the rules citing it) and
/// its attested part (share of citing attestation items met); a section with neither part has
/// no credit. Family and overall scores are the mean credit of their sections, times 100.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Readiness {
    pub score: f64,
    pub met: usize,
    pub sections: usize,
    pub families: Vec<FamilyReadiness>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn base_status(c: &StatusCounts) -> SectionStatus {
    if c.fail > 0 {
        SectionStatus::Fail
    } else if c.unknown > 0 {
        SectionStatus::Unknown
    } else if c.pass > 0 {
        SectionStatus::Pass
    } else {
        SectionStatus::NotAssessed
    }
}

/// The roll-up of several items' outcomes: missing before expired before met.
pub fn rolled_up(outcomes: impl IntoIterator<Item = Outcome>) -> Option<Outcome> {
    let mut any = None;
    for o in outcomes {
        any = Some(match (any, o) {
            (Some(Outcome::AttestationMissing), _) | (_, Outcome::AttestationMissing) => {
                Outcome::AttestationMissing
            }
            (Some(Outcome::AttestationExpired), _) | (_, Outcome::AttestationExpired) => {
                Outcome::AttestationExpired
            }
            (Some(Outcome::Attested), _) | (_, Outcome::Attested) => Outcome::Attested,
            _ => Outcome::NotApplicable,
        });
    }
    any
}

impl<'a> Report<'a> {
    /// Sets (or clears) the evaluated attestations and recomputes what depends on them: the
    /// section statuses, the readiness score and the shared responsibility view.
    pub fn set_attestations(&mut self, attestations: Option<AttestationSet>) {
        self.attestations = attestations;
        refresh(self);
    }
}

/// Recomputes the attestation-dependent parts of the summary.
pub(crate) fn refresh(report: &mut Report) {
    let set = report.attestations.as_ref();
    let mut readiness = Readiness::default();
    for fam in &mut report.summary.families {
        let mut credit_sum = 0.0;
        let mut met = 0;
        for sec in &mut fam.sections {
            sec.attestations = set
                .map(|s| {
                    s.citing(&sec.id)
                        .map(|r| SectionAttestation {
                            id: r.id.clone(),
                            outcome: r.outcome,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let base = base_status(&sec.counts);
            let attested = rolled_up(sec.attestations.iter().map(|a| a.outcome));
            sec.status = match (base, attested) {
                (SectionStatus::NotAssessed, Some(Outcome::Attested | Outcome::NotApplicable)) => {
                    SectionStatus::Attested
                }
                (SectionStatus::NotAssessed, Some(Outcome::AttestationExpired)) => {
                    SectionStatus::AttestationExpired
                }
                (SectionStatus::NotAssessed, Some(Outcome::AttestationMissing)) => {
                    SectionStatus::AttestationMissing
                }
                (b, _) => b,
            };
            let judged = sec.counts.pass + sec.counts.fail + sec.counts.unknown;
            let mut parts = Vec::new();
            if judged > 0 {
                parts.push(sec.counts.pass as f64 / judged as f64);
            }
            if !sec.attestations.is_empty() {
                let ok = sec
                    .attestations
                    .iter()
                    .filter(|a| a.outcome.is_met())
                    .count();
                parts.push(ok as f64 / sec.attestations.len() as f64);
            }
            let credit = if parts.is_empty() {
                0.0
            } else {
                parts.iter().sum::<f64>() / parts.len() as f64
            };
            if credit >= 1.0 {
                met += 1;
            }
            credit_sum += credit;
        }
        let n = fam.sections.len();
        readiness.families.push(FamilyReadiness {
            family: fam.family,
            score: if n == 0 {
                0.0
            } else {
                round1(credit_sum / n as f64 * 100.0)
            },
            met,
            sections: n,
        });
        readiness.met += met;
        readiness.sections += n;
        readiness.score += credit_sum;
    }
    readiness.score = if readiness.sections == 0 {
        0.0
    } else {
        round1(readiness.score / readiness.sections as f64 * 100.0)
    };
    report.summary.readiness = readiness;
    report.summary.attestations = set.map(|s| AttestationCounts {
        attested: s.count(Outcome::Attested),
        not_applicable: s.count(Outcome::NotApplicable),
        attestation_missing: s.count(Outcome::AttestationMissing),
        attestation_expired: s.count(Outcome::AttestationExpired),
        expiring_soon: s.results.iter().filter(|r| r.expiring_soon).count(),
    });
    report.summary.responsibility = responsibility::build(report);
}
