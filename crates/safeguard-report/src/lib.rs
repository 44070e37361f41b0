//! Renders an evaluation [`Report`] in every output format safeguard offers, one module per
//! format.
//!
//! Every format is deterministic: the same report gives byte-identical output, except the
//! evaluation instant and duration in the formats that carry them. Resource names, tags and
//! messages come from the estate being scanned, so each format escapes them its own way
//! (JSON and XML by their writers, CSV against formula injection, HTML and Markdown by hand,
//! the terminal against control sequences).

mod charts;
mod common;
mod csv;
mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod terminal;

use safeguard_engine::Report;
use safeguard_rules::Severity;
use std::fmt;
use std::str::FromStr;

pub use sarif::MAX_RESULTS as SARIF_MAX_RESULTS;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Human summary for a terminal, grouped by safeguard family.
    Terminal,
    /// The whole report as one JSON document (`docs/report-json.md`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// One row per finding, for spreadsheets.
    Csv,
    /// JUnit XML, one test suite per rule, for CI test dashboards.
    Junit,
    /// One self-contained HTML page for auditors.
    Html,
    /// GitHub-flavoured Markdown, fit for a pull-request comment.
    Markdown,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Terminal,
        Format::Json,
        Format::Sarif,
        Format::Csv,
        Format::Junit,
        Format::Html,
        Format::Markdown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Terminal => "terminal",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Csv => "csv",
            Format::Junit => "junit",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// The usual file extension for the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Terminal => "txt",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Csv => "csv",
            Format::Junit => "xml",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        write!(
            f,
            "unknown format {:?} (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Accepts the names of [`Format::as_str`] case-insensitively, plus `text`, `md`, `xml`
    /// and `sarif-json` as aliases.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "text" | "txt" => Some(Format::Terminal),
            "md" | "gfm" => Some(Format::Markdown),
            "xml" | "junit-xml" => Some(Format::Junit),
            "sarif-json" => Some(Format::Sarif),
            _ => None,
        };
        alias
            .or_else(|| Format::ALL.into_iter().find(|f| f.as_str() == lower))
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// What the caller (the CLI) decides about a rendering.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Use ANSI colours (terminal format only). The CLI sets it when stdout is a TTY and
    /// `NO_COLOR` is unset.
    pub color: bool,
    /// The `--fail-on` threshold: findings at or above it (in scope, failing) gate the exit
    /// code, and every format says which ones do.
    pub fail_on: Severity,
    /// Also list passing and not-applicable outcomes (failures and unknowns are always listed).
    pub show_passes: bool,
    /// Path of the inventory file the report was evaluated from, as the user gave it. SARIF
    /// points findings on resources without a source file (live AWS) at it.
    pub inventory_path: Option<String>,
    /// Earlier readiness scores, oldest first (`label`, score 0–100), for the trend chart of
    /// the HTML report. Empty when there is no history.
    pub history: Vec<(String, f64)>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            fail_on: Severity::High,
            show_passes: false,
            inventory_path: None,
            history: Vec::new(),
        }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Terminal => terminal::render(report, opts),
        Format::Json => json::render(report, opts),
        Format::Sarif => sarif::render(report, opts),
        Format::Csv => csv::render(report, opts),
        Format::Junit => junit::render(report, opts),
        Format::Html => html::render(report, opts),
        Format::Markdown => markdown::render(report, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
            assert_eq!(f.as_str().to_uppercase().parse::<Format>(), Ok(f));
        }
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        let err = "pdf".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("terminal, json, sarif"), "{err}");
    }
}
