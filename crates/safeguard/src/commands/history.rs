//! `safeguard history`, and what `scan` does with waivers and the store.

use super::emit;
use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use safeguard_engine::Report;
use safeguard_model::{Inventory, Timestamp};
use safeguard_store::{block_on, ScanFilter, ScanMeta, Store, StoreLocation};
use std::path::PathBuf;

/// Options of `scan` for waivers and history.
#[derive(Debug, Args)]
pub struct ScanRecordArgs {
    /// Record the scan in the history store: sqlite:PATH, a file path or postgres://URL.
    /// Without a value: $SAFEGUARD_STORE, else ~/.local/share/safeguard/history.db.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub store: Option<String>,

    /// Name the scanned target in the history (default: the inventory's source
    /// description). `diff` compares scans of one target.
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,

    /// A waivers file (YAML; repeatable). Every waiver needs a rule, a resource pattern, a
    /// reason, an owner and an expiry date.
    #[arg(long = "waivers", value_name = "FILE")]
    pub waivers: Vec<PathBuf>,

    /// Ignore waivers written inline in Terraform comments (`# safeguard:waive RULE
    /// reason="..." expires=YYYY-MM-DD`) and CloudFormation metadata (`safeguard: waive:`).
    #[arg(long)]
    pub no_inline_waivers: bool,
}

/// The store named by `--store`, or by $SAFEGUARD_STORE, or the default file.
#[derive(Debug, Args)]
pub struct StoreOpt {
    /// The history store: sqlite:PATH, a file path or postgres://URL
    /// [default: $SAFEGUARD_STORE, else ~/.local/share/safeguard/history.db].
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
}

impl StoreOpt {
    pub fn location(&self) -> anyhow::Result<StoreLocation> {
        Ok(match &self.store {
            Some(s) => StoreLocation::parse(s)?,
            None => StoreLocation::from_env_or_default()?,
        })
    }
}

/// Opens the store for reading; `None` when it is an SQLite file that does not exist yet
/// (reading must not create it).
pub fn open_existing(location: &StoreLocation) -> anyhow::Result<Option<Store>> {
    if let Some(path) = safeguard_store::sqlite_path(location) {
        if !path.exists() {
            return Ok(None);
        }
    }
    Ok(Some(block_on(Store::open(location))?))
}

/// Applies the waivers of `--waivers` files and, unless `--no-inline-waivers`, those written
/// inline in infrastructure as code.
///
/// A waivers file is reviewed input, so a waiver in it that names an unknown rule is an input
/// error. An inline waiver sits in code that may be scanned by a newer or older safeguard, so
/// one that is malformed or names an unknown rule is a warning naming its file and line and
/// does not apply: the finding it meant to waive stays open, where it is seen.
pub fn apply_waivers(
    report: &mut Report<'_>,
    args: &ScanRecordArgs,
    inline: &[safeguard_engine::InlineWaiver],
) -> anyhow::Result<()> {
    let mut waivers = Vec::new();
    for path in &args.waivers {
        waivers.extend(safeguard_waivers::load_file(path)?);
    }
    let unknown = safeguard_engine::unknown_rules(&waivers, safeguard_rules::all());
    if let Some(w) = unknown.first() {
        bail!(
            "{}: waiver names rule {:?}, which is not in the catalog (see `safeguard rules`)",
            w.origin,
            w.rule
        );
    }
    if !args.no_inline_waivers {
        waivers.extend(usable_inline_waivers(inline, |m| {
            eprintln!("safeguard: warning: {m}")
        }));
    }
    if waivers.is_empty() {
        return Ok(());
    }
    let today = report.evaluated_at.date_naive();
    safeguard_engine::apply_waivers(report, waivers, today);
    Ok(())
}

/// The inline waivers that can apply; each one that cannot is told to `warn` once per place
/// it is written (a waiver in a module covers several resources but is one line of code).
fn usable_inline_waivers(
    inline: &[safeguard_engine::InlineWaiver],
    mut warn: impl FnMut(String),
) -> Vec<safeguard_engine::Waiver> {
    let catalog = safeguard_rules::all();
    let mut warned = std::collections::HashSet::new();
    let mut out = Vec::new();
    for w in inline {
        let problem = match w.to_waiver() {
            Ok(waiver) => {
                if safeguard_engine::unknown_rules(std::slice::from_ref(&waiver), catalog)
                    .is_empty()
                {
                    out.push(waiver);
                    continue;
                }
                format!(
                    "{}:{}: inline waiver names rule {:?}, which is not in the catalog (see `safeguard rules`); the waiver does not apply",
                    w.file, w.line, w.rule
                )
            }
            Err(e) => format!("{e}; the waiver does not apply"),
        };
        if warned.insert((w.file.clone(), w.line)) {
            warn(problem);
        }
    }
    out
}

/// Records the scan when `--store` was given.
pub fn record_scan(
    report: &Report<'_>,
    inventory: &Inventory,
    args: &ScanRecordArgs,
    started_at: Timestamp,
) -> anyhow::Result<()> {
    let Some(store) = &args.store else {
        return Ok(());
    };
    let location = if store.is_empty() {
        StoreLocation::from_env_or_default()?
    } else {
        StoreLocation::parse(store)?
    };
    let options = safeguard_store::RecordOptions {
        target: args.target.clone(),
        started_at: Some(started_at),
        finished_at: None,
        tool_version: Some(env!("CARGO_PKG_VERSION").to_string()),
    };
    let id = safeguard_store::record(&location, report, inventory, &options)
        .with_context(|| format!("recording the scan in {location}"))?;
    let target = options
        .target
        .unwrap_or_else(|| safeguard_store::default_target(inventory));
    eprintln!("safeguard: recorded scan {id} of {target:?} in {location}");
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum HistoryFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub store: StoreOpt,

    /// Only scans of this target.
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,

    /// At most this many scans, newest first.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: u32,

    #[arg(long, short = 'f', value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

pub fn run(args: HistoryArgs) -> anyhow::Result<u8> {
    let location = args.store.location()?;
    let scans = match open_existing(&location)? {
        None => Vec::new(),
        Some(store) => block_on(async {
            let filter = ScanFilter {
                target: args.target.clone(),
                limit: Some(args.limit),
                before: None,
            };
            let scans = store.scans(&filter).await;
            store.close().await;
            scans
        })?,
    };
    let text = match args.format {
        HistoryFormat::Json => serde_json::to_string_pretty(&scans)? + "\n",
        HistoryFormat::Table if scans.is_empty() => {
            format!(
                "No scans recorded in {location}. Record one with `safeguard scan ... --store`.\n"
            )
        }
        HistoryFormat::Table => table(&scans),
    };
    emit(&text, None)?;
    Ok(0)
}

pub fn score(s: Option<f64>) -> String {
    s.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into())
}

/// `2026-11-20T09:00:00.000Z` → `2026-11-20 09:00`.
pub fn short_time(t: &str) -> String {
    match (t.get(..10), t.get(11..16)) {
        (Some(d), Some(h)) => format!("{d} {h}"),
        _ => t.to_string(),
    }
}

fn table(scans: &[ScanMeta]) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    t.set_header([
        "Scan",
        "Finished (UTC)",
        "Target",
        "Score",
        "Fail",
        "Unknown",
        "Waived",
        "Resources",
        "Inventory",
    ]);
    for s in scans {
        let mut target = s.target.clone();
        if target.chars().count() > 48 {
            target = target.chars().take(47).collect::<String>() + "…";
        }
        t.add_row([
            s.id.to_string(),
            short_time(&s.finished_at),
            target,
            score(s.score) + if s.incomplete { " (incomplete)" } else { "" },
            s.counts.fail.to_string(),
            s.counts.unknown.to_string(),
            s.waived.to_string(),
            s.resources.to_string(),
            s.inventory_digest.chars().take(12).collect(),
        ]);
    }
    format!("{t}\n")
}

#[cfg(test)]
mod tests {
    use super::usable_inline_waivers;
    use safeguard_engine::InlineWaiver;

    fn inline(resource: &str, rule: &str, expires: &str, line: u32) -> InlineWaiver {
        InlineWaiver {
            resource_id: resource.into(),
            rule: rule.into(),
            reason: "accepted".into(),
            expires: expires.into(),
            owner: String::new(),
            file: "main.tf".into(),
            line,
        }
    }

    #[test]
    fn inline_waivers_with_unknown_rules_or_bad_fields_are_warned_once_and_dropped() {
        let given = [
            inline("main.tf#aws_s3_bucket.a", "S3-001", "2027-01-01", 3),
            // One comment in a module, two instances: one warning.
            inline(
                "m.tf#module.x[0].aws_s3_bucket.b",
                "S3-999",
                "2027-01-01",
                9,
            ),
            inline(
                "m.tf#module.x[1].aws_s3_bucket.b",
                "S3-999",
                "2027-01-01",
                9,
            ),
            inline("main.tf#aws_s3_bucket.c", "S3-002", "soon", 14),
        ];
        let mut warnings = Vec::new();
        let usable = usable_inline_waivers(&given, |m| warnings.push(m));
        assert_eq!(usable.len(), 1);
        assert_eq!(usable[0].rule, "S3-001");
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(
            warnings[0].starts_with("main.tf:9: inline waiver names rule \"S3-999\""),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].starts_with("main.tf:14:1: inline waiver on main.tf#aws_s3_bucket.c"),
            "{}",
            warnings[1]
        );
    }
}
