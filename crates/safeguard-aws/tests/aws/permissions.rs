//! The read-only IAM policy in `permissions/` is generated from the collectors' action
//! lists, and every action is one the AWS managed policies `SecurityAudit` or
//! `job-function/ViewOnlyAccess` already grant (see docs/aws-permissions.md).
//!
//! Regenerate the policy file with `SAFEGUARD_BLESS=1 cargo test -p safeguard-aws --test aws permissions`.

use std::path::PathBuf;

fn policy_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../permissions/safeguard-readonly-policy.json")
}

/// The policy document, generated. Stable formatting: one action per line.
fn generated() -> String {
    let actions = safeguard_aws::all_actions();
    let mut out = String::new();
    out.push_str("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n");
    out.push_str("      \"Sid\": \"SafeguardReadOnlyMetadata\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n");
    for (i, a) in actions.iter().enumerate() {
        let comma = if i + 1 < actions.len() { "," } else { "" };
        out.push_str(&format!("        \"{a}\"{comma}\n"));
    }
    out.push_str("      ],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n");
    out
}

#[test]
fn policy_file_lists_exactly_the_actions_the_collectors_call() {
    let want = generated();
    let path = policy_path();
    if std::env::var_os("SAFEGUARD_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date with the collectors' ACTIONS lists; regenerate it with\n  \
         SAFEGUARD_BLESS=1 cargo test -p safeguard-aws --test aws permissions",
        path.display()
    );
    // And it is valid JSON in IAM's shape.
    let doc: serde_json::Value = serde_json::from_str(&have).unwrap();
    assert_eq!(doc["Statement"][0]["Effect"], "Allow");
}

#[test]
fn no_data_plane_or_secret_reading_action_is_ever_requested() {
    const FORBIDDEN: &[&str] = &[
        "secretsmanager:GetSecretValue",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "lambda:GetFunction",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "ssm:GetParameterHistory",
        "dynamodb:Scan",
        "dynamodb:Query",
        "dynamodb:GetItem",
        "sqs:ReceiveMessage",
        "kms:Decrypt",
        "rds:DownloadDBLogFilePortion",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
    ];
    for a in safeguard_aws::all_actions() {
        assert!(
            !FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(a)),
            "{a} reads data or secrets"
        );
        let op = a.split(':').nth(1).unwrap_or_default();
        assert!(
            ["Get", "List", "Describe", "BatchGet"]
                .iter()
                .any(|p| op.starts_with(p))
                || a == "apigateway:GET",
            "{a} is not a read-only (Get/List/Describe/BatchGet) action"
        );
    }
}

/// The grants of the AWS managed policies `SecurityAudit` (version v91, 2026-07-21) and
/// `job-function/ViewOnlyAccess` for the services safeguard reads, as written in those
/// policies. `sts:GetCallerIdentity` needs no permission at all.
const MANAGED_GRANTS: &[(&str, &str)] = &[
    ("SecurityAudit", "account:GetAlternateContact"),
    ("SecurityAudit", "backup:GetBackupVaultAccessPolicy"),
    ("SecurityAudit", "backup:ListBackupVaults"),
    ("SecurityAudit", "backup:ListTags"),
    ("ViewOnlyAccess", "backup:GetBackupPlan"),
    ("ViewOnlyAccess", "backup:GetBackupSelection"),
    ("ViewOnlyAccess", "backup:ListBackupPlans"),
    ("ViewOnlyAccess", "backup:ListBackupSelections"),
    ("SecurityAudit", "cloudfront:Get*"),
    ("SecurityAudit", "cloudfront:List*"),
    ("SecurityAudit", "cloudtrail:DescribeTrails"),
    ("SecurityAudit", "cloudtrail:GetEventSelectors"),
    ("SecurityAudit", "cloudtrail:GetTrailStatus"),
    ("SecurityAudit", "cloudtrail:ListTags"),
    ("SecurityAudit", "config:Describe*"),
    ("SecurityAudit", "config:List*"),
    ("SecurityAudit", "dynamodb:DescribeContinuousBackups"),
    ("SecurityAudit", "dynamodb:DescribeTable"),
    ("SecurityAudit", "dynamodb:ListTables"),
    ("SecurityAudit", "dynamodb:ListTagsOfResource"),
    ("SecurityAudit", "ec2:Describe*"),
    ("SecurityAudit", "ec2:GetEbsDefaultKmsKeyId"),
    ("SecurityAudit", "ec2:GetEbsEncryptionByDefault"),
    ("SecurityAudit", "elasticache:Describe*"),
    ("SecurityAudit", "elasticache:ListTagsForResource"),
    ("SecurityAudit", "elasticfilesystem:DescribeBackupPolicy"),
    (
        "SecurityAudit",
        "elasticfilesystem:DescribeFileSystemPolicy",
    ),
    ("SecurityAudit", "elasticfilesystem:DescribeFileSystems"),
    ("SecurityAudit", "elasticloadbalancing:Describe*"),
    ("SecurityAudit", "es:Describe*"),
    ("SecurityAudit", "es:ListDomainNames"),
    ("SecurityAudit", "es:ListTags"),
    ("SecurityAudit", "guardduty:Get*"),
    ("SecurityAudit", "guardduty:List*"),
    ("SecurityAudit", "iam:Get*"),
    ("SecurityAudit", "iam:List*"),
    ("SecurityAudit", "kms:Describe*"),
    ("SecurityAudit", "kms:Get*"),
    ("SecurityAudit", "kms:List*"),
    ("SecurityAudit", "lambda:GetFunctionConcurrency"),
    ("SecurityAudit", "lambda:GetFunctionEventInvokeConfig"),
    ("SecurityAudit", "lambda:GetPolicy"),
    ("SecurityAudit", "lambda:List*"),
    ("SecurityAudit", "logs:Describe*"),
    ("SecurityAudit", "logs:ListTagsForResource"),
    ("SecurityAudit", "organizations:List*"),
    ("SecurityAudit", "rds:Describe*"),
    ("SecurityAudit", "redshift:Describe*"),
    ("SecurityAudit", "s3:GetAccountPublicAccessBlock"),
    ("SecurityAudit", "s3:GetBucket*"),
    ("SecurityAudit", "s3:GetEncryptionConfiguration"),
    ("SecurityAudit", "s3:GetLifecycleConfiguration"),
    ("SecurityAudit", "s3:GetReplicationConfiguration"),
    ("SecurityAudit", "s3:ListAllMyBuckets"),
    ("SecurityAudit", "secretsmanager:ListSecrets"),
    ("SecurityAudit", "sns:GetTopicAttributes"),
    ("SecurityAudit", "sns:ListSubscriptionsByTopic"),
    ("SecurityAudit", "sns:ListTagsForResource"),
    ("SecurityAudit", "sns:ListTopics"),
    ("SecurityAudit", "sqs:GetQueueAttributes"),
    ("SecurityAudit", "sqs:ListQueueTags"),
    ("SecurityAudit", "sqs:ListQueues"),
    ("SecurityAudit", "athena:GetWorkGroup"),
    ("SecurityAudit", "athena:List*"),
    ("SecurityAudit", "ecs:Describe*"),
    ("SecurityAudit", "ecs:List*"),
    ("SecurityAudit", "eks:DescribeCluster"),
    ("SecurityAudit", "eks:ListClusters"),
    ("SecurityAudit", "kafka:Describe*"),
    ("SecurityAudit", "kafka:List*"),
    ("SecurityAudit", "kinesis:DescribeStreamSummary"),
    ("SecurityAudit", "kinesis:ListStreams"),
    ("SecurityAudit", "kinesis:ListTagsForStream"),
    ("SecurityAudit", "ses:GetConfigurationSet"),
    ("SecurityAudit", "ses:ListConfigurationSets"),
    ("SecurityAudit", "codebuild:BatchGetProjects"),
    ("SecurityAudit", "codebuild:ListProjects"),
    ("SecurityAudit", "glue:GetTags"),
    ("SecurityAudit", "sagemaker:Describe*"),
    ("SecurityAudit", "sagemaker:List*"),
    ("SecurityAudit", "ssm:Describe*"),
    ("SecurityAudit", "ssm:ListTagsForResource"),
    ("SecurityAudit", "wafv2:GetWebACLForResource"),
    ("SecurityAudit", "workspaces:Describe*"),
    // Statement APIGatewayAccess: GET on /restapis and /restapis/*/stages (among others).
    ("SecurityAudit", "apigateway:GET"),
    ("no permission needed", "sts:GetCallerIdentity"),
];

/// Actions the collector calls that neither `SecurityAudit` nor `ViewOnlyAccess` grants, with
/// the AWS managed policy that does. They are in the policy file like every other action (it
/// lists what the collector calls), and listed separately in docs/aws-permissions.md so a role
/// built from the two managed policies knows what it lacks. Without them the scan still runs:
/// the call is recorded as a failed coverage row and the evidence it would give is unavailable.
const OPTIONAL_GRANTS: &[(&str, &str)] = &[
    (
        "AWSArtifactAgreementsReadOnlyAccess",
        "artifact:ListCustomerAgreements",
    ),
    // No narrower AWS managed policy grants it; SecurityAudit has glue:GetTags but not this.
    ("ReadOnlyAccess", "glue:GetConnections"),
];

/// IAM's action matching: case-insensitive, `*` and `?` wildcards.
fn matches(pattern: &str, action: &str) -> bool {
    safeguard_model::policy::wildcard_match(pattern, action)
}

#[test]
fn every_action_is_granted_by_security_audit_or_view_only_access() {
    let mut missing = Vec::new();
    for a in safeguard_aws::all_actions() {
        let optional = OPTIONAL_GRANTS.iter().any(|(_, o)| *o == a);
        if !optional && !MANAGED_GRANTS.iter().any(|(_, p)| matches(p, a)) {
            missing.push(a);
        }
    }
    assert!(
        missing.is_empty(),
        "not granted by SecurityAudit or ViewOnlyAccess (add them to docs/aws-permissions.md as extra \
         grants, or drop the call): {missing:?}"
    );
}

#[test]
fn every_service_declares_its_actions_under_its_own_prefixes() {
    for s in safeguard_aws::SERVICES {
        assert!(!s.actions.is_empty(), "{} declares no actions", s.name);
        let mut sorted = s.actions.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            s.actions.len(),
            "{} lists an action twice",
            s.name
        );
    }
}

#[test]
fn optional_actions_are_called_documented_and_really_outside_the_managed_policies() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/aws-permissions.md"),
    )
    .unwrap();
    let optional_section = doc
        .split("## Optional permissions")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/aws-permissions.md has an \"## Optional permissions\" section");
    for (policy, action) in OPTIONAL_GRANTS {
        assert!(
            safeguard_aws::all_actions().contains(action),
            "{action} is listed as optional but no collector calls it"
        );
        assert!(
            !MANAGED_GRANTS.iter().any(|(_, p)| matches(p, action)),
            "{action} is granted by SecurityAudit or ViewOnlyAccess: it is not optional"
        );
        assert!(
            optional_section.contains(&format!("`{action}`")) && optional_section.contains(policy),
            "docs/aws-permissions.md does not list {action} (granted by {policy}) as optional"
        );
    }
}
