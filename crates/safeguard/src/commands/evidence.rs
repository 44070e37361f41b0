//! `safeguard evidence`: evaluates an inventory with its attestations and packs the reports,
//! the inputs and the cited evidence files into one verifiable bundle.

use super::attest;
use anyhow::{anyhow, Context as _};
use clap::Args;
use safeguard_attest::bundle::{create, BundleInfo, Entry};
use safeguard_attest::Date;
use safeguard_engine::{evaluate, Options};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// A safeguard inventory JSON file (repeatable; merged).
    #[arg(long = "inventory", value_name = "FILE", required = true)]
    pub inventories: Vec<PathBuf>,
    /// The attestation file (default: safeguard-attestations.yaml here, if present).
    #[arg(long, value_name = "FILE")]
    pub attestations: Option<PathBuf>,
    /// Judge attestation expiry on this date instead of today (YYYY-MM-DD).
    #[arg(long, value_parser = attest::parse_day)]
    pub as_of: Option<Date>,
    /// The bundle to write: `.tar`, or `.tar.gz` / `.tgz` for gzip.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The previous bundle of the chain (its SHA-256 is recorded in this one).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

/// `evidence/<path>` for a local evidence path, with `..` and roots made harmless.
fn archive_path(p: &str) -> String {
    let parts: Vec<String> = Path::new(p)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("_up_".to_string()),
            _ => None,
        })
        .collect();
    format!("evidence/{}", parts.join("/"))
}

pub fn run(args: EvidenceArgs) -> anyhow::Result<u8> {
    let mut inventory: Option<Inventory> = None;
    let mut entries = Vec::new();
    for (i, path) in args.inventories.iter().enumerate() {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let inv = Inventory::load(path)?;
        entries.push(Entry {
            path: format!("inventory/{i:02}-{}", file_name(path)),
            bytes,
        });
        match inventory.as_mut() {
            None => inventory = Some(inv),
            Some(m) => m
                .merge(inv)
                .map_err(|e| anyhow!(e))
                .with_context(|| format!("merging {}", path.display()))?,
        }
    }
    let inventory = inventory.ok_or_else(|| anyhow!("nothing to pack: give --inventory FILE"))?;
    let attestations = attest::load(args.attestations.as_deref(), args.as_of, &[])?;
    let mut report = evaluate(&inventory, safeguard_rules::all(), &Options::default())?;
    report.set_attestations(attestations.clone());

    let opts = RenderOptions {
        inventory_path: args.inventories.first().map(|p| p.display().to_string()),
        ..RenderOptions::default()
    };
    entries.push(Entry {
        path: "report/report.html".into(),
        bytes: render(&report, Format::Html, &opts).into_bytes(),
    });
    entries.push(Entry {
        path: "report/report.json".into(),
        bytes: render(&report, Format::Json, &opts).into_bytes(),
    });
    let catalog = serde_json::json!({
        "tool": format!("safeguard {}", env!("CARGO_PKG_VERSION")),
        "rule_catalog_version": safeguard_rules::CATALOG_VERSION,
        "hipaa_text": safeguard_rules::catalog::hipaa().version,
        "rules": report.rules.iter().map(|r| r.meta().id).collect::<Vec<_>>(),
        "attestation_items": safeguard_attest::catalog().iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
    });
    entries.push(Entry {
        path: "catalog.json".into(),
        bytes: serde_json::to_vec_pretty(&catalog)?,
    });

    let mut missing = Vec::new();
    if let Some(set) = &attestations {
        if let Some(file) = &set.file {
            let path = PathBuf::from(file);
            entries.push(Entry {
                path: "attestations/safeguard-attestations.yaml".into(),
                bytes: std::fs::read(&path).with_context(|| format!("cannot read {file}"))?,
            });
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let mut seen = std::collections::BTreeSet::new();
            for e in set.results.iter().flat_map(|r| &r.evidence) {
                if e.contains("://") || !seen.insert(e.clone()) {
                    continue;
                }
                match std::fs::read(base.join(e)) {
                    Ok(bytes) => entries.push(Entry {
                        path: archive_path(e),
                        bytes,
                    }),
                    Err(err) => {
                        eprintln!("warning: evidence {e} cited in {file} cannot be read: {err}");
                        missing.push(e.clone());
                    }
                }
            }
        }
    }
    let previous = match &args.previous {
        Some(p) => Some((
            file_name(p),
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        )),
        None => None,
    };
    let out_name = args.out.display().to_string();
    let gzip = out_name.ends_with(".gz") || out_name.ends_with(".tgz");
    let info = BundleInfo {
        created_at: report
            .evaluated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        tool: format!("safeguard {}", env!("CARGO_PKG_VERSION")),
        catalog_version: safeguard_rules::CATALOG_VERSION.to_string(),
        missing_evidence: missing,
    };
    let bytes = create(
        &entries,
        &info,
        previous.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        gzip,
    )
    .map_err(|e| anyhow!(e))?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {out_name}"))?;
    eprintln!(
        "wrote {out_name}: {} files, sha256 {}",
        entries.len() + 1,
        safeguard_attest::bundle::sha256_hex(&bytes)
    );
    Ok(0)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into())
}
