//! `terraform show -json` plans: `planned_values` gives every resource instance with its
//! address and attribute values (provider defaults filled in), `resource_changes[].change.
//! after_unknown` marks what is known only after apply, and `configuration` tells which
//! resource a companion's argument refers to.

use super::map;
use crate::mapping::Raw;
use crate::value::V;
use crate::{Diagnostic, Partial};
use serde_json::Value as Json;
use std::collections::HashMap;

pub fn looks_like_plan(text: &str) -> bool {
    text.contains("\"format_version\"") && text.contains("\"planned_values\"")
}

pub fn scan_text(rel: &str, text: &str) -> Partial {
    let mut out = Partial::default();
    let doc: Json = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            out.terraform = true;
            let msg = e.to_string();
            let msg = msg
                .rfind(" at line ")
                .map(|i| msg[..i].to_string())
                .unwrap_or(msg);
            out.file_failed(
                "terraform",
                Diagnostic {
                    file: rel.to_string(),
                    line: e.line() as u32,
                    column: Some(e.column() as u32),
                    message: format!("invalid plan JSON: {msg}"),
                },
            );
            return out;
        }
    };
    let Some(root) = doc.get("planned_values").and_then(|p| p.get("root_module")) else {
        return out;
    };
    out.terraform = true;
    out.file_ok("terraform", rel);
    let lines = address_lines(text);

    // Which resource each argument refers to, by module path and configuration address.
    let mut refs: HashMap<(String, String), &serde_json::Map<String, Json>> = HashMap::new();
    if let Some(c) = doc.get("configuration").and_then(|c| c.get("root_module")) {
        collect_config(c, String::new(), &mut refs);
    }
    let mut unknowns: HashMap<&str, &Json> = HashMap::new();
    if let Some(Json::Array(changes)) = doc.get("resource_changes") {
        for c in changes {
            if let (Some(a), Some(u)) = (
                c.get("address").and_then(Json::as_str),
                c.get("change").and_then(|c| c.get("after_unknown")),
            ) {
                unknowns.insert(a, u);
            }
        }
    }
    let mut raws = Vec::new();
    collect_planned(root, rel, &lines, &refs, &unknowns, &mut raws);
    out.resources = map::map_all(&raws);
    let region = doc
        .get("configuration")
        .and_then(|c| c.get("provider_config"))
        .and_then(|p| p.get("aws"))
        .and_then(|a| a.get("expressions"))
        .and_then(|e| e.get("region"))
        .and_then(|r| r.get("constant_value"))
        .and_then(Json::as_str);
    if let Some(region) = region {
        for r in &mut out.resources {
            r.meta_mut().region = region.to_string();
        }
    }
    out
}

/// Line of each `"address": "..."` in the text (its first occurrence).
fn address_lines(text: &str) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    let mut line = 1u32;
    let mut last = 0usize;
    let key = "\"address\"";
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i;
        line += text[last..at].bytes().filter(|b| *b == b'\n').count() as u32;
        last = at;
        let rest = text[at + key.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let mut de =
                serde_json::Deserializer::from_str(rest.trim_start()).into_iter::<String>();
            if let Some(Ok(a)) = de.next() {
                out.entry(a).or_insert(line);
            }
        }
        from = at + key.len();
    }
    out
}

fn collect_config<'a>(
    m: &'a Json,
    prefix: String,
    out: &mut HashMap<(String, String), &'a serde_json::Map<String, Json>>,
) {
    if let Some(Json::Array(rs)) = m.get("resources") {
        for r in rs {
            if let (Some(a), Some(Json::Object(e))) = (
                r.get("address").and_then(Json::as_str),
                r.get("expressions"),
            ) {
                out.insert((prefix.clone(), a.to_string()), e);
            }
        }
    }
    if let Some(Json::Object(calls)) = m.get("module_calls") {
        for (name, call) in calls {
            if let Some(child) = call.get("module") {
                collect_config(child, format!("{prefix}module.{name}."), out);
            }
        }
    }
}

/// `module.a[0].aws_s3_bucket.b["k"]` -> (`module.a.`, `aws_s3_bucket.b`, `module.a[0].`).
fn split_address(address: &str) -> (String, String, String) {
    let mut parts: Vec<&str> = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in address.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                parts.push(&address[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&address[start..]);
    let strip = |s: &str| s.split('[').next().unwrap_or(s).to_string();
    let n = parts.len();
    let (mut config_prefix, mut inst_prefix) = (String::new(), String::new());
    let mut i = 0;
    while i + 1 < n.saturating_sub(1) && parts[i] == "module" {
        config_prefix.push_str(&format!("module.{}.", strip(parts[i + 1])));
        inst_prefix.push_str(&format!("module.{}.", parts[i + 1]));
        i += 2;
    }
    let local = parts[i..]
        .iter()
        .map(|p| strip(p))
        .collect::<Vec<_>>()
        .join(".");
    (config_prefix, local, inst_prefix)
}

fn collect_planned(
    m: &Json,
    rel: &str,
    lines: &HashMap<String, u32>,
    refs: &HashMap<(String, String), &serde_json::Map<String, Json>>,
    unknowns: &HashMap<&str, &Json>,
    out: &mut Vec<Raw>,
) {
    if let Some(Json::Array(rs)) = m.get("resources") {
        for r in rs {
            if r.get("mode").and_then(Json::as_str) != Some("managed") {
                continue;
            }
            let (Some(address), Some(rtype)) = (
                r.get("address").and_then(Json::as_str),
                r.get("type").and_then(Json::as_str),
            ) else {
                continue;
            };
            let mut body = r.get("values").map(V::from_json).unwrap_or(V::Null);
            if let Some(u) = unknowns.get(address) {
                mark_unknown(&mut body, u, address);
            }
            // Unknown references that name another resource point at it.
            let (config_prefix, local, inst_prefix) = split_address(address);
            if let (Some(expr), V::Map(m)) = (refs.get(&(config_prefix, local)), &mut body) {
                for (k, e) in expr.iter() {
                    let Some(Json::Array(rr)) = e.get("references") else {
                        continue;
                    };
                    // The most specific reference to a resource: `aws_s3_bucket.b` of `aws_s3_bucket.b.id`.
                    let Some(target) = rr
                        .iter()
                        .filter_map(Json::as_str)
                        .find(|s| s.starts_with("aws_") && s.matches('.').count() == 1)
                    else {
                        continue;
                    };
                    let entry = m.entry(k.clone()).or_insert(V::Null);
                    let expr_text = rr
                        .first()
                        .and_then(Json::as_str)
                        .unwrap_or(target)
                        .to_string();
                    if matches!(entry, V::Null | V::Unknown(_)) {
                        *entry =
                            V::unknown(expr_text, Some(format!("{inst_prefix}{target}")), true);
                    }
                }
            }
            let line = lines.get(address).copied().unwrap_or(1);
            out.push(Raw {
                rtype: rtype.to_string(),
                address: address.to_string(),
                file: rel.to_string(),
                line,
                body,
            });
        }
    }
    if let Some(Json::Array(children)) = m.get("child_modules") {
        for c in children {
            collect_planned(c, rel, lines, refs, unknowns, out);
        }
    }
}

/// Values that `after_unknown` marks `true` are known only after apply.
fn mark_unknown(v: &mut V, u: &Json, path: &str) {
    match (v, u) {
        (slot, Json::Bool(true)) => {
            *slot = V::unknown(format!("{path} (known after apply)"), None, true)
        }
        (V::Map(m), Json::Object(um)) => {
            for (k, uv) in um {
                let slot = m.entry(k.clone()).or_insert(V::Null);
                mark_unknown(slot, uv, &format!("{path}.{k}"));
            }
        }
        (V::List(items), Json::Array(ua)) => {
            for (i, (item, uv)) in items.iter_mut().zip(ua).enumerate() {
                mark_unknown(item, uv, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_split_into_config_and_instance_parts() {
        assert_eq!(
            super::split_address("module.a[0].aws_s3_bucket.b[\"k.x\"]"),
            (
                "module.a.".into(),
                "aws_s3_bucket.b".into(),
                "module.a[0].".into()
            )
        );
        assert_eq!(
            super::split_address("aws_s3_bucket.b"),
            ("".into(), "aws_s3_bucket.b".into(), "".into())
        );
    }
}
