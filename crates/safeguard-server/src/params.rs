//! Query strings, path parameters and errors: bad input is a 4xx with a JSON body (API) or
//! an error page (dashboard), never a 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use safeguard_store::{
    FindingFilter, FindingState, PageRequest, ScanId, ScanMeta, Store, StoreError, MAX_PAGE,
};

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }

    pub fn internal() -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "internal error; see the server log".into(),
        }
    }

    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({"error": {"status": self.status.as_u16(), "code": self.code, "message": self.message}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NoSuchScan(id) => {
                ApiError::not_found(format!("scan {id} is not in the store"))
            }
            StoreError::Invalid(m) => ApiError::bad_request(m),
            other => {
                eprintln!("safeguard serve: store error: {other}");
                ApiError::internal()
            }
        }
    }
}

/// A parsed query string: every key must be one the route knows.
pub struct Params(Vec<(String, String)>);

pub const MAX_QUERY: usize = 8 * 1024;

impl Params {
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY {
            return Err(ApiError::bad_request("query string too long"));
        }
        let mut pairs = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(ApiError::bad_request(format!(
                    "unknown query parameter {:?}; this route takes: {}",
                    truncate(&k),
                    if allowed.is_empty() {
                        "none".to_string()
                    } else {
                        allowed.join(", ")
                    }
                )));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params(pairs))
    }

    /// The single value of `key` (empty values count as absent).
    pub fn one(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self.0.iter().filter(|(k, v)| k == key && !v.is_empty());
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(ApiError::bad_request(format!("{key} given more than once")));
        }
        Ok(first)
    }

    /// Every value of `key`, commas splitting values too.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn number(&self, key: &str, default: u64, min: u64, max: u64) -> Result<u64, ApiError> {
        match self.one(key)? {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "{key} must be a whole number from {min} to {max}, not {:?}",
                    truncate(v)
                ))),
            },
        }
    }
}

pub fn truncate(s: &str) -> String {
    s.chars().take(64).collect()
}

pub const FINDING_PARAMS: &[&str] = &[
    "severity",
    "min_severity",
    "service",
    "account",
    "region",
    "rule",
    "status",
    "in_scope",
    "text",
    "offset",
    "limit",
];

const SEVERITIES: &[&str] = &["critical", "high", "medium", "low", "info"];

fn severity(v: &str) -> Result<String, ApiError> {
    let lower = v.to_ascii_lowercase();
    if SEVERITIES.contains(&lower.as_str()) {
        Ok(lower)
    } else {
        Err(ApiError::bad_request(format!(
            "unknown severity {:?}; use one of {}",
            truncate(v),
            SEVERITIES.join(", ")
        )))
    }
}

/// Values of a free-text filter are bounded so a query cannot be made arbitrarily large.
fn bounded(key: &str, values: Vec<String>) -> Result<Vec<String>, ApiError> {
    if values.len() > 100 || values.iter().any(|v| v.len() > 512) {
        return Err(ApiError::bad_request(format!(
            "too many or too long {key} values"
        )));
    }
    Ok(values)
}

/// The findings filter and page of a query string.
pub fn finding_query(p: &Params) -> Result<(FindingFilter, PageRequest), ApiError> {
    let mut f = FindingFilter {
        severities: p
            .all("severity")
            .iter()
            .map(|s| severity(s))
            .collect::<Result<_, _>>()?,
        min_severity: p.one("min_severity")?.map(severity).transpose()?,
        services: bounded("service", p.all("service"))?,
        accounts: bounded("account", p.all("account"))?,
        regions: bounded("region", p.all("region"))?,
        rules: bounded("rule", p.all("rule"))?,
        ..FindingFilter::default()
    };
    for s in p.all("status") {
        f.states.push(FindingState::parse(&s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown status {:?}; use fail, unknown, open or waived",
                truncate(&s)
            ))
        })?);
    }
    f.in_scope = match p.one("in_scope")? {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "in_scope must be true or false, not {:?}",
                truncate(v)
            )))
        }
    };
    f.text = match p.one("text")? {
        Some(t) if t.chars().count() > 200 => {
            return Err(ApiError::bad_request("text is limited to 200 characters"))
        }
        t => t.map(str::to_string),
    };
    let page = PageRequest {
        offset: p.number("offset", 0, 0, 1_000_000_000)?,
        limit: p.number("limit", 50, 1, u64::from(MAX_PAGE))? as u32,
    };
    Ok((f, page))
}

/// A scan named in a path: its number or `latest`.
pub async fn resolve_scan(store: &Store, raw: &str) -> Result<ScanMeta, ApiError> {
    if raw == "latest" {
        return store
            .latest(None)
            .await?
            .ok_or_else(|| ApiError::not_found("the store has no scans yet"));
    }
    let id: ScanId = match raw.parse::<i64>() {
        Ok(n) if n > 0 => n,
        _ => {
            return Err(ApiError::bad_request(format!(
                "a scan is named by a positive number or \"latest\", not {:?}",
                truncate(raw)
            )))
        }
    };
    store
        .scan(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("scan {id} is not in the store")))
}

/// Fingerprints are short lowercase hex strings.
pub fn check_fingerprint(raw: &str) -> Result<&str, ApiError> {
    if !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(raw)
    } else {
        Err(ApiError::bad_request(format!(
            "a finding fingerprint is up to 64 hexadecimal digits, not {:?}",
            truncate(raw)
        )))
    }
}

/// The scan recorded just before `scan` for the same target.
pub async fn previous_scan(store: &Store, scan: &ScanMeta) -> Result<Option<ScanMeta>, ApiError> {
    Ok(store
        .scans(&safeguard_store::ScanFilter {
            target: Some(scan.target.clone()),
            limit: Some(1),
            before: Some(scan.id),
        })
        .await?
        .into_iter()
        .next())
}
