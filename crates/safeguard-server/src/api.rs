//! The JSON API under `/api/v1`.

use crate::params::{
    check_fingerprint, finding_query, previous_scan, resolve_scan, ApiError, Params, FINDING_PARAMS,
};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use safeguard_store::{
    PageRequest, ScanFilter, ScanMeta, StillOpenRows, Store, StoredFinding, MAX_PAGE,
};
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::Arc;

type ApiResult = Result<Response, ApiError>;

fn path_value<T>(p: Result<Path<T>, PathRejection>) -> Result<T, ApiError> {
    p.map(|Path(v)| v)
        .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
}

fn ok<T: Serialize>(value: &T) -> ApiResult {
    Ok(Json(value).into_response())
}

pub async fn scans(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["target", "limit", "before"])?;
    let filter = ScanFilter {
        target: p.one("target")?.map(str::to_string),
        limit: Some(p.number("limit", 100, 1, u64::from(MAX_PAGE))? as u32),
        before: match p.number("before", 0, 1, i64::MAX as u64)? {
            0 => None,
            n => Some(n as i64),
        },
    };
    let scans = st.store.scans(&filter).await?;
    ok(&json!({ "scans": scans }))
}

/// The HIPAA sections of a scan's stored summary, each with its family.
pub fn sections(summary: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for fam in summary["families"].as_array().into_iter().flatten() {
        for s in fam["sections"].as_array().into_iter().flatten() {
            let mut s = s.clone();
            if let Some(obj) = s.as_object_mut() {
                obj.insert("family".into(), fam["family"].clone());
            }
            out.push(s);
        }
    }
    out
}

pub async fn summary(store: &Store, id: i64) -> Result<Value, ApiError> {
    let raw = store.summary_json(id).await?.unwrap_or_default();
    Ok(serde_json::from_str(&raw).unwrap_or(Value::Null))
}

pub async fn scan(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let summary = summary(&st.store, meta.id).await?;
    let families = st.store.families(meta.id).await?;
    let rules = st.store.rule_outcomes(meta.id).await?;
    let previous = previous_scan(&st.store, &meta).await?.map(|p| p.id);
    ok(&json!({
        "scan": meta,
        "previous": previous,
        "families": families,
        "sections": sections(&summary),
        "readiness": summary["readiness"],
        "rules": rules,
    }))
}

pub async fn findings(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let p = Params::parse(q.as_deref(), FINDING_PARAMS)?;
    let (filter, page) = finding_query(&p)?;
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let page = st.store.findings(meta.id, &filter, page).await?;
    ok(&json!({
        "scan": meta.id,
        "total": page.total,
        "offset": page.offset,
        "limit": page.limit,
        "items": page.items,
    }))
}

/// The rule behind a finding, with its remediation.
pub fn rule_json(rule_id: &str) -> Value {
    match safeguard_rules::find(rule_id) {
        Some(rule) => {
            let m = rule.meta();
            json!({
                "id": m.id,
                "name": m.name,
                "title": m.title,
                "severity": m.severity,
                "hipaa": m.hipaa,
                "source": m.source,
                "rationale": m.rationale,
                "remediation": {
                    "console": m.remediation.console,
                    "terraform": m.remediation.terraform,
                    "cloudformation": m.remediation.cloudformation,
                },
            })
        }
        None => Value::Null,
    }
}

pub async fn find_one(
    st: &AppState,
    scan: &str,
    fingerprint: &str,
) -> Result<(ScanMeta, StoredFinding), ApiError> {
    let fingerprint = check_fingerprint(fingerprint)?;
    let meta = resolve_scan(&st.store, scan).await?;
    let finding = st
        .store
        .finding(meta.id, fingerprint)
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!("scan {} has no finding {fingerprint}", meta.id))
        })?;
    Ok((meta, finding))
}

pub async fn finding(
    State(st): State<Arc<AppState>>,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let (scan, fp) = path_value(path)?;
    let (meta, finding) = find_one(&st, &scan, &fp).await?;
    let rule = rule_json(&finding.rule_id);
    ok(&json!({ "scan": meta.id, "finding": finding, "rule": rule }))
}

pub async fn facets(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let f = st.store.facets(meta.id).await?;
    let list = |v: &[(String, i64)]| -> Vec<Value> {
        v.iter()
            .map(|(value, count)| json!({"value": value, "count": count}))
            .collect()
    };
    ok(&json!({
        "scan": meta.id,
        "severity": list(&f.severities),
        "service": list(&f.services),
        "account": list(&f.accounts),
        "region": list(&f.regions),
        "rule": list(&f.rules),
        "status": list(&f.statuses),
    }))
}

/// The scan a drift starts from: `from` if given, else the previous scan of the target.
pub async fn drift_base(
    store: &Store,
    to: &ScanMeta,
    from: Option<&str>,
) -> Result<ScanMeta, ApiError> {
    match from {
        Some(raw) => resolve_scan(store, raw).await,
        None => previous_scan(store, to).await?.ok_or_else(|| {
            ApiError::not_found(format!(
                "scan {} is the first scan of {:?}: there is nothing to compare it with",
                to.id, to.target
            ))
        }),
    }
}

pub async fn drift(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["from", "offset", "limit"])?;
    let offset = p.number("offset", 0, 0, 1_000_000_000)?;
    let limit = p.number("limit", 100, 1, u64::from(MAX_PAGE))?;
    let to = resolve_scan(&st.store, &path_value(path)?).await?;
    let from = drift_base(&st.store, &to, p.one("from")?).await?;
    // Every list is paged, by the database: between two large scans most findings are
    // still open, and the whole drift as one answer ran to megabytes.
    let page = PageRequest {
        offset,
        limit: limit as u32,
    };
    let (c, d) = st
        .store
        .drift_page(from.id, to.id, StillOpenRows::All, page)
        .await?;
    let counts = json!({
        "new": c.new,
        "fixed": c.fixed,
        "still_open": c.still_open,
        "still_open_changed": c.still_open_changed,
        "changed_resources": c.changed_resources,
    });
    ok(&json!({ "counts": counts, "offset": offset, "limit": limit, "drift": d }))
}

pub async fn waivers(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let meta = resolve_scan(&st.store, &path_value(path)?).await?;
    let waivers = st.store.waivers(meta.id).await?;
    ok(&json!({ "scan": meta.id, "waivers": waivers }))
}

pub async fn scores(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["target", "limit"])?;
    let limit = p.number("limit", 100, 1, u64::from(MAX_PAGE))? as u32;
    let target = match p.one("target")? {
        Some(t) => t.to_string(),
        None => match st.store.latest(None).await? {
            Some(s) => s.target,
            None => return ok(&json!({ "target": null, "points": [] })),
        },
    };
    let points = st.store.score_series(&target, limit).await?;
    ok(&json!({ "target": target, "points": points }))
}

pub async fn targets(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let targets = st.store.targets().await?;
    ok(&json!({ "targets": targets }))
}

pub async fn openapi(RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    ok(&crate::openapi::document())
}
