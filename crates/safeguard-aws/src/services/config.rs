//! AWS Config configuration recorders (one per region) and their status.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{ConfigRecorder, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "config:DescribeConfigurationRecorderStatus",
    "config:DescribeConfigurationRecorders",
    "config:ListTagsForResource",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_config);
    let (recorders, status) = tokio::join!(
        s.call(
            "config:DescribeConfigurationRecorders",
            c.describe_configuration_recorders().send()
        ),
        s.call(
            "config:DescribeConfigurationRecorderStatus",
            c.describe_configuration_recorder_status().send()
        ),
    );
    let recorders = match recorders {
        Ok(o) => o.configuration_recorders().to_vec(),
        Err(e) => {
            out.fail(&e);
            return;
        }
    };
    for r in recorders {
        let name = r.name().unwrap_or("default").to_string();
        let st = status.as_ref().map(|o| {
            o.configuration_recorders_status()
                .iter()
                .find(|st| st.name() == Some(name.as_str()))
                .cloned()
        });
        let (recording, last_status) = match st {
            Ok(Some(st)) => (
                Value::Known(st.recording()),
                Value::Known(st.last_status().map(|l| l.as_str().to_ascii_uppercase())),
            ),
            Ok(None) => (Value::Known(false), Value::Known(None)),
            Err(e) => (e.value(), e.value()),
        };
        let group = r.recording_group();
        let arn = r
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("config", &format!("config-recorder/{name}")));
        let tagged = s
            .pages(
                "config:ListTagsForResource",
                c.list_tags_for_resource()
                    .resource_arn(&arn)
                    .into_paginator()
                    .items()
                    .send(),
            )
            .await;
        let tags = match tagged.error {
            Some(e) => e.value(),
            None => Value::Known(tags(
                tagged
                    .items
                    .iter()
                    .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
            )),
        };
        out.push(ConfigRecorder {
            meta: s.meta(arn, name, tags),
            recording,
            all_supported: Value::Known(group.is_none_or(|g| g.all_supported())),
            include_global_resources: Value::Known(
                group.is_some_and(|g| g.include_global_resource_types()),
            ),
            last_status,
        });
    }
}
