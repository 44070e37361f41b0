//! `--format markdown`: a GitHub-flavoured summary fit for a pull-request comment: the score,
//! a table per safeguard family, the top findings, the waived findings (apart, with each
//! waiver's reason, owner and expiry), the sections that failed, and coverage failures. Text from the estate is escaped (pipes, emphasis, HTML, mentions); resource ids
//! go in code spans.

use crate::common::{self, TOOL_NAME, TOOL_VERSION};
use crate::RenderOptions;
use safeguard_engine::{Report, SectionStatus};
use safeguard_rules::Status;
use std::fmt::Write;

/// Findings listed in the comment; the rest are counted.
const TOP: usize = 25;

/// Escapes text for a table cell or a paragraph: Markdown punctuation gets a backslash, HTML
/// is entity-encoded, line breaks become spaces.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // `#` would link issues, `@` mention people; `[`/`]` escaped make `(` and `!` inert.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A code span that survives any content inside a table cell.
pub(crate) fn code(s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let s = &report.summary;
    let mut out = String::new();
    // Waived findings are listed apart, after the open ones.
    let ordered: Vec<_> = common::actionable_by_importance(report)
        .into_iter()
        .filter(|f| f.waived.is_none())
        .collect();
    let fails = ordered.iter().filter(|f| f.status == Status::Fail).count();
    let unknowns = ordered.len() - fails;
    let waived_count = report.waived().count();

    let _ = writeln!(out, "## {TOOL_NAME}: HIPAA Security Rule\n");
    let _ = writeln!(
        out,
        "**Score {} / 100** · {} failed · {} unknown{} · {} resources · {} rules  ",
        common::score_str(s.score),
        fails,
        unknowns,
        if waived_count > 0 {
            format!(" · {waived_count} waived")
        } else {
            String::new()
        },
        s.resources,
        s.rules
    );
    let _ = writeln!(
        out,
        "**Readiness {:.1} / 100** ({} of {} specifications fully met by rules and attestations)  ",
        s.readiness.score, s.readiness.met, s.readiness.sections
    );
    if let Some(set) = &report.attestations {
        use safeguard_engine::AttestationOutcome as O;
        let _ = writeln!(
            out,
            "**Attestations** (as of {}): {} attested · {} not applicable · {} missing · {} expired  ",
            set.as_of,
            set.count(O::Attested),
            set.count(O::NotApplicable),
            set.count(O::AttestationMissing),
            set.count(O::AttestationExpired)
        );
    }
    let _ = writeln!(
        out,
        "**Result:** {}\n",
        text(&common::exit_sentence(report, opts.fail_on))
    );

    out.push_str("| Safeguard family | Score | Pass | Fail | Unknown | Sections failing | Sections to attest |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
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
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            text(fam.heading),
            common::score_str(fam.score),
            fam.counts.pass,
            fam.counts.fail,
            fam.counts.unknown,
            failing,
            attest
        );
    }

    if !ordered.is_empty() {
        let _ = writeln!(out, "\n### Top findings\n");
        let _ = writeln!(
            out,
            "▲ = gates the exit code at `--fail-on {}`\n",
            opts.fail_on
        );
        out.push_str("| | Severity | Status | Rule | Resource | Finding | HIPAA |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for f in ordered.iter().take(TOP) {
            let m = report.rule(f).meta();
            let rm = report.resource(f).meta();
            let mut message = text(&f.message);
            if !f.in_scope {
                message.push_str(" (out of scope)");
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                if report.gates(f, opts.fail_on) {
                    "▲"
                } else {
                    ""
                },
                m.severity,
                f.status,
                code(m.id),
                code(&common::resource_label(rm)),
                message,
                text(&m.hipaa.join(", "))
            );
        }
        if ordered.len() > TOP {
            let _ = writeln!(
                out,
                "\n… and {} more; see the full report.",
                ordered.len() - TOP
            );
        }
    }

    waivers(&mut out, report);

    let problem: Vec<_> = s
        .families
        .iter()
        .flat_map(|f| &f.sections)
        .filter(|x| matches!(x.status, SectionStatus::Fail | SectionStatus::Unknown))
        .collect();
    if !problem.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>Sections failing or unknown ({})</summary>\n",
            problem.len()
        );
        out.push_str("| Section | Title | Requirement | Status | Fail | Unknown | Rules |\n");
        out.push_str("|---|---|---|---|---:|---:|---|\n");
        for sec in problem {
            let rules: Vec<String> = sec.rules.iter().map(|r| code(r)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                text(&sec.id),
                text(&sec.title),
                common::requirement_str(sec.requirement),
                sec.status.as_str(),
                sec.counts.fail,
                sec.counts.unknown,
                rules.join(" ")
            );
        }
        out.push_str("\n</details>\n");
    }

    responsibility(&mut out, report);

    let failed: Vec<_> = report
        .inventory
        .coverage
        .iter()
        .filter(|c| c.is_failure())
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\n### Coverage failures (results are partial)\n");
        for c in failed {
            let (_, detail) = common::coverage_detail(c);
            let _ = writeln!(
                out,
                "- {}: {}",
                code(&common::coverage_place(c)),
                text(&detail)
            );
        }
    }

    let _ = writeln!(
        out,
        "\n<sub>{TOOL_NAME} {TOOL_VERSION} · catalog {} · inventory generated {}</sub>",
        safeguard_rules::CATALOG_VERSION,
        report
            .inventory
            .generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    out
}

/// Waived findings (still failures or unknowns, not passes, and not gating the exit code)
/// with their waiver, then the waivers that expired (their findings are open again above) or
/// match nothing.
fn waivers(out: &mut String, report: &Report) {
    use safeguard_engine::WaiverState;
    if report.waivers.is_empty() {
        return;
    }
    let waived: Vec<_> = report.waived().collect();
    let _ = writeln!(out, "\n### Waived findings ({})\n", waived.len());
    if !waived.is_empty() {
        out.push_str("Accepted risks: still failures or unknowns (never passes), excluded from the exit code.\n\n");
        out.push_str("| Status | Rule | Resource | Reason | Owner | Expires | Waiver |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for f in waived {
            let Some(a) = report.waiver(f) else { continue };
            let w = &a.waiver;
            let _ = writeln!(
                out,
                "| waived ({}) | {} | {} | {} | {} | {} | {} {} |",
                f.status,
                code(report.rule(f).meta().id),
                code(&common::resource_label(report.resource(f).meta())),
                text(&w.reason),
                text(&w.owner),
                w.expires,
                common::waiver_kind(w),
                code(&w.origin.to_string())
            );
        }
    }
    for a in &report.waivers {
        let w = &a.waiver;
        let what = match a.state {
            WaiverState::Expired => {
                format!("expired {}: {} open again", w.expires, a.findings.len())
            }
            WaiverState::Stale => "stale: matches no failure or unknown".to_string(),
            _ => continue,
        };
        let _ = writeln!(
            out,
            "- ⚠ waiver {} on {} ({} {}): {}",
            code(&w.rule),
            code(w.resource.as_str()),
            common::waiver_kind(w),
            code(&w.origin.to_string()),
            text(&what)
        );
    }
}

/// The shared responsibility matrix, folded.
fn responsibility(out: &mut String, report: &Report) {
    let r = &report.summary.responsibility;
    if r.specs.is_empty() {
        return;
    }
    let cats: Vec<String> = r
        .categories
        .iter()
        .map(|c| format!("{} ({})", c.category, c.resources))
        .collect();
    let states: Vec<String> = common::duty_states(report)
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "\n<details><summary>Shared responsibility: {}</summary>\n",
        states.join(" · ")
    );
    let _ = writeln!(
        out,
        "Service categories in use: {}.\n",
        if cats.is_empty() {
            "none".to_string()
        } else {
            cats.join(", ")
        }
    );
    out.push_str(
        "| Section | Title | Carried by | Evidence | Checked by rules | Attested by | State |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|\n");
    for s in &r.specs {
        let rules: Vec<String> = s
            .rules
            .iter()
            .map(|x| format!("{} {}", code(x.id), x.status))
            .collect();
        let atts: Vec<String> = s
            .attestations
            .iter()
            .map(|a| format!("{} {}", code(&a.id), common::outcome_label(a.outcome)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            text(&s.id),
            text(&s.title),
            common::owner_label(s.owner),
            s.evidence.replace('_', " "),
            rules.join(" "),
            atts.join(" "),
            s.state
        );
    }
    out.push_str("\n</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cells() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(text("*x* @team\nnext"), "\\*x\\* \\@team next");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("x`y"), "``x`y``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
