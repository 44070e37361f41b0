//! Systems Manager Parameter Store: each parameter's type, KMS key, description and tags, from
//! `DescribeParameters`, which carries metadata only. Parameter values are secrets (database
//! passwords, API keys): `GetParameter`, `GetParameters`, `GetParametersByPath` and
//! `GetParameterHistory` are never called (a test keeps them out of the policy).

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use aws_sdk_ssm::types::ResourceTypeForTagging;
use safeguard_model::{SsmParameter, Value};

pub(crate) const ACTIONS: &[&str] = &["ssm:DescribeParameters", "ssm:ListTagsForResource"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_ssm);
    let c = &c;
    let pages = out.list(
        s.pages(
            "ssm:DescribeParameters",
            c.describe_parameters().into_paginator().send(),
        )
        .await,
    );
    let params: Vec<Param> = pages
        .iter()
        .flat_map(|p| p.parameters())
        .filter_map(|p| {
            let name = p.name()?.to_string();
            let kind = p
                .r#type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default();
            Some(Param {
                arn: p
                    .arn()
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| {
                        // A hierarchical name keeps its slashes: `/app/db` is `parameter/app/db`.
                        s.arn(
                            "ssm",
                            &format!("parameter/{}", name.trim_start_matches('/')),
                        )
                    }),
                // `KeyId` belongs to SecureString parameters only.
                key: p
                    .key_id()
                    .filter(|k| !k.is_empty() && kind == "SecureString")
                    .map(str::to_string),
                description: p.description().unwrap_or_default().to_string(),
                kind,
                name,
            })
        })
        .collect();
    let found = s
        .each(params, |p| async move {
            let tagged = s
                .call(
                    "ssm:ListTagsForResource",
                    c.list_tags_for_resource()
                        .resource_type(ResourceTypeForTagging::Parameter)
                        .resource_id(&p.name)
                        .send(),
                )
                .await;
            let tags = known(tagged, |o| {
                tags(o.tag_list().iter().map(|t| (t.key(), t.value())))
            });
            SsmParameter {
                meta: s.meta(p.arn, p.name, tags),
                parameter_type: Value::Known(p.kind),
                kms_key_id: Value::Known(p.key),
                description: Value::Known(p.description),
            }
        })
        .await;
    for p in found {
        out.push(p);
    }
}

/// The metadata of one parameter that the model keeps.
struct Param {
    name: String,
    arn: String,
    kind: String,
    key: Option<String>,
    description: String,
}
