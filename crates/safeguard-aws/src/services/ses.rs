//! SES configuration sets (SES v2 API): the TLS policy for delivery to receiving mail
//! servers, and tags, both from `GetConfigurationSet`. No message, identity or contact is
//! read.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{SesConfigurationSet, Value};

pub(crate) const ACTIONS: &[&str] = &["ses:GetConfigurationSet", "ses:ListConfigurationSets"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_sesv2);
    let c = &c;
    let pages = out.list(
        s.pages(
            "ses:ListConfigurationSets",
            c.list_configuration_sets().into_paginator().send(),
        )
        .await,
    );
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.configuration_sets().iter().cloned())
        .collect();
    let found = s
        .each(names, |name| async move {
            let r = s
                .call(
                    "ses:GetConfigurationSet",
                    c.get_configuration_set()
                        .configuration_set_name(&name)
                        .send(),
                )
                .await;
            let arn = s.arn("ses", &format!("configuration-set/{name}"));
            match r {
                Ok(o) => SesConfigurationSet {
                    meta: s.meta(
                        arn,
                        name.clone(),
                        Value::Known(tags(o.tags().iter().map(|t| (t.key(), t.value())))),
                    ),
                    // No delivery options, or none with a TLS policy: SES's default, OPTIONAL.
                    tls_policy: Value::Known(
                        o.delivery_options()
                            .and_then(|d| d.tls_policy())
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_else(|| "OPTIONAL".to_string()),
                    ),
                },
                Err(e) => SesConfigurationSet {
                    meta: s.meta(arn, name.clone(), e.value()),
                    tls_policy: e.value(),
                },
            }
        })
        .await;
    for c in found {
        out.push(c);
    }
}
