//! `--format html`: one self-contained page for auditors. No scripts, no external resources
//! (a Content-Security-Policy forbids both), print-friendly CSS.
//!
//! Contents: an executive summary (overall score, score and counts per safeguard family, the
//! exit-code verdict), every HIPAA specification with its status and the rules behind it, the
//! findings grouped by rule with rationale and remediation, the waivers (a waived finding is
//! marked where it is listed, with the waiver's reason, owner, expiry and origin), and the
//! coverage failures.
//!
//! Every piece of text goes through [`esc`]; rule metadata is escaped too, so nothing that
//! reaches the page is trusted as markup.

use crate::common::{self, TOOL_NAME, TOOL_VERSION};
use crate::RenderOptions;
use safeguard_engine::{Finding, Report, SectionStatus};
use safeguard_rules::{Rule, Status};
use std::fmt::Write;

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than whitespace are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --fail: #b42318; --warn: #b54708; --pass: #067647; --muted: #667085; --line: #d0d5dd; --bg: #f9fafb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid #101828; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 8px; white-space: pre-wrap; word-break: break-word; }
td code { word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 190px; }
.card .big { font-size: 28px; font-weight: 700; display: block; }
.status { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.s-fail, .sev-critical, .sev-high { color: var(--fail); }
.s-unknown, .sev-medium { color: var(--warn); }
.s-pass { color: var(--pass); }
.s-not_assessed, .s-not_applicable, .sev-low, .sev-info { color: var(--muted); }
.gate { color: var(--fail); font-weight: 700; }
.s-waived { color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 3px; }
tr.waived td { background: var(--bg); }
.waiver { margin-top: 4px; font-size: 12px; }
.w-expired, .w-stale { color: var(--warn); }
article.rule { border-top: 1px solid var(--line); padding-top: 4px; }
details { margin: 4px 0; }
summary { cursor: pointer; color: #1849a9; }
.verdict { font-weight: 600; }
.s-attested, .st-met, .st-inherited { color: var(--pass); }
.s-attestation_missing, .s-attestation_expired, .st-partial, .st-open { color: var(--warn); }
.st-failing { color: var(--fail); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 8px 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; }
.cat { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; margin: 8px 0; break-inside: avoid; }
ul.tight { margin: 2px 0; padding-left: 18px; }
@media print {
  section.page { break-before: page; }
  a { color: inherit; text-decoration: none; }
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  tr, .card { break-inside: avoid; }
  summary { color: inherit; list-style: none; font-weight: 600; }
  details > :not(summary) { display: block; }
  details::details-content { content-visibility: visible; display: block; }
}
@page { margin: 14mm; }
"#;

fn status_span(class: &str, label: &str) -> String {
    format!(
        "<span class=\"status s-{}\">{}</span>",
        esc(class),
        esc(label)
    )
}

fn rule_anchor(id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("rule-{slug}")
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let inv = report.inventory;
    let s = &report.summary;
    let mut o = String::with_capacity(64 * 1024);
    let title = if inv.source.description.is_empty() {
        "HIPAA Security Rule assessment".to_string()
    } else {
        format!("HIPAA Security Rule assessment: {}", inv.source.description)
    };

    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        o,
        "<meta name=\"generator\" content=\"{TOOL_NAME} {TOOL_VERSION}\">"
    );
    let _ = writeln!(o, "<title>{}</title>", esc(&title));
    let _ = writeln!(o, "<style>{CSS}</style>\n</head>\n<body>");

    // Header.
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", esc(&title));
    let source_kind = serde_json::to_value(inv.source.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "<p class=\"meta\">Inventory: {} ({}), generated {} · {} resources · {} rules evaluated {} in {} ms · {TOOL_NAME} {TOOL_VERSION}, catalog {}, HIPAA text of {}</p>\n</header>",
        esc(&source_kind),
        esc(&inv.source.description),
        inv.generated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        s.resources,
        s.rules,
        report.evaluated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        report.duration.as_millis(),
        esc(safeguard_rules::CATALOG_VERSION),
        esc(crate::json::hipaa_version()),
    );
    o.push_str("<main>\n");

    executive_summary(&mut o, report, opts);
    charts(&mut o, report, opts);
    sections(&mut o, report);
    responsibility(&mut o, report);
    attestations(&mut o, report);
    findings(&mut o, report, opts);
    waivers(&mut o, report);
    coverage(&mut o, report);

    o.push_str("</main>\n<footer class=\"meta\"><p>Scores are the severity-weighted share of passing in-scope checks (critical 10, high 5, medium 3, low 1); an unknown counts against the score. Readiness is the mean, over every HIPAA Security Rule specification, of its automated part (share of passing in-scope checks of the rules citing it) and its attested part (share of the attestation items citing it that are current); a specification with neither counts zero. Sections marked “attest” have no automated rule and need a documented attestation.</p></footer>\n</body>\n</html>\n");
    o
}

fn executive_summary(o: &mut String, report: &Report, opts: &RenderOptions) {
    let s = &report.summary;
    o.push_str("<section id=\"summary\">\n<h2>Executive summary</h2>\n<div class=\"cards\">\n");
    let _ = writeln!(
        o,
        "<div class=\"card\" id=\"readiness\"><span class=\"big\" id=\"readiness-score\">{:.1}</span>overall readiness (of 100): {} of {} specifications fully met</div>",
        s.readiness.score, s.readiness.met, s.readiness.sections
    );
    let _ = writeln!(
        o,
        "<div class=\"card\"><span class=\"big\">{}</span>technical checks score (of 100)</div>",
        esc(&common::score_str(s.score))
    );
    for (fam, r) in s.families.iter().zip(&s.readiness.families) {
        let _ = writeln!(
            o,
            "<div class=\"card\"><span class=\"big\">{:.1}</span>{} readiness · checks {}</div>",
            r.score,
            esc(fam.heading),
            esc(&common::score_str(fam.score))
        );
    }
    o.push_str("</div>\n");
    match &report.attestations {
        Some(set) => {
            use safeguard_engine::AttestationOutcome as O;
            let _ = writeln!(
                o,
                "<p>Attestations as of {}: {} attested, {} not applicable, <span class=\"s-attestation_missing\">{} missing</span>, <span class=\"s-attestation_expired\">{} expired</span> (see <a href=\"#attestations\">Attestations</a>).</p>",
                set.as_of,
                set.count(O::Attested),
                set.count(O::NotApplicable),
                set.count(O::AttestationMissing),
                set.count(O::AttestationExpired)
            );
        }
        None => o.push_str("<p class=\"s-attestation_missing\">No attestation file was evaluated: administrative, physical and documentation safeguards are not assessed (run <code>safeguard attest init</code>).</p>\n"),
    }
    o.push_str("<table>\n<thead><tr><th>Safeguard family</th><th class=\"n\">Score</th><th class=\"n\">Pass</th><th class=\"n\">Fail</th><th class=\"n\">Unknown</th><th class=\"n\">Not applicable</th><th class=\"n\">Sections failing</th><th class=\"n\">Sections to attest</th></tr></thead>\n<tbody>\n");
    for fam in &s.families {
        let failing = fam
            .sections
            .iter()
            .filter(|x| x.status == SectionStatus::Fail)
            .count();
        let attest = fam
            .sections
            .iter()
            .filter(|x| common::needs_attestation(x.status))
            .count();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(fam.heading),
            esc(&common::score_str(fam.score)),
            fam.counts.pass,
            fam.counts.fail,
            fam.counts.unknown,
            fam.counts.not_applicable,
            failing,
            attest
        );
    }
    let c = &s.counts;
    let _ = writeln!(
        o,
        "</tbody>\n<tfoot><tr><th>All checks in scope</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th></th><th></th></tr></tfoot>\n</table>",
        esc(&common::score_str(s.score)),
        c.pass,
        c.fail,
        c.unknown,
        c.not_applicable
    );
    if report.scoped {
        let x = &s.out_of_scope;
        let _ = writeln!(
            o,
            "<p class=\"muted\">Out of scope (informational): {} pass, {} fail, {} unknown, {} not applicable.</p>",
            x.pass, x.fail, x.unknown, x.not_applicable
        );
    }
    if !s.fails_by_severity.is_empty() {
        let parts: Vec<String> = common::severities_desc()
            .iter()
            .filter_map(|sev| s.fails_by_severity.get(sev).map(|n| format!("{n} {sev}")))
            .collect();
        let _ = writeln!(
            o,
            "<p>Failures by severity: {}.</p>",
            esc(&parts.join(", "))
        );
    }
    let _ = writeln!(
        o,
        "<p class=\"verdict\">At <code>--fail-on {}</code>: {}.</p>",
        esc(opts.fail_on.as_str()),
        esc(&common::exit_sentence(report, opts.fail_on))
    );
    if s.incomplete {
        let _ = writeln!(
            o,
            "<p class=\"s-unknown\">Collection was incomplete: {} coverage failure(s), listed under <a href=\"#coverage\">Coverage</a>. Results are partial.</p>",
            s.coverage_failures
        );
    }
    o.push_str("</section>\n");
}

fn sections(o: &mut String, report: &Report) {
    o.push_str("<section id=\"sections\">\n<h2>HIPAA Security Rule, section by section</h2>\n");
    for fam in &report.summary.families {
        let _ = writeln!(
            o,
            "<h3>{} <span class=\"muted\">score {}</span></h3>",
            esc(fam.heading),
            esc(&common::score_str(fam.score))
        );
        o.push_str("<table>\n<thead><tr><th>Section</th><th>Title</th><th>Requirement</th><th>Carried by</th><th>Status</th><th class=\"n\">Pass</th><th class=\"n\">Fail</th><th class=\"n\">Unknown</th><th class=\"n\">N/A</th><th>Rules</th><th>Attestations</th></tr></thead>\n<tbody>\n");
        for sec in &fam.sections {
            let rules = if sec.rules.is_empty() {
                "<span class=\"muted\">none: needs attestation</span>".to_string()
            } else {
                sec.rules
                    .iter()
                    .map(|r| {
                        format!(
                            "<a href=\"#{}\"><code>{}</code></a>",
                            esc(&rule_anchor(r)),
                            esc(r)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let duty = report
                .summary
                .responsibility
                .specs
                .iter()
                .find(|d| d.id == sec.id);
            let carried = duty.map(|d| common::owner_label(d.owner)).unwrap_or("");
            let atts = attestation_refs(report, &sec.id);
            let _ = writeln!(
                o,
                "<tr id=\"{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&spec_anchor(&sec.id)),
                esc(&sec.id),
                esc(&sec.title),
                common::requirement_str(sec.requirement),
                esc(carried),
                status_span(sec.status.as_str(), common::section_status_label(sec.status)),
                sec.counts.pass,
                sec.counts.fail,
                sec.counts.unknown,
                sec.counts.not_applicable,
                rules,
                atts
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

fn spec_anchor(id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("spec-{slug}")
}

/// Links to the attestation items citing a section, with their outcome.
fn attestation_refs(report: &Report, spec: &str) -> String {
    let Some(set) = &report.attestations else {
        return String::new();
    };
    set.citing(spec)
        .map(|a| {
            format!(
                "<a href=\"#att-{}\"><code>{}</code></a> {}",
                esc(&a.id),
                esc(&a.id),
                status_span(a.outcome.as_str(), common::outcome_label(a.outcome))
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn charts(o: &mut String, report: &Report, opts: &RenderOptions) {
    use crate::charts::{bars, stacked_bars, trend, Segment};
    let s = &report.summary;
    o.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    let palette = [
        (SectionStatus::Pass, "#067647", "pass"),
        (SectionStatus::Attested, "#47cd89", "attested"),
        (SectionStatus::Fail, "#b42318", "fail"),
        (SectionStatus::Unknown, "#b54708", "unknown"),
        (
            SectionStatus::AttestationExpired,
            "#f79009",
            "attestation expired",
        ),
        (
            SectionStatus::AttestationMissing,
            "#fec84b",
            "attestation missing",
        ),
        (SectionStatus::NotAssessed, "#98a2b3", "not assessed"),
    ];
    let rows: Vec<(String, Vec<Segment>)> = s
        .families
        .iter()
        .map(|f| {
            let segs = palette
                .iter()
                .map(|(st, color, label)| Segment {
                    value: f.sections.iter().filter(|x| x.status == *st).count(),
                    color,
                    label,
                })
                .collect();
            (f.family.as_str().to_string() + " (sections)", segs)
        })
        .collect();
    let _ = writeln!(o, "<figure id=\"chart-families\"><figcaption>Section status by safeguard family</figcaption>{}</figure>", stacked_bars("Section status by safeguard family", &rows));
    let sev: Vec<(String, usize, &str)> = common::severities_desc()
        .iter()
        .map(|sv| {
            (
                sv.as_str().to_string(),
                s.fails_by_severity.get(sv).copied().unwrap_or(0),
                "#b42318",
            )
        })
        .collect();
    let _ = writeln!(o, "<figure id=\"chart-severity\"><figcaption>In-scope failures by severity</figcaption>{}</figure>", bars("In-scope failures by severity", &sev));
    let mut svc: Vec<(String, usize, &str)> = s
        .fails_by_service
        .iter()
        .map(|(k, v)| (k.to_string(), *v, "#b54708"))
        .collect();
    svc.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    svc.truncate(12);
    if svc.is_empty() {
        o.push_str("<figure id=\"chart-service\"><figcaption>In-scope failures by service</figcaption><p class=\"s-pass\">No failures.</p></figure>\n");
    } else {
        let _ = writeln!(o, "<figure id=\"chart-service\"><figcaption>In-scope failures by service</figcaption>{}</figure>", bars("In-scope failures by service", &svc));
    }
    if opts.history.is_empty() {
        o.push_str("<figure id=\"chart-trend\"><figcaption>Readiness over time</figcaption><p class=\"muted\">No earlier scans recorded yet; the trend appears once history exists.</p></figure>\n");
    } else {
        let mut points = opts.history.clone();
        points.push(("now".to_string(), s.readiness.score));
        let _ = writeln!(
            o,
            "<figure id=\"chart-trend\"><figcaption>Readiness over time</figcaption>{}</figure>",
            trend("Readiness over time", &points)
        );
    }
    o.push_str("</div>\n</section>\n");
}

fn responsibility(o: &mut String, report: &Report) {
    let r = &report.summary.responsibility;
    o.push_str(
        "<section id=\"responsibility\" class=\"page\">\n<h2>Shared responsibility matrix</h2>\n",
    );
    o.push_str("<p>AWS carries security <em>of</em> the cloud (facilities, hardware, the network, the software of managed services); the customer carries security <em>in</em> the cloud. Where the line falls depends on the service categories this estate uses.</p>\n");
    for c in &r.categories {
        let _ = writeln!(
            o,
            "<div class=\"cat\"><h3>{} <span class=\"muted\">({}: {} resources)</span></h3>",
            esc(&c.name),
            esc(c.category),
            c.resources
        );
        o.push_str("<p><strong>AWS carries:</strong></p><ul class=\"tight\">");
        for a in &c.aws {
            let _ = write!(o, "<li>{}</li>", esc(a));
        }
        o.push_str("</ul><p><strong>The customer carries:</strong></p><ul class=\"tight\">");
        for d in &c.customer {
            let _ = write!(
                o,
                "<li>{} <span class=\"muted\">({})</span></li>",
                esc(&d.duty),
                esc(&d.evidence.replace('_', " "))
            );
        }
        o.push_str("</ul></div>\n");
    }
    if r.categories.is_empty() {
        o.push_str("<p class=\"muted\">The inventory has no resources of a known service category; the default split is shown.</p>\n");
    }
    let states: Vec<String> = common::duty_states(report)
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(o, "<p>Specifications: {}.</p>", esc(&states.join(", ")));
    o.push_str("<table id=\"matrix\">\n<thead><tr><th>Section</th><th>Title</th><th>Carried by</th><th>By category</th><th>Split</th><th>Checked by rules</th><th>Attested by</th><th>State</th></tr></thead>\n<tbody>\n");
    for s in &r.specs {
        let by_cat: Vec<String> = s
            .by_category
            .iter()
            .map(|(c, o)| format!("{c}: {}", common::owner_label(o)))
            .collect();
        let rules: Vec<String> = s
            .rules
            .iter()
            .map(|x| {
                format!(
                    "<a href=\"#{}\"><code>{}</code></a> {}",
                    esc(&rule_anchor(x.id)),
                    esc(x.id),
                    status_span(x.status, x.status)
                )
            })
            .collect();
        let atts: Vec<String> = s
            .attestations
            .iter()
            .map(|a| {
                format!(
                    "<a href=\"#att-{}\"><code>{}</code></a> {}{}",
                    esc(&a.id),
                    esc(&a.id),
                    status_span(a.outcome.as_str(), common::outcome_label(a.outcome)),
                    a.expires
                        .map(|d| format!(" <span class=\"muted\">until {d}</span>"))
                        .unwrap_or_default()
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr><td><a href=\"#{}\"><code>{}</code></a></td><td>{}</td><td class=\"owner-{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"status st-{}\">{}</span></td></tr>",
            esc(&spec_anchor(&s.id)),
            esc(&s.id),
            esc(&s.title),
            esc(s.owner),
            esc(common::owner_label(s.owner)),
            esc(&by_cat.join(", ")),
            esc(&s.note),
            if rules.is_empty() { "<span class=\"muted\">none</span>".to_string() } else { rules.join("<br>") },
            if atts.is_empty() { "<span class=\"muted\">none</span>".to_string() } else { atts.join("<br>") },
            esc(s.state),
            esc(s.state)
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn evidence_link(e: &str) -> String {
    if e.starts_with("https://") || e.starts_with("http://") {
        format!("<a href=\"{}\" rel=\"noreferrer\">{}</a>", esc(e), esc(e))
    } else {
        format!("<code>{}</code>", esc(e))
    }
}

fn attestations(o: &mut String, report: &Report) {
    o.push_str("<section id=\"attestations\" class=\"page\">\n<h2>Attestations</h2>\n");
    let Some(set) = &report.attestations else {
        o.push_str("<p class=\"s-attestation_missing\">No attestation file was evaluated. Create one with <code>safeguard attest init</code>, fill it, and scan with <code>--attestations</code>.</p>\n</section>\n");
        return;
    };
    let _ = writeln!(
        o,
        "<p class=\"muted\">From {} · judged as of {} · an item is current until its expiry (date + review interval, or explicit).</p>",
        esc(set.file.as_deref().unwrap_or("no file")),
        set.as_of
    );
    o.push_str("<table>\n<thead><tr><th>Item</th><th>HIPAA</th><th>Outcome</th><th>Source</th><th>Owner</th><th>Date</th><th>Expires</th><th>Evidence</th></tr></thead>\n<tbody>\n");
    for r in &set.results {
        let evidence: Vec<String> = r.evidence.iter().map(|e| evidence_link(e)).collect();
        let _ = writeln!(
            o,
            "<tr id=\"att-{}\"><td><code>{}</code><br>{}<br><span class=\"muted\">{}</span></td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.id),
            esc(&r.id),
            esc(&r.title),
            esc(&r.message),
            esc(&r.hipaa.join(", ")),
            status_span(r.outcome.as_str(), common::outcome_label(r.outcome)),
            if r.expiring_soon { " <span class=\"s-attestation_expired\">(expiring soon)</span>" } else { "" },
            esc(r.source.label()),
            esc(&r.owner),
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.expires.map(|d| d.to_string()).unwrap_or_default(),
            evidence.join("<br>")
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn findings(o: &mut String, report: &Report, opts: &RenderOptions) {
    o.push_str("<section id=\"findings\" class=\"page\">\n<h2>Findings</h2>\n");
    // Rules with something to show, most severe first, then by id.
    let mut by_rule: Vec<(usize, Vec<&Finding>)> = Vec::new();
    for f in common::listed(report, opts.show_passes) {
        match by_rule.last_mut() {
            Some((r, v)) if *r == f.rule as usize => v.push(f),
            _ => by_rule.push((f.rule as usize, vec![f])),
        }
    }
    by_rule.sort_by_key(|(r, _)| std::cmp::Reverse(report.rules[*r].meta().severity));
    if by_rule.is_empty() {
        o.push_str("<p class=\"s-pass\">No failures and no unknowns.</p>\n");
    }
    for (r, list) in by_rule {
        rule_findings(o, report, report.rules[r], &list, opts);
    }
    // Rules that ran with nothing to list still appear, so the page shows what was checked.
    let mut shown = vec![false; report.rules.len()];
    for f in common::listed(report, opts.show_passes) {
        shown[f.rule as usize] = true;
    }
    let quiet: Vec<&&'static dyn Rule> = report
        .rules
        .iter()
        .zip(&shown)
        .filter(|(_, shown)| !**shown)
        .map(|(r, _)| r)
        .collect();
    if !quiet.is_empty() {
        o.push_str("<h3>Rules with no failures or unknowns</h3>\n<table>\n<thead><tr><th>Rule</th><th>Title</th><th>Severity</th><th>HIPAA</th></tr></thead>\n<tbody>\n");
        for rule in quiet {
            let m = rule.meta();
            let _ = writeln!(
                o,
                "<tr id=\"{}\"><td><code>{}</code></td><td>{}</td><td class=\"sev-{}\">{}</td><td>{}</td></tr>",
                esc(&rule_anchor(m.id)),
                esc(m.id),
                esc(m.title),
                m.severity,
                m.severity,
                esc(&m.hipaa.join(", "))
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

fn rule_findings(
    o: &mut String,
    report: &Report,
    rule: &'static dyn Rule,
    list: &[&Finding],
    opts: &RenderOptions,
) {
    let m = rule.meta();
    let _ = writeln!(
        o,
        "<article class=\"rule\" id=\"{}\">\n<h3><code>{}</code> {} <span class=\"status sev-{}\">{}</span></h3>",
        esc(&rule_anchor(m.id)),
        esc(m.id),
        esc(m.title),
        m.severity,
        m.severity
    );
    let _ = writeln!(
        o,
        "<p class=\"muted\">HIPAA 45 CFR {} · {} · applies to <code>{}</code> · source: {}</p>",
        esc(&m.hipaa.join(", ")),
        esc(m.name),
        esc(rule.subject().as_str()),
        esc(m.source)
    );
    let _ = writeln!(o, "<p>{}</p>", esc(m.rationale));
    for (label, body) in [
        ("Fix in the console / AWS CLI", m.remediation.console),
        ("Fix in Terraform", m.remediation.terraform),
        ("Fix in CloudFormation", m.remediation.cloudformation),
    ] {
        if !body.is_empty() {
            let _ = writeln!(
                o,
                "<details><summary>{}</summary><pre>{}</pre></details>",
                esc(label),
                esc(body)
            );
        }
    }
    o.push_str("<table>\n<thead><tr><th>Status</th><th>Resource</th><th>Type</th><th>Account / region</th><th>Finding</th><th>Gates</th></tr></thead>\n<tbody>\n");
    for f in list {
        let resource = report.resource(f);
        let rm = resource.meta();
        let mut where_ = format!("<code>{}</code>", esc(&rm.id));
        if let Some(fl) = common::file_line(rm) {
            let _ = write!(where_, "<br><span class=\"muted\">{}", esc(&fl));
            if let Some(l) = &rm.location {
                if !l.address.is_empty() {
                    let _ = write!(where_, " {}", esc(&l.address));
                }
            }
            where_.push_str("</span>");
        }
        if !rm.name.is_empty() && rm.name != rm.id {
            let _ = write!(
                where_,
                "<br><span class=\"muted\">name: {}</span>",
                esc(&rm.name)
            );
        }
        let mut message = esc(&f.message);
        if let (Status::Unknown, Some(reason)) = (f.status, f.unknown) {
            let _ = write!(
                message,
                " <span class=\"muted\">(unknown: {})</span>",
                esc(reason.as_str())
            );
        }
        if !f.in_scope {
            message.push_str(" <span class=\"muted\">(out of scope)</span>");
        }
        let mut status = status_span(f.status.as_str(), f.status.as_str());
        if let Some(a) = report.waiver(f) {
            status.push_str(" <span class=\"status s-waived\">waived</span>");
            let _ = write!(
                message,
                "<div class=\"waiver\">{}</div>",
                waiver_line(&a.waiver)
            );
        }
        let place = [rm.account.as_str(), rm.region.as_str()]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / ");
        let _ = writeln!(
            o,
            "<tr{}><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if f.waived.is_some() { " class=\"waived\"" } else { "" },
            status,
            where_,
            esc(resource.kind().as_str()),
            esc(&place),
            message,
            if report.gates(f, opts.fail_on) { "<span class=\"gate\">yes</span>" } else { "" }
        );
    }
    o.push_str("</tbody>\n</table>\n</article>\n");
}

/// `Waived: reason · owner … · expires … · written in …`, escaped.
fn waiver_line(w: &safeguard_engine::Waiver) -> String {
    let mut s = format!("<strong>Waived:</strong> {}", esc(&w.reason));
    if !w.owner.is_empty() {
        let _ = write!(s, " · owner {}", esc(&w.owner));
    }
    let _ = write!(
        s,
        " · expires {} · {} waiver <code>{}</code>",
        w.expires,
        common::waiver_kind(w),
        esc(&w.origin.to_string())
    );
    s
}

/// Every waiver given, with its state: active ones waive the findings marked above, expired
/// ones re-opened theirs, stale ones match nothing and can go.
fn waivers(o: &mut String, report: &Report) {
    if report.waivers.is_empty() {
        return;
    }
    let s = &report.summary;
    o.push_str("<section id=\"waivers\">\n<h2>Waivers</h2>\n");
    let _ = writeln!(
        o,
        "<p>{} waived finding(s): accepted risks, still failures or unknowns (never passes), counted in the scores and excluded from the exit code. Waivers: {} active, <span class=\"w-expired\">{} expired</span>, <span class=\"w-stale\">{} stale</span>.</p>",
        report.waived().count(),
        s.waivers.active,
        s.waivers.expired,
        s.waivers.stale
    );
    o.push_str("<table>\n<thead><tr><th>State</th><th>Rule</th><th>Resource</th><th>Reason</th><th>Owner</th><th class=\"n\">Expires</th><th>Written in</th><th class=\"n\">Findings</th></tr></thead>\n<tbody>\n");
    for a in &report.waivers {
        let w = &a.waiver;
        let _ = writeln!(
            o,
            "<tr><td class=\"w-{state}\">{state}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{} <code>{}</code></td><td class=\"n\">{}</td></tr>",
            esc(&w.rule),
            esc(w.resource.as_str()),
            esc(&w.reason),
            esc(&w.owner),
            w.expires,
            common::waiver_kind(w),
            esc(&w.origin.to_string()),
            a.findings.len(),
            state = a.state.as_str(),
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn coverage(o: &mut String, report: &Report) {
    o.push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
    let rows = &report.inventory.coverage;
    let failed: Vec<_> = rows.iter().filter(|c| c.is_failure()).collect();
    if rows.is_empty() {
        o.push_str("<p class=\"muted\">The inventory has no coverage table.</p>\n");
    } else if failed.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"s-pass\">All {} places in the coverage table were read.</p>",
            rows.len()
        );
    } else {
        let _ = writeln!(
            o,
            "<p class=\"s-unknown\">{} of {} places could not be read; resources there may be missing or unknown.</p>",
            failed.len(),
            rows.len()
        );
        o.push_str("<table>\n<thead><tr><th>Account</th><th>Region</th><th>Service</th><th>File</th><th>Problem</th></tr></thead>\n<tbody>\n");
        for c in failed {
            let (_, detail) = common::coverage_detail(c);
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.account),
                esc(&c.region),
                esc(&c.service),
                esc(c.file.as_deref().unwrap_or("")),
                esc(&detail)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(esc("a\"b'c&d"), "a&quot;b&#39;c&amp;d");
        assert_eq!(esc("x\u{0}y"), "x\u{FFFD}y");
    }
}
