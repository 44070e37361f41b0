//! The safeguard resource model: typed AWS resources with `Known`/`Unknown` values, and the
//! inventory file that carries them between collectors, parsers and the engine.
//!
//! Rules never see a source format. A live account, a Terraform module and a CloudFormation
//! template all become an [`Inventory`] of [`Resource`]s, so one rule and one set of fixtures
//! serves every source.

pub mod inventory;
pub mod meta;
pub mod policy;
pub mod resources;
pub mod value;

pub use inventory::{Coverage, CoverageStatus, Inventory, InventoryError, Source, SourceKind};
pub use meta::{Meta, SourceLocation, Tags};
pub use policy::{PolicyDocument, Statement};
pub use resources::*;
pub use value::{Unknown, UnknownReason, Value};

/// Points in time, always UTC (RFC 3339 in JSON).
pub type Timestamp = chrono::DateTime<chrono::Utc>;
