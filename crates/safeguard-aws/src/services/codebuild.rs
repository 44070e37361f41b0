//! CodeBuild projects: description, artifact encryption key, whether artifact encryption is
//! disabled, environment variable *names* and tags. `BatchGetProjects` returns environment
//! variables with their values (plaintext ones can be credentials): the answer is reduced to
//! what the model keeps as soon as it arrives, so no value outlives the call.

use super::client;
use crate::runtime::{tags, Out, Scope};
use safeguard_model::{CodeBuildProject, Value};

pub(crate) const ACTIONS: &[&str] = &["codebuild:BatchGetProjects", "codebuild:ListProjects"];

/// `BatchGetProjects` takes at most 100 names.
const BATCH: usize = 100;

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_codebuild);
    let c = &c;
    let names = out.list(
        s.pages(
            "codebuild:ListProjects",
            c.list_projects().into_paginator().items().send(),
        )
        .await,
    );
    let batches = s
        .each(
            names.chunks(BATCH).map(<[String]>::to_vec).collect(),
            |chunk| async move {
                let r = s
                    .call(
                        "codebuild:BatchGetProjects",
                        c.batch_get_projects().set_names(Some(chunk.clone())).send(),
                    )
                    .await
                    // Environment values are dropped here, before anything else sees the answer.
                    .map(|o| {
                        o.projects
                            .unwrap_or_default()
                            .into_iter()
                            .map(Project::from)
                    });
                (chunk, r.map(Vec::from_iter))
            },
        )
        .await;
    for (chunk, r) in batches {
        match r {
            Ok(projects) => {
                for p in projects {
                    let arn = p
                        .arn
                        .unwrap_or_else(|| s.arn("codebuild", &format!("project/{}", p.name)));
                    out.push(CodeBuildProject {
                        meta: s.meta(arn, p.name, Value::Known(p.tags)),
                        description: Value::Known(p.description),
                        encryption_key: Value::Known(p.encryption_key),
                        artifacts_encryption_disabled: Value::Known(p.encryption_disabled),
                        environment_variable_names: Value::Known(p.env_names),
                    });
                }
            }
            // The projects of a failed batch are still inventoried, with every fact unknown.
            Err(e) => {
                for name in chunk {
                    out.push(CodeBuildProject {
                        meta: s.meta(
                            s.arn("codebuild", &format!("project/{name}")),
                            name,
                            e.value(),
                        ),
                        description: e.value(),
                        encryption_key: e.value(),
                        artifacts_encryption_disabled: e.value(),
                        environment_variable_names: e.value(),
                    });
                }
            }
        }
    }
}

/// The parts of a CodeBuild `Project` the model keeps.
struct Project {
    name: String,
    arn: Option<String>,
    description: String,
    encryption_key: Option<String>,
    /// The primary artifacts or any secondary artifacts disable encryption.
    encryption_disabled: bool,
    env_names: Vec<String>,
    tags: safeguard_model::Tags,
}

impl From<aws_sdk_codebuild::types::Project> for Project {
    fn from(p: aws_sdk_codebuild::types::Project) -> Project {
        let mut env_names: Vec<String> = p
            .environment()
            .map(|e| {
                e.environment_variables()
                    .iter()
                    .map(|v| v.name().to_string())
                    .collect()
            })
            .unwrap_or_default();
        env_names.sort();
        env_names.dedup();
        Project {
            name: p.name().unwrap_or_default().to_string(),
            arn: p.arn().filter(|a| !a.is_empty()).map(str::to_string),
            description: p.description().unwrap_or_default().to_string(),
            encryption_key: p
                .encryption_key()
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            encryption_disabled: p
                .artifacts()
                .into_iter()
                .chain(p.secondary_artifacts())
                .any(|a| a.encryption_disabled() == Some(true)),
            env_names,
            tags: tags(
                p.tags()
                    .iter()
                    .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
            ),
        }
    }
}
