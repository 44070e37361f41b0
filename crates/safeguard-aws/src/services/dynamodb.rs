//! DynamoDB tables: encryption key type, point-in-time recovery, deletion protection,
//! billing mode and tags. Only table metadata is read; never items (no Scan, Query or Get).

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use safeguard_model::{DynamoDbTable, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:DescribeTable",
    "dynamodb:ListTables",
    "dynamodb:ListTagsOfResource",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_dynamodb);
    let c = &c;
    let names = out.list(
        s.pages(
            "dynamodb:ListTables",
            c.list_tables().into_paginator().items().send(),
        )
        .await,
    );
    let tables = s
        .each(names, |name| async move {
            let (table, backups) = tokio::join!(
                s.call(
                    "dynamodb:DescribeTable",
                    c.describe_table().table_name(&name).send()
                ),
                s.call(
                    "dynamodb:DescribeContinuousBackups",
                    c.describe_continuous_backups().table_name(&name).send()
                ),
            );
            let arn = table
                .as_ref()
                .ok()
                .and_then(|t| t.table().and_then(|t| t.table_arn()).map(str::to_string))
                .unwrap_or_else(|| s.arn("dynamodb", &format!("table/{name}")));
            let tags = table_tags(s, c, &arn).await;
            let pitr = known(backups, |o| {
                o.continuous_backups_description()
                    .and_then(|d| d.point_in_time_recovery_description())
                    .and_then(|p| p.point_in_time_recovery_status())
                    .is_some_and(|st| st.as_str() == "ENABLED")
            });
            let meta = s.meta(arn, name, tags);
            match table {
                Ok(o) => {
                    let t = o.table().cloned().unwrap_or_else(|| {
                        aws_sdk_dynamodb::types::TableDescription::builder().build()
                    });
                    let sse = t
                        .sse_description()
                        .filter(|d| d.status().is_none_or(|st| st.as_str() != "DISABLED"));
                    DynamoDbTable {
                        meta,
                        sse_key_type: Value::Known(match sse.and_then(|d| d.sse_type()) {
                            Some(kind) => kind.as_str().to_string(),
                            None => "AWS_OWNED".to_string(),
                        }),
                        kms_key_id: Value::Known(
                            sse.and_then(|d| d.kms_master_key_arn()).map(str::to_string),
                        ),
                        point_in_time_recovery: pitr,
                        deletion_protection: Value::Known(
                            t.deletion_protection_enabled().unwrap_or(false),
                        ),
                        billing_mode: Value::Known(
                            t.billing_mode_summary()
                                .and_then(|b| b.billing_mode())
                                .map(|m| m.as_str().to_string())
                                .unwrap_or_else(|| "PROVISIONED".to_string()),
                        ),
                    }
                }
                Err(e) => DynamoDbTable {
                    meta,
                    sse_key_type: e.value(),
                    kms_key_id: e.value(),
                    point_in_time_recovery: pitr,
                    deletion_protection: e.value(),
                    billing_mode: e.value(),
                },
            }
        })
        .await;
    for t in tables {
        out.push(t);
    }
}

/// `ListTagsOfResource` has no paginator in the SDK: follow `NextToken` by hand.
async fn table_tags(
    s: &Scope,
    c: &aws_sdk_dynamodb::Client,
    arn: &str,
) -> Value<safeguard_model::Tags> {
    let mut all = safeguard_model::Tags::new();
    let mut token: Option<String> = None;
    loop {
        let r = s
            .call(
                "dynamodb:ListTagsOfResource",
                c.list_tags_of_resource()
                    .resource_arn(arn)
                    .set_next_token(token.clone())
                    .send(),
            )
            .await;
        match r {
            Ok(o) => {
                all.extend(tags(o.tags().iter().map(|t| (t.key(), t.value()))));
                match o.next_token().filter(|t| !t.is_empty()) {
                    Some(t) => token = Some(t.to_string()),
                    None => return Value::Known(all),
                }
            }
            Err(e) => return e.value(),
        }
    }
}
