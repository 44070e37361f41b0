//! Integration tests of the live collector, in one binary so the SDK is linked once.
//!
//! - `permissions`: the read-only policy file matches the collectors' action lists, and
//!   AWS's managed read-only policies grant every action;
//! - `scenario`: compliant and non-compliant resources planted in moto through the SDK,
//!   collected and evaluated with the whole rule catalog;
//! - `faults`: a proxy in front of moto denies one service and throttles another;
//! - `artifact`: AWS Artifact customer agreements (active BAA, none, access denied) through a
//!   local server speaking Artifact's protocol (moto lacks Artifact);
//! - `build_ml_params`: CodeBuild, SageMaker, WorkSpaces, Systems Manager parameters and Glue
//!   connections planted in moto, plus Systems Manager managed nodes and WAFv2 web ACLs;
//!   parameter values, connection passwords and build variable values never reach the
//!   inventory;
//! - `secrets`: no credential, secret value or environment value reaches the inventory;
//! - `streaming_containers`: Kinesis, ECS, EKS, SES, Athena and MSK resources planted in moto,
//!   collected and evaluated; ECS environment values never reach the inventory.
//!
//! The moto tests need `moto_server` (run `scripts/test`); without it they say so and pass,
//! unless `CI` or `SAFEGUARD_REQUIRE_MOTO` is set.

mod artifact;
mod build_ml_params;
mod common;
mod faults;
mod org;
mod permissions;
mod plant;
mod scenario;
mod secrets;
mod streaming_containers;
