//! `docs/coverage/hipaa.md` is generated from the catalog: every specification of 45 CFR
//! 164.308, 164.310, 164.312 and 164.316 with who carries it and the rules that check it.
//! This test fails when the committed file is not what the catalog produces, so the document
//! can never drift from the code. Regenerate with:
//!
//!     SAFEGUARD_UPDATE_DOCS=1 cargo test -p safeguard-rules --test hipaa_coverage_doc

use safeguard_rules::all;
use safeguard_rules::catalog::shared_responsibility::shared_responsibility;
use safeguard_rules::catalog::{hipaa, Family};
use std::fmt::Write as _;
use std::path::PathBuf;

fn generate() -> String {
    let catalog = hipaa();
    let shared = shared_responsibility();
    let rules = all();
    let mut out = String::new();
    out.push_str("# HIPAA Security Rule coverage\n\n");
    out.push_str(
        "Generated from `crates/safeguard-rules` (the rule files, `data/hipaa.toml` and \
         `data/shared-responsibility.toml`) by `tests/hipaa_coverage_doc.rs`; do not edit by \
         hand. For every standard and implementation specification: whether it is required or \
         addressable, who carries it under the shared responsibility model, and the rules that \
         check it automatically. Specifications with no rule are met by attestations \
         (`safeguard attest`).\n\n",
    );
    let _ = writeln!(out, "Rules in the catalog: {}.\n", rules.len());
    for family in Family::ALL {
        let _ = writeln!(out, "## {}\n", family.heading());
        out.push_str(
            "| Specification | Title | Requirement | Carried by | Rules |\n|---|---|---|---|---|\n",
        );
        for spec in catalog.in_family(family) {
            let owner = shared
                .spec(&spec.id)
                .map(|s| s.owner.as_str())
                .unwrap_or("unmapped");
            let ids: Vec<&str> = rules
                .iter()
                .filter(|r| r.meta().hipaa.contains(&spec.id.as_str()))
                .map(|r| r.meta().id)
                .collect();
            let checked = if ids.is_empty() {
                "attestation".to_string()
            } else {
                ids.join(", ")
            };
            let requirement = match spec.requirement {
                safeguard_rules::catalog::Requirement::Required => "required",
                safeguard_rules::catalog::Requirement::Addressable => "addressable",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                spec.id, spec.title, requirement, owner, checked
            );
        }
        out.push('\n');
    }
    out
}

#[test]
fn hipaa_coverage_doc_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/coverage/hipaa.md");
    let generated = generate();
    if std::env::var_os("SAFEGUARD_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/coverage/hipaa.md is out of date; regenerate it with \
         SAFEGUARD_UPDATE_DOCS=1 cargo test -p safeguard-rules --test hipaa_coverage_doc"
    );
}
