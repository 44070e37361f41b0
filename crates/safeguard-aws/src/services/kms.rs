//! KMS keys of the account in one region: metadata, rotation, key policy and tags.

use super::client;
use crate::runtime::{known, opt_policy, tags, ts, Out, Scope};
use safeguard_model::{KmsKey, Tags, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListKeys",
    "kms:ListResourceTags",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_kms);
    let c = &c;
    let keys = out.list(
        s.pages(
            "kms:ListKeys",
            c.list_keys().into_paginator().items().send(),
        )
        .await,
    );
    let ids: Vec<String> = keys
        .iter()
        .filter_map(|k| k.key_id().map(str::to_string))
        .collect();
    let found = s.each(ids, |id| async move { key(s, c, id).await }).await;
    for k in found {
        out.push(k);
    }
}

async fn key(s: &Scope, c: &aws_sdk_kms::Client, id: String) -> KmsKey {
    let (described, policy, rotation) = tokio::join!(
        s.call("kms:DescribeKey", c.describe_key().key_id(&id).send()),
        s.call(
            "kms:GetKeyPolicy",
            c.get_key_policy().key_id(&id).policy_name("default").send()
        ),
        s.call(
            "kms:GetKeyRotationStatus",
            c.get_key_rotation_status().key_id(&id).send()
        ),
    );
    let md = described
        .as_ref()
        .ok()
        .and_then(|o| o.key_metadata())
        .cloned();
    let customer = md
        .as_ref()
        .and_then(|m| m.key_manager())
        .is_some_and(|m| m.as_str() == "CUSTOMER");
    let tags = if customer {
        let l = s
            .pages(
                "kms:ListResourceTags",
                c.list_resource_tags()
                    .key_id(&id)
                    .into_paginator()
                    .items()
                    .send(),
            )
            .await;
        match l.error {
            Some(e) => e.value(),
            None => Value::Known(tags(l.items.iter().map(|t| (t.tag_key(), t.tag_value())))),
        }
    } else if md.is_some() {
        Value::Known(Tags::new())
    } else {
        Value::default()
    };
    let arn = md
        .as_ref()
        .and_then(|m| m.arn())
        .map(str::to_string)
        .unwrap_or_else(|| s.arn("kms", &format!("key/{id}")));
    let meta = s.meta(arn, id.clone(), tags);
    let rotation_enabled = match rotation {
        Ok(o) => Value::Known(o.key_rotation_enabled()),
        // Asymmetric, HMAC and imported keys cannot rotate; a key pending deletion does not.
        Err(e) if e.is(&["UnsupportedOperationException", "KMSInvalidStateException"]) => {
            Value::Known(false)
        }
        Err(e) => e.value(),
    };
    let policy = match policy {
        Ok(o) => opt_policy(o.policy(), &format!("kms:GetKeyPolicy {id}")),
        Err(e) => e.value(),
    };
    match (described, md) {
        (Ok(_), Some(m)) => KmsKey {
            meta,
            key_manager: Value::Known(
                m.key_manager()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
            ),
            key_state: Value::Known(
                m.key_state()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
            ),
            key_spec: Value::Known(
                m.key_spec()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
            ),
            rotation_enabled,
            description: Value::Known(m.description().unwrap_or_default().to_string()),
            policy,
            origin: Value::Known(
                m.origin()
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
            ),
            deletion_date: Value::Known(m.deletion_date().and_then(ts)),
        },
        (r, _) => {
            let u = known(r.map(|_| ()), |_| ());
            let u = match u {
                Value::Unknown(u) => u,
                Value::Known(_) => safeguard_model::Unknown::new(
                    safeguard_model::UnknownReason::NotCollected,
                    format!("kms:DescribeKey {id} returned no metadata"),
                ),
            };
            KmsKey {
                meta,
                key_manager: Value::Unknown(u.clone()),
                key_state: Value::Unknown(u.clone()),
                key_spec: Value::Unknown(u.clone()),
                rotation_enabled,
                description: Value::Unknown(u.clone()),
                policy,
                origin: Value::Unknown(u.clone()),
                deletion_date: Value::Unknown(u.clone()),
            }
        }
    }
}
