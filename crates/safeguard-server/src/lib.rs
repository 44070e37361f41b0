//! The safeguard server: a JSON API (with its OpenAPI document) and a server-rendered
//! dashboard over the scan history, optionally re-scanning on a schedule.
//!
//! Every request needs `Authorization: Bearer <token>` or a session cookie obtained by
//! posting the token to `/login`, unless the server is bound to a loopback address and was
//! started with authentication explicitly disabled. Every response carries strict security
//! headers; the pages need no JavaScript.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use safeguard_server::{Auth, Secret, Server, ServerConfig};
//! use safeguard_store::{Store, StoreLocation};
//! let store = Store::open(&StoreLocation::parse("sqlite:history.db")?).await?;
//! let config = ServerConfig::new("127.0.0.1:8080".parse()?, Auth::Token(Secret::new("a long random token".into())));
//! let server = Server::bind(config, store).await?;
//! server.run(std::future::pending()).await?;
//! # Ok(()) }
//! ```

#![recursion_limit = "512"]

mod api;
mod html;
pub mod openapi;
mod pages;
mod params;
pub mod schedule;
mod security;

pub use schedule::{parse_interval, Schedule};

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use safeguard_store::Store;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// A secret (the access token): never printed, compared in constant time.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The secret's text, for comparing; never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug)]
pub enum Auth {
    /// A bearer token (or a session obtained with it) is required.
    Token(Secret),
    /// No authentication: only allowed on loopback addresses.
    Disabled,
}

/// The shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// What the server needs to start.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    pub auth: Auth,
    /// Scans to run (and record) on an interval.
    pub schedule: Option<Schedule>,
}

impl ServerConfig {
    pub fn new(bind: SocketAddr, auth: Auth) -> ServerConfig {
        ServerConfig {
            bind,
            auth,
            schedule: None,
        }
    }

    /// Refuses disabled authentication on a non-loopback address and tokens that are too
    /// short to resist guessing.
    pub fn validate(&self) -> Result<(), ServerError> {
        match &self.auth {
            Auth::Disabled if !self.bind.ip().is_loopback() => Err(ServerError::Config(format!(
                "--no-auth is only allowed on a loopback address (127.0.0.1 or ::1), not {}",
                self.bind.ip()
            ))),
            Auth::Token(t) if t.expose().chars().count() < MIN_TOKEN_LEN => {
                Err(ServerError::Config(format!(
                    "the access token must be at least {MIN_TOKEN_LEN} characters long"
                )))
            }
            Auth::Token(t) if t.expose().chars().any(|c| c.is_control()) => Err(
                ServerError::Config("the access token must not contain control characters".into()),
            ),
            _ => Ok(()),
        }
    }
}

#[derive(Debug)]
pub enum ServerError {
    Config(String),
    Io(std::io::Error),
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerError::Config(m) => f.write_str(m),
            ServerError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServerError {}

impl From<std::io::Error> for ServerError {
    fn from(e: std::io::Error) -> Self {
        ServerError::Io(e)
    }
}

/// Shared by every request.
pub(crate) struct AppState {
    pub store: Arc<Store>,
    pub auth: security::AuthState,
}

/// The API routes: method and path, in the order of the OpenAPI document.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/scans"),
    ("get", "/api/v1/scans/{scan}"),
    ("get", "/api/v1/scans/{scan}/findings"),
    ("get", "/api/v1/scans/{scan}/findings/{fingerprint}"),
    ("get", "/api/v1/scans/{scan}/facets"),
    ("get", "/api/v1/scans/{scan}/drift"),
    ("get", "/api/v1/scans/{scan}/waivers"),
    ("get", "/api/v1/scores"),
    ("get", "/api/v1/targets"),
    ("get", "/api/v1/openapi.json"),
];

fn api_route(path: &str) -> MethodRouter<Arc<AppState>> {
    match path {
        "/api/v1/scans" => get(api::scans),
        "/api/v1/scans/{scan}" => get(api::scan),
        "/api/v1/scans/{scan}/findings" => get(api::findings),
        "/api/v1/scans/{scan}/findings/{fingerprint}" => get(api::finding),
        "/api/v1/scans/{scan}/facets" => get(api::facets),
        "/api/v1/scans/{scan}/drift" => get(api::drift),
        "/api/v1/scans/{scan}/waivers" => get(api::waivers),
        "/api/v1/scores" => get(api::scores),
        "/api/v1/targets" => get(api::targets),
        "/api/v1/openapi.json" => get(api::openapi),
        other => unreachable!("API route {other} has no handler"),
    }
}

/// The dashboard's pages.
pub const PAGE_ROUTES: &[&str] = &[
    "/",
    "/scans",
    "/scans/{scan}",
    "/scans/{scan}/findings",
    "/scans/{scan}/findings/{fingerprint}",
    "/scans/{scan}/drift",
    "/scans/{scan}/waivers",
    "/login",
    "/logout",
    "/assets/app.css",
];

fn router(state: Arc<AppState>) -> Router {
    let mut app = Router::new();
    for (_, path) in API_ROUTES {
        app = app.route(path, api_route(path));
    }
    app.route("/", get(pages::overview_latest))
        .route("/scans", get(pages::scans))
        .route("/scans/{scan}", get(pages::overview))
        .route("/scans/{scan}/findings", get(pages::findings))
        .route("/scans/{scan}/findings/{fingerprint}", get(pages::finding))
        .route("/scans/{scan}/drift", get(pages::drift))
        .route("/scans/{scan}/waivers", get(pages::waivers))
        .route("/login", get(security::login_form).post(security::login))
        .route("/logout", post(security::logout))
        .route("/assets/app.css", get(html::stylesheet))
        .fallback(security::not_found)
        .method_not_allowed_fallback(security::method_not_allowed)
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(from_fn_with_state(state.clone(), security::authenticate))
        .layer(from_fn_with_state(state.clone(), security::harden))
        .with_state(state)
}

/// A bound server, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
    addr: SocketAddr,
    schedule: Option<(Schedule, Arc<Store>)>,
}

impl Server {
    /// Validates the configuration and binds the address (port 0 picks a free port).
    pub async fn bind(config: ServerConfig, store: Store) -> Result<Server, ServerError> {
        config.validate()?;
        let listener = tokio::net::TcpListener::bind(config.bind).await?;
        let addr = listener.local_addr()?;
        let store = Arc::new(store);
        let state = Arc::new(AppState {
            store: store.clone(),
            auth: security::AuthState::new(&config.auth, addr),
        });
        Ok(Server {
            listener,
            app: router(state),
            addr,
            schedule: config.schedule.map(|s| (s, store)),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes, running the schedule alongside.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let scheduler = self
            .schedule
            .map(|(s, store)| tokio::spawn(schedule::run(store, s)));
        let result = axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await;
        if let Some(task) = scheduler {
            task.abort();
        }
        result.map_err(ServerError::Io)
    }
}

/// Opens the store, binds and serves until Ctrl-C, on a runtime of its own (for the CLI).
/// `started` is told the bound address once the server listens.
pub fn serve_blocking(
    config: ServerConfig,
    location: &safeguard_store::StoreLocation,
    started: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    config.validate()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let store = Store::open(location)
            .await
            .map_err(|e| ServerError::Config(e.to_string()))?;
        let server = Server::bind(config, store).await?;
        started(server.local_addr());
        server
            .run(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
