//! IAM-002: active access keys are rotated within the allowed age.

use crate::prelude::*;

pub static RULE: RuleDef<IamUser> = RuleDef {
    meta: RuleMeta {
        id: "IAM-002",
        name: "iam-access-keys-rotated",
        title: "Active IAM access keys are rotated within 90 days",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(5)(ii)(D)", "164.308(a)(4)(ii)(C)", "164.312(d)"],
        source: "Playbook: Step 4: IAM Best Practices, User Management (\"Access keys rotation policy (90 days)\"); Step 7: Initial Configuration Checklist",
        rationale: "An access key is a password that never meets a login page: it ends up in \
            shell histories, CI variables, laptops and, too often, public repositories. The \
            longer a key lives, the more copies exist and the longer a leaked one keeps working \
            against PHI. Rotating it is part of safeguarding credentials \
            (164.308(a)(5)(ii)(D)) and of keeping access authorisations current \
            (164.308(a)(4)(ii)(C)); the playbook asks for a 90-day rotation policy. The maximum \
            age comes from the settings (default 90 days), counted from the key's creation.",
        remediation: Remediation {
            console: "IAM > Users > USER > Security credentials > Create access key; deploy the new \
                key; then Actions > Deactivate on the old key, watch for failures, and Delete it.\n\
                aws iam create-access-key --user-name USER\n\
                aws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive\n\
                aws iam delete-access-key --user-name USER --access-key-id OLD_KEY_ID\n\
                Better still, replace the key with an IAM role (workloads) or IAM Identity Center \
                (people), which issue short-lived credentials.",
            terraform: "# Rotate by replacing the key resource, e.g. terraform apply -replace=aws_iam_access_key.ci\nresource \"aws_iam_access_key\" \"ci\" {\n  user = aws_iam_user.ci.name\n}",
            cloudformation: "CiKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref CiUser\n    Serial: 2   # increment to rotate: CloudFormation creates a new key and deletes the old one\n    Status: Active",
        },
        examples: &[
            Example {
                name: "key created 30 days ago",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/ci", "name": "ci", "account": "111122223333",
                    "access_keys": [{"id_suffix": "7QXA", "active": true, "created": "2026-10-21T09:00:00Z", "last_used": "2026-11-19T08:00:00Z"}]}]"#,
            },
            Example {
                name: "active key over a year old",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/etl", "name": "etl", "account": "111122223333",
                    "access_keys": [{"id_suffix": "K2ZD", "active": true, "created": "2025-06-01T00:00:00Z", "last_used": "2026-11-19T08:00:00Z"},
                                    {"id_suffix": "P0LE", "active": false, "created": "2024-01-01T00:00:00Z"}]}]"#,
            },
            Example {
                name: "only inactive keys",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/old", "name": "old", "account": "111122223333",
                    "access_keys": [{"id_suffix": "P0LE", "active": false, "created": "2024-01-01T00:00:00Z"}]}]"#,
            },
            Example {
                name: "keys unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/dave", "name": "dave", "account": "111122223333",
                    "access_keys": {"$unknown": {"reason": "access_denied", "detail": "iam:ListAccessKeys"}}}]"#,
            },
        ],
    },
    check,
};

fn check(user: &IamUser, cx: &Context) -> Check {
    let keys = user.access_keys.need("access_keys")?;
    let active: Vec<&AccessKey> = keys.iter().filter(|k| k.active).collect();
    if active.is_empty() {
        return Ok(Outcome::not_applicable(
            "the user has no active access keys",
        ));
    }
    let max_age = cx.settings.access_key_max_age_days;
    let stale: Vec<String> = active
        .iter()
        .filter_map(|k| {
            let age = cx.days_since(k.created);
            (age > max_age).then(|| format!("key ending {} is {age} days old", k.id_suffix))
        })
        .collect();
    Ok(if stale.is_empty() {
        let oldest = active
            .iter()
            .map(|k| cx.days_since(k.created))
            .max()
            .unwrap_or_default();
        Outcome::pass(match active.len() {
            1 => format!("the active key is {oldest} days old; at most {max_age} allowed"),
            n => {
                format!("{n} active keys, the oldest {oldest} days old; at most {max_age} allowed")
            }
        })
    } else {
        Outcome::fail(format!(
            "{}; at most {max_age} days allowed",
            stale.join(", ")
        ))
    })
}
