//! The terminal summary: per safeguard family a score and each section's status, then the
//! failures and unknowns by severity, the coverage failures, totals, and what gates the exit
//! code. Fits 100 columns; colour only when asked.
//!
//! Resource names and messages come from the scanned estate: control characters (an ANSI
//! escape in a bucket tag) and bidirectional overrides are shown escaped, never sent to the
//! terminal.

use crate::common::{self, TOOL_NAME, TOOL_VERSION};
use crate::RenderOptions;
use owo_colors::OwoColorize;
use safeguard_engine::{Finding, Report, SectionStatus};
use safeguard_rules::{Severity, Status};
use std::fmt::Write;

const WIDTH: usize = 100;
/// Margin of the labelled header and footer lines.
const LABEL: usize = 11;
/// Findings listed per severity before the rest are counted only.
const PER_SEVERITY: usize = 50;

struct Paint {
    on: bool,
}

impl Paint {
    fn fail(&self, s: &str) -> String {
        if self.on {
            s.red().bold().to_string()
        } else {
            s.to_string()
        }
    }
    fn warn(&self, s: &str) -> String {
        if self.on {
            s.yellow().to_string()
        } else {
            s.to_string()
        }
    }
    fn pass(&self, s: &str) -> String {
        if self.on {
            s.green().to_string()
        } else {
            s.to_string()
        }
    }
    fn dim(&self, s: &str) -> String {
        if self.on {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        if self.on {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity, s: &str) -> String {
        match sev {
            Severity::Critical | Severity::High => self.fail(s),
            Severity::Medium => self.warn(s),
            Severity::Low | Severity::Info => self.dim(s),
        }
    }
    fn section(&self, st: SectionStatus, s: &str) -> String {
        match st {
            SectionStatus::Pass => self.pass(s),
            SectionStatus::Fail => self.fail(s),
            SectionStatus::Unknown => self.warn(s),
            SectionStatus::NotAssessed => self.dim(s),
            SectionStatus::Attested => self.pass(s),
            SectionStatus::AttestationMissing | SectionStatus::AttestationExpired => self.warn(s),
        }
    }
}

/// Makes user-controlled text safe to print: control characters and bidi overrides escaped.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        if c.is_control() || bidi {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Cuts `s` to `width` characters, ending with `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Word-wraps `text` to lines of at most `WIDTH` columns, each starting with `indent` spaces.
fn wrap(out: &mut String, text: &str, indent: usize) {
    let avail = WIDTH.saturating_sub(indent).max(20);
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() {
            word.chars().count()
        } else {
            line.chars().count() + 1 + word.chars().count()
        };
        if needed > avail && !line.is_empty() {
            let _ = writeln!(out, "{:indent$}{line}", "");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{:indent$}{line}", "");
    }
}

/// `label` in an 11-column margin, then `text` wrapped beside it.
fn labelled(out: &mut String, label: &str, text: &str) {
    let mut block = String::new();
    wrap(&mut block, text, LABEL);
    let body = block.get(LABEL..).unwrap_or("");
    let _ = write!(out, "{label:<LABEL$}{body}");
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let p = Paint { on: opts.color };
    let mut out = String::new();
    let inv = report.inventory;
    let s = &report.summary;

    let _ = writeln!(
        out,
        "{} — HIPAA Security Rule (45 CFR 164.308, .310, .312, .316)",
        p.bold(&format!("{TOOL_NAME} {TOOL_VERSION}"))
    );
    let desc = if inv.source.description.is_empty() {
        String::new()
    } else {
        format!(": {}", clean(&inv.source.description))
    };
    let source_kind = serde_json::to_value(inv.source.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    labelled(
        &mut out,
        "Inventory",
        &format!(
            "{source_kind}{desc} · generated {} · {}",
            inv.generated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            plural(inv.resources.len(), "resource", "resources")
        ),
    );
    let _ = writeln!(
        out,
        "Evaluated  {} · catalog {} · {} in {} ms",
        plural(report.rules.len(), "rule", "rules"),
        safeguard_rules::CATALOG_VERSION,
        report
            .evaluated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        report.duration.as_millis()
    );
    let _ = writeln!(
        out,
        "Scope      {}",
        if report.scoped {
            "resources in the given scope (others are informational)"
        } else {
            "everything (no scope given)"
        }
    );

    // Families and their sections.
    for fam in &s.families {
        out.push('\n');
        let score = format!("score {}", common::score_str(fam.score));
        let head = fam.heading;
        let pad = WIDTH
            .saturating_sub(head.chars().count() + score.chars().count())
            .max(2);
        let _ = writeln!(out, "{}{:pad$}{}", p.bold(head), "", p.bold(&score));
        let assessed: Vec<_> = fam
            .sections
            .iter()
            .filter(|x| {
                matches!(
                    x.status,
                    SectionStatus::Pass | SectionStatus::Fail | SectionStatus::Unknown
                )
            })
            .collect();
        if !assessed.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                p.dim(&format!(
                    "  {:<20}  {:<36}  {:<11}  {:<7}  {:>4} {:>4} {:>4}",
                    "SECTION", "TITLE", "REQUIREMENT", "STATUS", "PASS", "FAIL", "UNKN"
                ))
            );
        }
        for sec in &assessed {
            let status = format!("{:<7}", common::section_status_label(sec.status));
            let _ = writeln!(
                out,
                "  {:<20}  {:<36}  {:<11}  {}  {:>4} {:>4} {:>4}",
                sec.id,
                fit(&sec.title, 36),
                common::requirement_str(sec.requirement),
                p.section(sec.status, &status),
                sec.counts.pass,
                sec.counts.fail,
                sec.counts.unknown
            );
        }
        let attest: Vec<&str> = fam
            .sections
            .iter()
            .filter(|x| x.status == SectionStatus::NotAssessed)
            .map(|x| x.id.as_str())
            .collect();
        if !attest.is_empty() {
            let mut text = format!(
                "{} with no automated rule, to attest: ",
                plural(attest.len(), "section", "sections")
            );
            text.push_str(&attest.join(", "));
            let mut block = String::new();
            wrap(&mut block, &text, 2);
            out.push_str(&p.dim(block.trim_end()));
            out.push('\n');
        }
        for (status, what) in [
            (SectionStatus::Attested, "attested"),
            (SectionStatus::AttestationMissing, "attestation missing"),
            (SectionStatus::AttestationExpired, "attestation expired"),
        ] {
            let ids: Vec<&str> = fam
                .sections
                .iter()
                .filter(|x| x.status == status)
                .map(|x| x.id.as_str())
                .collect();
            if !ids.is_empty() {
                let mut block = String::new();
                wrap(
                    &mut block,
                    &format!("{what} ({}): {}", ids.len(), ids.join(", ")),
                    2,
                );
                out.push_str(&p.section(status, block.trim_end()));
                out.push('\n');
            }
        }
    }

    attestations(&mut out, &p, report);
    responsibility(&mut out, &p, report);

    // Findings by severity.
    // Waived findings are listed apart, after these.
    let ordered: Vec<&Finding> = common::actionable_by_importance(report)
        .into_iter()
        .filter(|f| f.waived.is_none())
        .collect();
    let fails = ordered.iter().filter(|f| f.status == Status::Fail).count();
    let unknowns = ordered.len() - fails;
    let gating = common::gating_count(report, opts.fail_on);
    out.push('\n');
    if ordered.is_empty() {
        let _ = writeln!(out, "{}", p.pass("No failures and no unknowns."));
    } else {
        let _ = writeln!(
            out,
            "{}",
            p.bold(&format!(
                "Findings: {}, {} ({} at or above --fail-on {}, marked ▲)",
                plural(fails, "failure", "failures"),
                plural(unknowns, "unknown", "unknowns"),
                gating,
                opts.fail_on
            ))
        );
        for sev in common::severities_desc() {
            let group: Vec<&&Finding> = ordered
                .iter()
                .filter(|f| report.severity(f) == sev)
                .collect();
            if group.is_empty() {
                continue;
            }
            out.push('\n');
            let _ = writeln!(
                out,
                "{}",
                p.severity(
                    sev,
                    &format!("{} ({})", sev.as_str().to_uppercase(), group.len())
                )
            );
            for f in group.iter().take(PER_SEVERITY) {
                finding(&mut out, &p, report, f, opts);
            }
            if group.len() > PER_SEVERITY {
                let _ = writeln!(
                    out,
                    "  {}",
                    p.dim(&format!(
                        "… and {} more (see --format json, csv or html)",
                        group.len() - PER_SEVERITY
                    ))
                );
            }
        }
    }

    waived(&mut out, &p, report);

    // Coverage failures.
    let failed: Vec<_> = inv.coverage.iter().filter(|c| c.is_failure()).collect();
    if !failed.is_empty() {
        out.push('\n');
        let _ = writeln!(
            out,
            "{}",
            p.warn(&format!(
                "Coverage: {} (results are partial)",
                plural(
                    failed.len(),
                    "place could not be read",
                    "places could not be read"
                )
            ))
        );
        for c in failed {
            let (_, detail) = common::coverage_detail(c);
            let line = format!("{}: {}", clean(&common::coverage_place(c)), clean(&detail));
            wrap(&mut out, &line, 2);
        }
    }

    // Totals.
    out.push('\n');
    let c = &s.counts;
    let _ = writeln!(
        out,
        "Totals     {} · {} · pass {} · fail {} · unknown {} · not applicable {}",
        plural(s.resources, "resource", "resources"),
        plural(s.rules, "rule", "rules"),
        c.pass,
        c.fail,
        c.unknown,
        c.not_applicable
    );
    if report.scoped {
        let o = &s.out_of_scope;
        let _ = writeln!(
            out,
            "           out of scope: pass {} · fail {} · unknown {} · not applicable {}",
            o.pass, o.fail, o.unknown, o.not_applicable
        );
    }
    let _ = writeln!(
        out,
        "Score      {} / 100",
        p.bold(&common::score_str(s.score))
    );
    let _ = writeln!(
        out,
        "Readiness  {} / 100 ({} of {} specifications fully met by rules and attestations)",
        p.bold(&format!("{:.1}", s.readiness.score)),
        s.readiness.met,
        s.readiness.sections
    );
    let sentence = common::exit_sentence(report, opts.fail_on);
    let result = match report.exit_code(opts.fail_on) {
        safeguard_engine::ExitCode::Clean => p.pass(&sentence),
        safeguard_engine::ExitCode::Incomplete => p.warn(&sentence),
        _ => p.fail(&sentence),
    };
    let _ = writeln!(out, "Result     {result}");
    out
}

/// One line of counts, then the items that need action (missing, expired, expiring soon).
fn attestations(out: &mut String, p: &Paint, report: &Report) {
    let Some(set) = &report.attestations else {
        return;
    };
    use safeguard_engine::AttestationOutcome as O;
    out.push('\n');
    let file = set
        .file
        .as_deref()
        .map(clean)
        .unwrap_or_else(|| "no file given".to_string());
    labelled(
        out,
        "Attested",
        &format!(
            "{} attested · {} not applicable · {} missing · {} expired · as of {} · {}",
            set.count(O::Attested),
            set.count(O::NotApplicable),
            set.count(O::AttestationMissing),
            set.count(O::AttestationExpired),
            set.as_of,
            file
        ),
    );
    for (outcome, label) in [
        (O::AttestationExpired, "expired"),
        (O::AttestationMissing, "missing"),
    ] {
        let ids: Vec<String> = set
            .results
            .iter()
            .filter(|r| r.outcome == outcome)
            .map(|r| clean(&r.id))
            .collect();
        if !ids.is_empty() {
            let mut block = String::new();
            wrap(&mut block, &format!("{label}: {}", ids.join(", ")), LABEL);
            out.push_str(&p.warn(block.trim_end()));
            out.push('\n');
        }
    }
    let soon: Vec<String> = set
        .results
        .iter()
        .filter(|r| r.expiring_soon)
        .map(|r| {
            format!(
                "{} ({})",
                clean(&r.id),
                r.expires.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    if !soon.is_empty() {
        wrap(out, &format!("expiring soon: {}", soon.join(", ")), LABEL);
    }
    if let Some(baa) = set.results.iter().find(|r| r.id == "baa-signed") {
        wrap(
            out,
            &format!(
                "BAA: {} (source: {})",
                clean(&baa.message),
                baa.source.label()
            ),
            LABEL,
        );
    }
}

/// The shared responsibility model in three lines: categories in use, who carries what, and
/// how the customer's duties stand.
/// Waived findings (still failures or unknowns underneath, excluded from the exit-code
/// gate) and waivers that expired (their findings are open again) or match nothing.
fn waived(out: &mut String, p: &Paint, report: &Report) {
    use safeguard_engine::WaiverState;
    if report.waivers.is_empty() {
        return;
    }
    let waived: Vec<&Finding> = report.waived().collect();
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "Waived: {} (not passes; excluded from --fail-on)",
            plural(waived.len(), "finding", "findings")
        ))
    );
    for f in waived {
        let Some(w) = report.waiver(f) else { continue };
        let m = report.rule(f).meta();
        let _ = writeln!(
            out,
            "  {} {} {} {}",
            m.id,
            f.status.as_str(),
            clean(&common::resource_label(report.resource(f).meta())),
            p.dim(&format!(
                "— {} ({}expires {}, {})",
                clean(&w.waiver.reason),
                if w.waiver.owner.is_empty() {
                    String::new()
                } else {
                    format!("owner {}, ", clean(&w.waiver.owner))
                },
                w.waiver.expires,
                w.waiver.origin
            ))
        );
    }
    for a in &report.waivers {
        let what = match a.state {
            WaiverState::Expired => format!(
                "expired {}: {} re-opened",
                a.waiver.expires,
                plural(a.findings.len(), "finding", "findings")
            ),
            WaiverState::Stale => "stale: matches no failure or unknown".to_string(),
            _ => continue,
        };
        let _ = writeln!(
            out,
            "  {}",
            p.warn(&format!(
                "waiver {} {} ({}): {what}",
                a.waiver.rule,
                clean(a.waiver.resource.as_str()),
                a.waiver.origin
            ))
        );
    }
}

fn responsibility(out: &mut String, p: &Paint, report: &Report) {
    let r = &report.summary.responsibility;
    if r.specs.is_empty() {
        return;
    }
    out.push('\n');
    let cats: Vec<String> = r
        .categories
        .iter()
        .map(|c| format!("{} ({})", c.category, c.resources))
        .collect();
    let count = |o: &str| r.specs.iter().filter(|s| s.owner == o).count();
    labelled(
        out,
        "Carried by",
        &format!(
            "AWS {} · customer {} · shared {} (categories in use: {})",
            count("aws"),
            count("customer"),
            count("shared"),
            if cats.is_empty() {
                "none".to_string()
            } else {
                cats.join(", ")
            }
        ),
    );
    let states = common::duty_states(report);
    let parts: Vec<String> = states.iter().map(|(k, n)| format!("{n} {k}")).collect();
    labelled(out, "Duties", &parts.join(" · "));
    let open: Vec<&str> = r
        .specs
        .iter()
        .filter(|s| s.state == "open")
        .map(|s| s.id.as_str())
        .collect();
    if !open.is_empty() {
        let mut block = String::new();
        wrap(
            &mut block,
            &format!("open (neither checked nor attested): {}", open.join(", ")),
            LABEL,
        );
        out.push_str(&p.dim(block.trim_end()));
        out.push('\n');
    }
}

fn finding(out: &mut String, p: &Paint, report: &Report, f: &Finding, opts: &RenderOptions) {
    let m = report.rule(f).meta();
    let rm = report.resource(f).meta();
    let gate = if report.gates(f, opts.fail_on) {
        p.fail("▲")
    } else {
        " ".to_string()
    };
    let status = match f.status {
        Status::Fail => p.fail("FAIL"),
        Status::Unknown => p.warn("UNKN"),
        Status::Pass => p.pass("PASS"),
        Status::NotApplicable => p.dim("N/A "),
    };
    let scope = if f.in_scope {
        String::new()
    } else {
        p.dim("  (out of scope)")
    };
    let _ = writeln!(
        out,
        "  {gate} {status}  {:<9} {}{scope}",
        m.id,
        clean(&common::resource_label(rm))
    );
    let message = match (f.status, f.unknown) {
        (Status::Unknown, Some(reason)) if !f.message.contains(reason.as_str()) => {
            format!("{} ({reason})", clean(&f.message))
        }
        _ => clean(&f.message),
    };
    wrap(out, &message, 10);
    let mut cite = String::new();
    wrap(
        &mut cite,
        &format!("HIPAA {} · {}", m.hipaa.join(", "), m.title),
        10,
    );
    out.push_str(&p.dim(cite.trim_end()));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\ny"), "x\\ny");
        assert_eq!(clean("\u{202E}abc"), "\\u{202e}abc");
        assert_eq!(clean("plain é"), "plain é");
    }

    #[test]
    fn wrapping_respects_the_width() {
        let mut s = String::new();
        wrap(&mut s, &"word ".repeat(60), 10);
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(s.lines().count() > 1);
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
