//! Kinesis data streams: server-side encryption, KMS key, retention and tags. Records are
//! never read (no `GetShardIterator`, `GetRecords` or `SubscribeToShard`).

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{KinesisStream, Tags, Unknown, UnknownReason, Value};
use std::collections::HashSet;

pub(crate) const ACTIONS: &[&str] = &[
    "kinesis:DescribeStreamSummary",
    "kinesis:ListStreams",
    "kinesis:ListTagsForStream",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_kinesis);
    let c = &c;
    let pages = out.list(
        s.pages(
            "kinesis:ListStreams",
            c.list_streams().into_paginator().send(),
        )
        .await,
    );
    let mut names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.stream_names().iter().cloned())
        .collect();
    // A stream is on one page only, but an answer that repeats a name must not make two
    // resources of one stream.
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    let found = s
        .each(names, |name| async move {
            let (summary, tagged) = tokio::join!(
                s.call(
                    "kinesis:DescribeStreamSummary",
                    c.describe_stream_summary().stream_name(&name).send()
                ),
                stream_tags(s, c, &name),
            );
            // `StreamDescriptionSummary` is required in the answer; without it nothing is known.
            let summary = summary.map_err(|e| e.unknown).and_then(|o| {
                o.stream_description_summary().cloned().ok_or_else(|| {
                    Unknown::new(
                        UnknownReason::ParseError,
                        format!(
                            "kinesis:DescribeStreamSummary in {}: no stream description",
                            s.region
                        ),
                    )
                })
            });
            match summary {
                Ok(d) => {
                    let arn = Some(d.stream_arn())
                        .filter(|a| !a.is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(|| s.arn("kinesis", &format!("stream/{name}")));
                    KinesisStream {
                        meta: s.meta(arn, name.clone(), tagged),
                        // Absent means no server-side encryption (the API's `NONE`).
                        encryption_type: Value::Known(
                            d.encryption_type()
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_else(|| "NONE".to_string()),
                        ),
                        kms_key_id: Value::Known(
                            d.key_id().filter(|k| !k.is_empty()).map(str::to_string),
                        ),
                        retention_hours: Value::Known(d.retention_period_hours().max(0) as u32),
                    }
                }
                Err(u) => KinesisStream {
                    meta: s.meta(s.arn("kinesis", &format!("stream/{name}")), name, tagged),
                    encryption_type: Value::Unknown(u.clone()),
                    kms_key_id: Value::Unknown(u.clone()),
                    retention_hours: Value::Unknown(u),
                },
            }
        })
        .await;
    for k in found {
        out.push(k);
    }
}

/// `ListTagsForStream` has no paginator in the SDK: continue after the last key while AWS
/// says there are more. (`kinesis:ListTagsForResource` would do the same but is not in
/// SecurityAudit.)
async fn stream_tags(s: &Scope, c: &aws_sdk_kinesis::Client, name: &str) -> Value<Tags> {
    let mut all = Tags::new();
    let mut start: Option<String> = None;
    loop {
        let r = s
            .call(
                "kinesis:ListTagsForStream",
                c.list_tags_for_stream()
                    .stream_name(name)
                    .set_exclusive_start_tag_key(start.clone())
                    .send(),
            )
            .await;
        match r {
            Ok(o) => {
                all.extend(tags(
                    o.tags()
                        .iter()
                        .map(|t| (t.key(), t.value().unwrap_or_default())),
                ));
                let last = o.tags().last().map(|t| t.key().to_string());
                // Stop when AWS has no more, or would start again from the same key.
                match last.filter(|_| o.has_more_tags()) {
                    Some(k) if start.as_deref() != Some(k.as_str()) => start = Some(k),
                    _ => return Value::Known(all),
                }
            }
            Err(e) => return e.value(),
        }
    }
}
