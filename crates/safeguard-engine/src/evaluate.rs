//! Running the rules: each rule sees only resources of its subject type, and work is split
//! into chunks evaluated in parallel. Output order is deterministic (rule id, then inventory
//! order) whatever the thread count.

use crate::options::{Options, SelectionError};
use crate::report::{Finding, Report};
use crate::summary::summarise;
use rayon::prelude::*;
use safeguard_model::Inventory;
use safeguard_rules::{Context, Index, Rule};
use std::time::Instant;

/// Resources per unit of parallel work: big enough to amortise scheduling, small enough to
/// balance a skewed inventory (a million log groups and ten buckets).
const CHUNK: usize = 8192;

pub fn evaluate<'a>(
    inventory: &'a Inventory,
    catalog: &[&'static dyn Rule],
    options: &Options,
) -> Result<Report<'a>, SelectionError> {
    let started = Instant::now();
    let evaluated_at = chrono::Utc::now();
    let rules = options.selection.apply(catalog)?;
    let index = Index::new(inventory);
    let cx = Context::new(&index, &options.settings);

    let in_scope: Vec<bool> = if options.scope.is_everything() {
        Vec::new()
    } else {
        inventory
            .resources
            .par_iter()
            .map(|r| options.scope.contains(r))
            .collect()
    };

    let units: Vec<(u32, &[u32])> = rules
        .iter()
        .enumerate()
        .flat_map(|(ri, rule)| {
            index
                .of_kinds(rule.subject().kinds())
                .into_iter()
                .flat_map(move |indices| indices.chunks(CHUNK).map(move |c| (ri as u32, c)))
        })
        .collect();

    let findings: Vec<Finding> = units
        .par_iter()
        .map(|&(ri, chunk)| {
            let rule = rules[ri as usize];
            chunk
                .iter()
                .map(|&i| {
                    let outcome = rule.evaluate(index.resource(i), &cx);
                    Finding {
                        rule: ri,
                        resource: i,
                        status: outcome.status,
                        message: outcome.message,
                        unknown: outcome.unknown,
                        in_scope: in_scope.get(i as usize).copied().unwrap_or(true),
                        waived: None,
                    }
                })
                .collect::<Vec<_>>()
        })
        .flatten_iter()
        .collect();

    let coverage_failures = inventory.coverage.iter().filter(|c| c.is_failure()).count();
    let summary = summarise(
        &rules,
        &findings,
        inventory.resources.len(),
        coverage_failures,
        |i| inventory.resources[i as usize].kind().service(),
    );

    let mut report = Report {
        inventory,
        rules,
        findings,
        settings: options.settings.clone(),
        scoped: !options.scope.is_everything(),
        evaluated_at,
        duration: started.elapsed(),
        summary,
        waivers: Vec::new(),
        attestations: None,
    };
    crate::attestations::refresh(&mut report);
    Ok(report)
}

/// [`evaluate`], then the attestations (see [`Report::set_attestations`]).
pub fn evaluate_with_attestations<'a>(
    inventory: &'a Inventory,
    catalog: &[&'static dyn Rule],
    options: &Options,
    attestations: Option<safeguard_attest::AttestationSet>,
) -> Result<Report<'a>, SelectionError> {
    let mut report = evaluate(inventory, catalog, options)?;
    report.set_attestations(attestations);
    Ok(report)
}
