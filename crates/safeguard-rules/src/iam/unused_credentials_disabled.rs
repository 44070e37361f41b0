//! IAM-003: credentials unused for the allowed period are disabled.

use crate::prelude::*;
use crate::rule::Missing;

pub static RULE: RuleDef<IamUser> = RuleDef {
    meta: RuleMeta {
        id: "IAM-003",
        name: "iam-unused-credentials-disabled",
        title: "IAM console passwords and access keys unused for 90 days are disabled",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(3)(ii)(C)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)"],
        source: "Playbook: Step 4: IAM Best Practices, User Management (\"Unique credentials per person\", \"Least privilege access\"); Whitepaper: AWS Identity and Access Management",
        rationale: "A password or access key nobody uses is a credential nobody watches: it \
            usually belongs to someone who changed role or left, and it keeps its access to PHI \
            until an attacker finds it. Termination procedures (164.308(a)(3)(ii)(C)) require \
            access to end when it is no longer needed, and access establishment and \
            modification (164.308(a)(4)(ii)(C)) require reviewing it. This rule flags an enabled \
            console password or active access key not used within the settings' threshold \
            (default 90 days); one never used at all counts from when it was created.",
        remediation: Remediation {
            console: "IAM > Credential report (or Users > USER > Security credentials): for each \
                stale credential, Console access > Disable, and Access keys > Deactivate, then \
                delete once nothing breaks. Remove the user if the person has left.\n\
                aws iam delete-login-profile --user-name USER\n\
                aws iam update-access-key --user-name USER --access-key-id KEY_ID --status Inactive",
            terraform: "# remove the aws_iam_user_login_profile resource for the user, and deactivate the key:\nresource \"aws_iam_access_key\" \"legacy\" {\n  user   = aws_iam_user.legacy.name\n  status = \"Inactive\"\n}",
            cloudformation: "# remove LoginProfile from the AWS::IAM::User, and deactivate the key:\nLegacyKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref LegacyUser\n    Status: Inactive",
        },
        examples: &[
            Example {
                name: "password and key in recent use",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/alice", "name": "alice", "account": "111122223333",
                    "created": "2024-03-01T00:00:00Z", "console_password": true, "password_created": "2024-03-01T00:00:00Z",
                    "password_last_used": "2026-11-18T15:00:00Z",
                    "access_keys": [{"id_suffix": "7QXA", "active": true, "created": "2026-09-01T00:00:00Z", "last_used": "2026-11-10T00:00:00Z"}]}]"#,
            },
            Example {
                name: "new password not used yet",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/newhire", "name": "newhire", "account": "111122223333",
                    "created": "2023-01-10T00:00:00Z", "console_password": true, "password_created": "2026-11-15T00:00:00Z",
                    "password_last_used": null, "access_keys": []}]"#,
            },
            Example {
                name: "password unused for months",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/leaver", "name": "leaver", "account": "111122223333",
                    "created": "2023-01-10T00:00:00Z", "console_password": true, "password_created": "2023-01-10T00:00:00Z",
                    "password_last_used": "2026-04-02T10:00:00Z", "access_keys": []}]"#,
            },
            Example {
                name: "access key never used, created last year",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/svc", "name": "svc", "account": "111122223333",
                    "created": "2025-05-01T00:00:00Z", "console_password": false, "password_last_used": null,
                    "access_keys": [{"id_suffix": "Z9QW", "active": true, "created": "2025-05-01T00:00:00Z", "last_used": null}]}]"#,
            },
            Example {
                name: "no password and no active keys",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/role-only", "name": "role-only", "account": "111122223333",
                    "created": "2025-05-01T00:00:00Z", "console_password": false, "password_last_used": null,
                    "access_keys": [{"id_suffix": "P0LE", "active": false, "created": "2024-01-01T00:00:00Z"}]}]"#,
            },
            Example {
                name: "last sign-in unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/erin", "name": "erin", "account": "111122223333",
                    "created": "2023-01-10T00:00:00Z", "console_password": true,
                    "password_last_used": {"$unknown": {"reason": "access_denied", "detail": "iam:GetCredentialReport"}},
                    "access_keys": []}]"#,
            },
        ],
    },
    check,
};

fn check(user: &IamUser, cx: &Context) -> Check {
    let limit = cx.settings.unused_credential_days;
    let has_password = *user.console_password.need("console_password")?;
    let keys = user.access_keys.need("access_keys")?;
    let active: Vec<&AccessKey> = keys.iter().filter(|k| k.active).collect();
    if !has_password && active.is_empty() {
        return Ok(Outcome::not_applicable(
            "the user has no console password and no active access keys",
        ));
    }

    let mut stale: Vec<String> = Vec::new();
    if has_password {
        match user.password_last_used.need("password_last_used")? {
            Some(used) => {
                let days = cx.days_since(*used);
                if days > limit {
                    stale.push(format!("console password last used {days} days ago"));
                }
            }
            None => {
                if let Some(days) = never_used_password_age(user, cx, limit)? {
                    stale.push(format!("console password never used, set {days} days ago"));
                }
            }
        }
    }
    for key in &active {
        match key.last_used.need("access_keys[].last_used")? {
            Some(used) => {
                let days = cx.days_since(*used);
                if days > limit {
                    stale.push(format!(
                        "key ending {} last used {days} days ago",
                        key.id_suffix
                    ));
                }
            }
            None => {
                let days = cx.days_since(key.created);
                if days > limit {
                    stale.push(format!(
                        "key ending {} never used, created {days} days ago",
                        key.id_suffix
                    ));
                }
            }
        }
    }

    Ok(if stale.is_empty() {
        Outcome::pass(format!(
            "every enabled credential was used (or created) within {limit} days"
        ))
    } else {
        Outcome::fail(format!(
            "{}; disable credentials unused for {limit} days",
            stale.join("; ")
        ))
    })
}

/// Age in days of a console password that was never used, when that age exceeds `limit`.
/// The login profile's creation date is best; without it the user's creation date bounds
/// it: a user created within the limit cannot hold an older password, but an older user's
/// password may be new, so that case stays unknown.
fn never_used_password_age(
    user: &IamUser,
    cx: &Context,
    limit: i64,
) -> Result<Option<i64>, Missing> {
    if let Some(Some(set)) = user.password_created.known() {
        let days = cx.days_since(*set);
        return Ok((days > limit).then_some(days));
    }
    match user.created.need("created")? {
        Some(created) if cx.days_since(*created) <= limit => Ok(None),
        _ => {
            user.password_created.need("password_created")?;
            // Known to be absent although the user has a console password: the data disagree.
            Err(Missing {
                field: "password_created".into(),
                unknown: Unknown::new(
                    UnknownReason::NotCollected,
                    "the user has a console password but no password creation date",
                ),
            })
        }
    }
}
