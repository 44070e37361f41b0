//! The safeguard rule catalog.
//!
//! One rule per file under `src/<service>/`. Each file holds everything about its rule: the
//! metadata (id, title, severity, HIPAA citations, the whitepaper or playbook section it comes
//! from, rationale, remediation in console/CLI, Terraform and CloudFormation form), the
//! pass/fail examples that double as its tests, and the check itself. The registry below, the
//! `safeguard rules` listing, SARIF rule tables and the coverage docs are all derived from it.

pub mod catalog;
pub mod context;
pub mod examples;
pub mod prelude;
pub mod rule;

mod account;
mod apigateway;
mod athena;
mod backup;
mod cloudfront;
mod cloudtrail;
mod codebuild;
mod config;
mod docdb;
mod dynamodb;
mod ec2;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod eligibility;
mod glue;
mod guardduty;
mod iam;
mod kinesis;
mod kms;
mod lambda;
mod logs;
mod msk;
mod neptune;
mod opensearch;
mod phi;
mod rds;
mod redshift;
mod s3;
mod sagemaker;
mod secretsmanager;
mod ses;
mod sns;
mod sqs;
mod workspaces;

pub use context::{Context, Index, Settings};
pub use rule::{
    Check, Example, Missing, Need, Outcome, Remediation, Rule, RuleDef, RuleMeta, Severity, Status,
};

use std::sync::OnceLock;

/// Version of the rule catalog; bump when rules are added, removed or change meaning.
pub const CATALOG_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every rule, sorted by id.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static dyn Rule> = Vec::new();
        v.extend(account::rules());
        v.extend(apigateway::rules());
        v.extend(athena::rules());
        v.extend(backup::rules());
        v.extend(cloudfront::rules());
        v.extend(cloudtrail::rules());
        v.extend(codebuild::rules());
        v.extend(config::rules());
        v.extend(docdb::rules());
        v.extend(dynamodb::rules());
        v.extend(ec2::rules());
        v.extend(ecs::rules());
        v.extend(efs::rules());
        v.extend(eks::rules());
        v.extend(elasticache::rules());
        v.extend(elb::rules());
        v.extend(eligibility::rules());
        v.extend(glue::rules());
        v.extend(guardduty::rules());
        v.extend(iam::rules());
        v.extend(kinesis::rules());
        v.extend(kms::rules());
        v.extend(lambda::rules());
        v.extend(logs::rules());
        v.extend(msk::rules());
        v.extend(neptune::rules());
        v.extend(opensearch::rules());
        v.extend(phi::rules());
        v.extend(rds::rules());
        v.extend(redshift::rules());
        v.extend(s3::rules());
        v.extend(sagemaker::rules());
        v.extend(secretsmanager::rules());
        v.extend(ses::rules());
        v.extend(sns::rules());
        v.extend(sqs::rules());
        v.extend(workspaces::rules());
        v.sort_by_key(|r| r.meta().id);
        v
    })
}

/// Looks a rule up by id (`S3-001`) or name (`s3-bucket-encrypted-at-rest`), case-insensitively.
pub fn find(id_or_name: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| {
        r.meta().id.eq_ignore_ascii_case(id_or_name)
            || r.meta().name.eq_ignore_ascii_case(id_or_name)
    })
}
