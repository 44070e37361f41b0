//! Lambda functions: configuration from `ListFunctions` (environment variable *names* only:
//! values are dropped on receipt), resource policy, function URL auth type, asynchronous
//! failure destination, reserved concurrency and tags. `lambda:GetFunction` is never called:
//! it returns a pre-signed URL to the function's code.

use super::client;
use crate::runtime::{absent_or, opt_policy, tags, Out, Scope};
use safeguard_model::{LambdaFunction, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "lambda:GetFunctionConcurrency",
    "lambda:GetFunctionEventInvokeConfig",
    "lambda:GetPolicy",
    "lambda:ListFunctionUrlConfigs",
    "lambda:ListFunctions",
    "lambda:ListTags",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_lambda);
    let c = &c;
    let listed = out.list(
        s.pages(
            "lambda:ListFunctions",
            c.list_functions().into_paginator().items().send(),
        )
        .await,
    );
    // Keep what the model needs and drop the rest (environment values) right away.
    let functions: Vec<Config> = listed.into_iter().map(Config::from).collect();
    let found = s
        .each(functions, |f| async move {
            let name = f.name.as_str();
            let (policy, urls, invoke, concurrency, tagged) = tokio::join!(
                s.call(
                    "lambda:GetPolicy",
                    c.get_policy().function_name(name).send()
                ),
                s.pages(
                    "lambda:ListFunctionUrlConfigs",
                    c.list_function_url_configs()
                        .function_name(name)
                        .into_paginator()
                        .items()
                        .send()
                ),
                s.call(
                    "lambda:GetFunctionEventInvokeConfig",
                    c.get_function_event_invoke_config()
                        .function_name(name)
                        .send()
                ),
                s.call(
                    "lambda:GetFunctionConcurrency",
                    c.get_function_concurrency().function_name(name).send()
                ),
                s.call("lambda:ListTags", c.list_tags().resource(&f.arn).send()),
            );
            let policy = match policy {
                Ok(o) => opt_policy(o.policy(), &format!("lambda:GetPolicy {name}")),
                Err(e) if e.is(&["ResourceNotFoundException"]) => Value::Known(None),
                Err(e) => e.value(),
            };
            let function_url_auth_type = match urls.error {
                Some(e) if e.is(&["ResourceNotFoundException"]) => Value::Known(None),
                Some(e) => e.value(),
                None => {
                    // The least protected URL counts (NONE over AWS_IAM).
                    let mut types: Vec<String> = urls
                        .items
                        .iter()
                        .map(|u| u.auth_type().as_str().to_string())
                        .collect();
                    types.sort_by_key(|t| t != "NONE");
                    Value::Known(types.into_iter().next())
                }
            };
            let on_failure_destination = absent_or(invoke, &["ResourceNotFoundException"], |o| {
                o.destination_config()
                    .and_then(|d| d.on_failure())
                    .and_then(|f| f.destination())
                    .map(str::to_string)
            });
            let reserved_concurrency = match concurrency {
                Ok(o) => Value::Known(o.reserved_concurrent_executions().map(|n| n.max(0) as u32)),
                Err(e) => e.value(),
            };
            let tags = match tagged {
                Ok(o) => Value::Known(tags(o.tags().cloned().unwrap_or_default())),
                Err(e) => e.value(),
            };
            LambdaFunction {
                meta: s.meta(f.arn.clone(), f.name.clone(), tags),
                runtime: Value::Known(f.runtime),
                vpc_id: Value::Known(f.vpc_id),
                environment_variable_names: Value::Known(f.env_names),
                kms_key_id: Value::Known(f.kms_key_arn),
                policy,
                function_url_auth_type,
                dead_letter_target: Value::Known(f.dead_letter),
                on_failure_destination,
                reserved_concurrency,
                tracing_mode: Value::Known(f.tracing),
            }
        })
        .await;
    for f in found {
        out.push(f);
    }
}

/// The parts of `FunctionConfiguration` the model keeps.
struct Config {
    name: String,
    arn: String,
    runtime: Option<String>,
    vpc_id: Option<String>,
    env_names: Vec<String>,
    kms_key_arn: Option<String>,
    dead_letter: Option<String>,
    tracing: Option<String>,
}

impl From<aws_sdk_lambda::types::FunctionConfiguration> for Config {
    fn from(f: aws_sdk_lambda::types::FunctionConfiguration) -> Config {
        let mut env_names: Vec<String> = f
            .environment()
            .and_then(|e| e.variables())
            .map(|v| v.keys().cloned().collect())
            .unwrap_or_default();
        env_names.sort();
        Config {
            name: f.function_name().unwrap_or_default().to_string(),
            arn: f.function_arn().unwrap_or_default().to_string(),
            runtime: f.runtime().map(|r| r.as_str().to_string()),
            vpc_id: f
                .vpc_config()
                .and_then(|v| v.vpc_id())
                .filter(|v| !v.is_empty())
                .map(str::to_string),
            env_names,
            kms_key_arn: f
                .kms_key_arn()
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            dead_letter: f
                .dead_letter_config()
                .and_then(|d| d.target_arn())
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            tracing: f
                .tracing_config()
                .and_then(|t| t.mode())
                .map(|m| m.as_str().to_string()),
        }
    }
}
