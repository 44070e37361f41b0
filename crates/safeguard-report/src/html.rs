//! `--format html`: one self-contained page for auditors. No scripts, no external resources
//! (a Content-Security-Policy forbids both), print-friendly CSS.
//!
//! Contents: an executive summary (overall score, score and counts per safeguard family, the
//! exit-code verdict), every HIPAA specification with its status and the rules behind it, the
//! findings grouped by rule with rationale and remediation, and the coverage failures.
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
article.rule { border-top: 1px solid var(--line); padding-top: 4px; }
details { margin: 4px 0; }
summary { cursor: pointer; color: #1849a9; }
.verdict { font-weight: 600; }
@media print {
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
    sections(&mut o, report);
    findings(&mut o, report, opts);
    coverage(&mut o, report);

    o.push_str("</main>\n<footer class=\"meta\"><p>Scores are the severity-weighted share of passing in-scope checks (critical 10, high 5, medium 3, low 1); an unknown counts against the score. Sections marked “attest” have no automated rule and need a documented attestation.</p></footer>\n</body>\n</html>\n");
    o
}

fn executive_summary(o: &mut String, report: &Report, opts: &RenderOptions) {
    let s = &report.summary;
    o.push_str("<section id=\"summary\">\n<h2>Executive summary</h2>\n<div class=\"cards\">\n");
    let _ = writeln!(
        o,
        "<div class=\"card\"><span class=\"big\">{}</span>overall score (of 100)</div>",
        esc(&common::score_str(s.score))
    );
    for fam in &s.families {
        let _ = writeln!(
            o,
            "<div class=\"card\"><span class=\"big\">{}</span>{}</div>",
            esc(&common::score_str(fam.score)),
            esc(fam.heading)
        );
    }
    o.push_str("</div>\n");
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
            .filter(|x| x.status == SectionStatus::NotAssessed)
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
        o.push_str("<table>\n<thead><tr><th>Section</th><th>Title</th><th>Requirement</th><th>Status</th><th class=\"n\">Pass</th><th class=\"n\">Fail</th><th class=\"n\">Unknown</th><th class=\"n\">N/A</th><th>Rules</th></tr></thead>\n<tbody>\n");
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
            let _ = writeln!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&sec.id),
                esc(&sec.title),
                common::requirement_str(sec.requirement),
                status_span(sec.status.as_str(), common::section_status_label(sec.status)),
                sec.counts.pass,
                sec.counts.fail,
                sec.counts.unknown,
                sec.counts.not_applicable,
                rules
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

fn findings(o: &mut String, report: &Report, opts: &RenderOptions) {
    o.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
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
        let place = [rm.account.as_str(), rm.region.as_str()]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / ");
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            status_span(f.status.as_str(), f.status.as_str()),
            where_,
            esc(resource.kind().as_str()),
            esc(&place),
            message,
            if report.gates(f, opts.fail_on) { "<span class=\"gate\">yes</span>" } else { "" }
        );
    }
    o.push_str("</tbody>\n</table>\n</article>\n");
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
