//! Attestations: the HIPAA safeguards no API can show (a signed BAA, a named security
//! official, written policies, training, contingency tests...), recorded by the customer in
//! `safeguard-attestations.yaml` next to its infrastructure code, and evaluated against the
//! calendar: an item that is missing, pending or past its review date is a finding of its own
//! (`attestation_missing`, `attestation_expired`), never a technical fail.
//!
//! - [`catalog`]: the items every estate attests (`data/attestation-items.toml`).
//! - [`AttestationFile`]: parsing, with `file:line:column` errors.
//! - [`edit`]: `attest init` (a new file listing every item) and `attest set` (one item
//!   updated in place, comments and order kept).
//! - [`evaluate`]: outcomes as of a date, with the BAA answered by AWS Artifact when the
//!   collector could read it.
//! - `bundle` (feature `bundle`): evidence archives with a SHA-256 manifest and a hash chain,
//!   optionally signed with Ed25519 ([`sign`]: keys, signatures).

pub mod catalog;
pub mod edit;
mod evaluate;
mod file;
mod interval;

#[cfg(feature = "bundle")]
pub mod bundle;
#[cfg(feature = "bundle")]
pub mod sign;

pub use catalog::{catalog, ItemDef};
pub use evaluate::{
    evaluate, ArtifactAgreement, AttestationResult, AttestationSet, BaaEvidence, Outcome, Source,
    EXPIRING_SOON_DAYS,
};
pub use file::{AttestError, Attestation, AttestationFile, ItemStatus, FILE_NAME, FORMAT_VERSION};
pub use interval::ReviewInterval;

/// A calendar date (`2026-11-01`).
pub type Date = chrono::NaiveDate;

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
