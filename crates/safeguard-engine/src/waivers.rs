//! Applying waivers to a report: an overlay, never a change of outcome.
//!
//! A waived finding keeps its `fail` or `unknown` status and gains [`Finding::waived`]; it
//! still counts against the score (a waiver accepts a risk, it does not remove it), it is
//! counted apart in [`Summary::waived`](crate::Summary), and it does not gate the exit code.
//! Only failures and unknowns can be waived. When several waivers cover a finding, the
//! first that is in force wins (file order, then inline waivers).
//!
//! Every waiver is reported with its state: `active` (in force and covering at least one
//! open finding), `expired` (past its expiry: the findings it covers are open again), or
//! `stale` (its rule ran but it covers no open finding, so it can go), or `not_run` (its
//! rule was not selected in this scan).

use crate::report::{Finding, Report};
use crate::summary::StatusCounts;
use chrono::NaiveDate;
use safeguard_rules::{Rule, Status};
use serde::Serialize;

pub use safeguard_waivers::{InlineWaiver, Origin, ResourcePattern, Waiver, WaiverError};

/// Index of a waiver in [`Report::waivers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct WaiverRef(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverState {
    Active,
    Expired,
    Stale,
    /// Its rule did not run in this scan (not selected), so it was not judged.
    NotRun,
}

impl WaiverState {
    pub fn as_str(self) -> &'static str {
        match self {
            WaiverState::Active => "active",
            WaiverState::Expired => "expired",
            WaiverState::Stale => "stale",
            WaiverState::NotRun => "not_run",
        }
    }
}

/// One waiver as applied to a report.
#[derive(Clone, Debug)]
pub struct AppliedWaiver {
    pub waiver: Waiver,
    pub state: WaiverState,
    /// Indices into [`Report::findings`] of the open findings it covers: waived by it when
    /// active (unless an earlier waiver took them), re-opened when expired.
    pub findings: Vec<u32>,
}

/// Waiver states, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WaiverCounts {
    pub active: usize,
    pub expired: usize,
    pub stale: usize,
}

/// Rule ids or names in `waivers` that no rule of `catalog` has: a typo in a waiver must be
/// an error, not a waiver that silently never applies.
pub fn unknown_rules<'w>(waivers: &'w [Waiver], catalog: &[&'static dyn Rule]) -> Vec<&'w Waiver> {
    waivers
        .iter()
        .filter(|w| {
            !catalog.iter().any(|r| {
                r.meta().id.eq_ignore_ascii_case(&w.rule)
                    || r.meta().name.eq_ignore_ascii_case(&w.rule)
            })
        })
        .collect()
}

/// Applies `waivers` to `report` as of `today` (the day expiries are judged against,
/// normally the evaluation date), replacing any earlier overlay.
pub fn apply_waivers(report: &mut Report<'_>, waivers: Vec<Waiver>, today: NaiveDate) {
    for f in &mut report.findings {
        f.waived = None;
    }
    let mut applied: Vec<AppliedWaiver> = waivers
        .into_iter()
        .map(|waiver| {
            let state = if waiver.is_expired(today) {
                WaiverState::Expired
            } else {
                WaiverState::Active
            };
            AppliedWaiver {
                waiver,
                state,
                findings: Vec::new(),
            }
        })
        .collect();
    let mut rule_ran = vec![false; applied.len()];

    for (wi, a) in applied.iter_mut().enumerate() {
        rule_ran[wi] = report.rules.iter().any(|r| {
            let m = r.meta();
            m.id.eq_ignore_ascii_case(&a.waiver.rule) || m.name.eq_ignore_ascii_case(&a.waiver.rule)
        });
    }

    let inventory = report.inventory;
    let rules = &report.rules;
    for (fi, f) in report.findings.iter_mut().enumerate() {
        if !matches!(f.status, Status::Fail | Status::Unknown) {
            continue;
        }
        let meta = rules[f.rule as usize].meta();
        let res = inventory.resources[f.resource as usize].meta();
        let address = res
            .location
            .as_ref()
            .map(|l| l.address.as_str())
            .unwrap_or("");
        let keys = [res.id.as_str(), address];
        for (wi, a) in applied.iter_mut().enumerate() {
            if a.waiver.covers(meta.id, meta.name, &keys) {
                a.findings.push(fi as u32);
                if a.state == WaiverState::Active && f.waived.is_none() {
                    f.waived = Some(WaiverRef(wi as u32));
                }
            }
        }
    }

    for (a, ran) in applied.iter_mut().zip(rule_ran) {
        if a.state == WaiverState::Active && a.findings.is_empty() {
            a.state = if ran {
                WaiverState::Stale
            } else {
                WaiverState::NotRun
            };
        }
    }

    let mut waived = StatusCounts::default();
    for f in report
        .findings
        .iter()
        .filter(|f| f.in_scope && f.waived.is_some())
    {
        waived.add(f.status);
    }
    report.summary.waived = waived;
    report.summary.waivers = WaiverCounts {
        active: applied
            .iter()
            .filter(|a| a.state == WaiverState::Active)
            .count(),
        expired: applied
            .iter()
            .filter(|a| a.state == WaiverState::Expired)
            .count(),
        stale: applied
            .iter()
            .filter(|a| a.state == WaiverState::Stale)
            .count(),
    };
    report.waivers = applied;
}

impl Report<'_> {
    /// The waiver a finding is waived by, if any.
    pub fn waiver(&self, f: &Finding) -> Option<&AppliedWaiver> {
        f.waived.map(|r| &self.waivers[r.0 as usize])
    }

    /// Failures and unknowns under an active waiver.
    pub fn waived(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.waived.is_some())
    }

    /// Failures and unknowns not under an active waiver.
    pub fn open(&self) -> impl Iterator<Item = &Finding> {
        self.actionable().filter(|f| f.waived.is_none())
    }
}
