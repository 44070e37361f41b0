//! Protected health information in metadata: names, tags, descriptions and environment
//! variable names, which AWS does not encrypt the way it encrypts content. The detector is in
//! [`detector`]; one rule per file.

pub mod detector;

mod description_free_of_phi;
mod env_var_names_free_of_phi;
mod name_and_tags_free_of_phi;

use crate::prelude::*;
use crate::rule::Rule;
use detector::{scan, Hit, Options};

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &name_and_tags_free_of_phi::RULE,
        &description_free_of_phi::RULE,
        &env_var_names_free_of_phi::RULE,
    ]
}

/// One finding of a rule: where, what kind, and the masked excerpt.
pub(super) fn describe(field: &str, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| format!("{field}: {} `{}`", h.kind, h.masked))
        .collect()
}

/// Scans named free-text fields and turns the hits into a verdict.
pub(super) fn verdict(findings: Vec<String>, what: &str) -> Outcome {
    if findings.is_empty() {
        Outcome::pass(format!("no PHI found in {what}"))
    } else {
        Outcome::fail(format!(
            "possible PHI in metadata, which AWS does not encrypt: {}",
            findings.join("; ")
        ))
    }
}

/// Scans a list of labelled texts.
pub(super) fn scan_all<'a>(items: impl IntoIterator<Item = (String, &'a str)>) -> Vec<String> {
    items
        .into_iter()
        .flat_map(|(label, text)| describe(&label, &scan(text, Options::default())))
        .collect()
}
