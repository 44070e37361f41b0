//! GuardDuty detectors (at most one per region).

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{GuardDutyDetector, Value};

pub(crate) const ACTIONS: &[&str] = &["guardduty:GetDetector", "guardduty:ListDetectors"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_guardduty);
    let c = &c;
    let ids = out.list(
        s.pages(
            "guardduty:ListDetectors",
            c.list_detectors().into_paginator().items().send(),
        )
        .await,
    );
    let details = s
        .each(ids, |id| async move {
            let r = s
                .call(
                    "guardduty:GetDetector",
                    c.get_detector().detector_id(&id).send(),
                )
                .await;
            (id, r)
        })
        .await;
    for (id, r) in details {
        let meta = |t| s.meta(s.arn("guardduty", &format!("detector/{id}")), id.clone(), t);
        out.push(match r {
            Ok(o) => GuardDutyDetector {
                meta: meta(Value::Known(tags(o.tags().cloned().unwrap_or_default()))),
                enabled: Value::Known(o.status().is_some_and(|st| st.as_str() == "ENABLED")),
                finding_publishing_frequency: Value::Known(
                    o.finding_publishing_frequency()
                        .map(|f| f.as_str().to_string()),
                ),
            },
            Err(e) => GuardDutyDetector {
                meta: meta(e.value()),
                enabled: e.value(),
                finding_publishing_frequency: e.value(),
            },
        });
    }
}
