//! Drift between two scans: new, fixed and still-open findings, and changed resources.

use crate::model::{ResourceDigest, RuleOutcome, ScanMeta, StoredFinding};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What changed from scan `from` to scan `to`.
#[derive(Clone, Debug, Serialize)]
pub struct Drift {
    pub from: ScanMeta,
    pub to: ScanMeta,
    /// `to.score - from.score`, when both have one.
    pub score_change: Option<f64>,
    /// Failures and unknowns in `to` that `from` did not have.
    pub new: Vec<StoredFinding>,
    /// Failures and unknowns of `from` that `to` no longer has, and why.
    pub fixed: Vec<Fixed>,
    /// In both scans; `change` says what moved (status, waiver), if anything.
    pub still_open: Vec<StillOpen>,
    pub changed_resources: Vec<ResourceChange>,
}

/// The sizes of a [`Drift`], without its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DriftCounts {
    pub score_change: Option<f64>,
    pub new: u64,
    pub fixed: u64,
    pub still_open: u64,
    /// Of `still_open`, those whose status, waiver or scope moved.
    pub still_open_changed: u64,
    /// Added, removed and modified resources.
    pub changed_resources: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fixed {
    /// The finding as it was in the earlier scan.
    pub finding: StoredFinding,
    pub how: FixedHow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixedHow {
    /// The rule ran on the resource and no longer fails (or is unknown).
    Resolved,
    /// The resource is gone from the inventory.
    ResourceRemoved,
    /// The rule did not run in the later scan (deselected or removed from the catalog).
    RuleNotRun,
}

impl FixedHow {
    pub fn as_str(self) -> &'static str {
        match self {
            FixedHow::Resolved => "resolved",
            FixedHow::ResourceRemoved => "resource removed",
            FixedHow::RuleNotRun => "rule not run",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct StillOpen {
    /// The finding as it is in the later scan.
    pub finding: StoredFinding,
    /// E.g. `unknown → fail`, `now waived`, `waiver ended`; `None` when unchanged.
    pub change: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResourceChange {
    pub resource_id: String,
    pub resource_type: String,
    pub change: ResourceChangeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceChangeKind {
    Added,
    Removed,
    Modified,
}

impl ResourceChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceChangeKind::Added => "added",
            ResourceChangeKind::Removed => "removed",
            ResourceChangeKind::Modified => "modified",
        }
    }
}

/// The scans' contents, as loaded from the store.
pub(crate) struct Side {
    pub meta: ScanMeta,
    pub findings: Vec<StoredFinding>,
    pub resources: Vec<ResourceDigest>,
    pub rules: Vec<RuleOutcome>,
}

pub(crate) fn drift(from: Side, to: Side) -> Drift {
    let before: HashMap<&str, &StoredFinding> = from
        .findings
        .iter()
        .map(|f| (f.fingerprint.as_str(), f))
        .collect();
    let after: HashSet<&str> = to.findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let resources_after: HashSet<&str> = to
        .resources
        .iter()
        .map(|r| r.resource_id.as_str())
        .collect();
    let rules_after: HashSet<&str> = to.rules.iter().map(|r| r.rule_id.as_str()).collect();

    let mut new = Vec::new();
    let mut still_open = Vec::new();
    for f in &to.findings {
        match before.get(f.fingerprint.as_str()) {
            None => new.push(f.clone()),
            Some(old) => still_open.push(StillOpen {
                finding: f.clone(),
                change: change(&Before::of(old), f),
            }),
        }
    }
    let fixed = from
        .findings
        .iter()
        .filter(|f| !after.contains(f.fingerprint.as_str()))
        .map(|f| Fixed {
            finding: f.clone(),
            how: if !resources_after.contains(f.resource_id.as_str()) {
                FixedHow::ResourceRemoved
            } else if !rules_after.contains(f.rule_id.as_str()) {
                FixedHow::RuleNotRun
            } else {
                FixedHow::Resolved
            },
        })
        .collect();

    let digests_before: HashMap<&str, &ResourceDigest> = from
        .resources
        .iter()
        .map(|r| (r.resource_id.as_str(), r))
        .collect();
    let mut changed_resources = Vec::new();
    for r in &to.resources {
        let kind = match digests_before.get(r.resource_id.as_str()) {
            None => Some(ResourceChangeKind::Added),
            Some(old) if old.digest != r.digest => Some(ResourceChangeKind::Modified),
            Some(_) => None,
        };
        if let Some(change) = kind {
            changed_resources.push(ResourceChange {
                resource_id: r.resource_id.clone(),
                resource_type: r.resource_type.clone(),
                change,
            });
        }
    }
    for r in &from.resources {
        if !resources_after.contains(r.resource_id.as_str()) {
            changed_resources.push(ResourceChange {
                resource_id: r.resource_id.clone(),
                resource_type: r.resource_type.clone(),
                change: ResourceChangeKind::Removed,
            });
        }
    }
    changed_resources.sort_by(|a, b| a.resource_id.cmp(&b.resource_id));

    let score_change = score_change(&from.meta, &to.meta);
    Drift {
        from: from.meta,
        to: to.meta,
        score_change,
        new,
        fixed,
        still_open,
        changed_resources,
    }
}

/// `to.score - from.score` to one decimal, when both have one.
pub(crate) fn score_change(from: &ScanMeta, to: &ScanMeta) -> Option<f64> {
    match (from.score, to.score) {
        (Some(a), Some(b)) => Some(((b - a) * 10.0).round() / 10.0),
        _ => None,
    }
}

/// What [`change`] needs of a finding as it was in the earlier scan.
pub(crate) struct Before {
    pub status: String,
    pub waived: bool,
    pub in_scope: bool,
}

impl Before {
    fn of(f: &StoredFinding) -> Before {
        Before {
            status: f.status.clone(),
            waived: f.waived.is_some(),
            in_scope: f.in_scope,
        }
    }
}

/// How a finding open in both scans moved, if it did (the paged drift's SQL tests the same
/// three things to list only moved findings).
pub(crate) fn change(old: &Before, new: &StoredFinding) -> Option<String> {
    let mut parts = Vec::new();
    if old.status != new.status {
        parts.push(format!("{} → {}", old.status, new.status));
    }
    match (old.waived, new.waived.is_some()) {
        (false, true) => parts.push("now waived".to_string()),
        (true, false) => parts.push("waiver ended".to_string()),
        _ => {}
    }
    if old.in_scope != new.in_scope {
        parts.push(
            if new.in_scope {
                "now in scope"
            } else {
                "now out of scope"
            }
            .to_string(),
        );
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, resource: &str) -> StoredFinding {
        StoredFinding {
            fingerprint: format!("{rule}|{resource}"),
            rule_id: rule.into(),
            resource_id: resource.into(),
            status: "fail".into(),
            ..Default::default()
        }
    }

    fn res(id: &str, digest: &str) -> ResourceDigest {
        ResourceDigest {
            resource_id: id.into(),
            resource_type: "s3_bucket".into(),
            digest: digest.into(),
        }
    }

    fn rule(id: &str) -> RuleOutcome {
        RuleOutcome {
            rule_id: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn fixed_says_how() {
        let from = Side {
            meta: ScanMeta {
                score: Some(50.0),
                ..Default::default()
            },
            findings: vec![
                finding("A", "x"),
                finding("B", "x"),
                finding("A", "gone"),
                finding("A", "y"),
            ],
            resources: vec![res("x", "1"), res("gone", "2"), res("y", "3")],
            rules: vec![rule("A"), rule("B")],
        };
        let mut unknown = finding("A", "y");
        unknown.status = "unknown".into();
        let to = Side {
            meta: ScanMeta {
                score: Some(62.5),
                ..Default::default()
            },
            findings: vec![unknown, finding("A", "new")],
            resources: vec![res("x", "1"), res("y", "4"), res("new", "5")],
            rules: vec![rule("A")],
        };
        let d = drift(from, to);
        let fixed: Vec<(&str, FixedHow)> = d
            .fixed
            .iter()
            .map(|f| (f.finding.fingerprint.as_str(), f.how))
            .collect();
        assert_eq!(
            fixed,
            [
                ("A|x", FixedHow::Resolved),
                ("B|x", FixedHow::RuleNotRun),
                ("A|gone", FixedHow::ResourceRemoved)
            ]
        );
        assert_eq!(d.new.len(), 1);
        assert_eq!(d.still_open[0].change.as_deref(), Some("fail → unknown"));
        assert_eq!(d.score_change, Some(12.5));
        let changes: Vec<(&str, ResourceChangeKind)> = d
            .changed_resources
            .iter()
            .map(|c| (c.resource_id.as_str(), c.change))
            .collect();
        assert_eq!(
            changes,
            [
                ("gone", ResourceChangeKind::Removed),
                ("new", ResourceChangeKind::Added),
                ("y", ResourceChangeKind::Modified)
            ]
        );
    }
}
