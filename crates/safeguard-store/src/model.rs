//! What the store keeps and returns: plain owned data, independent of the backend.

use serde::Serialize;

/// A scan's id in the store.
pub type ScanId = i64;

/// A scan ready to be written: everything [`Store::record`](crate::Store::record) needs.
///
/// Findings are the failures and unknowns only (waived or not); passes and not-applicable
/// outcomes are kept as counts per rule in [`NewScan::rules`]. Together with the digest of
/// every resource that is enough to tell, between two scans, which findings are new, which
/// were fixed (the rule now passes, the resource is gone, or the rule no longer ran) and
/// which resources changed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NewScan {
    pub meta: ScanMeta,
    pub families: Vec<FamilyScore>,
    pub findings: Vec<StoredFinding>,
    pub rules: Vec<RuleOutcome>,
    pub resources: Vec<ResourceDigest>,
    pub waivers: Vec<StoredWaiver>,
    /// The report's summary as JSON (sections, statuses), for detail views.
    pub summary_json: String,
}

/// One scan's metadata and totals, as listed by `safeguard history`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ScanMeta {
    /// Assigned by the store; ignored on write.
    pub id: ScanId,
    /// What was scanned: the inventory's source description, or a name given with `--target`.
    /// Drift compares scans of one target.
    pub target: String,
    /// `aws`, `terraform`, `cloudformation`, `mixed` or `manual`.
    pub source_kind: String,
    pub source_description: String,
    /// RFC 3339, UTC, millisecond precision (sorts as text).
    pub started_at: String,
    pub finished_at: String,
    pub inventory_generated_at: String,
    pub tool_version: String,
    pub catalog_version: String,
    /// SHA-256 (hex) of the inventory's canonical JSON.
    pub inventory_digest: String,
    /// 0–100; `None` when nothing was assessed.
    pub score: Option<f64>,
    pub resources: i64,
    pub rules: i64,
    /// In-scope outcomes by status (waived findings included as what they are).
    pub counts: Counts,
    /// In-scope failures and unknowns under an active waiver.
    pub waived: i64,
    /// In-scope failures by severity, waived ones included.
    pub fails: SeverityCounts,
    pub out_of_scope_fail: i64,
    /// Collection or parsing was incomplete.
    pub incomplete: bool,
    pub coverage_failures: i64,
    pub waivers_active: i64,
    pub waivers_expired: i64,
    pub waivers_stale: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pass: i64,
    pub fail: i64,
    pub unknown: i64,
    pub not_applicable: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub critical: i64,
    pub high: i64,
    pub medium: i64,
    pub low: i64,
    pub info: i64,
}

/// A safeguard family's score in one scan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FamilyScore {
    /// `administrative`, `physical`, `technical` or `documentation`.
    pub family: String,
    pub score: Option<f64>,
    pub counts: Counts,
}

/// A failure or unknown as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoredFinding {
    /// Same rule on the same resource ⇒ same fingerprint in every scan.
    pub fingerprint: String,
    pub rule_id: String,
    pub rule_name: String,
    pub title: String,
    /// `critical` … `info`.
    pub severity: String,
    /// `fail` or `unknown` (a waiver does not change it).
    pub status: String,
    /// Why the outcome is unknown (`access_denied`, ...).
    pub unknown_reason: Option<String>,
    pub message: String,
    pub resource_id: String,
    pub resource_type: String,
    pub resource_name: String,
    /// AWS service short name (`s3`).
    pub service: String,
    pub account: String,
    pub region: String,
    pub file: Option<String>,
    pub line: Option<i64>,
    /// Cited sections of 45 CFR 164.
    pub hipaa: Vec<String>,
    pub in_scope: bool,
    /// The active waiver covering it.
    pub waived: Option<FindingWaiver>,
}

/// The waiver a stored finding is under.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FindingWaiver {
    pub rule: String,
    pub resource: String,
    pub reason: String,
    pub owner: String,
    pub expires: String,
    /// `path:line` of the waivers file entry, or `file:line (inline)`.
    pub origin: String,
}

/// Outcomes of one rule in one scan (all resources, in scope or not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleOutcome {
    pub rule_id: String,
    pub severity: String,
    pub counts: Counts,
    pub waived: i64,
}

/// A resource's identity and the SHA-256 of its canonical JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResourceDigest {
    pub resource_id: String,
    pub resource_type: String,
    pub digest: String,
}

/// A waiver as applied in one scan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoredWaiver {
    pub rule: String,
    pub resource: String,
    pub reason: String,
    pub owner: String,
    pub created: Option<String>,
    pub expires: String,
    pub origin: String,
    /// `active`, `expired`, `stale` or `not_run`.
    pub state: String,
    /// Open findings covered (waived when active, re-opened when expired).
    pub findings: i64,
}

/// Which scans to list.
#[derive(Clone, Debug, Default)]
pub struct ScanFilter {
    pub target: Option<String>,
    /// Newest first; at most this many (default 100, at most 1000).
    pub limit: Option<u32>,
    /// Only scans with an id below this (paging backwards through history).
    pub before: Option<ScanId>,
}

/// A finding's state, for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingState {
    /// Status `fail` (waived or not).
    Fail,
    /// Status `unknown` (waived or not).
    Unknown,
    /// Not under an active waiver.
    Open,
    /// Under an active waiver.
    Waived,
}

impl FindingState {
    pub fn parse(s: &str) -> Option<FindingState> {
        match s.to_ascii_lowercase().as_str() {
            "fail" => Some(FindingState::Fail),
            "unknown" => Some(FindingState::Unknown),
            "open" => Some(FindingState::Open),
            "waived" => Some(FindingState::Waived),
            _ => None,
        }
    }
}

/// Which findings of a scan to return. Empty lists mean "any"; several values in one list
/// are alternatives; different fields must all hold.
#[derive(Clone, Debug, Default)]
pub struct FindingFilter {
    /// `critical` … `info`.
    pub severities: Vec<String>,
    /// At least this severity.
    pub min_severity: Option<String>,
    pub services: Vec<String>,
    pub accounts: Vec<String>,
    pub regions: Vec<String>,
    /// Rule ids.
    pub rules: Vec<String>,
    pub states: Vec<FindingState>,
    pub in_scope: Option<bool>,
    /// Case-sensitive substring of the resource id, resource name or message.
    pub text: Option<String>,
}

/// A page request: `limit` is capped at [`MAX_PAGE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u32,
}

pub const MAX_PAGE: u32 = 1000;

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of results and the total across all pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub offset: u64,
    pub limit: u32,
}

/// Distinct values with counts among a scan's findings, for filter menus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub severities: Vec<(String, i64)>,
    pub services: Vec<(String, i64)>,
    pub accounts: Vec<(String, i64)>,
    pub regions: Vec<(String, i64)>,
    pub rules: Vec<(String, i64)>,
    pub statuses: Vec<(String, i64)>,
}

/// A point of the score trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScorePoint {
    pub scan: ScanId,
    pub finished_at: String,
    pub score: Option<f64>,
    pub families: Vec<FamilyScore>,
    pub open: i64,
    pub waived: i64,
}

/// A target and its latest scan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetInfo {
    pub target: String,
    pub scans: i64,
    pub latest: ScanId,
    pub latest_finished_at: String,
    pub latest_score: Option<f64>,
}
