//! One collector per AWS service. Each module declares the IAM actions it calls (`ACTIONS`);
//! the read-only policy in `permissions/` is generated from those lists, and the collectors
//! refuse (in debug builds) to call an action they did not declare.

use crate::runtime::{Out, Scope};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub(crate) mod account;
pub(crate) mod apigateway;
pub(crate) mod athena;
pub(crate) mod backup;
pub(crate) mod cloudfront;
pub(crate) mod cloudtrail;
pub(crate) mod codebuild;
pub(crate) mod config;
pub(crate) mod dynamodb;
pub(crate) mod ec2;
pub(crate) mod ecs;
pub(crate) mod efs;
pub(crate) mod eks;
pub(crate) mod elasticache;
pub(crate) mod elbv2;
pub(crate) mod glue;
pub(crate) mod guardduty;
pub(crate) mod iam;
pub(crate) mod kinesis;
pub(crate) mod kms;
pub(crate) mod lambda;
pub(crate) mod logs;
pub(crate) mod msk;
pub(crate) mod opensearch;
pub(crate) mod rds;
pub(crate) mod redshift;
pub(crate) mod s3;
pub(crate) mod sagemaker;
pub(crate) mod secretsmanager;
pub(crate) mod ses;
pub(crate) mod sns;
pub(crate) mod sqs;
pub(crate) mod ssm;
pub(crate) mod workspaces;

type Run = fn(Arc<Scope>) -> Pin<Box<dyn Future<Output = Out> + Send>>;

/// A collector: the name of its coverage rows, whether it runs once per account (global) or
/// once per region, and the IAM actions it calls.
pub struct Service {
    /// Coverage row name; the same short names `ResourceKind::service` uses (`s3`, `logs`,
    /// `elasticloadbalancing`), plus `account` for account-wide settings.
    pub name: &'static str,
    /// IAM action prefix of the calls (`logs`, `elasticfilesystem`, `es`), used in call counts.
    pub iam_prefix: &'static str,
    /// Runs once per account, not per region.
    pub global: bool,
    /// Every IAM action the collector may call.
    pub actions: &'static [&'static str],
    pub(crate) run: Run,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("name", &self.name)
            .field("global", &self.global)
            .finish()
    }
}

macro_rules! service {
    ($module:ident, $name:literal, $prefix:literal, global = $global:literal) => {
        Service {
            name: $name,
            iam_prefix: $prefix,
            global: $global,
            actions: $module::ACTIONS,
            run: |scope| {
                Box::pin(async move {
                    let mut out = Out::default();
                    $module::collect(&scope, &mut out).await;
                    out
                })
            },
        }
    };
}

/// Every collector, in the order their coverage rows are reported.
pub static SERVICES: &[Service] = &[
    service!(account, "account", "iam", global = true),
    service!(iam, "iam", "iam", global = true),
    service!(s3, "s3", "s3", global = true),
    service!(cloudfront, "cloudfront", "cloudfront", global = true),
    service!(ec2, "ec2", "ec2", global = false),
    service!(rds, "rds", "rds", global = false),
    service!(cloudtrail, "cloudtrail", "cloudtrail", global = false),
    service!(config, "config", "config", global = false),
    service!(guardduty, "guardduty", "guardduty", global = false),
    service!(kms, "kms", "kms", global = false),
    service!(logs, "logs", "logs", global = false),
    service!(dynamodb, "dynamodb", "dynamodb", global = false),
    service!(efs, "efs", "elasticfilesystem", global = false),
    service!(elasticache, "elasticache", "elasticache", global = false),
    service!(
        elbv2,
        "elasticloadbalancing",
        "elasticloadbalancing",
        global = false
    ),
    service!(sns, "sns", "sns", global = false),
    service!(sqs, "sqs", "sqs", global = false),
    service!(
        secretsmanager,
        "secretsmanager",
        "secretsmanager",
        global = false
    ),
    service!(lambda, "lambda", "lambda", global = false),
    service!(redshift, "redshift", "redshift", global = false),
    service!(opensearch, "opensearch", "es", global = false),
    service!(apigateway, "apigateway", "apigateway", global = false),
    service!(backup, "backup", "backup", global = false),
    service!(kinesis, "kinesis", "kinesis", global = false),
    service!(ecs, "ecs", "ecs", global = false),
    service!(eks, "eks", "eks", global = false),
    service!(ses, "ses", "ses", global = false),
    service!(athena, "athena", "athena", global = false),
    service!(msk, "kafka", "kafka", global = false),
    service!(codebuild, "codebuild", "codebuild", global = false),
    service!(sagemaker, "sagemaker", "sagemaker", global = false),
    service!(workspaces, "workspaces", "workspaces", global = false),
    service!(ssm, "ssm", "ssm", global = false),
    service!(glue, "glue", "glue", global = false),
];

/// Every IAM action the collector can call (collectors, preflight, regions, `--org`, AWS
/// Artifact), sorted and without duplicates. `permissions/safeguard-readonly-policy.json`
/// lists exactly these.
pub fn all_actions() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = crate::auth::CORE_ACTIONS.to_vec();
    v.extend_from_slice(crate::artifact::ACTIONS);
    for s in SERVICES {
        v.extend_from_slice(s.actions);
    }
    v.sort_by_key(|a| a.to_ascii_lowercase());
    v.dedup();
    v
}

/// Looks a collector up by its coverage name.
pub fn service(name: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.name == name)
}

/// Builds an SDK client for `scope` with the call counter installed.
macro_rules! client {
    ($scope:expr, $krate:ident) => {
        $krate::Client::from_conf(
            $krate::config::Builder::from(&$scope.sdk)
                .interceptor($scope.counter())
                .build(),
        )
    };
    ($scope:expr, $krate:ident, |$b:ident| $extra:expr) => {{
        let $b = $krate::config::Builder::from(&$scope.sdk).interceptor($scope.counter());
        $krate::Client::from_conf($extra.build())
    }};
}
pub(crate) use client;
