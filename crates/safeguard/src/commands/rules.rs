//! `safeguard rules`: the catalog as a table or as JSON.

use super::emit;
use crate::cli::{ListFormat, RulesArgs};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

pub fn run(args: RulesArgs) -> anyhow::Result<()> {
    let rules = safeguard_rules::all();
    let text = match args.format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules.iter().map(|r| rule_json(*r)).collect();
            let doc = serde_json::json!({
                "catalog_version": safeguard_rules::CATALOG_VERSION,
                "count": list.len(),
                "rules": list,
            });
            serde_json::to_string_pretty(&doc)? + "\n"
        }
        ListFormat::Table => {
            let mut table = Table::new();
            table
                .load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(vec!["ID", "Severity", "Resource", "Title", "HIPAA"]);
            for r in rules {
                let m = r.meta();
                table.add_row(vec![
                    m.id.to_string(),
                    m.severity.to_string(),
                    r.subject().to_string(),
                    m.title.to_string(),
                    m.hipaa.join(", "),
                ]);
            }
            format!("{table}\n{} rules\n", rules.len())
        }
    };
    emit(&text, None)
}

/// Everything about a rule, as `rules --format json` and `explain --format json` print it.
pub(crate) fn rule_json(rule: &dyn safeguard_rules::Rule) -> serde_json::Value {
    let m = rule.meta();
    let catalog = safeguard_rules::catalog::hipaa();
    let citations: Vec<serde_json::Value> = m
        .hipaa
        .iter()
        .map(|id| {
            let spec = catalog.get(id);
            serde_json::json!({
                "id": id,
                "title": spec.map(|s| s.title.as_str()),
                "family": spec.map(|s| s.family),
                "requirement": spec.map(|s| s.requirement),
            })
        })
        .collect();
    serde_json::json!({
        "id": m.id,
        "name": m.name,
        "title": m.title,
        "severity": m.severity,
        "resource_type": rule.subject(),
        "service": rule.subject().service(),
        "hipaa": citations,
        "source": m.source,
        "rationale": m.rationale,
        "remediation": m.remediation,
        "examples": m.examples.iter().map(|e| serde_json::json!({
            "name": e.name,
            "expect": e.expect,
            "resources": serde_json::from_str::<serde_json::Value>(e.resources).unwrap_or(serde_json::Value::Null),
        })).collect::<Vec<_>>(),
    })
}
