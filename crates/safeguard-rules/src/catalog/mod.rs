//! The catalog data that is not code: the HIPAA Security Rule's specifications, the
//! HIPAA-eligible services, and the shared responsibility model. Each lives in a TOML file under
//! `data/`, compiled into the binary and parsed once.

pub mod eligible;
pub mod hipaa;
pub mod shared_responsibility;

pub use eligible::{eligible, Eligibility, EligibleCatalog};
pub use hipaa::{hipaa, Family, HipaaCatalog, HipaaSpec, Requirement, SpecKind};
pub use shared_responsibility::{shared_responsibility, Category, Owner, SharedResponsibility};
