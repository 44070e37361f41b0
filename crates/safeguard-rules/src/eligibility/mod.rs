//! HIPAA eligibility: PHI may only be stored, processed or transmitted in the services the
//! AWS BAA names, under the conditions the whitepaper attaches to them. The verdicts come from
//! `data/eligible-services.toml`; one rule per file.

use crate::catalog::eligible::{DocSource, Engine, EngineCheck, Service};
use crate::prelude::*;
use crate::rule::Rule;

mod rds_cluster_engine_eligible;
mod rds_instance_engine_eligible;
mod service_eligible;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &service_eligible::RULE,
        &rds_instance_engine_eligible::RULE,
        &rds_cluster_engine_eligible::RULE,
    ]
}

/// "the whitepaper", "the playbook" or "the overview's list": the document a statement is
/// taken from, for messages.
pub(super) fn basis(source: DocSource) -> &'static str {
    match source {
        DocSource::Whitepaper => "the AWS HIPAA whitepaper",
        DocSource::Overview => "the AWS overview's list of eligible services",
        DocSource::Playbook => "the HIPAA setup playbook",
    }
}

/// Judges a database engine and version of `service` (RDS and Aurora) as the catalog states.
pub(super) fn judge_engine(service: &Service, engine: &str, version: &str) -> Outcome {
    let message = |e: &Engine, verdict: &str| {
        let mut m = format!(
            "{engine} {version}: {verdict} (whitepaper section \"{}\")",
            e.section
        );
        if !e.note.is_empty() {
            m.push_str(". ");
            m.push_str(&e.note);
        }
        m
    };
    match service.check_engine(engine, Some(version)) {
        EngineCheck::Eligible(e) => Outcome::pass(message(e, "an engine the whitepaper covers for PHI")),
        EngineCheck::EngineNotEligible(e) => {
            Outcome::fail(message(e, "the whitepaper excludes this engine from PHI"))
        }
        EngineCheck::VersionNotEligible(e) => Outcome::fail(message(
            e,
            "this version is outside the versions the whitepaper lists for PHI; upgrade, or \
             confirm it against the current HIPAA Eligible Services Reference and waive",
        )),
        EngineCheck::VersionPostdatesList(e) => Outcome::unknown(
            UnknownReason::Unrecognized,
            message(
                e,
                "this version is later than every version the whitepaper lists, which predates \
                 it; confirm it against the current HIPAA Eligible Services Reference and record \
                 the decision as a waiver",
            ),
        ),
        EngineCheck::VersionUnreadable(e) => Outcome::unknown(
            UnknownReason::ParseError,
            message(e, "the version could not be read as a number, so the version limits cannot be applied"),
        ),
        EngineCheck::NotCovered => Outcome::unknown(
            UnknownReason::Unrecognized,
            format!(
                "engine {engine:?} is not one the whitepaper covers for {}: its eligibility for PHI is not established",
                service.name
            ),
        ),
    }
}
