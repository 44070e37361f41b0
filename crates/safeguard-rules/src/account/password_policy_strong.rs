//! ACCT-004: the account password policy is strong.

use crate::prelude::*;

/// Previous passwords that cannot be reused: the AWS maximum, as the HIPAA conformance packs use.
const MIN_REUSE_PREVENTION: u32 = 24;
/// Passwords expire within this many days (playbook: "Password policy set (12+ chars, rotation)").
const MAX_PASSWORD_AGE_DAYS: u32 = 90;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-004",
        name: "password-policy-strong",
        title: "The account password policy requires long, complex, rotated, non-reused passwords",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(5)(ii)(D)", "164.312(d)"],
        source: "Playbook: Step 7: Initial Configuration Checklist, IAM & Access (\"Password policy set (12+ chars, rotation)\"); Step 1: AWS Account Setup (\"Create strong password\")",
        rationale: "164.308(a)(5)(ii)(D) asks for procedures for creating, changing and \
            safeguarding passwords, and 164.312(d) for authenticating the person behind a login. \
            For IAM users, the account password policy is where those procedures are enforced: \
            without one, IAM accepts any 8-character password that never expires. The playbook \
            asks for 12+ characters and rotation before development starts; this rule checks \
            the minimum length in the settings (default 14, as the AWS Config HIPAA pack uses), \
            all four character classes, reuse prevention of 24 passwords and expiry within 90 \
            days, and says exactly which of these fail.",
        remediation: Remediation {
            console: "IAM > Account settings > Password policy > Edit > Custom: minimum length 14, \
                require uppercase, lowercase, numbers and non-alphanumeric characters, expire after \
                90 days, prevent reuse of 24 passwords, allow users to change their own password.\n\
                aws iam update-account-password-policy --minimum-password-length 14 \
                --require-uppercase-characters --require-lowercase-characters --require-numbers \
                --require-symbols --max-password-age 90 --password-reuse-prevention 24 \
                --allow-users-to-change-password",
            terraform: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length        = 14\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  require_numbers                = true\n  require_symbols                = true\n  max_password_age               = 90\n  password_reuse_prevention      = 24\n  allow_users_to_change_password = true\n}",
            cloudformation: "CloudFormation has no resource type for the account password policy. \
                Set it with the CLI command above (for many accounts, run it from a pipeline or a \
                Lambda-backed custom resource deployed with StackSets).",
        },
        examples: &[
            Example {
                name: "strong policy",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "password_policy": {"minimum_length": 16, "require_uppercase": true, "require_lowercase": true,
                    "require_numbers": true, "require_symbols": true, "max_age_days": 90, "reuse_prevention": 24,
                    "allow_users_to_change": true}}]"#,
            },
            Example {
                name: "short, no symbols, never expires",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "password_policy": {"minimum_length": 8, "require_uppercase": true, "require_lowercase": true,
                    "require_numbers": true, "require_symbols": false, "max_age_days": null, "reuse_prevention": 24}}]"#,
            },
            Example {
                name: "reuse prevention too low",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "password_policy": {"minimum_length": 14, "require_uppercase": true, "require_lowercase": true,
                    "require_numbers": true, "require_symbols": true, "max_age_days": 60, "reuse_prevention": 5}}]"#,
            },
            Example {
                name: "no password policy",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "password_policy": null}]"#,
            },
            Example {
                name: "password policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "password_policy": {"$unknown": {"reason": "access_denied", "detail": "iam:GetAccountPasswordPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, cx: &Context) -> Check {
    let Some(policy) = account.password_policy.need("password_policy")? else {
        return Ok(Outcome::fail(
            "the account has no password policy (IAM accepts any 8-character password that never expires)",
        ));
    };
    let min_length = cx.settings.password_min_length;
    let mut problems: Vec<String> = Vec::new();
    if policy.minimum_length < min_length {
        problems.push(format!(
            "minimum length is {}; at least {min_length} required",
            policy.minimum_length
        ));
    }
    let classes = [
        (policy.require_uppercase, "uppercase"),
        (policy.require_lowercase, "lowercase"),
        (policy.require_numbers, "numbers"),
        (policy.require_symbols, "symbols"),
    ];
    let missing: Vec<&str> = classes
        .iter()
        .filter(|(on, _)| !on)
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        problems.push(format!("does not require {}", missing.join(", ")));
    }
    match policy.reuse_prevention {
        None | Some(0) => problems.push(format!(
            "no password reuse prevention; the last {MIN_REUSE_PREVENTION} must be remembered"
        )),
        Some(n) if n < MIN_REUSE_PREVENTION => problems.push(format!(
            "remembers {n} previous passwords; at least {MIN_REUSE_PREVENTION} required"
        )),
        Some(_) => {}
    }
    match policy.max_age_days {
        None | Some(0) => problems.push(format!(
            "passwords never expire; at most {MAX_PASSWORD_AGE_DAYS} days required"
        )),
        Some(days) if days > MAX_PASSWORD_AGE_DAYS => problems.push(format!(
            "passwords expire after {days} days; at most {MAX_PASSWORD_AGE_DAYS} required"
        )),
        Some(_) => {}
    }
    Ok(if problems.is_empty() {
        Outcome::pass(format!(
            "length {}, all four character classes, {} remembered, expiry {} days",
            policy.minimum_length,
            policy.reuse_prevention.unwrap_or_default(),
            policy.max_age_days.unwrap_or_default()
        ))
    } else {
        Outcome::fail(problems.join("; "))
    })
}
