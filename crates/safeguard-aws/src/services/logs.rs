//! CloudWatch Logs log groups: retention, KMS key and tags.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{LogGroup, Value};

pub(crate) const ACTIONS: &[&str] = &["logs:DescribeLogGroups", "logs:ListTagsForResource"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_cloudwatchlogs);
    let c = &c;
    let groups = out.list(
        s.pages(
            "logs:DescribeLogGroups",
            c.describe_log_groups().into_paginator().items().send(),
        )
        .await,
    );
    let found = s
        .each(groups, |g| async move {
            let name = g.log_group_name().unwrap_or_default().to_string();
            let arn = g
                .log_group_arn()
                .map(str::to_string)
                .or_else(|| g.arn().map(|a| a.trim_end_matches(":*").to_string()))
                .unwrap_or_else(|| s.arn("logs", &format!("log-group:{name}")));
            let t = s
                .call(
                    "logs:ListTagsForResource",
                    c.list_tags_for_resource().resource_arn(&arn).send(),
                )
                .await;
            let tags = match t {
                Ok(o) => Value::Known(tags(o.tags().cloned().unwrap_or_default())),
                Err(e) => e.value(),
            };
            LogGroup {
                meta: s.meta(arn, name, tags),
                retention_days: Value::Known(
                    g.retention_in_days().filter(|d| *d > 0).map(|d| d as u32),
                ),
                kms_key_id: Value::Known(g.kms_key_id().map(str::to_string)),
            }
        })
        .await;
    for g in found {
        out.push(g);
    }
}
