//! WorkSpaces virtual desktops: root and user volume encryption with their KMS key, and tags.
//! User names, IP addresses and computer names in the answer are not kept.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{Tags, Value, Workspace};

pub(crate) const ACTIONS: &[&str] = &["workspaces:DescribeTags", "workspaces:DescribeWorkspaces"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_workspaces);
    let c = &c;
    // Only what the model keeps: the answer also names the desktop's user.
    let desktops: Vec<Desktop> = out
        .list(
            s.pages(
                "workspaces:DescribeWorkspaces",
                c.describe_workspaces().into_paginator().items().send(),
            )
            .await,
        )
        .into_iter()
        .filter_map(|w| {
            Some(Desktop {
                id: w.workspace_id()?.to_string(),
                // Absent is taken as off, which can only make a check stricter.
                root: w.root_volume_encryption_enabled().unwrap_or(false),
                user: w.user_volume_encryption_enabled().unwrap_or(false),
                key: w
                    .volume_encryption_key()
                    .filter(|k| !k.is_empty())
                    .map(str::to_string),
            })
        })
        .collect();
    let found = s
        .each(desktops, |d| async move {
            let tagged = s
                .call(
                    "workspaces:DescribeTags",
                    c.describe_tags().resource_id(&d.id).send(),
                )
                .await;
            let tags: Value<Tags> = match tagged {
                Ok(o) => Value::Known(tags(
                    o.tag_list()
                        .iter()
                        .map(|t| (t.key(), t.value().unwrap_or_default())),
                )),
                Err(e) => e.value(),
            };
            Workspace {
                meta: s.meta(
                    s.arn("workspaces", &format!("workspace/{}", d.id)),
                    d.id.clone(),
                    tags,
                ),
                root_volume_encrypted: Value::Known(d.root),
                user_volume_encrypted: Value::Known(d.user),
                volume_kms_key: Value::Known(d.key),
            }
        })
        .await;
    for w in found {
        out.push(w);
    }
}

/// The parts of a `Workspace` the model keeps.
struct Desktop {
    id: String,
    root: bool,
    user: bool,
    key: Option<String>,
}
