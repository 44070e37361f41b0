//! Catalog-wide guarantees: every rule's examples hold, metadata is complete, citations exist,
//! and no rule passes on data it cannot see.

use safeguard_model::Inventory;
use safeguard_rules::catalog::hipaa;
use safeguard_rules::examples::evaluate_all;
use safeguard_rules::{all, Status};
use std::collections::HashSet;

#[test]
fn every_example_gets_its_expected_status() {
    let mut failures = Vec::new();
    for rule in all() {
        let meta = rule.meta();
        for ex in meta.examples {
            match ex.run(*rule) {
                Err(e) => failures.push(format!("{}: {e}", meta.id)),
                Ok(results) if results.is_empty() => failures.push(format!(
                    "{} example {:?}: no {} resource in it",
                    meta.id,
                    ex.name,
                    rule.subject()
                )),
                Ok(results) => {
                    for (id, outcome) in results {
                        if outcome.status != ex.expect {
                            failures.push(format!(
                                "{} example {:?}: {id} expected {} but got {} ({})",
                                meta.id, ex.name, ex.expect, outcome.status, outcome.message
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_pass_and_fail_examples() {
    for rule in all() {
        let m = rule.meta();
        assert!(
            m.examples.iter().any(|e| e.expect == Status::Pass),
            "{} has no pass example",
            m.id
        );
        assert!(
            m.examples.iter().any(|e| e.expect == Status::Fail),
            "{} has no fail example",
            m.id
        );
    }
}

#[test]
fn metadata_is_complete_and_unique() {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for rule in all() {
        let m = rule.meta();
        let (prefix, number) = m.id.split_once('-').expect("id is PREFIX-NNN");
        assert!(
            prefix
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{}",
            m.id
        );
        assert!(
            number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
            "{}",
            m.id
        );
        assert!(ids.insert(m.id), "duplicate id {}", m.id);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        assert!(
            m.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: name must be kebab-case",
            m.id
        );
        assert!(
            !m.title.is_empty() && !m.title.ends_with('.'),
            "{}: title",
            m.id
        );
        assert!(m.rationale.len() > 80, "{}: rationale too short", m.id);
        assert!(
            m.source.starts_with("Whitepaper") || m.source.starts_with("Playbook"),
            "{}: source must name the whitepaper or playbook section",
            m.id
        );
        assert!(
            !m.remediation.console.is_empty(),
            "{}: console remediation",
            m.id
        );
        assert!(
            !m.remediation.terraform.is_empty(),
            "{}: terraform remediation",
            m.id
        );
        assert!(
            !m.remediation.cloudformation.is_empty(),
            "{}: cloudformation remediation",
            m.id
        );
        assert!(!m.hipaa.is_empty(), "{}: cites nothing", m.id);
    }
}

#[test]
fn every_citation_is_a_real_specification() {
    let catalog = hipaa();
    for rule in all() {
        for cite in rule.meta().hipaa {
            assert!(
                catalog.get(cite).is_some(),
                "{} cites {cite:?}, which is not in data/hipaa.toml",
                rule.meta().id
            );
        }
    }
}

/// Reduces every resource in an inventory to its identity, so every fact is unknown.
fn strip_facts(inventory: &Inventory) -> Inventory {
    let mut json = serde_json::to_value(inventory).unwrap();
    for r in json["resources"].as_array_mut().unwrap() {
        let obj = r.as_object_mut().unwrap();
        obj.retain(|k, _| {
            matches!(
                k.as_str(),
                "type" | "id" | "name" | "account" | "region" | "resource_type"
            )
        });
    }
    serde_json::from_value(json).unwrap()
}

/// Rules whose verdict is a property of the resource's type, which is identity and never
/// unknown (HIPAA eligibility of the service). For them the test checks the stronger claim:
/// stripping every fact changes no verdict, so the rule provably reads nothing else.
const TYPE_ONLY: &[&str] = &["ELIG-001"];

#[test]
fn no_rule_passes_when_nothing_is_known() {
    let mut failures = Vec::new();
    for rule in all() {
        for ex in rule.meta().examples {
            let stripped = strip_facts(&ex.inventory().unwrap());
            if TYPE_ONLY.contains(&rule.meta().id) {
                let full = evaluate_all(*rule, &ex.inventory().unwrap());
                let bare = evaluate_all(*rule, &stripped);
                for ((id, a), (_, b)) in full.iter().zip(&bare) {
                    if a.status != b.status {
                        failures.push(format!("{} example {:?}: {id} is judged on more than its type ({} with facts, {} without)", rule.meta().id, ex.name, a.status, b.status));
                    }
                }
                continue;
            }
            for (id, outcome) in evaluate_all(*rule, &stripped) {
                if outcome.status == Status::Pass {
                    failures.push(format!(
                        "{} example {:?}: {id} passes with every fact unknown: {}",
                        rule.meta().id,
                        ex.name,
                        outcome.message
                    ));
                }
                if outcome.status == Status::Unknown && outcome.unknown.is_none() {
                    failures.push(format!(
                        "{}: unknown outcome without a reason",
                        rule.meta().id
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
