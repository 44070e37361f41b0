//! The engine: selects rules, applies scope, evaluates every rule on every resource of its
//! subject type (in parallel), and rolls the outcomes up by HIPAA section and safeguard family.

mod attestations;
mod evaluate;
mod fingerprint;
mod options;
mod report;
mod responsibility;
mod summary;
mod waivers;

pub use attestations::{
    rolled_up, AttestationCounts, FamilyReadiness, Readiness, SectionAttestation,
};
pub use evaluate::{evaluate, evaluate_with_attestations};
pub use fingerprint::fingerprint;
pub use options::{Options, Scope, Selection, SelectionError};
pub use report::{ExitCode, Finding, Report};
pub use responsibility::{
    AttestationCheck, CategoryDuty, CategoryUse, Responsibility, RuleCheck, SpecDuty,
};
pub use safeguard_attest::{AttestationResult, AttestationSet, Outcome as AttestationOutcome};
pub use summary::{FamilySummary, SectionStatus, SectionSummary, StatusCounts, Summary};
pub use waivers::{
    apply_waivers, unknown_rules, AppliedWaiver, InlineWaiver, Origin, ResourcePattern, Waiver,
    WaiverCounts, WaiverError, WaiverRef, WaiverState,
};
