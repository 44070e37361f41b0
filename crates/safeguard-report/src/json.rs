//! `--format json`: the whole report as one document. Its shape is documented in
//! `docs/report-json.md`; fields are emitted in declaration order, so the output is stable.

use crate::common::{self, TOOL_NAME, TOOL_VERSION};
use crate::RenderOptions;
use safeguard_engine::{Finding, Report, Summary};
use safeguard_model::{Coverage, SourceKind, SourceLocation, Timestamp};
use safeguard_rules::{Remediation, Rule, Settings, Severity, Status};
use serde::Serialize;

/// Name and version of this JSON document's format.
pub const FORMAT_NAME: &str = "safeguard-report";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'r> {
    format: &'static str,
    version: u32,
    tool: Tool,
    catalog: Catalog,
    inventory: InventoryInfo<'r>,
    evaluation: Evaluation<'r>,
    summary: &'r Summary,
    rules: Vec<RuleView<'r>>,
    findings: Vec<FindingView<'r>>,
    coverage: &'r [Coverage],
    /// Every attestation item and its outcome, when an attestation file was evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    attestations: Option<&'r safeguard_engine::AttestationSet>,
    /// Waivers given, with their state, when any were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    waivers: Vec<WaiverView<'r>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
}

#[derive(Serialize)]
struct Catalog {
    /// Version of the rule catalog.
    version: &'static str,
    /// Version of the HIPAA Security Rule text the sections come from.
    hipaa: &'static str,
}

#[derive(Serialize)]
struct InventoryInfo<'r> {
    source: SourceKind,
    description: &'r str,
    #[serde(skip_serializing_if = "str::is_empty")]
    tool_version: &'r str,
    generated_at: Timestamp,
    resources: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'r str>,
}

#[derive(Serialize)]
struct Evaluation<'r> {
    evaluated_at: Timestamp,
    duration_ms: u64,
    /// A scope was given; otherwise every resource is in scope.
    scoped: bool,
    fail_on: Severity,
    exit_code: i32,
    /// Findings that make the exit code 1 at `fail_on`.
    gating: usize,
    show_passes: bool,
    settings: &'r Settings,
}

#[derive(Serialize)]
pub(crate) struct RuleView<'r> {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// The resource type the rule looks at.
    pub subject: &'static str,
    pub hipaa: &'static [&'static str],
    pub source: &'static str,
    pub rationale: &'static str,
    pub remediation: &'r Remediation,
}

impl RuleView<'static> {
    pub fn of(rule: &'static dyn Rule) -> RuleView<'static> {
        let m = rule.meta();
        RuleView {
            id: m.id,
            name: m.name,
            title: m.title,
            severity: m.severity,
            subject: rule.subject().as_str(),
            hipaa: m.hipaa,
            source: m.source,
            rationale: m.rationale,
            remediation: &m.remediation,
        }
    }
}

#[derive(Serialize)]
struct FindingView<'r> {
    rule: &'static str,
    severity: Severity,
    status: Status,
    message: &'r str,
    unknown_reason: Option<&'static str>,
    resource: ResourceView<'r>,
    hipaa: &'static [&'static str],
    fingerprint: String,
    in_scope: bool,
    gates: bool,
    /// The active waiver covering the finding (it stays a failure or unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    waived: Option<WaiverView<'r>>,
}

#[derive(Serialize)]
struct WaiverView<'r> {
    rule: &'r str,
    resource: &'r str,
    reason: &'r str,
    owner: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<chrono::NaiveDate>,
    expires: chrono::NaiveDate,
    origin: String,
    /// `active`, `expired`, `stale` or `not_run`.
    state: &'static str,
    /// Failures and unknowns it covers (waived when active, re-opened when expired).
    findings: usize,
}

fn waiver_view(a: &safeguard_engine::AppliedWaiver) -> WaiverView<'_> {
    let w = &a.waiver;
    WaiverView {
        rule: &w.rule,
        resource: w.resource.as_str(),
        reason: &w.reason,
        owner: &w.owner,
        created: w.created,
        expires: w.expires,
        origin: w.origin.to_string(),
        state: a.state.as_str(),
        findings: a.findings.len(),
    }
}

#[derive(Serialize)]
struct ResourceView<'r> {
    id: &'r str,
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'r str,
    account: &'r str,
    region: &'r str,
    location: Option<&'r SourceLocation>,
}

fn finding_view<'r>(report: &'r Report, f: &'r Finding, fail_on: Severity) -> FindingView<'r> {
    let meta = report.rule(f).meta();
    let resource = report.resource(f);
    let rm = resource.meta();
    FindingView {
        rule: meta.id,
        severity: meta.severity,
        status: f.status,
        message: &f.message,
        unknown_reason: f.unknown.map(|u| u.as_str()),
        resource: ResourceView {
            id: &rm.id,
            kind: resource.kind().as_str(),
            name: &rm.name,
            account: &rm.account,
            region: &rm.region,
            location: rm.location.as_ref(),
        },
        hipaa: meta.hipaa,
        fingerprint: report.fingerprint(f),
        in_scope: f.in_scope,
        gates: report.gates(f, fail_on),
        waived: report.waiver(f).map(waiver_view),
    }
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let inv = report.inventory;
    let doc = Document {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            information_uri: common::INFORMATION_URI,
        },
        catalog: Catalog {
            version: safeguard_rules::CATALOG_VERSION,
            hipaa: hipaa_version(),
        },
        inventory: InventoryInfo {
            source: inv.source.kind,
            description: &inv.source.description,
            tool_version: &inv.source.tool_version,
            generated_at: inv.generated_at,
            resources: inv.resources.len(),
            path: opts.inventory_path.as_deref(),
        },
        evaluation: Evaluation {
            evaluated_at: report.evaluated_at,
            duration_ms: u64::try_from(report.duration.as_millis()).unwrap_or(u64::MAX),
            scoped: report.scoped,
            fail_on: opts.fail_on,
            exit_code: report.exit_code(opts.fail_on) as i32,
            gating: common::gating_count(report, opts.fail_on),
            show_passes: opts.show_passes,
            settings: &report.settings,
        },
        summary: &report.summary,
        rules: report.rules.iter().map(|r| RuleView::of(*r)).collect(),
        findings: common::listed(report, opts.show_passes)
            .map(|f| finding_view(report, f, opts.fail_on))
            .collect(),
        coverage: &inv.coverage,
        attestations: report.attestations.as_ref(),
        waivers: report.waivers.iter().map(waiver_view).collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("the report serialises to JSON");
    out.push('\n');
    out
}

pub(crate) fn hipaa_version() -> &'static str {
    &safeguard_rules::catalog::hipaa().version
}
