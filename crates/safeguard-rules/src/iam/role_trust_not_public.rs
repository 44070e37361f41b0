//! IAM-008: role trust policies do not let anyone assume the role.

use crate::prelude::*;
use serde_json::Value as Json;

/// Condition keys that tie a `"Principal": "*"` grant to known accounts, organisations,
/// principals or networks.
const NARROWING_KEYS: &[&str] = &[
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:userid",
];

const GITHUB_OIDC: &str = "token.actions.githubusercontent.com";
const COGNITO: &str = "cognito-identity.amazonaws.com";

pub static RULE: RuleDef<IamRole> = RuleDef {
    meta: RuleMeta {
        id: "IAM-008",
        name: "iam-role-trust-not-public",
        title: "IAM role trust policies do not let any principal or any federated identity assume the role",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.312(d)", "164.308(a)(4)(ii)(B)"],
        source: "Whitepaper: AWS Identity and Access Management, External authentication (\"assuming a role that administrators have provisioned\"); Playbook: Step 4: IAM Best Practices, Service Roles",
        rationale: "A role's trust policy decides who may become the role. `\"Principal\": \"*\"` \
            without a condition naming an account, organisation or principal lets any AWS \
            account in the world assume it (an external id is a shared secret, not an \
            identity). A GitHub Actions OIDC trust without a `sub` condition lets a workflow in \
            any GitHub repository assume it; a Cognito identity-pool trust without an `aud` \
            condition accepts identities from any pool. Whatever the role can reach, PHI \
            included, is then open to strangers: no access control (164.312(a)(1)), no person \
            authentication (164.312(d)), no authorisation (164.308(a)(4)(ii)(B)). \
            Service-linked roles are written by AWS and are not applicable.",
        remediation: Remediation {
            console: "IAM > Roles > ROLE > Trust relationships > Edit trust policy: name the \
                trusted accounts or roles in Principal, or add a condition such as \
                StringEquals aws:PrincipalOrgID; for GitHub OIDC add StringEquals \
                token.actions.githubusercontent.com:aud = sts.amazonaws.com and StringLike \
                token.actions.githubusercontent.com:sub = repo:ORG/REPO:ref:refs/heads/main.\n\
                aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json",
            terraform: "data \"aws_iam_policy_document\" \"deploy_trust\" {\n  statement {\n    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n    principals {\n      type        = \"Federated\"\n      identifiers = [aws_iam_openid_connect_provider.github.arn]\n    }\n    condition {\n      test     = \"StringEquals\"\n      variable = \"token.actions.githubusercontent.com:aud\"\n      values   = [\"sts.amazonaws.com\"]\n    }\n    condition {\n      test     = \"StringLike\"\n      variable = \"token.actions.githubusercontent.com:sub\"\n      values   = [\"repo:example-org/clinic-app:ref:refs/heads/main\"]\n    }\n  }\n}\n\nresource \"aws_iam_role\" \"deploy\" {\n  name               = \"deploy\"\n  assume_role_policy = data.aws_iam_policy_document.deploy_trust.json\n}",
            cloudformation: "PartnerRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: {AWS: 'arn:aws:iam::444455556666:root'}\n          Action: sts:AssumeRole\n          Condition:\n            StringEquals: {sts:ExternalId: 'partner-external-id'}",
        },
        examples: &[
            Example {
                name: "trusts one account",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/audit", "name": "audit", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]}}]"#,
            },
            Example {
                name: "star principal limited to the organisation",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/org-read", "name": "org-read", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}}]"#,
            },
            Example {
                name: "github oidc pinned to a repository",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/deploy", "name": "deploy", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                                      "StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/clinic-app:*"}}}]}}]"#,
            },
            Example {
                name: "anyone with the external id",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/vendor", "name": "vendor", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": "*", "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"sts:ExternalId": "vendor-123"}}}]}}]"#,
            },
            Example {
                name: "org condition that only applies if present",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/loose", "name": "loose", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
                        "Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}}]"#,
            },
            Example {
                name: "github oidc for any repository",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/ci", "name": "ci", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}}]"#,
            },
            Example {
                name: "service-linked role",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
                    "name": "AWSServiceRoleForRDS", "account": "111122223333", "service_linked": true,
                    "assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"Service": "rds.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}]"#,
            },
            Example {
                name: "trust policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/x", "name": "x", "account": "111122223333",
                    "service_linked": false,
                    "assume_role_policy": {"$unknown": {"reason": "access_denied", "detail": "iam:GetRole"}}}]"#,
            },
        ],
    },
    check,
};

fn check(role: &IamRole, _cx: &Context) -> Check {
    if role.service_linked.known() == Some(&true) {
        return Ok(Outcome::not_applicable(
            "service-linked role: its trust policy is managed by AWS",
        ));
    }
    let trust = role.assume_role_policy.need("assume_role_policy")?;
    let mut problems: Vec<String> = Vec::new();
    for st in trust.statements().iter().filter(|s| s.allow && assumes(s)) {
        let label = if st.sid.is_empty() {
            String::new()
        } else {
            format!(" ({})", st.sid)
        };
        if st.is_public_principal() && !narrowed(&st.condition) {
            problems.push(format!("any AWS principal can assume the role{label}"));
        }
        for p in &st.principals {
            let Some(provider) = p.strip_prefix("Federated:") else {
                continue;
            };
            if provider.ends_with(GITHUB_OIDC)
                && !pinned(&st.condition, "token.actions.githubusercontent.com:sub")
            {
                problems.push(format!(
                    "a GitHub Actions workflow in any repository can assume the role{label}"
                ));
            }
            if provider == COGNITO && !pinned(&st.condition, "cognito-identity.amazonaws.com:aud") {
                problems.push(format!(
                    "an identity from any Cognito identity pool can assume the role{label}"
                ));
            }
        }
    }
    if problems.is_empty() {
        return Ok(Outcome::pass(
            "the trust policy names who may assume the role",
        ));
    }
    problems.dedup();
    Ok(Outcome::fail(problems.join("; ")))
}

/// The statement grants one of the `sts:AssumeRole*` actions.
fn assumes(st: &Statement) -> bool {
    [
        "sts:AssumeRole",
        "sts:AssumeRoleWithWebIdentity",
        "sts:AssumeRoleWithSAML",
    ]
    .iter()
    .any(|a| st.covers_action(a))
}

/// Condition operators that can admit requests the key does not name: negations, and
/// `...IfExists` / `Null`, which pass when the key is absent from the request.
fn is_positive_operator(op: &str) -> bool {
    let op = op.to_ascii_lowercase();
    !(op.contains("not") || op.ends_with("ifexists") || op == "null")
}

/// Positive operators in `condition` and the keys they test.
fn positive_keys(condition: &Json) -> Vec<(String, &Json)> {
    let Json::Object(ops) = condition else {
        return Vec::new();
    };
    ops.iter()
        .filter(|(op, _)| is_positive_operator(op))
        .filter_map(|(_, keys)| keys.as_object())
        .flat_map(|keys| keys.iter().map(|(k, v)| (k.to_ascii_lowercase(), v)))
        .collect()
}

/// A positive condition ties the grant to an account, organisation, principal or network.
fn narrowed(condition: &Json) -> bool {
    positive_keys(condition)
        .iter()
        .any(|(k, _)| NARROWING_KEYS.contains(&k.as_str()))
}

/// A positive condition on `key` with no value that matches everything.
fn pinned(condition: &Json, key: &str) -> bool {
    let values: Vec<String> = positive_keys(condition)
        .into_iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| match v {
            Json::String(s) => vec![s.clone()],
            Json::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    !values.is_empty() && values.iter().all(|v| !matches_everything(v))
}

/// `*`, `repo:*` and the like admit every subject.
fn matches_everything(value: &str) -> bool {
    let v = value.trim();
    v == "*"
        || v.trim_end_matches('*')
            .trim_end_matches(':')
            .eq_ignore_ascii_case("repo")
        || v.starts_with("repo:*")
}
