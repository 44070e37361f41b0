//! Authentication (bearer token or session cookie), CSRF protection of the login and logout
//! forms, security headers on every response, and errors that never leak internals.

use crate::html;
use crate::params::ApiError;
use crate::{AppState, Auth, Secret};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use futures_util::FutureExt as _;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq as _;

/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);
/// Sessions kept at most (pending logins are dropped first past this).
const MAX_SESSIONS: usize = 10_000;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

struct Session {
    csrf: String,
    authenticated: bool,
    expires: Instant,
}

pub struct AuthState {
    /// SHA-256 of the token, compared in constant time; `None` when authentication is off.
    token_digest: Option<[u8; 32]>,
    sessions: Mutex<HashMap<String, Session>>,
    /// Cookies get `Secure` (and the `__Host-` prefix) unless the server is on loopback.
    secure: bool,
    /// Without authentication, only these `Host` values are served (DNS rebinding).
    loopback_hosts: Vec<String>,
}

fn digest(s: &str) -> [u8; 32] {
    Sha256::digest(s.as_bytes()).into()
}

/// 32 random bytes as hex.
fn random_token() -> String {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).expect("the operating system's random source works");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn ct_eq(a: &str, b: &str) -> bool {
    digest(a).ct_eq(&digest(b)).into()
}

impl AuthState {
    pub fn new(auth: &Auth, addr: SocketAddr) -> AuthState {
        let port = addr.port();
        AuthState {
            token_digest: match auth {
                Auth::Token(t) => Some(digest(t.expose())),
                Auth::Disabled => None,
            },
            sessions: Mutex::new(HashMap::new()),
            secure: !addr.ip().is_loopback(),
            loopback_hosts: vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ],
        }
    }

    pub fn enabled(&self) -> bool {
        self.token_digest.is_some()
    }

    fn token_ok(&self, presented: &str) -> bool {
        match &self.token_digest {
            Some(d) => digest(presented).ct_eq(d).into(),
            None => false,
        }
    }

    fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-safeguard_session"
        } else {
            "safeguard_session"
        }
    }

    fn set_cookie(&self, id: &str, max_age: u64) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
            self.cookie_name()
        ))
        .expect("cookie is ASCII")
    }

    fn session_id(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.cookie_name();
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, v)| *k == name && v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|(_, v)| v.to_string())
    }

    /// The live session named by the request's cookie: (id, csrf, authenticated).
    fn session(&self, headers: &HeaderMap) -> Option<(String, String, bool)> {
        let id = self.session_id(headers)?;
        let mut map = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&id) {
            Some(s) if s.expires > Instant::now() => Some((id, s.csrf.clone(), s.authenticated)),
            Some(_) => {
                map.remove(&id);
                None
            }
            None => None,
        }
    }

    fn create_session(&self, authenticated: bool) -> (String, String) {
        let id = random_token();
        let csrf = random_token();
        let mut map = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_SESSIONS {
            let now = Instant::now();
            map.retain(|_, s| s.expires > now);
        }
        if map.len() >= MAX_SESSIONS {
            map.retain(|_, s| s.authenticated);
        }
        map.insert(
            id.clone(),
            Session {
                csrf: csrf.clone(),
                authenticated,
                expires: Instant::now() + SESSION_TTL,
            },
        );
        (id, csrf)
    }

    fn end_session(&self, id: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }
}

/// Who is looking at a page: the CSRF token of their session, for the logout form.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub logout_csrf: Option<String>,
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Lets a request through when it carries the token or an authenticated session.
pub async fn authenticate(
    State(st): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let auth = &st.auth;
    let path = req.uri().path().to_string();
    if !auth.enabled() {
        // Without authentication the server answers only to loopback host names, so a
        // web page cannot reach it by rebinding a name of its own to 127.0.0.1.
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !auth
            .loopback_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host))
        {
            return error_response(
                &path,
                StatusCode::MISDIRECTED_REQUEST,
                "misdirected",
                "unexpected Host header",
            );
        }
        req.extensions_mut().insert(Viewer::default());
        return next.run(req).await;
    }
    if path == "/login" || path == "/assets/app.css" {
        return next.run(req).await;
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if let Some(token) = bearer {
        if auth.token_ok(token) {
            req.extensions_mut().insert(Viewer::default());
            return next.run(req).await;
        }
    } else if let Some((_, csrf, true)) = auth.session(req.headers()) {
        req.extensions_mut().insert(Viewer {
            logout_csrf: Some(csrf),
        });
        return next.run(req).await;
    }
    if !is_api(&path) && req.method() == Method::GET {
        return Redirect::to("/login").into_response();
    }
    let mut resp = error_response(
        &path,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "a valid bearer token or session is required",
    );
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"safeguard\""),
    );
    resp
}

fn error_response(path: &str, status: StatusCode, code: &'static str, message: &str) -> Response {
    if is_api(path) {
        ApiError {
            status,
            code,
            message: message.to_string(),
        }
        .into_response()
    } else {
        (status, Html(html::error_page(status, message))).into_response()
    }
}

/// Security headers on every response; a panicking handler becomes a 500, not a dropped
/// connection.
pub async fn harden(State(_st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut resp = match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(r) => r,
        Err(_) => {
            eprintln!("safeguard serve: a request handler panicked ({path})");
            error_response(
                &path,
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "internal error",
            )
        }
    };
    let h = resp.headers_mut();
    let set = |h: &mut HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::CACHE_CONTROL, "no-store");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    resp
}

pub async fn not_found(req: Request) -> Response {
    error_response(
        req.uri().path(),
        StatusCode::NOT_FOUND,
        "not_found",
        "no such page or route",
    )
}

pub async fn method_not_allowed(req: Request) -> Response {
    error_response(
        req.uri().path(),
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "method not allowed on this route",
    )
}

/// `GET /login`: the form, with a CSRF token bound to a (not yet authenticated) session.
pub async fn login_form(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let auth = &st.auth;
    if !auth.enabled() {
        return Redirect::to("/").into_response();
    }
    match auth.session(&headers) {
        Some((_, _, true)) => Redirect::to("/").into_response(),
        Some((_, csrf, false)) => Html(html::login_page(&csrf, None)).into_response(),
        None => {
            let (id, csrf) = auth.create_session(false);
            let mut resp = Html(html::login_page(&csrf, None)).into_response();
            resp.headers_mut().insert(
                header::SET_COOKIE,
                auth.set_cookie(&id, SESSION_TTL.as_secs()),
            );
            resp
        }
    }
}

fn form_fields(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn csrf_rejected() -> Response {
    (
        StatusCode::FORBIDDEN,
        Html(html::error_page(StatusCode::FORBIDDEN, "The form expired or did not come from this dashboard (CSRF check failed). Load the page again.")),
    )
        .into_response()
}

/// `POST /login`: checks the CSRF token, then the access token; starts a new session.
pub async fn login(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let auth = &st.auth;
    if !auth.enabled() {
        return Redirect::to("/").into_response();
    }
    let form = form_fields(&body);
    let Some((old_id, csrf, _)) = auth.session(&headers) else {
        return csrf_rejected();
    };
    let presented = form.get("csrf").map(String::as_str).unwrap_or("");
    if !ct_eq(presented, &csrf) {
        return csrf_rejected();
    }
    let token = Secret::new(form.get("token").cloned().unwrap_or_default());
    if !auth.token_ok(token.expose()) {
        return (
            StatusCode::UNAUTHORIZED,
            Html(html::login_page(&csrf, Some("That token is not valid."))),
        )
            .into_response();
    }
    // A fresh session id on login: a session fixed before login is worthless.
    auth.end_session(&old_id);
    let (id, _) = auth.create_session(true);
    let mut resp = Redirect::to("/").into_response();
    resp.headers_mut().insert(
        header::SET_COOKIE,
        auth.set_cookie(&id, SESSION_TTL.as_secs()),
    );
    resp
}

/// `POST /logout`: ends the session (CSRF-checked).
pub async fn logout(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let auth = &st.auth;
    if !auth.enabled() {
        return Redirect::to("/").into_response();
    }
    let form = form_fields(&body);
    let Some((id, csrf, _)) = auth.session(&headers) else {
        return csrf_rejected();
    };
    if !ct_eq(form.get("csrf").map(String::as_str).unwrap_or(""), &csrf) {
        return csrf_rejected();
    }
    auth.end_session(&id);
    let mut resp = Redirect::to("/login").into_response();
    resp.headers_mut()
        .insert(header::SET_COOKIE, auth.set_cookie("", 0));
    resp
}
