//! Running a rule's examples: they are its documentation and its tests.

use crate::context::{Context, Index, Settings};
use crate::rule::{Example, Outcome, Rule};
use safeguard_model::{Inventory, Source, SourceKind, Timestamp};
use std::path::Path;

/// The instant examples are evaluated at, so ages in examples ("a key created on
/// 2026-01-02") give the same verdict every day.
pub fn example_time() -> Timestamp {
    "2026-11-20T12:00:00Z".parse().expect("valid timestamp")
}

impl Example {
    /// The example's resources as a complete inventory.
    pub fn inventory(&self) -> Result<Inventory, String> {
        let resources: serde_json::Value = serde_json::from_str(self.resources)
            .map_err(|e| format!("example {:?}: {e}", self.name))?;
        let doc = serde_json::json!({
            "format": safeguard_model::inventory::FORMAT_NAME,
            "version": safeguard_model::inventory::FORMAT_VERSION,
            "generated_at": example_time(),
            "source": Source { kind: SourceKind::Manual, description: format!("example {:?}", self.name), tool_version: String::new() },
            "resources": resources,
        });
        Inventory::parse(&doc.to_string(), Path::new(self.name))
            .map_err(|e| format!("example {:?}: {e}", self.name))
    }

    /// Evaluates `rule` on every resource of its subject type in the example.
    pub fn run(&self, rule: &dyn Rule) -> Result<Vec<(String, Outcome)>, String> {
        let inventory = self.inventory()?;
        Ok(evaluate_all(rule, &inventory))
    }
}

/// Evaluates `rule` on every resource of its subject type in `inventory`, with default settings.
pub fn evaluate_all(rule: &dyn Rule, inventory: &Inventory) -> Vec<(String, Outcome)> {
    let index = Index::new(inventory);
    let settings = Settings::default();
    let cx = Context::new(&index, &settings);
    let mut subjects: Vec<u32> = rule
        .subject()
        .kinds()
        .iter()
        .flat_map(|&k| index.of_kind(k))
        .copied()
        .collect();
    subjects.sort_unstable();
    subjects
        .into_iter()
        .map(|i| {
            let r = index.resource(i);
            (r.meta().id.clone(), rule.evaluate(r, &cx))
        })
        .collect()
}
