//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:
  0  no in-scope failure at or above --fail-on, and the input was complete
  1  in-scope failures at or above --fail-on
  2  usage or input error (unreadable or malformed input, unknown rule id)
  3  collection or parsing was incomplete, and no finding already demands 1";

/// HIPAA compliance for AWS, as code.
///
/// safeguard evaluates an AWS estate (live accounts, infrastructure as code, saved inventories)
/// against the HIPAA Security Rule and reports, per 45 CFR 164.3xx section, what passes, what
/// fails and what could not be seen.
#[derive(Debug, Parser)]
#[command(name = "safeguard", version, about, long_about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate live AWS accounts, infrastructure as code and inventories against the rule
    /// catalog and report.
    #[command(after_help = EXIT_CODES)]
    Scan(Box<ScanArgs>),
    /// List the rule catalog.
    Rules(RulesArgs),
    /// Show everything about one rule: rationale, remediation, citations, examples.
    Explain(ExplainArgs),
    /// Create, update and list attestations for the safeguards no API can show.
    Attest(crate::commands::attest::AttestArgs),
    /// Pack reports, inputs and evidence into a verifiable bundle (SHA-256 manifest, hash chain).
    Evidence(crate::commands::evidence::EvidenceArgs),
    /// Check an evidence bundle and its link to the previous one.
    Verify(crate::commands::verify::VerifyArgs),
    /// List recorded scans with their scores.
    History(crate::commands::history::HistoryArgs),
    /// New, fixed and still-open findings and changed resources between two recorded scans.
    Diff(crate::commands::diff::DiffArgs),
    /// Serve the JSON API and the dashboard over the scan history (optionally scanning on a schedule).
    Serve(crate::commands::serve::ServeArgs),
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories of infrastructure as code: Terraform (`.tf`, `.tf.json`,
    /// `.tfvars`, `terraform show -json` plans) and CloudFormation templates (YAML or JSON,
    /// recognised by content).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read only one kind of infrastructure as code under PATH.
    #[arg(long, value_enum, default_value_t = IacChoice::All)]
    pub iac: IacChoice,

    /// A safeguard inventory JSON file to evaluate offline (repeatable; merged with
    /// everything else scanned).
    #[arg(long = "inventory", value_name = "FILE")]
    pub inventories: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Terminal)]
    pub format: OutputFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 when an in-scope failure has at least this severity.
    #[arg(long, value_name = "SEVERITY", default_value = "info", value_parser = parse_severity)]
    pub fail_on: safeguard_rules::Severity,

    /// Run only these rules (id, name, or id prefix such as `S3-`; repeatable).
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,

    /// Skip these rules (id, name, or id prefix; repeatable).
    #[arg(long = "exclude-rule", value_name = "RULE")]
    pub exclude_rules: Vec<String>,

    /// Run only rules of at least this severity.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub min_severity: Option<safeguard_rules::Severity>,

    /// Resources carrying this tag hold PHI (KEY=VALUE, repeatable). Findings on other
    /// resources are reported but do not count towards the score or the exit code.
    /// Account-wide resources (IAM, CloudTrail, ...) are always in scope.
    #[arg(long = "scope-tag", value_name = "KEY=VALUE", value_parser = parse_tag)]
    pub scope_tags: Vec<(String, String)>,

    /// Only these accounts are HIPAA accounts (repeatable).
    #[arg(long = "scope-account", value_name = "ACCOUNT_ID")]
    pub scope_accounts: Vec<String>,

    /// Include passing and not-applicable outcomes in the report.
    #[arg(long)]
    pub show_passes: bool,

    /// Colour in the terminal report: auto (only on a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print how long loading, evaluating and rendering took, on standard error.
    #[arg(long)]
    pub timings: bool,

    #[command(flatten)]
    pub record: crate::commands::history::ScanRecordArgs,

    #[cfg(feature = "aws")]
    #[command(flatten)]
    pub aws: crate::commands::aws::AwsArgs,

    /// Attestation file for the safeguards no API can show (default:
    /// safeguard-attestations.yaml in the current directory, if present).
    #[arg(long, value_name = "FILE")]
    pub attestations: Option<PathBuf>,

    /// Judge attestation expiry on this date instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::commands::attest::parse_day)]
    pub as_of: Option<safeguard_attest::Date>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id (`S3-001`) or name (`s3-bucket-encrypted-at-rest`).
    pub rule: String,
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    Terminal,
    Json,
    Sarif,
    Csv,
    Junit,
    Html,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum IacChoice {
    All,
    Terraform,
    Cloudformation,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_severity(s: &str) -> Result<safeguard_rules::Severity, String> {
    safeguard_rules::Severity::parse(s)
        .ok_or_else(|| format!("unknown severity {s:?} (critical, high, medium, low, info)"))
}

fn parse_tag(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}
