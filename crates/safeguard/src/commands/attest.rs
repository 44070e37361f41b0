//! `safeguard attest`: create, update and list `safeguard-attestations.yaml`; and loading it
//! for `scan` and `evidence`.

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use safeguard_attest::edit::{init_text, set, Update};
use safeguard_attest::{
    evaluate, AttestationFile, AttestationSet, BaaEvidence, Date, ItemStatus, ReviewInterval,
    FILE_NAME,
};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct AttestArgs {
    #[command(subcommand)]
    pub command: AttestCommand,
}

#[derive(Debug, Subcommand)]
pub enum AttestCommand {
    /// Write a new attestation file listing every item, pending.
    Init {
        #[arg(long, value_name = "FILE", default_value = FILE_NAME)]
        file: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// The organization the attestations are for.
        #[arg(long, default_value = "")]
        organization: String,
    },
    /// Update one item in place (other lines, comments and order are kept).
    Set {
        /// Item id (`safeguard attest list` shows them), e.g. `baa-signed`.
        item: String,
        #[arg(long, value_name = "FILE", default_value = FILE_NAME)]
        file: PathBuf,
        #[arg(long, value_parser = parse_status)]
        status: Option<ItemStatus>,
        #[arg(long)]
        owner: Option<String>,
        /// When it was done or last reviewed (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        date: Option<Date>,
        /// A path (relative to the file) or URL; repeatable; replaces the list.
        #[arg(long, value_name = "PATH_OR_URL")]
        evidence: Vec<String>,
        /// How long it holds after `date` (365d, 26w, 12m, 1y).
        #[arg(long, value_parser = parse_interval)]
        review_interval: Option<ReviewInterval>,
        /// An explicit last day instead of date + review interval.
        #[arg(long, value_parser = parse_day)]
        expires: Option<Date>,
        #[arg(long)]
        note: Option<String>,
    },
    /// List every item with its outcome.
    List {
        #[arg(long, value_name = "FILE", default_value = FILE_NAME)]
        file: PathBuf,
        /// Judge expiry on this date instead of today (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        as_of: Option<Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn parse_day(s: &str) -> Result<Date, String> {
    safeguard_attest::parse_date(s).ok_or_else(|| format!("expected a date YYYY-MM-DD, got {s:?}"))
}

fn parse_status(s: &str) -> Result<ItemStatus, String> {
    ItemStatus::parse(s)
        .ok_or_else(|| format!("expected pending, implemented or not_applicable, got {s:?}"))
}

fn parse_interval(s: &str) -> Result<ReviewInterval, String> {
    ReviewInterval::parse(s)
}

pub fn run(args: AttestArgs) -> anyhow::Result<u8> {
    match args.command {
        AttestCommand::Init {
            file,
            force,
            organization,
        } => {
            if file.exists() && !force {
                bail!(
                    "{} already exists (use --force to overwrite it)",
                    file.display()
                );
            }
            std::fs::write(&file, init_text(&organization))
                .with_context(|| format!("cannot write {}", file.display()))?;
            eprintln!(
                "wrote {} with {} items, all pending; fill them with `safeguard attest set ITEM ...`",
                file.display(),
                safeguard_attest::catalog().len()
            );
            Ok(0)
        }
        AttestCommand::Set {
            item,
            file,
            status,
            owner,
            date,
            evidence,
            review_interval,
            expires,
            note,
        } => {
            let text = std::fs::read_to_string(&file).with_context(|| {
                format!(
                    "cannot read {} (create it with `safeguard attest init`)",
                    file.display()
                )
            })?;
            let update = Update {
                status,
                owner,
                date,
                evidence: (!evidence.is_empty()).then_some(evidence),
                review_interval,
                expires: expires.map(Some),
                note,
            };
            let new = set(&text, &file.display().to_string(), &item, &update)?;
            if new != text {
                std::fs::write(&file, &new)
                    .with_context(|| format!("cannot write {}", file.display()))?;
            }
            let parsed = AttestationFile::parse(&new, &file.display().to_string())?;
            let set = evaluate(Some((&parsed, &file.display().to_string())), today(), &[]);
            if let Some(r) = set.get(&item) {
                eprintln!("{}: {} ({})", r.id, r.outcome, r.message);
            }
            Ok(0)
        }
        AttestCommand::List { file, as_of, json } => {
            let set = load(Some(&file), as_of, &[])?.expect("a file was given");
            if json {
                println!("{}", serde_json::to_string_pretty(&set)?);
                return Ok(0);
            }
            let mut table = comfy_table::Table::new();
            table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            table.set_header(["ITEM", "OUTCOME", "OWNER", "EXPIRES", "HIPAA"]);
            for r in &set.results {
                table.add_row([
                    r.id.clone(),
                    r.outcome.to_string(),
                    r.owner.clone(),
                    r.expires.map(|d| d.to_string()).unwrap_or_default(),
                    r.hipaa.join(" "),
                ]);
            }
            println!("{table}");
            eprintln!(
                "as of {}: {} attested, {} missing, {} expired",
                set.as_of,
                set.count(safeguard_attest::Outcome::Attested),
                set.count(safeguard_attest::Outcome::AttestationMissing),
                set.count(safeguard_attest::Outcome::AttestationExpired)
            );
            Ok(0)
        }
    }
}

/// Today's date (UTC): attestations expire in real time.
pub fn today() -> Date {
    chrono::Utc::now().date_naive()
}

/// The attestations for a scan: the given file, else `safeguard-attestations.yaml` in the
/// current directory if there is one, else none. `baa` is what AWS Artifact said during a live
/// scan: when it confirms an active BAA for every account it answers the `baa-signed` item,
/// otherwise the file does and the item's message says why Artifact did not. Without a file
/// nothing is evaluated (the report says attestations were not assessed), even with `baa`.
pub fn load(
    file: Option<&Path>,
    as_of: Option<Date>,
    baa: &[BaaEvidence],
) -> anyhow::Result<Option<AttestationSet>> {
    let path = match file {
        Some(p) => p.to_path_buf(),
        None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
        None => return Ok(None),
    };
    let parsed = AttestationFile::load(&path)?;
    let name = path.display().to_string().replace('\\', "/");
    Ok(Some(evaluate(
        Some((&parsed, &name)),
        as_of.unwrap_or_else(today),
        baa,
    )))
}
