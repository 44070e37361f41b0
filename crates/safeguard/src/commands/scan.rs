//! `safeguard scan`: load inputs, evaluate, render, and choose the exit code.

use super::emit;
use crate::cli::{ColorChoice, IacChoice, OutputFormat, ScanArgs};
use anyhow::{anyhow, bail, Context as _};
use safeguard_attest::BaaEvidence;
use safeguard_engine::{evaluate, InlineWaiver, Options, Scope, Selection};
use safeguard_iac::IacKind;
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use std::io::IsTerminal as _;
use std::time::Instant;

pub fn run(args: ScanArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    // What AWS Artifact said about each account's BAA during a live scan (empty otherwise).
    let mut baa = Vec::new();
    let (inventory, inline_waivers) = load_inputs(&args, &mut baa)?;
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
    report.set_attestations(super::attest::load(
        args.attestations.as_deref(),
        args.as_of,
        &baa,
    )?);
    super::history::apply_waivers(&mut report, &args.record, &inline_waivers)?;

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

/// Reads every input named on the command line into one inventory, with the waivers written
/// inline in the infrastructure as code. Infrastructure-as-code problems are printed as
/// `file:line: message`; files that do not parse are recorded as failed coverage rows
/// (exit 3); an input that yields nothing at all is an error (exit 2).
/// A live scan also fills `baa` with what AWS Artifact said about each account's BAA.
fn load_inputs(
    args: &ScanArgs,
    #[cfg_attr(not(feature = "aws"), allow(unused_variables, clippy::ptr_arg))] baa: &mut Vec<
        BaaEvidence,
    >,
) -> anyhow::Result<(Inventory, Vec<InlineWaiver>)> {
    #[cfg(feature = "aws")]
    let live = args.aws.aws;
    #[cfg(not(feature = "aws"))]
    let live = false;
    if args.paths.is_empty() && args.inventories.is_empty() && !live {
        bail!("nothing to scan: give infrastructure-as-code PATHs, --inventory FILE and/or --aws");
    }
    let mut parts: Vec<(String, Inventory)> = Vec::new();
    let mut inline_waivers = Vec::new();
    #[cfg(feature = "aws")]
    if live {
        let live = super::aws::collect(&args.aws)?;
        *baa = live.baa;
        parts.push(("live AWS".to_string(), live.inventory));
    }
    if !args.paths.is_empty() {
        for path in &args.paths {
            if !path.exists() {
                bail!("{}: no such file or directory", path.display());
            }
        }
        let kind = match args.iac {
            IacChoice::All => IacKind::All,
            IacChoice::Terraform => IacKind::Terraform,
            IacChoice::Cloudformation => IacKind::CloudFormation,
        };
        let out = safeguard_iac::scan_paths(&args.paths, kind);
        for d in &out.diagnostics {
            eprintln!("safeguard: {d}");
        }
        if out.files_scanned == 0 {
            bail!(
                "no infrastructure-as-code files found under {}",
                args.paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let parsed = out
            .inventory
            .coverage
            .iter()
            .filter(|c| !c.is_failure())
            .count();
        if parsed == 0 && args.inventories.is_empty() {
            bail!(
                "none of the {} infrastructure-as-code files could be parsed",
                out.files_scanned
            );
        }
        inline_waivers = out.inline_waivers;
        parts.push(("infrastructure as code".to_string(), out.inventory));
    }
    for path in &args.inventories {
        parts.push((path.display().to_string(), Inventory::load(path)?));
    }
    let mut parts = parts.into_iter();
    let (_, mut merged) = parts.next().expect("at least one input");
    for (name, inv) in parts {
        merged
            .merge(inv)
            .map_err(|e| anyhow!(e))
            .with_context(|| format!("merging {name}"))?;
    }
    Ok((merged, inline_waivers))
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
