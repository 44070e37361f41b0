//! Terraform's JSON syntax (`*.tf.json`, `*.tfvars.json`), rewritten as native syntax so one
//! evaluator serves both. Strings keep their `${...}` interpolations. Nested blocks become
//! object attributes, which the mappers read exactly like blocks.

use serde_json::Value as Json;
use std::collections::HashMap;
use std::fmt::Write;

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn value(v: &Json, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&n.to_string()),
        Json::String(s) => out.push_str(&quote(s)),
        Json::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value(x, out);
            }
            out.push(']');
        }
        Json::Object(m) => {
            out.push_str("{\n");
            for (k, x) in m {
                out.push_str(&quote(k));
                out.push_str(" = ");
                value(x, out);
                out.push('\n');
            }
            out.push('}');
        }
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn attributes(body: &Json, out: &mut String) {
    if let Json::Object(m) = body {
        for (k, v) in m {
            if !is_ident(k) || k == "//" {
                continue;
            }
            out.push_str(k);
            out.push_str(" = ");
            value(v, out);
            out.push('\n');
        }
    }
}

fn bodies(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// Line of each `(type, name)` resource declaration.
pub type ResourceLines = HashMap<(String, String), u32>;

/// Native syntax for a JSON configuration (or variables file), and the 1-based line of each
/// `(type, name)` resource declaration in the original text.
pub fn to_hcl(text: &str, is_vars: bool) -> Result<(String, ResourceLines), serde_json::Error> {
    let doc: Json = serde_json::from_str(text)?;
    let mut out = String::new();
    let mut lines = HashMap::new();
    if is_vars {
        attributes(&doc, &mut out);
        return Ok((out, lines));
    }
    let Json::Object(top) = &doc else {
        return Ok((out, lines));
    };
    for (kind, v) in top {
        match kind.as_str() {
            "resource" | "data" => {
                for block in bodies(v) {
                    let Json::Object(types) = block else { continue };
                    for (t, names) in types {
                        let Json::Object(names) = names else { continue };
                        for (n, body) in names {
                            if kind == "resource" {
                                lines.insert((t.clone(), n.clone()), line_of(text, t, n));
                            }
                            for b in bodies(body) {
                                let _ = writeln!(out, "{kind} {} {} {{", quote(t), quote(n));
                                attributes(b, &mut out);
                                out.push_str("}\n");
                            }
                        }
                    }
                }
            }
            "variable" | "module" | "output" | "provider" => {
                for block in bodies(v) {
                    let Json::Object(names) = block else { continue };
                    for (n, body) in names {
                        for b in bodies(body) {
                            let _ = writeln!(out, "{kind} {} {{", quote(n));
                            attributes(b, &mut out);
                            out.push_str("}\n");
                        }
                    }
                }
            }
            "locals" => {
                for b in bodies(v) {
                    out.push_str("locals {\n");
                    attributes(b, &mut out);
                    out.push_str("}\n");
                }
            }
            _ => {}
        }
    }
    Ok((out, lines))
}

/// The line of `"name"` after the first `"type"` in the text.
fn line_of(text: &str, t: &str, n: &str) -> u32 {
    let tq = format!("\"{t}\"");
    let nq = format!("\"{n}\"");
    let start = text.find(&tq).unwrap_or(0);
    let pos = text[start..].find(&nq).map(|p| p + start).unwrap_or(start);
    text[..pos].bytes().filter(|b| *b == b'\n').count() as u32 + 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_config_becomes_native_syntax() {
        let text = "{\n  \"resource\": {\n    \"aws_s3_bucket\": {\n      \"b\": {\"bucket\": \"${var.p}-x\"}\n    }\n  },\n  \"variable\": {\"p\": {\"default\": \"d\"}}\n}";
        let (hcl, lines) = super::to_hcl(text, false).unwrap();
        assert!(
            hcl.contains("resource \"aws_s3_bucket\" \"b\" {\nbucket = \"${var.p}-x\""),
            "{hcl}"
        );
        assert!(hcl.contains("variable \"p\" {\ndefault = \"d\""), "{hcl}");
        assert_eq!(lines[&("aws_s3_bucket".to_string(), "b".to_string())], 4);
        hcl_edit::parser::parse_body(&hcl).unwrap();
    }
}
