//! The engine: selects rules, applies scope, evaluates every rule on every resource of its
//! subject type (in parallel), and rolls the outcomes up by HIPAA section and safeguard family.

mod evaluate;
mod fingerprint;
mod options;
mod report;
mod summary;
mod waivers;

pub use evaluate::evaluate;
pub use fingerprint::fingerprint;
pub use options::{Options, Scope, Selection, SelectionError};
pub use report::{ExitCode, Finding, Report};
pub use summary::{FamilySummary, SectionStatus, SectionSummary, StatusCounts, Summary};
pub use waivers::{
    apply_waivers, unknown_rules, AppliedWaiver, InlineWaiver, Origin, ResourcePattern, Waiver, WaiverCounts, WaiverError,
    WaiverRef, WaiverState,
};
