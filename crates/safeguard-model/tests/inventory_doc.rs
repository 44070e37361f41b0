//! `docs/inventory-format.md` is the contract for everyone who writes an inventory by hand or
//! from another tool. This test keeps it honest: every resource type of the model has a
//! section, and every field of a resource type or of a documented nested object has a row.
//! A field added to the model without a line of documentation fails here.

use std::collections::BTreeMap;
use std::path::Path;

const DOC: &str = include_str!("../../../docs/inventory-format.md");

/// `Variant(Type) = "tag", ...` lines of the `resources!` invocation: Rust type -> tag.
fn resource_tags(mod_rs: &str) -> BTreeMap<String, String> {
    let start = mod_rs
        .find("resources! {")
        .expect("resources! invocation in resources/mod.rs");
    mod_rs[start..]
        .lines()
        .skip(1)
        .take_while(|l| l.trim() != "}")
        .filter_map(|l| {
            let l = l.trim();
            let open = l.find('(')?;
            let close = l.find(')')?;
            let ty = &l[open + 1..close];
            let tag = l[close..].split('"').nth(1)?;
            Some((ty.to_string(), tag.to_string()))
        })
        .collect()
}

/// Every `pub struct Name { pub field: ... }` of the model's resource files: name -> fields
/// (as serialized: the model keeps Rust and JSON names the same), without the flattened
/// `meta`.
fn structs() -> BTreeMap<String, Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/resources");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("src/resources") {
        let path = entry.expect("directory entry").path();
        let text = std::fs::read_to_string(&path).expect("model source");
        let mut current: Option<(String, Vec<String>)> = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("pub struct ") {
                if let Some(name) = rest.strip_suffix(" {") {
                    current = Some((name.to_string(), Vec::new()));
                }
                continue;
            }
            if line == "}" {
                if let Some((name, fields)) = current.take() {
                    out.insert(name, fields);
                }
                continue;
            }
            if let Some((_, fields)) = current.as_mut() {
                if let Some(field) = line.trim().strip_prefix("pub ") {
                    let name = field.split(':').next().unwrap_or_default().trim();
                    if name != "meta" {
                        fields.push(name.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The body of the `### heading` section, up to the next heading.
fn section(heading: &str) -> Option<&'static str> {
    let marker = format!("\n### {heading}\n");
    let start = DOC.find(&marker)? + marker.len();
    let end = DOC[start..]
        .find("\n#")
        .map(|i| start + i)
        .unwrap_or(DOC.len());
    Some(&DOC[start..end])
}

fn missing_rows(body: &str, fields: &[String]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| !body.contains(&format!("| `{f}` |")))
        .cloned()
        .collect()
}

#[test]
fn every_resource_type_and_field_is_documented() {
    let mod_rs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/resources/mod.rs"))
            .expect("resources/mod.rs");
    let tags = resource_tags(&mod_rs);
    assert!(tags.len() > 40, "parsed only {} resource types", tags.len());
    let structs = structs();
    let mut problems = Vec::new();
    for (ty, tag) in &tags {
        let Some(fields) = structs.get(ty) else {
            problems.push(format!("{ty}: struct not found in src/resources"));
            continue;
        };
        match section(&format!("`{tag}`")) {
            None => problems.push(format!("`{tag}` has no section")),
            Some(body) => {
                for f in missing_rows(body, fields) {
                    problems.push(format!("`{tag}`.`{f}` has no row"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/inventory-format.md is behind the model:\n{}",
        problems.join("\n")
    );
}

#[test]
fn documented_nested_objects_list_every_field() {
    let structs = structs();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (name, fields) in &structs {
        let Some(body) = section(name) else { continue };
        checked += 1;
        for f in missing_rows(body, fields) {
            problems.push(format!("{name}.`{f}` has no row"));
        }
    }
    assert!(checked >= 15, "only {checked} nested objects documented");
    assert!(
        problems.is_empty(),
        "docs/inventory-format.md is behind the model:\n{}",
        problems.join("\n")
    );
}
