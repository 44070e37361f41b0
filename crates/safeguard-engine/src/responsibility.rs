//! The shared responsibility matrix of a report: for every HIPAA specification, who carries it
//! given the service categories the inventory actually uses (infrastructure, container,
//! abstracted), and for the customer's part how it is met: checked by rules (with their
//! status), attested by items (with outcome and expiry), or open.

use crate::report::Report;
use crate::summary::StatusCounts;
use safeguard_attest::Outcome;
use safeguard_rules::catalog::shared_responsibility::{Evidence, Owner};
use safeguard_rules::catalog::{hipaa, shared_responsibility, Category, Family};
use serde::Serialize;
use std::collections::BTreeMap;

/// A service category the inventory uses, with its resource count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryUse {
    pub category: &'static str,
    pub name: String,
    pub resources: usize,
    /// What AWS carries in this category.
    pub aws: Vec<String>,
    /// The customer's duties in this category and how safeguard establishes each
    /// (`rules`, `attestation`, `rules_and_attestation`).
    pub customer: Vec<CategoryDuty>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryDuty {
    pub duty: String,
    pub evidence: &'static str,
}

/// A rule that checks a specification, and how it fared (in-scope outcomes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCheck {
    pub id: &'static str,
    /// `fail`, `unknown`, `pass` or `not_applicable` (the worst in-scope outcome), or
    /// `not_evaluated` when no resource of its type was in the inventory.
    pub status: &'static str,
    pub counts: StatusCounts,
}

/// An attestation item that covers a specification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttestationCheck {
    pub id: String,
    pub outcome: Outcome,
    pub source: safeguard_attest::Source,
    pub owner: String,
    pub expires: Option<safeguard_attest::Date>,
}

/// Who carries one specification in this estate, and how the customer's part is met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpecDuty {
    pub id: String,
    pub title: String,
    pub family: Family,
    /// `aws` (inherited), `customer` or `shared`, over the categories in use: the same owner
    /// everywhere, or `shared` when categories differ.
    pub owner: &'static str,
    /// The owner in each category in use, where it differs from the specification's default.
    pub by_category: BTreeMap<&'static str, &'static str>,
    pub note: String,
    /// How safeguard establishes the customer's part: `rules`, `attestation`,
    /// `rules_and_attestation` or `aws_reports`.
    pub evidence: &'static str,
    pub rules: Vec<RuleCheck>,
    pub attestations: Vec<AttestationCheck>,
    /// `inherited` (AWS carries it; its reports are the evidence), `met`, `partial` (part
    /// checked or attested, part not), `failing` (a rule fails) or `open` (nothing shows it).
    pub state: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Responsibility {
    pub categories: Vec<CategoryUse>,
    pub specs: Vec<SpecDuty>,
}

fn evidence_str(e: Evidence) -> &'static str {
    e.as_str()
}

fn worst(c: &StatusCounts) -> &'static str {
    if c.fail > 0 {
        "fail"
    } else if c.unknown > 0 {
        "unknown"
    } else if c.pass > 0 {
        "pass"
    } else if c.not_applicable > 0 {
        "not_applicable"
    } else {
        "not_evaluated"
    }
}

pub(crate) fn build(report: &Report) -> Responsibility {
    let model = shared_responsibility();
    // Categories in use.
    let mut counts: BTreeMap<Category, usize> = BTreeMap::new();
    for r in &report.inventory.resources {
        if let Some(c) = model.category_of(r.kind()) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    let in_use: Vec<Category> = counts.keys().copied().collect();
    let categories = counts
        .iter()
        .map(|(c, n)| {
            let info = model.category(*c);
            CategoryUse {
                category: c.as_str(),
                name: info.name.clone(),
                resources: *n,
                aws: info.aws.clone(),
                customer: info
                    .customer
                    .iter()
                    .map(|d| CategoryDuty {
                        duty: d.duty.clone(),
                        evidence: evidence_str(d.evidence),
                    })
                    .collect(),
            }
        })
        .collect();

    // In-scope outcomes per rule.
    let mut per_rule = vec![StatusCounts::default(); report.rules.len()];
    for f in report.findings.iter().filter(|f| f.in_scope) {
        per_rule[f.rule as usize].add(f.status);
    }

    let specs = hipaa()
        .spec
        .iter()
        .filter_map(|spec| {
            let sr = model.spec(&spec.id)?;
            let owners: Vec<(Category, Owner, &str)> = if in_use.is_empty() {
                Vec::new()
            } else {
                in_use
                    .iter()
                    .map(|c| {
                        let (o, note) = sr.in_category(Some(*c));
                        (*c, o, note)
                    })
                    .collect()
            };
            let owner = match owners.first() {
                None => sr.owner,
                Some((_, first, _)) if owners.iter().all(|(_, o, _)| o == first) => *first,
                Some(_) => Owner::Shared,
            };
            let note = match owners.first() {
                Some((_, _, n)) if owners.iter().all(|(_, _, x)| x == n) => n.to_string(),
                _ => sr.note.clone(),
            };
            let by_category = owners
                .iter()
                .filter(|(_, o, _)| *o != sr.owner)
                .map(|(c, o, _)| (c.as_str(), o.as_str()))
                .collect();
            let rules: Vec<RuleCheck> = report
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.meta().hipaa.contains(&spec.id.as_str()))
                .map(|(i, r)| RuleCheck {
                    id: r.meta().id,
                    status: worst(&per_rule[i]),
                    counts: per_rule[i],
                })
                .collect();
            let attestations: Vec<AttestationCheck> = report
                .attestations
                .as_ref()
                .map(|s| {
                    s.citing(&spec.id)
                        .map(|a| AttestationCheck {
                            id: a.id.clone(),
                            outcome: a.outcome,
                            source: a.source,
                            owner: a.owner.clone(),
                            expires: a.expires,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let state = state(owner, &rules, &attestations);
            Some(SpecDuty {
                id: spec.id.clone(),
                title: spec.title.clone(),
                family: spec.family,
                owner: owner.as_str(),
                by_category,
                note,
                evidence: evidence_str(sr.evidence),
                rules,
                attestations,
                state,
            })
        })
        .collect();
    Responsibility { categories, specs }
}

fn state(owner: Owner, rules: &[RuleCheck], atts: &[AttestationCheck]) -> &'static str {
    if rules.iter().any(|r| r.status == "fail") {
        return "failing";
    }
    let rules_ok = rules.iter().any(|r| r.status == "pass")
        && rules
            .iter()
            .all(|r| matches!(r.status, "pass" | "not_applicable" | "not_evaluated"));
    let rules_partial = rules.iter().any(|r| r.status == "unknown");
    let att_ok = !atts.is_empty() && atts.iter().all(|a| a.outcome.is_met());
    let att_some = atts.iter().any(|a| a.outcome.is_met());
    let att_open = atts.iter().any(|a| !a.outcome.is_met());
    if owner == Owner::Aws {
        return "inherited";
    }
    match (
        rules_ok || att_ok || att_some || rules_partial,
        rules_partial || att_open,
    ) {
        (false, _) => "open",
        (true, true) => "partial",
        (true, false) => "met",
    }
}
