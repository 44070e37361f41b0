//! Secrets Manager secrets: metadata only, from `ListSecrets` (KMS key, rotation, last
//! rotation and access, creation date, tags). Secret values are never read:
//! `secretsmanager:GetSecretValue` is not called and not in the read-only policy.

use super::client;
use crate::runtime::{tags, ts, Out, Scope};
use safeguard_model::{Secret, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &["secretsmanager:ListSecrets"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_secretsmanager);
    let pages = out.list(
        s.pages(
            "secretsmanager:ListSecrets",
            c.list_secrets()
                .include_planned_deletion(true)
                .into_paginator()
                .send(),
        )
        .await,
    );
    for x in pages.iter().flat_map(|p| p.secret_list()) {
        let name = x.name().unwrap_or_default().to_string();
        let arn = x
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("secretsmanager", &format!("secret:{name}")));
        let tags = Value::Known(tags(
            x.tags()
                .iter()
                .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
        ));
        let rotation_enabled = x.rotation_enabled().unwrap_or(false);
        out.push(Secret {
            meta: s.meta(arn, name.clone(), tags),
            kms_key_id: Value::Known(
                x.kms_key_id()
                    .filter(|k| !k.is_empty() && *k != "alias/aws/secretsmanager")
                    .map(str::to_string),
            ),
            rotation_enabled: Value::Known(rotation_enabled),
            rotation_interval_days: Value::Known(if rotation_enabled {
                x.rotation_rules()
                    .and_then(|r| r.automatically_after_days())
                    .map(|d| d.max(0) as u32)
            } else {
                None
            }),
            last_rotated: Value::Known(x.last_rotated_date().and_then(ts)),
            last_accessed: Value::Known(x.last_accessed_date().and_then(ts)),
            created_date: match x.created_date().and_then(ts) {
                Some(t) => Value::Known(t),
                None => Value::unknown(
                    UnknownReason::NotCollected,
                    format!("secretsmanager:ListSecrets gave no creation date for {name}"),
                ),
            },
        });
    }
}
