//! Glue connections: type, whether JDBC connections require SSL, description and tags.
//! `GetConnections` is asked with `HidePassword`, so AWS leaves passwords out of the answer,
//! and of the connection properties only `JDBC_ENFORCE_SSL` is kept: URLs, user names and any
//! other property are dropped on receipt.

use super::client;
use crate::runtime::{known, tags, Out, Scope};
use aws_sdk_glue::types::ConnectionPropertyKey;
use safeguard_model::{GlueConnection, UnknownReason, Value};

pub(crate) const ACTIONS: &[&str] = &["glue:GetConnections", "glue:GetTags"];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_glue);
    let c = &c;
    let pages = out.list(
        s.pages(
            "glue:GetConnections",
            c.get_connections()
                .hide_password(true)
                .into_paginator()
                .send(),
        )
        .await,
    );
    let connections: Vec<Connection> = pages
        .into_iter()
        .flat_map(|p| p.connection_list.unwrap_or_default())
        .filter_map(|k| {
            Some(Connection {
                name: k.name()?.to_string(),
                kind: k.connection_type().map(|t| t.as_str().to_string()),
                enforce_ssl: k
                    .connection_properties()
                    .and_then(|p| p.get(&ConnectionPropertyKey::JdbcEnforceSsl))
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
                description: k.description().unwrap_or_default().to_string(),
            })
        })
        .collect();
    let found = s
        .each(connections, |k| async move {
            // Connections are not returned with their ARN; tags are looked up by it.
            let arn = s.arn("glue", &format!("connection/{}", k.name));
            let tagged = s
                .call("glue:GetTags", c.get_tags().resource_arn(&arn).send())
                .await;
            let tags = known(tagged, |o| tags(o.tags().cloned().unwrap_or_default()));
            // AWS always names the type; an answer without one says nothing about it.
            let connection_type = match k.kind {
                Some(kind) => Value::Known(kind),
                None => Value::unknown(
                    UnknownReason::ParseError,
                    format!(
                        "glue:GetConnections in {}: no connection type for {}",
                        s.region, k.name
                    ),
                ),
            };
            GlueConnection {
                meta: s.meta(arn, k.name, tags),
                connection_type,
                jdbc_enforce_ssl: Value::Known(k.enforce_ssl),
                description: Value::Known(k.description),
            }
        })
        .await;
    for k in found {
        out.push(k);
    }
}

/// The parts of a Glue `Connection` the model keeps.
struct Connection {
    name: String,
    kind: Option<String>,
    enforce_ssl: bool,
    description: String,
}
