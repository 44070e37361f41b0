//! `safeguard explain RULE`: one rule in full, for people deciding how to fix a finding.

use super::emit;
use super::rules::rule_json;
use crate::cli::{ExplainArgs, ExplainFormat};
use anyhow::anyhow;
use std::fmt::Write as _;

pub fn run(args: ExplainArgs) -> anyhow::Result<()> {
    let rule = safeguard_rules::find(&args.rule)
        .ok_or_else(|| anyhow!("no rule {:?} (see `safeguard rules`)", args.rule))?;
    let text = match args.format {
        ExplainFormat::Json => serde_json::to_string_pretty(&rule_json(rule))? + "\n",
        ExplainFormat::Text => text(rule),
    };
    emit(&text, None)
}

fn text(rule: &dyn safeguard_rules::Rule) -> String {
    let m = rule.meta();
    let catalog = safeguard_rules::catalog::hipaa();
    let mut s = String::new();
    let _ = writeln!(s, "{} {} ({})", m.id, m.title, m.name);
    let _ = writeln!(
        s,
        "Severity: {}    Resource type: {}",
        m.severity,
        rule.subject()
    );
    let _ = writeln!(s, "Source: {}\n", m.source);
    let _ = writeln!(s, "HIPAA Security Rule:");
    for id in m.hipaa {
        match catalog.get(id) {
            Some(spec) => {
                let _ = writeln!(
                    s,
                    "  45 CFR {id}  {} ({:?}, {:?})",
                    spec.title, spec.family, spec.requirement
                );
            }
            None => {
                let _ = writeln!(s, "  45 CFR {id}");
            }
        }
    }
    let _ = writeln!(s, "\nWhy it matters:\n{}\n", indent(&squash(m.rationale)));
    let _ = writeln!(s, "How to fix it:");
    let _ = writeln!(s, "  Console / CLI:\n{}\n", indent(m.remediation.console));
    let _ = writeln!(s, "  Terraform:\n{}\n", indent(m.remediation.terraform));
    let _ = writeln!(
        s,
        "  CloudFormation:\n{}\n",
        indent(m.remediation.cloudformation)
    );
    let _ = writeln!(
        s,
        "Examples (inventory resources and the expected outcome):"
    );
    for e in m.examples {
        let _ = writeln!(s, "  [{}] {}", e.expect, e.name);
        let pretty = serde_json::from_str::<serde_json::Value>(e.resources)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| e.resources.to_string());
        let _ = writeln!(s, "{}", indent(&indent(&pretty)));
    }
    s
}

/// Rationale strings are written with line continuations; collapse runs of spaces.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
