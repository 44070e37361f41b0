//! The engine: selects rules, applies scope, evaluates every rule on every resource of its
//! subject type (in parallel), and rolls the outcomes up by HIPAA section and safeguard family.

mod evaluate;
mod fingerprint;
mod options;
mod report;
mod summary;

pub use evaluate::evaluate;
pub use fingerprint::fingerprint;
pub use options::{Options, Scope, Selection, SelectionError};
pub use report::{ExitCode, Finding, Report};
pub use summary::{FamilySummary, SectionStatus, SectionSummary, StatusCounts, Summary};
