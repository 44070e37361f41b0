//! HTML building blocks: escaping, the page layout, the stylesheet and the score chart.
//! Everything from the store (resource names, messages, tags) is user-controlled and goes
//! through [`esc`]; the pages have no scripts and no inline styles.

use crate::security::Viewer;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use safeguard_store::ScorePoint;
use std::fmt::Write as _;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query-string value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub fn score_text(score: Option<f64>) -> String {
    score
        .map(|s| format!("{s:.1}"))
        .unwrap_or_else(|| "n/a".into())
}

pub fn layout(title: &str, scan: Option<i64>, viewer: &Viewer, body: &str) -> String {
    let mut nav = String::from("<a href=\"/\">Overview</a> <a href=\"/scans\">Scans</a>");
    if let Some(id) = scan {
        let _ = write!(
            nav,
            " <a href=\"/scans/{id}/findings\">Findings</a> <a href=\"/scans/{id}/drift\">Drift</a> <a href=\"/scans/{id}/waivers\">Waivers</a>"
        );
    }
    let logout = match &viewer.logout_csrf {
        Some(csrf) => format!(
            "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">Log out</button></form>",
            esc(csrf)
        ),
        None => String::new(),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · safeguard</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>\
<body><header><span class=\"brand\">safeguard</span><nav>{nav}</nav>{logout}</header><main>{body}</main>\
<footer>HIPAA Security Rule posture from recorded scans. Readiness, not certification.</footer></body></html>\n",
        esc(title)
    )
}

pub fn error_page(status: StatusCode, message: &str) -> String {
    layout(
        status.canonical_reason().unwrap_or("Error"),
        None,
        &Viewer::default(),
        &format!(
            "<h1>{} {}</h1><p class=\"error\">{}</p>",
            status.as_u16(),
            esc(status.canonical_reason().unwrap_or("")),
            esc(message)
        ),
    )
}

pub fn login_page(csrf: &str, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p class=\"error\">{}</p>", esc(p)))
        .unwrap_or_default();
    layout(
        "Log in",
        None,
        &Viewer::default(),
        &format!(
            "<h1>Log in</h1>{problem}<form method=\"post\" action=\"/login\" class=\"login\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\">\
<label for=\"token\">Access token</label> <input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required>\
<button type=\"submit\">Log in</button></form>",
            esc(csrf)
        ),
    )
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLESHEET,
    )
}

const STYLESHEET: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
header { display: flex; gap: 1.5em; align-items: center; padding: .6em 1.5em; background: #1d2b45; color: #fff; }
header a { color: #dfe8ff; margin-right: 1em; text-decoration: none; }
header a:hover { text-decoration: underline; }
.brand { font-weight: 700; letter-spacing: .02em; }
form.logout { margin-left: auto; }
main { padding: 1em 1.5em; max-width: 1200px; }
footer { padding: 1em 1.5em; color: #667; font-size: 13px; }
h1 { font-size: 1.5em; margin: .4em 0; } h2 { font-size: 1.2em; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
pre { background: #fff; border: 1px solid #e3e6ea; padding: .6em; overflow-x: auto; white-space: pre-wrap; }
.cards { display: flex; gap: 1em; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #e3e6ea; border-radius: 6px; padding: .6em 1em; min-width: 9em; }
.card .big { font-size: 2em; font-weight: 700; display: block; }
.sev-critical { color: #8b0000; font-weight: 700; } .sev-high { color: #c0392b; font-weight: 600; }
.sev-medium { color: #b9770e; } .sev-low { color: #2e6da4; } .sev-info { color: #555; }
.status-met, .st-pass { color: #1e7b34; } .status-not_met, .st-fail { color: #b03a2e; font-weight: 600; }
.status-partial, .st-unknown { color: #b9770e; } .status-not_assessed, .status-attested { color: #555; }
.error { color: #b03a2e; font-weight: 600; }
.muted { color: #667; }
form.filters { display: flex; flex-wrap: wrap; gap: .6em; align-items: end; background: #fff; padding: .6em; border: 1px solid #e3e6ea; }
form.filters label { display: flex; flex-direction: column; font-size: 13px; }
form.login { display: flex; gap: .6em; align-items: center; }
.pager { margin: .8em 0; display: flex; gap: 1em; }
meter { width: 8em; }
svg.trend { background: #fff; border: 1px solid #e3e6ea; }
"#;

/// The score trend as an inline SVG line chart (0–100 on the vertical axis).
pub fn trend_svg(points: &[ScorePoint]) -> String {
    let (w, h, pad) = (720.0_f64, 220.0_f64, 34.0_f64);
    let mut svg = format!(
        "<svg class=\"trend\" id=\"trend\" role=\"img\" aria-label=\"Posture score over time\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for level in [0, 25, 50, 75, 100] {
        let y = h - pad - (f64::from(level) / 100.0) * (h - 2.0 * pad);
        let _ = write!(
            svg,
            "<line x1=\"{pad}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e3e6ea\"/><text x=\"4\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\">{level}</text>",
            w - 8.0,
            y + 4.0
        );
    }
    let scored: Vec<(usize, &ScorePoint, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.score.map(|s| (i, p, s)))
        .collect();
    let n = points.len().max(2) as f64 - 1.0;
    let x = |i: usize| pad + (i as f64 / n) * (w - pad - 16.0);
    let y = |s: f64| h - pad - (s.clamp(0.0, 100.0) / 100.0) * (h - 2.0 * pad);
    if scored.len() > 1 {
        let line: Vec<String> = scored
            .iter()
            .map(|(i, _, s)| format!("{:.1},{:.1}", x(*i), y(*s)))
            .collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"#2e6da4\" stroke-width=\"2\" points=\"{}\"/>",
            line.join(" ")
        );
    }
    for (i, p, s) in &scored {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#1d2b45\"><title>scan {} · {} · {:.1}</title></circle>",
            x(*i),
            y(*s),
            p.scan,
            esc(&p.finished_at),
            s
        );
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        let _ = write!(
            svg,
            "<text x=\"{pad}\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\" text-anchor=\"end\">{}</text>",
            h - 10.0,
            esc(first.finished_at.get(..10).unwrap_or(&first.finished_at)),
            w - 8.0,
            h - 10.0,
            esc(last.finished_at.get(..10).unwrap_or(&last.finished_at)),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn trend_of_nothing_is_an_empty_chart() {
        let svg = trend_svg(&[]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
