//! Writing the file: `attest init` lists every catalog item, pending; `attest set` rewrites the
//! lines of one item's keys and leaves every other line (comments, order, other items) as it
//! was, so a diff shows exactly what changed.

use crate::catalog::{catalog, ItemDef};
use crate::file::{AttestError, AttestationFile, ItemStatus, FORMAT_VERSION};
use crate::{Date, ReviewInterval};
use std::fmt::Write as _;

const HEADER: &str = "\
# safeguard attestations: the HIPAA Security Rule safeguards no AWS API can show.
# Keep this file in version control next to your infrastructure code; `safeguard scan
# --attestations` reports every item, and `safeguard evidence` packs the files it cites.
#
#   status           pending | implemented | not_applicable (say why in `note`)
#   owner            who is accountable for the item
#   date             when it was last done or reviewed (YYYY-MM-DD)
#   evidence         paths (relative to this file) or URLs an auditor can open
#   review_interval  how long the attestation holds after `date` (365d, 26w, 12m, 1y)
#   expires          optional: an explicit last day instead of date + review_interval
#
# A pending item, or one past its expiry, is reported as attestation_missing or
# attestation_expired. Update an item from the command line:
#   safeguard attest set baa-signed --status implemented --owner \"Dana Lee\" \\
#     --evidence docs/aws-baa.pdf --date 2026-11-01
";

/// A YAML double-quoted scalar (JSON string syntax is a subset of it).
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

fn list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

fn wrap_comment(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 2 + line.len() + 1 + word.len() > 96 {
            let _ = writeln!(out, "{indent}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// The lines of one pending catalog item, its guidance as a comment above it.
fn item_block(def: &ItemDef, dash_indent: usize) -> String {
    let pad = " ".repeat(dash_indent);
    let key = " ".repeat(dash_indent + 2);
    let mut o = String::new();
    wrap_comment(&mut o, &pad, &def.guidance);
    let _ = writeln!(o, "{pad}- id: {}", def.id);
    let _ = writeln!(o, "{key}title: {}", quote(&def.title));
    let _ = writeln!(o, "{key}hipaa: {}", list(&def.hipaa));
    let _ = writeln!(o, "{key}status: pending");
    let _ = writeln!(o, "{key}owner: \"\"");
    let _ = writeln!(o, "{key}date: null");
    let _ = writeln!(o, "{key}evidence: []");
    let _ = writeln!(o, "{key}review_interval: {}", def.review_interval);
    o
}

/// The text of a new file: every catalog item, pending.
pub fn init_text(organization: &str) -> String {
    let mut o = String::from(HEADER);
    let _ = writeln!(o, "version: {FORMAT_VERSION}");
    let _ = writeln!(o, "organization: {}", quote(organization));
    o.push_str("items:\n");
    for (i, def) in catalog().iter().enumerate() {
        if i > 0 {
            o.push('\n');
        }
        o.push_str(&item_block(def, 2));
    }
    o
}

/// What `attest set` changes; `None` leaves a key as it is.
#[derive(Clone, Debug, Default)]
pub struct Update {
    pub status: Option<ItemStatus>,
    pub owner: Option<String>,
    pub date: Option<Date>,
    /// Replaces the evidence list.
    pub evidence: Option<Vec<String>>,
    pub review_interval: Option<ReviewInterval>,
    /// `Some(None)` removes an explicit expiry.
    pub expires: Option<Option<Date>>,
    pub note: Option<String>,
}

impl Update {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        if let Some(s) = self.status {
            v.push(("status", s.as_str().to_string()));
        }
        if let Some(o) = &self.owner {
            v.push(("owner", quote(o)));
        }
        if let Some(d) = self.date {
            v.push(("date", d.to_string()));
        }
        if let Some(e) = &self.evidence {
            v.push(("evidence", list(e)));
        }
        if let Some(r) = self.review_interval {
            v.push(("review_interval", r.to_string()));
        }
        if let Some(x) = self.expires {
            v.push((
                "expires",
                x.map_or_else(|| "null".to_string(), |d| d.to_string()),
            ));
        }
        if let Some(n) = &self.note {
            v.push(("note", quote(n)));
        }
        v
    }
}

fn leading(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key text of `line` if a key of an item whose keys sit at column `ind` starts there.
fn key_content(line: &str, ind: usize) -> Option<&str> {
    let lead = leading(line);
    let rest = &line[lead..];
    if lead + 2 == ind {
        rest.strip_prefix("- ")
            .map(|r| r.trim_start_matches(' '))
            .filter(|_| {
                let after = &rest[2..];
                leading(after) == 0
            })
    } else if lead == ind {
        (!rest.starts_with("- ")).then_some(rest)
    } else {
        None
    }
}

/// First line (0-based) of the item whose `id` value is on 0-based line `id_line`, and the
/// column its keys start at.
fn item_start(lines: &[&str], id_line: usize) -> Option<(usize, usize)> {
    let l = lines.get(id_line)?;
    let lead = leading(l);
    if l[lead..].starts_with("- ") {
        return Some((id_line, lead + 2 + leading(&l[lead + 2..])));
    }
    let ind = lead;
    (0..id_line).rev().find_map(|i| {
        let li = lines[i];
        (leading(li) + 2 == ind && li[leading(li)..].starts_with("- ")).then_some((i, ind))
    })
}

/// Updates item `id` in the text of an attestation file. An item of the catalog that the file
/// lacks is appended first. The result is parsed again before it is returned.
pub fn set(text: &str, path: &str, id: &str, update: &Update) -> Result<String, AttestError> {
    let file = AttestationFile::parse(text, path)?;
    let mut text = text.to_string();
    if file.get(id).is_none() {
        let Some(def) = crate::catalog::item(id) else {
            return Err(AttestError {
                path: path.to_string(),
                line: 0,
                column: 0,
                message: format!(
                    "no item {id:?} in the file or the catalog (add items of your own by editing the file; `safeguard attest list` shows the ids)"
                ),
            });
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if file.items.is_empty() && !text.lines().any(|l| l.starts_with("items:")) {
            text.push_str("items:\n");
        } else if file.items.is_empty() {
            // `items:` with nothing (or `[]`) after it.
            text = text.replace("items: []", "items:");
        }
        text.push('\n');
        text.push_str(&item_block(def, 2));
        AttestationFile::parse(&text, path)?;
        return set(&text, path, id, update);
    }
    let item = file.get(id).expect("checked above");
    let trailing_newline = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let id_line = (item.line as usize).saturating_sub(1);
    let unsupported = || {
        AttestError {
        path: path.to_string(),
        line: item.line,
        column: 1,
        message: format!("item {id}: cannot edit this layout in place (use a block mapping under `- `); edit the file by hand"),
    }
    };
    let (start, ind) = item_start(&lines, id_line).ok_or_else(unsupported)?;
    // The item ends where the next item or the enclosing sequence ends.
    let mut end = start + 1;
    while end < lines.len() {
        let l = lines[end];
        if !is_comment_or_blank(l) && leading(l) < ind {
            break;
        }
        end += 1;
    }
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for (key, value) in update.pairs() {
        let found = (start..end).find(|&i| {
            key_content(&out[i], ind)
                .is_some_and(|c| c.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        });
        match found {
            Some(i) => {
                let mut j = i + 1;
                while j < end {
                    let l = &out[j];
                    let lead = leading(l);
                    let continues = !l.trim().is_empty()
                        && (lead > ind || (lead == ind && l[lead..].starts_with("- ")));
                    if !continues {
                        break;
                    }
                    j += 1;
                }
                let prefix =
                    &out[i][..out[i].len() - key_content(&out[i], ind).expect("found").len()];
                let line = format!("{prefix}{key}: {value}");
                out.splice(i..j, [line]);
                end -= j - i - 1;
            }
            None => {
                let last = (start..end)
                    .rev()
                    .find(|&i| !is_comment_or_blank(&out[i]))
                    .unwrap_or(start);
                out.insert(last + 1, format!("{}{key}: {value}", " ".repeat(ind)));
                end += 1;
            }
        }
    }
    let mut result = out.join("\n");
    if trailing_newline {
        result.push('\n');
    }
    AttestationFile::parse(&result, path)?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_date;

    #[test]
    fn init_lists_every_item_pending_and_parses() {
        let text = init_text("Harborview");
        let f = AttestationFile::parse(&text, "x").unwrap();
        assert_eq!(f.items.len(), catalog().len());
        assert!(f
            .items
            .iter()
            .all(|i| i.status == ItemStatus::Pending && i.date.is_none()));
        assert_eq!(f.organization, "Harborview");
    }

    #[test]
    fn set_changes_only_that_item() {
        let text = init_text("");
        let u = Update {
            status: Some(ItemStatus::Implemented),
            owner: Some("Dana \"DL\" Lee".into()),
            date: parse_date("2026-11-01"),
            evidence: Some(vec![
                "docs/baa.pdf".into(),
                "https://example.com/baa".into(),
            ]),
            note: Some("org-wide".into()),
            ..Update::default()
        };
        let new = set(&text, "x", "baa-signed", &u).unwrap();
        let f = AttestationFile::parse(&new, "x").unwrap();
        let baa = f.get("baa-signed").unwrap();
        assert_eq!(baa.status, ItemStatus::Implemented);
        assert_eq!(baa.owner, "Dana \"DL\" Lee");
        assert_eq!(baa.evidence.len(), 2);
        assert_eq!(baa.note, "org-wide");
        assert_eq!(baa.expires(), parse_date("2027-11-01"));
        // Every other line is unchanged: the diff is the changed keys and the added note.
        let old: Vec<&str> = text.lines().collect();
        let newl: Vec<&str> = new
            .lines()
            .filter(|l| !l.contains("note: \"org-wide\""))
            .collect();
        assert_eq!(newl.len(), old.len());
        let changed = old.iter().zip(&newl).filter(|(a, b)| a != b).count();
        assert!(changed <= 6, "{changed} lines changed");
        assert_eq!(
            f.items
                .iter()
                .filter(|i| i.status == ItemStatus::Implemented)
                .count(),
            1
        );
        // Setting again is idempotent.
        assert_eq!(set(&new, "x", "baa-signed", &u).unwrap(), new);
    }

    #[test]
    fn set_replaces_block_sequences_and_adds_missing_items() {
        let text = "version: 1\nitems:\n  - id: security-officer\n    evidence:\n      - a.pdf\n      - b.pdf\n    status: pending # to do\n";
        let u = Update {
            evidence: Some(vec!["c.pdf".into()]),
            status: Some(ItemStatus::Implemented),
            ..Update::default()
        };
        let new = set(text, "x", "security-officer", &u).unwrap();
        assert_eq!(new, "version: 1\nitems:\n  - id: security-officer\n    evidence: [\"c.pdf\"]\n    status: implemented\n");
        let added = set(
            &new,
            "x",
            "risk-analysis",
            &Update {
                owner: Some("Ann".into()),
                ..Update::default()
            },
        )
        .unwrap();
        let f = AttestationFile::parse(&added, "x").unwrap();
        assert_eq!(f.get("risk-analysis").unwrap().owner, "Ann");
        assert_eq!(f.items.len(), 2);
        assert!(set(&new, "x", "no-such-item", &u).is_err());
    }
}
