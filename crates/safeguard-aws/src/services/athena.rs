//! Athena workgroups: description, query result encryption and whether the workgroup's
//! settings override the client's, and tags. No query, query result or catalog is read.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{AthenaWorkgroup, Tags, Unknown, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "athena:GetWorkGroup",
    "athena:ListTagsForResource",
    "athena:ListWorkGroups",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_athena);
    let c = &c;
    let pages = out.list(
        s.pages(
            "athena:ListWorkGroups",
            c.list_work_groups().into_paginator().send(),
        )
        .await,
    );
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.work_groups().iter().filter_map(|w| w.name()))
        .map(str::to_string)
        .collect();
    let found = s
        .each(names, |name| async move {
            // GetWorkGroup does not return the ARN; tags are looked up by it.
            let arn = s.arn("athena", &format!("workgroup/{name}"));
            let (wg, tagged) = tokio::join!(
                s.call(
                    "athena:GetWorkGroup",
                    c.get_work_group().work_group(&name).send()
                ),
                s.pages(
                    "athena:ListTagsForResource",
                    c.list_tags_for_resource()
                        .resource_arn(&arn)
                        .into_paginator()
                        .items()
                        .send()
                ),
            );
            let tags: Value<Tags> = tagged.known(|items| {
                tags(
                    items
                        .iter()
                        .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
                )
            });
            // `WorkGroup` is required in the answer; without it nothing is known.
            let wg = wg.map_err(|e| e.unknown).and_then(|o| {
                o.work_group().cloned().ok_or_else(|| {
                    Unknown::new(
                        UnknownReason::ParseError,
                        format!("athena:GetWorkGroup in {}: no workgroup", s.region),
                    )
                })
            });
            match wg {
                Ok(w) => {
                    let cfg = w.configuration();
                    AthenaWorkgroup {
                        meta: s.meta(arn, name.clone(), tags),
                        description: Value::Known(w.description().unwrap_or_default().to_string()),
                        result_encryption: Value::Known(result_encryption(cfg)),
                        // Absent means false: clients' own result settings apply.
                        enforce_configuration: Value::Known(
                            cfg.and_then(|c| c.enforce_work_group_configuration())
                                .unwrap_or(false),
                        ),
                    }
                }
                Err(u) => AthenaWorkgroup {
                    meta: s.meta(arn, name.clone(), tags),
                    description: Value::Unknown(u.clone()),
                    result_encryption: Value::Unknown(u.clone()),
                    enforce_configuration: Value::Unknown(u),
                },
            }
        })
        .await;
    for w in found {
        out.push(w);
    }
}

/// The encryption option of the workgroup's query results: the S3 result location's
/// `EncryptionConfiguration`, or, for results kept in Athena managed storage, `SSE_KMS` when
/// a customer key is configured for them. Managed storage without a customer key counts as
/// not encrypted by the workgroup (its encryption is not described by the API), which can
/// only make the check stricter.
fn result_encryption(
    cfg: Option<&aws_sdk_athena::types::WorkGroupConfiguration>,
) -> Option<String> {
    let cfg = cfg?;
    if let Some(option) = cfg
        .result_configuration()
        .and_then(|r| r.encryption_configuration())
        .map(|e| e.encryption_option().as_str().to_string())
    {
        return Some(option);
    }
    cfg.managed_query_results_configuration()
        .filter(|m| m.enabled())
        .and_then(|m| m.encryption_configuration())
        .filter(|e| !e.kms_key().is_empty())
        .map(|_| "SSE_KMS".to_string())
}
