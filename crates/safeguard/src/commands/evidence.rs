//! `safeguard evidence`: evaluates an inventory with its attestations and packs the reports,
//! the inputs and the cited evidence files into one verifiable bundle, optionally signed
//! (`--sign-key`); `safeguard evidence keygen` makes the Ed25519 key pair to sign with.

use super::attest;
use anyhow::{anyhow, bail, Context as _};
use clap::{Args, Subcommand};
use safeguard_attest::bundle::{create_signed, BundleInfo, Entry};
use safeguard_attest::sign::SigningKey;
use safeguard_attest::Date;
use safeguard_engine::{evaluate, Options};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use std::path::{Component, Path, PathBuf};

// `keygen` is a subcommand next to the packing arguments rather than a sibling of `evidence`
// so that `safeguard evidence --inventory ... --out ...` keeps working as it always has.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EvidenceArgs {
    #[command(subcommand)]
    pub command: Option<EvidenceCommand>,
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
    #[arg(long, value_name = "FILE", required = true)]
    pub out: Option<PathBuf>,
    /// The previous bundle of the chain (its SHA-256 is recorded in this one).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Sign the bundle's manifest with this Ed25519 private key (PEM, from `safeguard evidence
    /// keygen`); `safeguard verify --public-key` checks it.
    #[arg(long, value_name = "KEYFILE")]
    pub sign_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Write a new Ed25519 key pair for signing bundles: PREFIX.key.pem (private, mode 0600)
    /// and PREFIX.pub.pem (public, for whoever verifies).
    Keygen {
        /// Path prefix of the two key files.
        #[arg(long, value_name = "PREFIX")]
        out: PathBuf,
    },
}

/// `PREFIX.key.pem` and `PREFIX.pub.pem`.
fn key_paths(prefix: &Path) -> (PathBuf, PathBuf) {
    let with = |suffix: &str| {
        let mut s = prefix.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    (with(".key.pem"), with(".pub.pem"))
}

/// Writes a new key pair. Existing files are never overwritten (a lost private key cannot be
/// recovered, and one replaced by mistake would orphan every bundle it signed). The private key
/// is created with mode 0600 from the start, never readable by others even for a moment.
fn keygen(prefix: &Path) -> anyhow::Result<u8> {
    let (private, public) = key_paths(prefix);
    for p in [&private, &public] {
        if p.exists() {
            bail!("{} already exists; not overwriting a key", p.display());
        }
    }
    let key = SigningKey::generate().map_err(|e| anyhow!(e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&private)
        .with_context(|| format!("cannot create {}", private.display()))?;
    std::io::Write::write_all(&mut file, key.to_pem().as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", private.display()))?;
    let public_key = key.public_key();
    std::fs::write(&public, public_key.to_pem())
        .with_context(|| format!("cannot write {}", public.display()))?;
    eprintln!(
        "wrote {} (private: keep it secret, sign with --sign-key) and {} (public: verify with safeguard verify --public-key); key {}",
        private.display(),
        public.display(),
        public_key.fingerprint()
    );
    Ok(0)
}

/// Reads a private key for `--sign-key`. The error names the file and what is wrong with it,
/// never its contents.
fn read_signing_key(path: &Path) -> anyhow::Result<SigningKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    SigningKey::from_pem(&text).map_err(|e| anyhow!("{}: {e}", path.display()))
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
    if let Some(EvidenceCommand::Keygen { out }) = &args.command {
        return keygen(out);
    }
    let out = args
        .out
        .clone()
        .ok_or_else(|| anyhow!("--out FILE is required"))?;
    // Read the key first: a wrong key file should fail before any work is done.
    let key = match &args.sign_key {
        Some(p) => Some(read_signing_key(p)?),
        None => None,
    };
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
    let out_name = out.display().to_string();
    let gzip = out_name.ends_with(".gz") || out_name.ends_with(".tgz");
    let info = BundleInfo {
        created_at: report
            .evaluated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        tool: format!("safeguard {}", env!("CARGO_PKG_VERSION")),
        catalog_version: safeguard_rules::CATALOG_VERSION.to_string(),
        missing_evidence: missing,
    };
    let bytes = create_signed(
        &entries,
        &info,
        previous.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        gzip,
        key.as_ref(),
    )
    .map_err(|e| anyhow!(e))?;
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {out_name}"))?;
    eprintln!(
        "wrote {out_name}: {} files, sha256 {}{}",
        entries.len() + 1,
        safeguard_attest::bundle::sha256_hex(&bytes),
        key.as_ref()
            .map(|k| format!(", signed by key {}", k.public_key().fingerprint()))
            .unwrap_or_default()
    );
    Ok(0)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into())
}
