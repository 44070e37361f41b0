//! CloudTrail trails whose home is this region (a multi-region trail is listed once, in its
//! home region), with their logging status, event selectors and tags. An organisation trail
//! seen from a member account is kept under its owner's account id, so that account-level
//! rules see the member is covered.

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use aws_sdk_cloudtrail::types::{AdvancedEventSelector, EventSelector};
use safeguard_model::{CloudTrailTrail, Tags, Value};
use std::collections::HashMap;

pub(crate) const ACTIONS: &[&str] = &[
    "cloudtrail:DescribeTrails",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetTrailStatus",
    "cloudtrail:ListTags",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_cloudtrail);
    let c = &c;
    let trails = match s
        .call(
            "cloudtrail:DescribeTrails",
            c.describe_trails().include_shadow_trails(true).send(),
        )
        .await
    {
        Ok(o) => o.trail_list().to_vec(),
        Err(e) => {
            out.fail(&e);
            return;
        }
    };
    let trails: Vec<_> = trails
        .into_iter()
        .filter(|t| t.home_region().is_none_or(|r| r == s.region) && t.trail_arn().is_some())
        .collect();

    // Tags, 20 trails per call; only the trails of this account can be asked about.
    let own: Vec<String> = trails
        .iter()
        .filter_map(|t| t.trail_arn())
        .filter(|a| owner(a) == Some(s.account.as_str()))
        .map(str::to_string)
        .collect();
    let tag_results = s
        .each(
            own.chunks(20).map(<[String]>::to_vec).collect(),
            |chunk| async move {
                let r = s
                    .call(
                        "cloudtrail:ListTags",
                        c.list_tags()
                            .set_resource_id_list(Some(chunk.clone()))
                            .send(),
                    )
                    .await;
                (chunk, r)
            },
        )
        .await;
    let mut tag_map: HashMap<String, Value<Tags>> = HashMap::new();
    for (chunk, r) in tag_results {
        match r {
            Ok(o) => {
                for rt in o.resource_tag_list() {
                    if let Some(id) = rt.resource_id() {
                        let t = tags(
                            rt.tags_list()
                                .iter()
                                .map(|t| (t.key(), t.value().unwrap_or_default())),
                        );
                        tag_map.insert(id.to_string(), Value::Known(t));
                    }
                }
            }
            Err(e) => {
                for arn in chunk {
                    tag_map.insert(arn, e.value());
                }
            }
        }
    }

    let details = s
        .each(trails, |t| async move {
            let arn = t.trail_arn().unwrap_or_default().to_string();
            let (status, selectors) = tokio::join!(
                s.call(
                    "cloudtrail:GetTrailStatus",
                    c.get_trail_status().name(&arn).send()
                ),
                s.call(
                    "cloudtrail:GetEventSelectors",
                    c.get_event_selectors().trail_name(&arn).send()
                ),
            );
            (t, status, selectors)
        })
        .await;
    for (t, status, selectors) in details {
        let arn = t.trail_arn().unwrap_or_default().to_string();
        let account = owner(&arn).unwrap_or(&s.account).to_string();
        let tags = tag_map.remove(&arn).unwrap_or_else(|| {
            if account == s.account {
                Value::Known(Tags::new())
            } else {
                Value::default()
            }
        });
        let (management_events, s3_data_events) = match selectors {
            Ok(o) => (
                Value::Known(management(
                    o.event_selectors(),
                    o.advanced_event_selectors(),
                )),
                Value::Known(s3_data(o.event_selectors(), o.advanced_event_selectors())),
            ),
            Err(e) => (e.value(), e.value()),
        };
        let mut meta = s.meta(arn.clone(), t.name().unwrap_or_default(), tags);
        meta.account = account;
        out.push(CloudTrailTrail {
            meta,
            multi_region: Value::Known(t.is_multi_region_trail().unwrap_or(false)),
            organization_trail: Value::Known(t.is_organization_trail().unwrap_or(false)),
            logging: known(status, |o| o.is_logging().unwrap_or(false)),
            log_file_validation: Value::Known(t.log_file_validation_enabled().unwrap_or(false)),
            kms_key_id: Value::Known(t.kms_key_id().map(str::to_string)),
            cloudwatch_logs_group_arn: Value::Known(
                t.cloud_watch_logs_log_group_arn().map(str::to_string),
            ),
            s3_bucket: Value::Known(t.s3_bucket_name().map(str::to_string)),
            management_events,
            s3_data_events,
        });
    }
}

/// The account id in an ARN (`arn:aws:cloudtrail:us-east-1:111122223333:trail/x`).
fn owner(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// Read and write management events are recorded.
fn management(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> bool {
    if basic.is_empty() && advanced.is_empty() {
        // A trail without selectors records all management events (the default).
        return true;
    }
    basic.iter().any(|e| {
        e.include_management_events().unwrap_or(true)
            && e.read_write_type().is_none_or(|t| t.as_str() == "All")
    }) || advanced.iter().any(|a| {
        let f = a.field_selectors();
        f.iter()
            .any(|x| x.field() == "eventCategory" && x.equals().iter().any(|v| v == "Management"))
            && !f.iter().any(|x| x.field() == "readOnly")
    })
}

/// S3 object-level (data) events are recorded, for all or some buckets.
fn s3_data(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> bool {
    basic.iter().any(|e| {
        e.data_resources()
            .iter()
            .any(|d| d.r#type() == Some("AWS::S3::Object"))
    }) || advanced.iter().any(|a| {
        let f = a.field_selectors();
        f.iter()
            .any(|x| x.field() == "eventCategory" && x.equals().iter().any(|v| v == "Data"))
            && f.iter().any(|x| {
                x.field() == "resources.type" && x.equals().iter().any(|v| v == "AWS::S3::Object")
            })
    })
}
