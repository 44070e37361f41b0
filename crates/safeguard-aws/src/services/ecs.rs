//! ECS task definitions: the latest active revision of every family (the one new tasks and
//! services are normally started from), with each container's log driver, privileged flag
//! and environment variable *names*, the task's volumes and its tags. Environment variable
//! values are dropped on receipt: `DescribeTaskDefinition` returns them, and they often hold
//! connection strings or credentials. Older active revisions are not read.

use super::client;
use crate::runtime::{tags, Out, Scope};
use aws_sdk_ecs::types::{TaskDefinitionFamilyStatus, TaskDefinitionField};
use safeguard_model::{EcsContainer, EcsTaskDefinition, EcsVolume, Unknown, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "ecs:DescribeTaskDefinition",
    "ecs:ListTaskDefinitionFamilies",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_ecs);
    let c = &c;
    let families = out.list(
        s.pages(
            "ecs:ListTaskDefinitionFamilies",
            c.list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .items()
                .send(),
        )
        .await,
    );
    let found = s
        .each(families, |family| async move {
            // A family name alone selects its latest ACTIVE revision.
            let r = s
                .call(
                    "ecs:DescribeTaskDefinition",
                    c.describe_task_definition()
                        .task_definition(&family)
                        .include(TaskDefinitionField::Tags)
                        .send(),
                )
                .await;
            let fallback_arn = || s.arn("ecs", &format!("task-definition/{family}"));
            // Reduce the answer at once; `taskDefinition` is required in it.
            let r = r.map_err(|e| e.unknown).and_then(|o| {
                Definition::from_output(o).ok_or_else(|| {
                    Unknown::new(
                        UnknownReason::ParseError,
                        format!(
                            "ecs:DescribeTaskDefinition in {}: no task definition",
                            s.region
                        ),
                    )
                })
            });
            match r {
                Ok(d) => EcsTaskDefinition {
                    meta: s.meta(
                        d.arn.unwrap_or_else(fallback_arn),
                        family.clone(),
                        Value::Known(d.tags),
                    ),
                    requires_compatibilities: Value::Known(d.requires_compatibilities),
                    containers: Value::Known(d.containers),
                    volumes: Value::Known(d.volumes),
                },
                Err(u) => EcsTaskDefinition {
                    meta: s.meta(fallback_arn(), family.clone(), Value::Unknown(u.clone())),
                    requires_compatibilities: Value::Unknown(u.clone()),
                    containers: Value::Unknown(u.clone()),
                    volumes: Value::Unknown(u),
                },
            }
        })
        .await;
    for t in found {
        out.push(t);
    }
}

/// The parts of a `DescribeTaskDefinition` answer the model keeps. Built straight from the
/// SDK output, which is then dropped with every environment value, secret reference, command
/// line and Docker label in it.
struct Definition {
    arn: Option<String>,
    tags: safeguard_model::Tags,
    requires_compatibilities: Vec<String>,
    containers: Vec<EcsContainer>,
    volumes: Vec<EcsVolume>,
}

impl Definition {
    fn from_output(
        o: aws_sdk_ecs::operation::describe_task_definition::DescribeTaskDefinitionOutput,
    ) -> Option<Definition> {
        let tags = tags(
            o.tags()
                .iter()
                .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
        );
        let t = o.task_definition()?;
        let containers = t
            .container_definitions()
            .iter()
            .map(|c| {
                let mut environment_variable_names: Vec<String> = c
                    .environment()
                    .iter()
                    .filter_map(|kv| kv.name().map(str::to_string))
                    .collect();
                environment_variable_names.sort();
                environment_variable_names.dedup();
                EcsContainer {
                    name: c.name().unwrap_or_default().to_string(),
                    log_driver: c
                        .log_configuration()
                        .map(|l| l.log_driver().as_str().to_string()),
                    environment_variable_names,
                    privileged: c.privileged().unwrap_or(false),
                }
            })
            .collect();
        let volumes = t
            .volumes()
            .iter()
            .map(|v| {
                let efs = v.efs_volume_configuration();
                EcsVolume {
                    name: v.name().unwrap_or_default().to_string(),
                    efs_file_system_id: efs.map(|e| e.file_system_id().to_string()),
                    efs_transit_encryption: efs
                        .and_then(|e| e.transit_encryption())
                        .map(|t| t.as_str().to_string()),
                    host_source_path: v
                        .host()
                        .and_then(|h| h.source_path())
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                }
            })
            .collect();
        Some(Definition {
            arn: t.task_definition_arn().map(str::to_string),
            tags,
            requires_compatibilities: t
                .requires_compatibilities()
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            containers,
            volumes,
        })
    }
}
