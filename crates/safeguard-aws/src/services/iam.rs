//! IAM users, roles and customer-managed policies.
//!
//! `GetAccountAuthorizationDetails` returns users, roles and local policies with their
//! inline and attached policies in a few pages; per user, MFA devices, access keys (and when
//! each was last used) and the login profile are read separately. `ListUsers` adds when each
//! password was last used. Access key ids are kept only by their last four characters.

use super::client;
use crate::error::CallError;
use crate::runtime::{known, policy, tags, ts, Out, Scope};
use aws_sdk_iam::types::EntityType;
use aws_sdk_iam::Client;
use safeguard_model::{
    AccessKey, IamPolicy, IamRole, IamUser, MfaDevice, MfaKind, NamedPolicy, Timestamp, Value,
};
use std::collections::HashMap;

pub(crate) const ACTIONS: &[&str] = &[
    "iam:GetAccessKeyLastUsed",
    "iam:GetAccountAuthorizationDetails",
    "iam:GetLoginProfile",
    "iam:ListAccessKeys",
    "iam:ListMFADevices",
    "iam:ListPolicyTags",
    "iam:ListUsers",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_iam);
    let details = out.list(
        s.pages(
            "iam:GetAccountAuthorizationDetails",
            c.get_account_authorization_details()
                .filter(EntityType::User)
                .filter(EntityType::Role)
                .filter(EntityType::LocalManagedPolicy)
                .into_paginator()
                .send(),
        )
        .await,
    );
    let listed = s
        .pages(
            "iam:ListUsers",
            c.list_users().into_paginator().items().send(),
        )
        .await;
    let last_used: Result<HashMap<String, Option<Timestamp>>, CallError> = match listed.error {
        Some(e) => Err(e),
        None => Ok(listed
            .items
            .iter()
            .map(|u| {
                (
                    u.user_name().to_string(),
                    u.password_last_used().and_then(ts),
                )
            })
            .collect()),
    };

    let mut users = Vec::new();
    let mut policies = Vec::new();
    for page in &details {
        for r in page.role_detail_list() {
            out.push(role(s, r));
        }
        policies.extend(page.policies().iter().cloned());
        users.extend(page.user_detail_list().iter().cloned());
    }
    let last_used = &last_used;
    let c = &c;
    for p in s
        .each(policies, |p| async move { managed_policy(s, c, p).await })
        .await
    {
        out.push(p);
    }
    for u in s
        .each(users, |u| async move { user(s, c, u, last_used).await })
        .await
    {
        out.push(u);
    }
}

fn named(list: &[aws_sdk_iam::types::PolicyDetail], what: &str) -> Value<Vec<NamedPolicy>> {
    let mut v = Vec::new();
    for p in list {
        let name = p.policy_name().unwrap_or_default();
        match policy(
            p.policy_document().unwrap_or_default(),
            &format!("{what} inline policy {name}"),
        ) {
            Value::Known(document) => v.push(NamedPolicy {
                name: name.to_string(),
                document,
            }),
            Value::Unknown(u) => return Value::Unknown(u),
        }
    }
    Value::Known(v)
}

fn attached(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Value<Vec<String>> {
    Value::Known(
        list.iter()
            .filter_map(|p| p.policy_arn().map(str::to_string))
            .collect(),
    )
}

fn role(s: &Scope, r: &aws_sdk_iam::types::RoleDetail) -> IamRole {
    let name = r.role_name().unwrap_or_default();
    let arn = r
        .arn()
        .map(str::to_string)
        .unwrap_or_else(|| format!("arn:{}:iam::{}:role/{name}", s.partition, s.account));
    let tags = Value::Known(tags(r.tags().iter().map(|t| (t.key(), t.value()))));
    IamRole {
        meta: s.meta(arn, name, tags),
        assume_role_policy: policy(
            r.assume_role_policy_document().unwrap_or_default(),
            &format!("role {name} trust policy"),
        ),
        inline_policies: named(r.role_policy_list(), &format!("role {name}")),
        attached_policies: attached(r.attached_managed_policies()),
        service_linked: Value::Known(
            r.path()
                .is_some_and(|p| p.starts_with("/aws-service-role/")),
        ),
    }
}

async fn managed_policy(
    s: &Scope,
    c: &Client,
    p: aws_sdk_iam::types::ManagedPolicyDetail,
) -> IamPolicy {
    let name = p.policy_name().unwrap_or_default();
    let arn = p
        .arn()
        .map(str::to_string)
        .unwrap_or_else(|| format!("arn:{}:iam::{}:policy/{name}", s.partition, s.account));
    let default = p
        .policy_version_list()
        .iter()
        .find(|v| v.is_default_version() || v.version_id() == p.default_version_id());
    let document = match default.and_then(|v| v.document()) {
        Some(text) => policy(text, &format!("policy {name}")),
        None => Value::unknown(
            safeguard_model::UnknownReason::NotCollected,
            format!("iam:GetAccountAuthorizationDetails returned no default version for {name}"),
        ),
    };
    let tagged = s
        .pages(
            "iam:ListPolicyTags",
            c.list_policy_tags()
                .policy_arn(&arn)
                .into_paginator()
                .items()
                .send(),
        )
        .await;
    let tags = match tagged.error {
        Some(e) => e.value(),
        None => Value::Known(tags(tagged.items.iter().map(|t| (t.key(), t.value())))),
    };
    IamPolicy {
        meta: s.meta(arn, name, tags),
        document,
        attachment_count: Value::Known(p.attachment_count().unwrap_or(0).max(0) as u32),
    }
}

async fn user(
    s: &Scope,
    c: &Client,
    u: aws_sdk_iam::types::UserDetail,
    last_used: &Result<HashMap<String, Option<Timestamp>>, CallError>,
) -> IamUser {
    let name = u.user_name().unwrap_or_default().to_string();
    let n = name.as_str();
    let (mfa, keys, login) = tokio::join!(
        s.pages(
            "iam:ListMFADevices",
            c.list_mfa_devices()
                .user_name(n)
                .into_paginator()
                .items()
                .send()
        ),
        s.pages(
            "iam:ListAccessKeys",
            c.list_access_keys()
                .user_name(n)
                .into_paginator()
                .items()
                .send()
        ),
        s.call(
            "iam:GetLoginProfile",
            c.get_login_profile().user_name(n).send()
        ),
    );

    let mfa_devices = match mfa.error {
        Some(e) => e.value(),
        None => Value::Known(
            mfa.items
                .iter()
                .map(|d| {
                    let serial = d.serial_number().to_string();
                    let kind = if serial.contains(":u2f/") {
                        MfaKind::Fido
                    } else if serial.contains(":mfa/") {
                        MfaKind::Virtual
                    } else {
                        MfaKind::Hardware
                    };
                    MfaDevice { serial, kind }
                })
                .collect(),
        ),
    };

    let access_keys = match keys.error {
        Some(e) => e.value(),
        None => {
            let found = s
                .each(keys.items, |k| async move {
                    let id = k.access_key_id().unwrap_or_default().to_string();
                    // A key whose last use cannot be read keeps that field unknown: "never
                    // used" must not be guessed.
                    let last_used = if id.is_empty() {
                        Value::Known(None)
                    } else {
                        known(
                            s.call(
                                "iam:GetAccessKeyLastUsed",
                                c.get_access_key_last_used().access_key_id(&id).send(),
                            )
                            .await,
                            |o| {
                                o.access_key_last_used()
                                    .and_then(|l| l.last_used_date())
                                    .and_then(ts)
                            },
                        )
                    };
                    // Only the last four characters of the key id are kept.
                    let suffix: String = id
                        .chars()
                        .rev()
                        .take(4)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    k.create_date().and_then(ts).map(|created| AccessKey {
                        id_suffix: suffix,
                        active: k.status().is_some_and(|st| st.as_str() == "Active"),
                        created,
                        last_used,
                    })
                })
                .await;
            Value::Known(found.into_iter().flatten().collect())
        }
    };

    let (console_password, password_created) = match login {
        Ok(o) => {
            let created = o.login_profile().and_then(|l| ts(l.create_date()));
            (
                Value::Known(o.login_profile().is_some()),
                Value::Known(created),
            )
        }
        Err(e) if e.is(&["NoSuchEntity", "NoSuchEntityException"]) => {
            (Value::Known(false), Value::Known(None))
        }
        Err(e) => (e.value(), e.value()),
    };

    let password_last_used = match last_used {
        Ok(map) => Value::Known(map.get(&name).cloned().flatten()),
        Err(e) => e.value(),
    };

    let arn = u
        .arn()
        .map(str::to_string)
        .unwrap_or_else(|| format!("arn:{}:iam::{}:user/{name}", s.partition, s.account));
    let tags = Value::Known(tags(u.tags().iter().map(|t| (t.key(), t.value()))));
    IamUser {
        meta: s.meta(arn, n, tags),
        console_password,
        password_last_used,
        mfa_devices,
        access_keys,
        attached_policies: attached(u.attached_managed_policies()),
        inline_policies: named(u.user_policy_list(), &format!("user {name}")),
        groups: Value::Known(u.group_list().to_vec()),
        created: Value::Known(u.create_date().and_then(ts)),
        password_created,
    }
}
