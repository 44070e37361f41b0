//! `safeguard scan`: load inputs, evaluate, render, and choose the exit code.

use super::emit;
use crate::cli::{ColorChoice, OutputFormat, ScanArgs};
use anyhow::{anyhow, Context as _};
use safeguard_engine::{evaluate, Options, Scope, Selection};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use std::io::IsTerminal as _;
use std::time::Instant;

pub fn run(args: ScanArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    let inventory = load_inventories(&args.inventories)?;
    let loaded = started.elapsed();
    let options = Options {
        selection: Selection {
            include: args.rules.clone(),
            exclude: args.exclude_rules.clone(),
            min_severity: args.min_severity,
        },
        scope: Scope {
            accounts: args.scope_accounts.clone(),
            tags: args.scope_tags.clone(),
        },
        settings: Default::default(),
    };
    let mut report = evaluate(&inventory, safeguard_rules::all(), &options)?;
    report.set_attestations(super::attest::load(args.attestations.as_deref(), args.as_of)?);
    super::history::apply_waivers(&mut report, &args.record, &[])?;

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let render_options = RenderOptions {
        color: color && args.format == OutputFormat::Terminal,
        fail_on: args.fail_on,
        show_passes: args.show_passes,
        inventory_path: args
            .inventories
            .first()
            .map(|p| p.display().to_string().replace('\\', "/")),
        ..RenderOptions::default()
    };
    let rendering = Instant::now();
    let text = render(&report, format(args.format), &render_options);
    emit(&text, args.output.as_deref())?;
    if args.timings {
        eprintln!(
            "timings: load {:.3}s, evaluate {:.3}s ({} resources, {} rules, {} outcomes), render+write {:.3}s, total {:.3}s",
            loaded.as_secs_f64(),
            report.duration.as_secs_f64(),
            inventory.resources.len(),
            report.rules.len(),
            report.findings.len(),
            rendering.elapsed().as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    super::history::record_scan(&report, &inventory, &args.record, started_at)?;
    Ok(report.exit_code(args.fail_on) as u8)
}

fn load_inventories(paths: &[std::path::PathBuf]) -> anyhow::Result<Inventory> {
    let mut merged: Option<Inventory> = None;
    for path in paths {
        let inv = Inventory::load(path)?;
        match merged.as_mut() {
            None => merged = Some(inv),
            Some(m) => m
                .merge(inv)
                .map_err(|e| anyhow!(e))
                .with_context(|| format!("merging {}", path.display()))?,
        }
    }
    merged.ok_or_else(|| anyhow!("nothing to scan: give --inventory FILE"))
}

fn format(f: OutputFormat) -> Format {
    match f {
        OutputFormat::Terminal => Format::Terminal,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Csv => Format::Csv,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Html => Format::Html,
        OutputFormat::Markdown => Format::Markdown,
    }
}
