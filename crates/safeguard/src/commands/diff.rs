//! `safeguard diff [A] [B]`: what changed between two recorded scans.

use super::emit;
use super::history::{open_existing, score, short_time, StoreOpt};
use anyhow::{anyhow, bail};
use clap::{Args, ValueEnum};
use safeguard_store::{block_on, Drift, ScanId, StoredFinding};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier scan id (default: the scan before B of the same target).
    #[arg(value_name = "A")]
    pub from: Option<ScanId>,

    /// The later scan id (default: the latest scan of A's target, or of --target).
    #[arg(value_name = "B")]
    pub to: Option<ScanId>,

    #[command(flatten)]
    pub store: StoreOpt,

    /// Compare the last two scans of this target (default: the target of the latest scan).
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,

    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

pub fn run(args: DiffArgs) -> anyhow::Result<u8> {
    let location = args.store.location()?;
    let Some(store) = open_existing(&location)? else {
        bail!("no scans recorded in {location}: record two with `safeguard scan ... --store`");
    };
    let drift: anyhow::Result<Drift> = block_on(async {
        let (a, b) = match (args.from, args.to) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => {
                let from = store
                    .scan(a)
                    .await?
                    .ok_or_else(|| anyhow!("scan {a} is not in {location}"))?;
                let latest = store
                    .latest(Some(&from.target))
                    .await?
                    .map(|s| s.id)
                    .unwrap_or(a);
                if latest == a {
                    bail!(
                        "scan {a} is the latest of {:?}: give a second scan to compare with",
                        from.target
                    );
                }
                (a, latest)
            }
            (None, _) => match store.last_two(args.target.as_deref()).await? {
                Some((a, b)) => (a.id, b.id),
                None => match &args.target {
                    Some(t) => bail!("fewer than two scans of {t:?} in {location}"),
                    None => bail!("fewer than two scans of the latest target in {location}"),
                },
            },
        };
        let drift = store.diff(a, b).await?;
        store.close().await;
        Ok(drift)
    });
    let drift = drift?;
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&drift)? + "\n",
        DiffFormat::Text => render(&drift),
    };
    emit(&text, None)?;
    Ok(0)
}

fn line(out: &mut String, f: &StoredFinding, note: &str) {
    let place = match (&f.file, f.line) {
        (Some(file), Some(l)) => format!("{file}:{l}"),
        _ => f.resource_id.clone(),
    };
    let status = if f.status == "unknown" {
        " (unknown)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  {:<8} {:<9} {place}{status}{note}\n           {}",
        f.severity.to_uppercase(),
        f.rule_id,
        clean(&f.message)
    );
}

/// Resource names and messages come from the scanned estate: no control characters.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn render(d: &Drift) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Drift of {:?}: scan {} ({}) → scan {} ({})",
        clean(&d.to.target),
        d.from.id,
        short_time(&d.from.finished_at),
        d.to.id,
        short_time(&d.to.finished_at)
    );
    let change = d
        .score_change
        .map(|c| format!(" ({c:+.1})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Score: {} → {}{change}",
        score(d.from.score),
        score(d.to.score)
    );
    if d.from.inventory_digest == d.to.inventory_digest {
        let _ = writeln!(out, "Inventory: unchanged");
    }

    let _ = writeln!(out, "\nNew findings ({}):", d.new.len());
    for f in &d.new {
        line(&mut out, f, "");
    }
    let _ = writeln!(out, "\nFixed ({}):", d.fixed.len());
    for f in &d.fixed {
        line(&mut out, &f.finding, &format!(" — {}", f.how.as_str()));
    }
    let changed: Vec<_> = d.still_open.iter().filter(|s| s.change.is_some()).collect();
    let _ = writeln!(
        out,
        "\nStill open: {} ({} changed)",
        d.still_open.len(),
        changed.len()
    );
    for s in changed {
        line(
            &mut out,
            &s.finding,
            &format!(" — {}", s.change.as_deref().unwrap_or_default()),
        );
    }
    let _ = writeln!(out, "\nChanged resources ({}):", d.changed_resources.len());
    for r in &d.changed_resources {
        let _ = writeln!(
            out,
            "  {:<9} {:<28} {}",
            r.change.as_str(),
            r.resource_type,
            clean(&r.resource_id)
        );
    }
    out
}
