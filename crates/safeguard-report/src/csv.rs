//! `--format csv`: one row per finding, with a header row. Quoting follows RFC 4180 (the csv
//! crate's writer, CRLF line ends). Cells that a spreadsheet would read as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, since resource names
//! and tags come from the scanned estate.
//!
//! A waived finding keeps its `fail` or `unknown` status (a waiver accepts a risk, it does not
//! remove it); the `waived` column says `true` and the `waiver_*` columns say why, who
//! accepted it, until when, and where the waiver is written. They are the last columns, so
//! spreadsheets built on the earlier ones keep working.

use crate::common;
use crate::RenderOptions;
use safeguard_engine::Report;

pub const HEADER: [&str; 23] = [
    "rule_id",
    "rule_name",
    "severity",
    "status",
    "message",
    "unknown_reason",
    "resource_id",
    "resource_type",
    "resource_name",
    "account",
    "region",
    "file",
    "line",
    "address",
    "hipaa",
    "fingerprint",
    "in_scope",
    "gates",
    "waived",
    "waiver_reason",
    "waiver_owner",
    "waiver_expires",
    "waiver_origin",
];

/// Neutralises a cell a spreadsheet would evaluate (OWASP "CSV injection").
pub(crate) fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER).expect("writing to memory");
    for f in common::listed(report, opts.show_passes) {
        let meta = report.rule(f).meta();
        let resource = report.resource(f);
        let rm = resource.meta();
        let (file, line, address) = match &rm.location {
            Some(l) => (
                l.file.as_str(),
                l.line.max(1).to_string(),
                l.address.as_str(),
            ),
            None => ("", String::new(), ""),
        };
        let hipaa = meta.hipaa.join(";");
        let fingerprint = report.fingerprint(f);
        let waiver = report.waiver(f).map(|a| &a.waiver);
        let expires = waiver.map(|w| w.expires.to_string()).unwrap_or_default();
        let origin = waiver.map(|w| w.origin.to_string()).unwrap_or_default();
        let row: [&str; 23] = [
            meta.id,
            meta.name,
            meta.severity.as_str(),
            f.status.as_str(),
            &f.message,
            f.unknown.map_or("", |u| u.as_str()),
            &rm.id,
            resource.kind().as_str(),
            &rm.name,
            &rm.account,
            &rm.region,
            file,
            &line,
            address,
            &hipaa,
            &fingerprint,
            if f.in_scope { "true" } else { "false" },
            if report.gates(f, opts.fail_on) {
                "true"
            } else {
                "false"
            },
            if waiver.is_some() { "true" } else { "false" },
            waiver.map_or("", |w| w.reason.as_str()),
            waiver.map_or("", |w| w.owner.as_str()),
            &expires,
            &origin,
        ];
        w.write_record(row.iter().map(|c| defuse(c).into_owned()))
            .expect("writing to memory");
    }
    let bytes = w.into_inner().expect("flushing to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-2"), "'-2");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("arn:aws:s3:::b"), "arn:aws:s3:::b");
        assert_eq!(defuse(""), "");
    }
}
