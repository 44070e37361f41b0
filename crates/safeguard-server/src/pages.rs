//! The dashboard: server-rendered pages that work without JavaScript.

use crate::api::{drift_base, rule_json, sections, summary};
use crate::html::{enc, esc, layout, score_text, trend_svg};
use crate::params::{finding_query, previous_scan, resolve_scan, ApiError, Params, FINDING_PARAMS};
use crate::security::Viewer;
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use safeguard_store::{Facets, PageRequest, ScanFilter, ScanMeta, StillOpenRows, StoredFinding};
use serde_json::Value;
use std::fmt::Write as _;
use std::sync::Arc;

/// An error shown as a page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl From<safeguard_store::StoreError> for PageError {
    fn from(e: safeguard_store::StoreError) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        (
            self.0.status,
            Html(crate::html::error_page(self.0.status, &self.0.message)),
        )
            .into_response()
    }
}

type PageResult = Result<Html<String>, PageError>;

fn path_value<T>(p: Result<Path<T>, PathRejection>) -> Result<T, PageError> {
    p.map(|Path(v)| v)
        .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())).into())
}

/// Rows shown at most in one drift table.
const DRIFT_ROWS: usize = 100;

pub async fn overview_latest(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
) -> PageResult {
    match st.store.latest(None).await? {
        Some(meta) => overview_page(&st, &viewer, meta).await,
        None => Ok(Html(layout(
            "Overview",
            None,
            &viewer,
            "<h1>No scans yet</h1><p id=\"empty\">Record a scan with <code>safeguard scan --inventory FILE --store</code> \
(or start the server with <code>--schedule</code>), then reload this page.</p>",
        ))),
    }
}

pub async fn overview(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    overview_page(&st, &viewer, meta).await
}

fn status_class(s: &str) -> String {
    format!(
        "status-{}",
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
    )
}

async fn overview_page(st: &AppState, viewer: &Viewer, meta: ScanMeta) -> PageResult {
    let id = meta.id;
    let series = st.store.score_series(&meta.target, 60).await?;
    let families = st.store.families(id).await?;
    let summary = summary(&st.store, id).await?;
    let previous = previous_scan(&st.store, &meta).await?;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{} <span class=\"muted\">scan #{id}</span></h1><p class=\"muted\">Finished {} · {} resources · {} rules · catalog {}{}</p>",
        esc(&meta.target),
        esc(&meta.finished_at),
        meta.resources,
        meta.rules,
        esc(&meta.catalog_version),
        if meta.incomplete { " · <span class=\"error\">incomplete collection</span>" } else { "" }
    );
    let open = meta.counts.fail + meta.counts.unknown - meta.waived;
    let _ = write!(
        b,
        "<div class=\"cards\"><div class=\"card\"><span class=\"big\" id=\"score\">{}</span>posture score</div>\
<div class=\"card\"><span class=\"big\">{open}</span><a href=\"/scans/{id}/findings?status=open\">open findings</a></div>\
<div class=\"card\"><span class=\"big sev-critical\">{}</span><a href=\"/scans/{id}/findings?severity=critical\">critical</a></div>\
<div class=\"card\"><span class=\"big sev-high\">{}</span><a href=\"/scans/{id}/findings?severity=high\">high</a></div>\
<div class=\"card\"><span class=\"big\">{}</span><a href=\"/scans/{id}/waivers\">waived</a></div>\
<div class=\"card\"><span class=\"big\">{}</span>readiness</div></div>",
        score_text(meta.score),
        meta.fails.critical,
        meta.fails.high,
        meta.waived,
        summary["readiness"]["score"].as_f64().map(|s| format!("{s:.1}")).unwrap_or_else(|| "n/a".into()),
    );
    let _ = write!(b, "<h2>Posture score over time</h2>{}", trend_svg(&series));

    b.push_str("<h2>Drift since the previous scan</h2>");
    match &previous {
        Some(prev) => {
            // Counts only: the full drift of two large scans would dominate the page.
            let d = st.store.drift_counts(prev.id, id).await?;
            let _ = write!(
                b,
                "<p id=\"drift-summary\">Since scan <a href=\"/scans/{0}\">#{0}</a>: score {1}, <strong>{2}</strong> new, <strong>{3}</strong> fixed, {4} still open, {5} changed resources. <a href=\"/scans/{id}/drift\">Details</a></p>",
                prev.id,
                match d.score_change {
                    Some(c) => format!("{c:+.1}"),
                    None => "n/a".into(),
                },
                d.new,
                d.fixed,
                d.still_open,
                d.changed_resources
            );
        }
        None => b.push_str(
            "<p id=\"drift-summary\" class=\"muted\">This is the first scan of this target.</p>",
        ),
    }

    b.push_str("<h2>Safeguard families</h2><table id=\"families\"><tr><th>Family</th><th class=\"num\">Score</th><th></th><th class=\"num\">Pass</th><th class=\"num\">Fail</th><th class=\"num\">Unknown</th><th class=\"num\">N/A</th></tr>");
    for f in &families {
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=\"num\">{}</td><td><meter min=\"0\" max=\"100\" low=\"60\" high=\"85\" optimum=\"100\" value=\"{}\"></meter></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&f.family),
            score_text(f.score),
            f.score.unwrap_or(0.0),
            f.counts.pass,
            f.counts.fail,
            f.counts.unknown,
            f.counts.not_applicable
        );
    }
    b.push_str("</table>");

    b.push_str("<h2>HIPAA Security Rule sections</h2><table id=\"sections\"><tr><th>Section</th><th>Title</th><th>Family</th><th>Requirement</th><th>Status</th><th class=\"num\">Pass</th><th class=\"num\">Fail</th><th class=\"num\">Unknown</th></tr>");
    for s in sections(&summary) {
        let text = |v: &Value| esc(v.as_str().unwrap_or(""));
        let status = s["status"].as_str().unwrap_or("");
        let _ = write!(
            b,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            text(&s["id"]),
            text(&s["title"]),
            text(&s["family"]),
            text(&s["requirement"]),
            status_class(status),
            esc(&status.replace('_', " ")),
            s["counts"]["pass"].as_i64().unwrap_or(0),
            s["counts"]["fail"].as_i64().unwrap_or(0),
            s["counts"]["unknown"].as_i64().unwrap_or(0),
        );
    }
    b.push_str("</table>");
    Ok(Html(layout(
        &format!("{} #{id}", meta.target),
        Some(id),
        viewer,
        &b,
    )))
}

pub async fn scans(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let p = Params::parse(q.as_deref(), &["target", "before"])?;
    let before = match p.number("before", 0, 1, i64::MAX as u64)? {
        0 => None,
        n => Some(n as i64),
    };
    let list = st
        .store
        .scans(&ScanFilter {
            target: p.one("target")?.map(str::to_string),
            limit: Some(100),
            before,
        })
        .await?;
    let mut b = String::from("<h1>Scans</h1><table id=\"scans\"><tr><th>#</th><th>Target</th><th>Finished</th><th class=\"num\">Score</th><th class=\"num\">Fail</th><th class=\"num\">Unknown</th><th class=\"num\">Waived</th><th>Source</th></tr>");
    for s in &list {
        let _ = write!(
            b,
            "<tr><td><a href=\"/scans/{0}\">#{0}</a></td><td>{1}</td><td>{2}</td><td class=\"num\">{3}</td><td class=\"num\">{4}</td><td class=\"num\">{5}</td><td class=\"num\">{6}</td><td>{7}</td></tr>",
            s.id,
            esc(&s.target),
            esc(&s.finished_at),
            score_text(s.score),
            s.counts.fail,
            s.counts.unknown,
            s.waived,
            esc(&s.source_kind)
        );
    }
    b.push_str("</table>");
    if let (Some(last), 100) = (list.last(), list.len()) {
        let target = p
            .one("target")?
            .map(|t| format!("&target={}", enc(t)))
            .unwrap_or_default();
        let _ = write!(
            b,
            "<p class=\"pager\"><a href=\"/scans?before={}{target}\">Older scans</a></p>",
            last.id
        );
    }
    Ok(Html(layout("Scans", None, &viewer, &b)))
}

fn select(name: &str, label: &str, options: &[(String, i64)], chosen: &[String]) -> String {
    let mut s = format!("<label>{label}<select name=\"{name}\"><option value=\"\">any</option>");
    for (v, n) in options {
        let sel = if chosen.iter().any(|c| c == v) {
            " selected"
        } else {
            ""
        };
        let _ = write!(s, "<option value=\"{0}\"{sel}>{0} ({n})</option>", esc(v));
    }
    s.push_str("</select></label>");
    s
}

fn filter_form(id: i64, p: &Params, facets: &Facets) -> String {
    let statuses: Vec<(String, i64)> = ["open", "waived", "fail", "unknown"]
        .iter()
        .map(|s| (s.to_string(), -1))
        .collect();
    let mut f = format!(
        "<form method=\"get\" action=\"/scans/{id}/findings\" class=\"filters\" id=\"filters\">"
    );
    f.push_str(&select(
        "severity",
        "Severity",
        &facets.severities,
        &p.all("severity"),
    ));
    f.push_str(&select(
        "service",
        "Service",
        &facets.services,
        &p.all("service"),
    ));
    f.push_str(&select(
        "account",
        "Account",
        &facets.accounts,
        &p.all("account"),
    ));
    f.push_str(&select("rule", "Rule", &facets.rules, &p.all("rule")));
    f.push_str(&select("status", "Status", &statuses, &p.all("status")).replace(" (-1)", ""));
    let _ = write!(
        f,
        "<label>Text<input type=\"search\" name=\"text\" value=\"{}\" maxlength=\"200\"></label><button type=\"submit\">Filter</button> <a href=\"/scans/{id}/findings\">Clear</a></form>",
        esc(p.one("text").ok().flatten().unwrap_or(""))
    );
    f
}

fn findings_table(id: i64, items: &[StoredFinding], table_id: &str) -> String {
    let mut b = format!("<table id=\"{table_id}\"><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Resource</th><th>Account</th><th>Region</th><th>Status</th></tr>");
    for f in items {
        let status = match &f.waived {
            Some(_) => "waived".to_string(),
            None => f.status.clone(),
        };
        let _ = write!(
            b,
            "<tr><td class=\"sev-{0}\">{0}</td><td><code>{1}</code></td><td><a href=\"/scans/{id}/findings/{2}\">{3}</a></td><td>{4}<br><code class=\"muted\">{5}</code></td><td>{6}</td><td>{7}</td><td class=\"st-{8}\">{8}</td></tr>",
            esc(&f.severity),
            esc(&f.rule_id),
            enc(&f.fingerprint),
            esc(&f.title),
            esc(&f.resource_name),
            esc(&f.resource_id),
            esc(&f.account),
            esc(&f.region),
            esc(&status),
        );
    }
    b.push_str("</table>");
    b
}

pub async fn findings(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let p = Params::parse(q.as_deref(), FINDING_PARAMS)?;
    let (filter, page) = finding_query(&p)?;
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let id = meta.id;
    let facets = st.store.facets(id).await?;
    let result = st.store.findings(id, &filter, page).await?;
    let mut b = format!(
        "<h1>Findings <span class=\"muted\">{} · scan #{id}</span></h1>",
        esc(&meta.target)
    );
    b.push_str(&filter_form(id, &p, &facets));
    let end = result.offset + result.items.len() as u64;
    let _ = write!(
        b,
        "<p id=\"count\">{} findings match{}</p>",
        result.total,
        if result.total > 0 {
            format!("; showing {}–{end}", result.offset + 1)
        } else {
            String::new()
        }
    );
    b.push_str(&findings_table(id, &result.items, "findings"));
    // Paging keeps every filter of the query string.
    let kept: String = form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .filter(|(k, v)| k != "offset" && !v.is_empty())
        .map(|(k, v)| format!("&{}={}", enc(&k), enc(&v)))
        .collect();
    b.push_str("<p class=\"pager\">");
    if result.offset > 0 {
        let prev = result.offset.saturating_sub(u64::from(result.limit));
        let _ = write!(
            b,
            "<a rel=\"prev\" href=\"/scans/{id}/findings?offset={prev}{}\">Previous</a>",
            esc(&kept)
        );
    }
    if end < result.total {
        let _ = write!(
            b,
            "<a rel=\"next\" href=\"/scans/{id}/findings?offset={end}{}\">Next</a>",
            esc(&kept)
        );
    }
    b.push_str("</p>");
    Ok(Html(layout("Findings", Some(id), &viewer, &b)))
}

pub async fn finding(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> PageResult {
    let (scan, fp) = path_value(path)?;
    let (meta, f) = crate::api::find_one(&st, &scan, &fp).await?;
    let id = meta.id;
    let rule = rule_json(&f.rule_id);
    let mut b = format!(
        "<h1 id=\"finding-title\">{}</h1><p><span class=\"sev-{1}\">{1}</span> · <code>{2}</code> {3} · scan <a href=\"/scans/{id}\">#{id}</a></p>",
        esc(&f.title),
        esc(&f.severity),
        esc(&f.rule_id),
        esc(&f.rule_name)
    );
    let location = match (&f.file, f.line) {
        (Some(file), Some(line)) => format!("{}:{line}", esc(file)),
        (Some(file), None) => esc(file),
        _ => "—".into(),
    };
    let _ = write!(
        b,
        "<table id=\"finding\"><tr><th>Status</th><td class=\"st-{0}\">{0}{1}</td></tr><tr><th>Message</th><td id=\"message\">{2}</td></tr>\
<tr><th>Resource</th><td>{3}<br><code>{4}</code></td></tr><tr><th>Type</th><td><code>{5}</code></td></tr>\
<tr><th>Service</th><td>{6}</td></tr><tr><th>Account</th><td>{7}</td></tr><tr><th>Region</th><td>{8}</td></tr>\
<tr><th>Source</th><td>{9}</td></tr><tr><th>HIPAA</th><td>{10}</td></tr><tr><th>In scope</th><td>{11}</td></tr><tr><th>Fingerprint</th><td><code>{12}</code></td></tr></table>",
        esc(&f.status),
        f.unknown_reason.as_deref().map(|r| format!(" ({})", esc(r))).unwrap_or_default(),
        esc(&f.message),
        esc(&f.resource_name),
        esc(&f.resource_id),
        esc(&f.resource_type),
        esc(&f.service),
        esc(&f.account),
        esc(&f.region),
        location,
        f.hipaa.iter().map(|h| format!("<code>{}</code>", esc(h))).collect::<Vec<_>>().join(" "),
        if f.in_scope { "yes" } else { "no" },
        esc(&f.fingerprint),
    );
    if let Some(w) = &f.waived {
        let _ = write!(
            b,
            "<h2>Waived</h2><p id=\"waiver\">{} — owner {}, expires {} ({})</p>",
            esc(&w.reason),
            esc(&w.owner),
            esc(&w.expires),
            esc(&w.origin)
        );
    }
    if !rule.is_null() {
        let t = |k: &str| esc(rule[k].as_str().unwrap_or(""));
        let r = |k: &str| esc(rule["remediation"][k].as_str().unwrap_or(""));
        let _ = write!(
            b,
            "<h2>Why it matters</h2><p>{}</p><h2 id=\"remediation\">Remediation</h2><h3>Console / CLI</h3><pre>{}</pre><h3>Terraform</h3><pre>{}</pre><h3>CloudFormation</h3><pre>{}</pre><p class=\"muted\">Source: {}</p>",
            t("rationale"),
            r("console"),
            r("terraform"),
            r("cloudformation"),
            t("source"),
        );
    }
    Ok(Html(layout(&f.title, Some(id), &viewer, &b)))
}

pub async fn drift(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let p = Params::parse(q.as_deref(), &["from", "offset"])?;
    let offset = p.number("offset", 0, 0, 1_000_000_000)?;
    let to = resolve_scan(&st.store, &path_value(path)?).await?;
    let id = to.id;
    let from = drift_base(&st.store, &to, p.one("from")?).await?;
    // One page of each list (still-open ones only where something moved), by the database.
    let page = PageRequest {
        offset,
        limit: DRIFT_ROWS as u32,
    };
    let (counts, d) = st
        .store
        .drift_page(from.id, id, StillOpenRows::Changed, page)
        .await?;
    let mut b = format!(
        "<h1>Drift <span class=\"muted\">{} · scan #{} → #{id}</span></h1><p id=\"drift-summary\">Score {} → {} ({}). <strong>{}</strong> new, <strong>{}</strong> fixed, {} still open, {} changed resources.</p>",
        esc(&to.target),
        from.id,
        score_text(from.score),
        score_text(to.score),
        d.score_change.map(|c| format!("{c:+.1}")).unwrap_or_else(|| "n/a".into()),
        counts.new,
        counts.fixed,
        counts.still_open,
        counts.changed_resources
    );
    // Every list shows the same window; the links move all four together.
    let longest = [
        counts.new,
        counts.fixed,
        counts.still_open_changed,
        counts.changed_resources,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let rows = DRIFT_ROWS as u64;
    let link = |at: u64, text: &str| {
        format!(
            "<a href=\"/scans/{id}/drift?from={}&amp;offset={at}\">{text}</a>",
            from.id
        )
    };
    let mut pager = String::new();
    if offset > 0 {
        pager.push_str(&link(offset.saturating_sub(rows), "Previous rows"));
    }
    if offset + rows < longest {
        if !pager.is_empty() {
            pager.push_str(" · ");
        }
        pager.push_str(&link(offset + rows, "Next rows"));
    }
    if !pager.is_empty() {
        let _ = write!(b, "<p class=\"pager\" id=\"drift-pager\">{pager}</p>");
    }
    let more = |n: u64| {
        if offset == 0 && n <= rows {
            String::new()
        } else if offset >= n {
            format!("<p class=\"muted\">{n} in all, none after row {offset}.</p>")
        } else {
            let last = (offset + rows).min(n);
            format!("<p class=\"muted\">Rows {}–{last} of {n}.</p>", offset + 1)
        }
    };
    b.push_str("<h2>New findings</h2>");
    b.push_str(&findings_table(id, &d.new, "new"));
    b.push_str(&more(counts.new));

    b.push_str("<h2>Fixed</h2><table id=\"fixed\"><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Resource</th><th>How</th></tr>");
    for x in &d.fixed {
        let f = &x.finding;
        let _ = write!(
            b,
            "<tr><td class=\"sev-{0}\">{0}</td><td><code>{1}</code></td><td><a href=\"/scans/{2}/findings/{3}\">{4}</a></td><td>{5}<br><code class=\"muted\">{6}</code></td><td>{7}</td></tr>",
            esc(&f.severity),
            esc(&f.rule_id),
            from.id,
            enc(&f.fingerprint),
            esc(&f.title),
            esc(&f.resource_name),
            esc(&f.resource_id),
            esc(x.how.as_str())
        );
    }
    b.push_str("</table>");
    b.push_str(&more(counts.fixed));

    b.push_str("<h2>Still open, changed</h2><table id=\"changed\"><tr><th>Rule</th><th>Finding</th><th>Resource</th><th>Change</th></tr>");
    for s in &d.still_open {
        let f = &s.finding;
        let _ = write!(
            b,
            "<tr><td><code>{}</code></td><td><a href=\"/scans/{id}/findings/{}\">{}</a></td><td><code>{}</code></td><td>{}</td></tr>",
            esc(&f.rule_id),
            enc(&f.fingerprint),
            esc(&f.title),
            esc(&f.resource_id),
            esc(s.change.as_deref().unwrap_or(""))
        );
    }
    b.push_str("</table>");
    b.push_str(&more(counts.still_open_changed));

    b.push_str("<h2>Changed resources</h2><table id=\"resources\"><tr><th>Resource</th><th>Type</th><th>Change</th></tr>");
    for r in &d.changed_resources {
        let _ = write!(
            b,
            "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
            esc(&r.resource_id),
            esc(&r.resource_type),
            r.change.as_str()
        );
    }
    b.push_str("</table>");
    b.push_str(&more(counts.changed_resources));
    if !pager.is_empty() {
        let _ = write!(b, "<p class=\"pager\">{pager}</p>");
    }
    Ok(Html(layout("Drift", Some(id), &viewer, &b)))
}

pub async fn waivers(
    State(st): State<Arc<AppState>>,
    Extension(viewer): Extension<Viewer>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let id = meta.id;
    let list = st.store.waivers(id).await?;
    let mut b = format!(
        "<h1>Waivers <span class=\"muted\">{} · scan #{id}</span></h1><p>{} active, {} expired, {} stale. Waived findings are never counted as passes; <a href=\"/scans/{id}/findings?status=waived\">list them</a>.</p>",
        esc(&meta.target),
        meta.waivers_active,
        meta.waivers_expired,
        meta.waivers_stale
    );
    if list.is_empty() {
        b.push_str(
            "<p id=\"no-waivers\" class=\"muted\">No waivers were applied in this scan.</p>",
        );
    } else {
        b.push_str("<table id=\"waivers\"><tr><th>Rule</th><th>Resource</th><th>Reason</th><th>Owner</th><th>Expires</th><th>State</th><th class=\"num\">Findings</th><th>Origin</th></tr>");
        for w in &list {
            let _ = write!(
                b,
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&w.rule),
                esc(&w.resource),
                esc(&w.reason),
                esc(&w.owner),
                esc(&w.expires),
                status_class(&w.state),
                esc(&w.state),
                w.findings,
                esc(&w.origin)
            );
        }
        b.push_str("</table>");
    }
    Ok(Html(layout("Waivers", Some(id), &viewer, &b)))
}
