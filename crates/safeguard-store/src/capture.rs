//! Turning an evaluation report into a [`NewScan`]: no I/O.

use crate::model::{
    Counts, FamilyScore, FindingWaiver, NewScan, ResourceDigest, RuleOutcome, ScanMeta,
    SeverityCounts, StoredFinding, StoredWaiver,
};
use safeguard_engine::{AppliedWaiver, Report, StatusCounts};
use safeguard_model::{Inventory, Timestamp};
use safeguard_rules::{Severity, Status};
use sha2::{Digest, Sha256};

/// What the caller knows about a scan beyond the report.
#[derive(Clone, Debug, Default)]
pub struct RecordOptions {
    /// Names what was scanned; defaults to the inventory's source description (or its
    /// source kind when that is empty).
    pub target: Option<String>,
    /// When the scan began (collection included); defaults to the evaluation instant.
    pub started_at: Option<Timestamp>,
    /// When it ended; defaults to now.
    pub finished_at: Option<Timestamp>,
    /// Version of the tool that ran the scan; defaults to this crate's.
    pub tool_version: Option<String>,
}

/// Timestamps are stored as RFC 3339 text in UTC with milliseconds, so they sort as text.
pub fn timestamp(t: Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// SHA-256 (hex) of the inventory's canonical JSON: compact serde_json, fields in
/// declaration order, maps sorted.
pub fn inventory_digest(inventory: &Inventory) -> String {
    hex(&Sha256::digest(
        serde_json::to_vec(inventory).expect("inventory serialises"),
    ))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn counts(c: StatusCounts) -> Counts {
    Counts {
        pass: c.pass as i64,
        fail: c.fail as i64,
        unknown: c.unknown as i64,
        not_applicable: c.not_applicable as i64,
    }
}

/// The target a scan of `inventory` is filed under when none is given.
pub fn default_target(inventory: &Inventory) -> String {
    let d = inventory.source.description.trim();
    if d.is_empty() {
        serde_json::to_value(inventory.source.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "manual".into())
    } else {
        d.to_string()
    }
}

fn finding_waiver(a: &AppliedWaiver) -> FindingWaiver {
    FindingWaiver {
        rule: a.waiver.rule.clone(),
        resource: a.waiver.resource.as_str().to_string(),
        reason: a.waiver.reason.clone(),
        owner: a.waiver.owner.clone(),
        expires: a.waiver.expires.to_string(),
        origin: a.waiver.origin.to_string(),
    }
}

/// Everything the store keeps about `report` (evaluated from `inventory`).
pub fn capture(report: &Report<'_>, inventory: &Inventory, opts: &RecordOptions) -> NewScan {
    let s = &report.summary;
    let started = opts.started_at.unwrap_or(report.evaluated_at);
    let finished = opts.finished_at.unwrap_or_else(chrono::Utc::now);
    let fail_of = |sev: Severity| s.fails_by_severity.get(&sev).copied().unwrap_or(0) as i64;
    let meta = ScanMeta {
        id: 0,
        target: opts
            .target
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| default_target(inventory)),
        source_kind: serde_json::to_value(inventory.source.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        source_description: inventory.source.description.clone(),
        started_at: timestamp(started),
        finished_at: timestamp(finished),
        inventory_generated_at: timestamp(inventory.generated_at),
        tool_version: opts
            .tool_version
            .clone()
            .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string()),
        catalog_version: safeguard_rules::CATALOG_VERSION.to_string(),
        inventory_digest: inventory_digest(inventory),
        score: s.score,
        resources: s.resources as i64,
        rules: s.rules as i64,
        counts: counts(s.counts),
        waived: (s.waived.fail + s.waived.unknown) as i64,
        fails: SeverityCounts {
            critical: fail_of(Severity::Critical),
            high: fail_of(Severity::High),
            medium: fail_of(Severity::Medium),
            low: fail_of(Severity::Low),
            info: fail_of(Severity::Info),
        },
        out_of_scope_fail: s.out_of_scope.fail as i64,
        incomplete: s.incomplete,
        coverage_failures: s.coverage_failures as i64,
        waivers_active: s.waivers.active as i64,
        waivers_expired: s.waivers.expired as i64,
        waivers_stale: s.waivers.stale as i64,
    };

    let families = s
        .families
        .iter()
        .map(|f| FamilyScore {
            family: f.family.as_str().to_string(),
            score: f.score,
            counts: counts(f.counts),
        })
        .collect();

    let mut rules: Vec<RuleOutcome> = report
        .rules
        .iter()
        .map(|r| RuleOutcome {
            rule_id: r.meta().id.to_string(),
            severity: r.meta().severity.as_str().to_string(),
            ..Default::default()
        })
        .collect();
    let mut findings = Vec::new();
    for f in &report.findings {
        let ro = &mut rules[f.rule as usize];
        match f.status {
            Status::Pass => ro.counts.pass += 1,
            Status::NotApplicable => ro.counts.not_applicable += 1,
            Status::Fail => ro.counts.fail += 1,
            Status::Unknown => ro.counts.unknown += 1,
        }
        if f.waived.is_some() {
            ro.waived += 1;
        }
        if !matches!(f.status, Status::Fail | Status::Unknown) {
            continue;
        }
        let rule = report.rule(f).meta();
        let resource = report.resource(f);
        let m = resource.meta();
        findings.push(StoredFinding {
            fingerprint: report.fingerprint(f),
            rule_id: rule.id.to_string(),
            rule_name: rule.name.to_string(),
            title: rule.title.to_string(),
            severity: rule.severity.as_str().to_string(),
            status: f.status.as_str().to_string(),
            unknown_reason: f.unknown.map(|u| u.as_str().to_string()),
            message: f.message.to_string(),
            resource_id: m.id.clone(),
            resource_type: resource.kind().as_str().to_string(),
            resource_name: m.name.clone(),
            service: resource.kind().service().to_string(),
            account: m.account.clone(),
            region: m.region.clone(),
            file: m.location.as_ref().map(|l| l.file.clone()),
            line: m.location.as_ref().map(|l| i64::from(l.line)),
            hipaa: rule.hipaa.iter().map(|s| s.to_string()).collect(),
            in_scope: f.in_scope,
            waived: report.waiver(f).map(finding_waiver),
        });
    }

    let resources = inventory
        .resources
        .iter()
        .map(|r| ResourceDigest {
            resource_id: r.meta().id.clone(),
            resource_type: r.kind().as_str().to_string(),
            digest: hex(&Sha256::digest(
                serde_json::to_vec(r).expect("resource serialises"),
            )),
        })
        .collect();

    let waivers = report
        .waivers
        .iter()
        .map(|a| StoredWaiver {
            rule: a.waiver.rule.clone(),
            resource: a.waiver.resource.as_str().to_string(),
            reason: a.waiver.reason.clone(),
            owner: a.waiver.owner.clone(),
            created: a.waiver.created.map(|d| d.to_string()),
            expires: a.waiver.expires.to_string(),
            origin: a.waiver.origin.to_string(),
            state: a.state.as_str().to_string(),
            findings: a.findings.len() as i64,
        })
        .collect();

    NewScan {
        meta,
        families,
        findings,
        rules,
        resources,
        waivers,
        summary_json: serde_json::to_string(&report.summary).expect("summary serialises"),
    }
}
