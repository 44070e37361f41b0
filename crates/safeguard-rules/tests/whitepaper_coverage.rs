//! `docs/coverage/whitepaper.md` accounts for the whitepaper and the playbook. The document is
//! written by hand; this test keeps it consistent with the code: every rule id it mentions
//! exists, every whitepaper section a rule cites has a heading there, and every section of
//! the whitepaper's Topics list has one.

use regex::Regex;
use safeguard_rules::all;
use safeguard_rules::catalog::eligible;
use std::collections::BTreeSet;

fn doc() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/coverage/whitepaper.md"
    ))
    .expect("docs/coverage/whitepaper.md")
}

/// En dashes and runs of spaces written differently in the whitepaper's headings and Topics
/// list compare equal.
fn normalize(s: &str) -> String {
    s.replace(['–', '—'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headings (`###` and `####`) of the whitepaper part of the document.
fn whitepaper_headings(doc: &str) -> Vec<String> {
    let part = doc.split("\n## Playbook").next().unwrap_or("");
    part.lines()
        .filter_map(|l| l.strip_prefix("#### ").or_else(|| l.strip_prefix("### ")))
        .map(|h| normalize(h.trim()))
        .collect()
}

/// The whitepaper sections a `source` string names: the `;`-separated parts of every
/// `Whitepaper:` segment.
fn cited_sections(source: &str) -> Vec<String> {
    let labels = Regex::new(r"(Whitepaper|Playbook):").unwrap();
    let marks: Vec<_> = labels
        .captures_iter(source)
        .map(|c| (c.get(0).unwrap(), c[1].to_string()))
        .collect();
    let mut out = Vec::new();
    for (i, (m, label)) in marks.iter().enumerate() {
        if label != "Whitepaper" {
            continue;
        }
        let end = marks.get(i + 1).map_or(source.len(), |(n, _)| n.start());
        for part in source[m.end()..end].split(';') {
            let part = normalize(part);
            if !part.is_empty() {
                out.push(part);
            }
        }
    }
    out
}

/// True when `cited` is heading `h`, possibly followed by a comma and a subsection or by a
/// parenthesis (`Amazon RDS for SQL Server (Transport Encryption)`, `... ("quote")`), so that
/// `Amazon S3 Glacier` is not taken for a heading `Amazon S3`.
fn names(h: &str, cited: &str) -> bool {
    cited.strip_prefix(h).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(',') || rest.trim_start().starts_with('(')
    })
}

#[test]
fn every_rule_id_in_the_document_exists() {
    let ids: BTreeSet<&str> = all().iter().map(|r| r.meta().id).collect();
    let prefixes: BTreeSet<&str> = ids
        .iter()
        .filter_map(|id| id.split_once('-').map(|(p, _)| p))
        .collect();
    let doc = doc();
    let token = Regex::new(r"\b([A-Z][A-Z0-9]*)-\d{3}\b").unwrap();
    let quoted = Regex::new(r"`([A-Z][A-Z0-9]*-\d{3})`").unwrap();
    let mut missing = BTreeSet::new();
    for c in quoted.captures_iter(&doc) {
        if !ids.contains(&c[1]) {
            missing.insert(c[1].to_string());
        }
    }
    for c in token.captures_iter(&doc) {
        if prefixes.contains(&c[1]) && !ids.contains(c.get(0).unwrap().as_str()) {
            missing.insert(c.get(0).unwrap().as_str().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "docs/coverage/whitepaper.md names rules that do not exist: {missing:?}"
    );
}

#[test]
fn every_whitepaper_section_a_rule_cites_is_in_the_document() {
    let headings = whitepaper_headings(&doc());
    let mut missing = Vec::new();
    for rule in all() {
        let m = rule.meta();
        for cited in cited_sections(m.source) {
            if !headings.iter().any(|h| names(h, &cited)) {
                missing.push(format!("{}: {cited:?}", m.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules cite whitepaper sections that docs/coverage/whitepaper.md has no heading for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_whitepaper_topic_has_a_section() {
    let headings = whitepaper_headings(&doc());
    let missing: Vec<&String> = eligible()
        .whitepaper
        .topics
        .iter()
        .filter(|t| !headings.contains(&normalize(t)))
        .collect();
    assert!(
        missing.is_empty(),
        "whitepaper topics without a section in docs/coverage/whitepaper.md: {missing:?}"
    );
}

#[test]
fn sources_are_split_into_sections() {
    assert_eq!(
        cited_sections(
            "Playbook: Step 7 (\"x\"); Whitepaper: Amazon Aurora; Amazon Aurora PostgreSQL (\"y\")"
        ),
        vec!["Amazon Aurora", "Amazon Aurora PostgreSQL (\"y\")"]
    );
    assert!(names(
        "Amazon Aurora PostgreSQL",
        "Amazon Aurora PostgreSQL (\"y\")"
    ));
    assert!(names("Amazon Aurora", "Amazon Aurora (\"z\")"));
    assert!(!names("Amazon S3", "Amazon S3 Glacier"));
}
