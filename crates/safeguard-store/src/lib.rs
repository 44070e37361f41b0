//! Scan history: every recorded scan with its findings, scores, resource digests and
//! waivers, in an embedded SQLite file by default or in PostgreSQL for teams.
//!
//! ```no_run
//! # async fn demo(report: &safeguard_engine::Report<'_>, inventory: &safeguard_model::Inventory)
//! #     -> Result<(), safeguard_store::StoreError> {
//! use safeguard_store::{FindingFilter, PageRequest, RecordOptions, Store, StoreLocation};
//! let store = Store::open(&StoreLocation::parse("sqlite:history.db")?).await?;
//! let id = store.record(&safeguard_store::capture(report, inventory, &RecordOptions::default())).await?;
//! let page = store.findings(id, &FindingFilter::default(), PageRequest::default()).await?;
//! # Ok(()) }
//! ```
//!
//! One interface over both backends, with the same runtime-checked SQL (numbered `$N`
//! parameters, which both understand). The schema is created and migrated on open
//! ([`schema`]). A scan is written in one transaction: an interrupted write leaves nothing.
//! The API is async (for a server); [`record`] and [`block_on`] serve synchronous callers.

mod capture;
mod diff;
mod model;
pub mod schema;

pub use capture::{capture, default_target, inventory_digest, timestamp, RecordOptions};
pub use diff::{
    Drift, DriftCounts, Fixed, FixedHow, ResourceChange, ResourceChangeKind, StillOpen,
};
pub use model::*;

use schema::Dialect;
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, Row as _};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable naming the store when `--store` is not given.
pub const STORE_ENV: &str = "SAFEGUARD_STORE";

/// Where the history lives.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// An SQLite file, created (with its directory) on first use.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:pass@host:5432/db?sslmode=require`).
    Postgres(String),
}

impl StoreLocation {
    /// `postgres://...` or `postgresql://...` selects PostgreSQL; `sqlite:PATH`,
    /// `sqlite://PATH` or a bare path selects an SQLite file; an empty string selects the
    /// default file ([`StoreLocation::default_sqlite`]).
    pub fn parse(s: &str) -> Result<StoreLocation, StoreError> {
        let s = s.trim();
        if s.is_empty() {
            return StoreLocation::default_sqlite();
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(s.to_string()));
        }
        let path = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
            .unwrap_or(s);
        if path.is_empty() {
            return Err(StoreError::Location(
                s.to_string(),
                "missing file path after sqlite:".into(),
            ));
        }
        if let Some((scheme, _)) = path.split_once("://") {
            return Err(StoreError::Location(
                s.to_string(),
                format!("unsupported scheme {scheme:?} (use sqlite:PATH or postgres://...)"),
            ));
        }
        Ok(StoreLocation::Sqlite(PathBuf::from(path)))
    }

    /// `$SAFEGUARD_STORE` if set, else `$XDG_DATA_HOME/safeguard/history.db`, else
    /// `~/.local/share/safeguard/history.db`.
    pub fn from_env_or_default() -> Result<StoreLocation, StoreError> {
        match std::env::var(STORE_ENV) {
            Ok(v) if !v.trim().is_empty() => StoreLocation::parse(&v),
            _ => StoreLocation::default_sqlite(),
        }
    }

    pub fn default_sqlite() -> Result<StoreLocation, StoreError> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| PathBuf::from(h).join(".local/share"))
            })
            .ok_or_else(|| {
                StoreError::Location(
                    String::new(),
                    "no HOME or XDG_DATA_HOME for the default store; give --store".into(),
                )
            })?;
        Ok(StoreLocation::Sqlite(
            base.join("safeguard").join("history.db"),
        ))
    }

    /// For messages: the file path, or the URL without its password.
    pub fn redacted(&self) -> String {
        match self {
            StoreLocation::Sqlite(p) => format!("sqlite:{}", p.display()),
            StoreLocation::Postgres(url) => redact_url(url),
        }
    }
}

impl fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Never prints a password.
impl fmt::Debug for StoreLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreLocation({})", self.redacted())
    }
}

fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_string(),
    };
    // Query parameters may carry a password too.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let q: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => kv.to_string(),
                })
                .collect();
            format!("{path}?{}", q.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid store {0:?}: {1}")]
    Location(String, String),
    #[error("cannot create the store directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open store {store}: {source}")]
    Open { store: String, source: sqlx::Error },
    #[error("store {store} has schema version {found}, newer than this safeguard knows ({known}): upgrade safeguard")]
    NewerSchema {
        store: String,
        found: i64,
        known: i64,
    },
    #[error("store error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("scan {0} is not in the store")]
    NoSuchScan(ScanId),
    #[error("{0}")]
    Invalid(String),
}

enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open store. Cheap to share by reference; holds a small connection pool.
pub struct Store {
    backend: Backend,
    location: StoreLocation,
}

/// Runs the same code on whichever pool the store has (the SQL is shared; the types differ).
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            Backend::Sqlite($pool) => $body,
            Backend::Postgres($pool) => $body,
        }
    };
}

/// A bound parameter of a dynamically built query.
#[derive(Clone, Debug)]
enum Arg {
    Int(i64),
    Text(String),
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(s) => q.bind(s.clone()),
            };
        }
        q
    }};
}

/// Typed column access on either backend's rows.
trait Cols {
    fn int(&self, c: &str) -> Result<i64, sqlx::Error>;
    fn opt_int(&self, c: &str) -> Result<Option<i64>, sqlx::Error>;
    fn opt_float(&self, c: &str) -> Result<Option<f64>, sqlx::Error>;
    fn text(&self, c: &str) -> Result<String, sqlx::Error>;
    fn opt_text(&self, c: &str) -> Result<Option<String>, sqlx::Error>;
    fn boolean(&self, c: &str) -> Result<bool, sqlx::Error>;
}

macro_rules! impl_cols {
    ($row:ty) => {
        impl Cols for $row {
            fn int(&self, c: &str) -> Result<i64, sqlx::Error> {
                self.try_get(c)
            }
            fn opt_int(&self, c: &str) -> Result<Option<i64>, sqlx::Error> {
                self.try_get(c)
            }
            fn opt_float(&self, c: &str) -> Result<Option<f64>, sqlx::Error> {
                self.try_get(c)
            }
            fn text(&self, c: &str) -> Result<String, sqlx::Error> {
                self.try_get(c)
            }
            fn opt_text(&self, c: &str) -> Result<Option<String>, sqlx::Error> {
                self.try_get(c)
            }
            fn boolean(&self, c: &str) -> Result<bool, sqlx::Error> {
                self.try_get(c)
            }
        }
    };
}
impl_cols!(SqliteRow);
impl_cols!(PgRow);

mod drift_pages;
pub use drift_pages::StillOpenRows;

fn severity_rank(s: &str) -> i64 {
    match s {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

/// `INSERT INTO table (c1, c2) VALUES ($1, $2), ($3, $4), ...` for `rows` rows; with `?`
/// placeholders for SQLite.
///
/// Why two spellings: SQLite keeps named parameters (`$1` is a name to it) in a list, and
/// sqlx resolves every bound value through `sqlite3_bind_parameter_name`, a walk of that
/// list, so a batch of thousands of `$n` parameters costs quadratic time (8 s of CPU for
/// 10,000 findings). Anonymous `?` parameters are not in the list; PostgreSQL needs `$n`.
fn insert_sql(dialect: Dialect, table: &str, cols: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match dialect {
                Dialect::Sqlite => sql.push('?'),
                Dialect::Postgres => sql.push_str(&format!("${n}")),
            }
        }
        sql.push(')');
    }
    sql
}

/// Rows per multi-row INSERT: under both backends' parameter limits.
fn rows_per_insert(cols: usize) -> usize {
    (20_000 / cols).max(1)
}

macro_rules! insert_batches {
    ($dialect:expr, $tx:expr, $table:expr, $cols:expr, $items:expr, |$q:ident, $it:ident| $bind:expr) => {{
        for chunk in $items.chunks(rows_per_insert($cols.len())) {
            let sql = insert_sql($dialect, $table, $cols, chunk.len());
            let mut $q = sqlx::query(AssertSqlSafe(sql));
            for $it in chunk {
                $q = $bind;
            }
            $q.execute(&mut *$tx).await?;
        }
    }};
}

const SCAN_COLUMNS: &[&str] = &[
    "target",
    "source_kind",
    "source_description",
    "started_at",
    "finished_at",
    "inventory_generated_at",
    "tool_version",
    "catalog_version",
    "inventory_digest",
    "score",
    "resources",
    "rules",
    "pass",
    "fail",
    "unknown",
    "not_applicable",
    "waived",
    "fail_critical",
    "fail_high",
    "fail_medium",
    "fail_low",
    "fail_info",
    "out_of_scope_fail",
    "incomplete",
    "coverage_failures",
    "waivers_active",
    "waivers_expired",
    "waivers_stale",
    "summary_json",
];

const FINDING_COLUMNS: &[&str] = &[
    "scan_id",
    "fingerprint",
    "rule_id",
    "rule_name",
    "title",
    "severity",
    "severity_rank",
    "status",
    "unknown_reason",
    "message",
    "resource_id",
    "resource_type",
    "resource_name",
    "service",
    "account",
    "region",
    "file",
    "line",
    "hipaa",
    "in_scope",
    "waived",
];

const FAMILY_COLUMNS: &[&str] = &[
    "scan_id",
    "family",
    "score",
    "pass",
    "fail",
    "unknown",
    "not_applicable",
];
const RULE_COLUMNS: &[&str] = &[
    "scan_id",
    "rule_id",
    "severity",
    "pass",
    "fail",
    "unknown",
    "not_applicable",
    "waived",
];
const FACET_COLUMNS: &[&str] = &["scan_id", "facet", "value", "n"];

/// The filter menus' values with their counts (`scan_facets` rows), in the order the
/// migration that introduced the table counted them with `GROUP BY`.
fn facet_counts(findings: &[StoredFinding]) -> Vec<(&'static str, String, i64)> {
    let mut counts: std::collections::BTreeMap<(&'static str, &str), i64> = Default::default();
    for f in findings {
        for (facet, value) in [
            ("severity", &f.severity),
            ("service", &f.service),
            ("account", &f.account),
            ("region", &f.region),
            ("rule_id", &f.rule_id),
            ("status", &f.status),
        ] {
            *counts.entry((facet, value.as_str())).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((facet, value), n)| (facet, value.to_string(), n))
        .collect()
}

const RESOURCE_COLUMNS: &[&str] = &["scan_id", "resource_id", "resource_type", "digest"];
const WAIVER_COLUMNS: &[&str] = &[
    "scan_id", "position", "rule", "resource", "reason", "owner", "created", "expires", "origin",
    "state", "findings",
];

const SCAN_SELECT: &str = "SELECT id, target, source_kind, source_description, started_at, finished_at, \
    inventory_generated_at, tool_version, catalog_version, inventory_digest, score, resources, rules, pass, fail, \
    unknown, not_applicable, waived, fail_critical, fail_high, fail_medium, fail_low, fail_info, out_of_scope_fail, \
    incomplete, coverage_failures, waivers_active, waivers_expired, waivers_stale FROM scans";

const FINDING_SELECT: &str = "SELECT fingerprint, rule_id, rule_name, title, severity, status, unknown_reason, \
    message, resource_id, resource_type, resource_name, service, account, region, file, line, hipaa, in_scope, waived \
    FROM findings";

fn decode_scan(r: &dyn Cols) -> Result<ScanMeta, sqlx::Error> {
    Ok(ScanMeta {
        id: r.int("id")?,
        target: r.text("target")?,
        source_kind: r.text("source_kind")?,
        source_description: r.text("source_description")?,
        started_at: r.text("started_at")?,
        finished_at: r.text("finished_at")?,
        inventory_generated_at: r.text("inventory_generated_at")?,
        tool_version: r.text("tool_version")?,
        catalog_version: r.text("catalog_version")?,
        inventory_digest: r.text("inventory_digest")?,
        score: r.opt_float("score")?,
        resources: r.int("resources")?,
        rules: r.int("rules")?,
        counts: Counts {
            pass: r.int("pass")?,
            fail: r.int("fail")?,
            unknown: r.int("unknown")?,
            not_applicable: r.int("not_applicable")?,
        },
        waived: r.int("waived")?,
        fails: SeverityCounts {
            critical: r.int("fail_critical")?,
            high: r.int("fail_high")?,
            medium: r.int("fail_medium")?,
            low: r.int("fail_low")?,
            info: r.int("fail_info")?,
        },
        out_of_scope_fail: r.int("out_of_scope_fail")?,
        incomplete: r.boolean("incomplete")?,
        coverage_failures: r.int("coverage_failures")?,
        waivers_active: r.int("waivers_active")?,
        waivers_expired: r.int("waivers_expired")?,
        waivers_stale: r.int("waivers_stale")?,
    })
}

fn decode_finding(r: &dyn Cols) -> Result<StoredFinding, sqlx::Error> {
    let waived = match r.opt_text("waived")? {
        Some(json) => {
            Some(serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?)
        }
        None => None,
    };
    Ok(StoredFinding {
        fingerprint: r.text("fingerprint")?,
        rule_id: r.text("rule_id")?,
        rule_name: r.text("rule_name")?,
        title: r.text("title")?,
        severity: r.text("severity")?,
        status: r.text("status")?,
        unknown_reason: r.opt_text("unknown_reason")?,
        message: r.text("message")?,
        resource_id: r.text("resource_id")?,
        resource_type: r.text("resource_type")?,
        resource_name: r.text("resource_name")?,
        service: r.text("service")?,
        account: r.text("account")?,
        region: r.text("region")?,
        file: r.opt_text("file")?,
        line: r.opt_int("line")?,
        hipaa: r
            .text("hipaa")?
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        in_scope: r.boolean("in_scope")?,
        waived,
    })
}

fn decode_family(r: &dyn Cols) -> Result<FamilyScore, sqlx::Error> {
    Ok(FamilyScore {
        family: r.text("family")?,
        score: r.opt_float("score")?,
        counts: Counts {
            pass: r.int("pass")?,
            fail: r.int("fail")?,
            unknown: r.int("unknown")?,
            not_applicable: r.int("not_applicable")?,
        },
    })
}

/// Orders the families as the report does.
fn family_order(f: &str) -> usize {
    ["administrative", "physical", "technical", "documentation"]
        .iter()
        .position(|x| *x == f)
        .unwrap_or(9)
}

/// The WHERE clause (after `scan_id = $1`) and its parameters for a finding filter.
fn finding_where(filter: &FindingFilter, dialect: Dialect) -> (String, Vec<Arg>) {
    let mut sql = String::from(" WHERE scan_id = $1");
    let mut args: Vec<Arg> = Vec::new();
    let next = |args: &Vec<Arg>| args.len() + 2;
    let any_of = |sql: &mut String, args: &mut Vec<Arg>, col: &str, values: &[String]| {
        if values.is_empty() {
            return;
        }
        let mut ph = Vec::new();
        for v in values {
            ph.push(format!("${}", next(args)));
            args.push(Arg::Text(v.clone()));
        }
        sql.push_str(&format!(" AND {col} IN ({})", ph.join(", ")));
    };
    let severities: Vec<String> = filter
        .severities
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect();
    any_of(&mut sql, &mut args, "severity", &severities);
    any_of(&mut sql, &mut args, "service", &filter.services);
    any_of(&mut sql, &mut args, "account", &filter.accounts);
    any_of(&mut sql, &mut args, "region", &filter.regions);
    any_of(&mut sql, &mut args, "rule_id", &filter.rules);
    if let Some(min) = &filter.min_severity {
        sql.push_str(&format!(" AND severity_rank >= ${}", next(&args)));
        args.push(Arg::Int(severity_rank(&min.to_ascii_lowercase())));
    }
    if !filter.states.is_empty() {
        let parts: Vec<&str> = filter
            .states
            .iter()
            .map(|s| match s {
                FindingState::Fail => "status = 'fail'",
                FindingState::Unknown => "status = 'unknown'",
                FindingState::Open => "waived IS NULL",
                FindingState::Waived => "waived IS NOT NULL",
            })
            .collect();
        sql.push_str(&format!(" AND ({})", parts.join(" OR ")));
    }
    if let Some(in_scope) = filter.in_scope {
        sql.push_str(if in_scope {
            " AND in_scope"
        } else {
            " AND NOT in_scope"
        });
    }
    if let Some(text) = filter.text.as_ref().filter(|t| !t.is_empty()) {
        let n = next(&args);
        let f = match dialect {
            Dialect::Sqlite => "instr",
            Dialect::Postgres => "strpos",
        };
        sql.push_str(&format!(
            " AND ({f}(resource_id, ${n}) > 0 OR {f}(resource_name, ${n}) > 0 OR {f}(message, ${n}) > 0)"
        ));
        args.push(Arg::Text(text.clone()));
    }
    (sql, args)
}

impl Store {
    /// Opens (creating if needed) the store at `location` and migrates its schema.
    pub async fn open(location: &StoreLocation) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            store: location.redacted(),
            source,
        };
        let backend = match location {
            StoreLocation::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory {
                        path: dir.display().to_string(),
                        source,
                    })?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(30))
                    .foreign_keys(true);
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await
                    .map_err(open_err)?;
                Backend::Sqlite(pool)
            }
            StoreLocation::Postgres(url) => {
                let pool = PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(15))
                    .connect(url)
                    .await
                    .map_err(open_err)?;
                Backend::Postgres(pool)
            }
        };
        let store = Store {
            backend,
            location: location.clone(),
        };
        store.migrate().await?;
        Ok(store)
    }

    pub fn location(&self) -> &StoreLocation {
        &self.location
    }

    fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(self) {
        on_pool!(self, pool => pool.close().await)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let dialect = self.dialect();
        on_pool!(self, pool => {
            let mut tx = match dialect {
                // Take the write lock up front so two processes cannot both decide to migrate.
                Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
                Dialect::Postgres => {
                    let mut tx = pool.begin().await?;
                    sqlx::query("SELECT pg_advisory_xact_lock(7301946615)").execute(&mut *tx).await?;
                    tx
                }
            };
            sqlx::query(schema::CREATE_MIGRATIONS_TABLE).execute(&mut *tx).await?;
            let current: Option<i64> = sqlx::query("SELECT MAX(version) AS v FROM schema_migrations")
                .fetch_one(&mut *tx)
                .await?
                .try_get("v")?;
            let current = current.unwrap_or(0);
            if current > schema::latest_version() {
                return Err(StoreError::NewerSchema {
                    store: self.location.redacted(),
                    found: current,
                    known: schema::latest_version(),
                });
            }
            for m in schema::MIGRATIONS.iter().filter(|m| m.version > current) {
                for statement in m.statements {
                    sqlx::query(AssertSqlSafe(schema::render(statement, dialect))).execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)")
                    .bind(m.version)
                    .bind(m.description)
                    .bind(timestamp(chrono::Utc::now()))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// The schema version of the open store.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        on_pool!(self, pool => {
            let v: Option<i64> = sqlx::query("SELECT MAX(version) AS v FROM schema_migrations")
                .fetch_one(pool)
                .await?
                .try_get("v")?;
            Ok(v.unwrap_or(0))
        })
    }

    /// Writes a scan in one transaction and returns its id.
    pub async fn record(&self, scan: &NewScan) -> Result<ScanId, StoreError> {
        self.record_inner(scan, None).await
    }

    /// `record`, failing on purpose after `fail_after` finding rows: lets tests prove that
    /// an interrupted write leaves nothing behind.
    #[doc(hidden)]
    pub async fn record_interrupted(
        &self,
        scan: &NewScan,
        fail_after: usize,
    ) -> Result<ScanId, StoreError> {
        self.record_inner(scan, Some(fail_after)).await
    }

    async fn record_inner(
        &self,
        scan: &NewScan,
        fail_after: Option<usize>,
    ) -> Result<ScanId, StoreError> {
        let m = &scan.meta;
        let dialect = self.dialect();
        let scan_sql = format!(
            "{} RETURNING id",
            insert_sql(dialect, "scans", SCAN_COLUMNS, 1)
        );
        on_pool!(self, pool => {
            let mut tx = match dialect {
                Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
                Dialect::Postgres => pool.begin().await?,
            };
            let id: i64 = sqlx::query(AssertSqlSafe(scan_sql))
                .bind(m.target.clone())
                .bind(m.source_kind.clone())
                .bind(m.source_description.clone())
                .bind(m.started_at.clone())
                .bind(m.finished_at.clone())
                .bind(m.inventory_generated_at.clone())
                .bind(m.tool_version.clone())
                .bind(m.catalog_version.clone())
                .bind(m.inventory_digest.clone())
                .bind(m.score)
                .bind(m.resources)
                .bind(m.rules)
                .bind(m.counts.pass)
                .bind(m.counts.fail)
                .bind(m.counts.unknown)
                .bind(m.counts.not_applicable)
                .bind(m.waived)
                .bind(m.fails.critical)
                .bind(m.fails.high)
                .bind(m.fails.medium)
                .bind(m.fails.low)
                .bind(m.fails.info)
                .bind(m.out_of_scope_fail)
                .bind(m.incomplete)
                .bind(m.coverage_failures)
                .bind(m.waivers_active)
                .bind(m.waivers_expired)
                .bind(m.waivers_stale)
                .bind(scan.summary_json.clone())
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;

            insert_batches!(dialect, tx, "scan_families", FAMILY_COLUMNS, scan.families, |q, f| q
                .bind(id)
                .bind(f.family.clone())
                .bind(f.score)
                .bind(f.counts.pass)
                .bind(f.counts.fail)
                .bind(f.counts.unknown)
                .bind(f.counts.not_applicable));

            let findings: &[StoredFinding] = match fail_after {
                Some(n) => &scan.findings[..n.min(scan.findings.len())],
                None => &scan.findings,
            };
            let mut waived_json = Vec::with_capacity(findings.len());
            for f in findings {
                waived_json.push(match &f.waived {
                    Some(w) => Some(serde_json::to_string(w).map_err(|e| StoreError::Invalid(e.to_string()))?),
                    None => None,
                });
            }
            let rows: Vec<(&StoredFinding, Option<String>)> = findings.iter().zip(waived_json).collect();
            insert_batches!(dialect, tx, "findings", FINDING_COLUMNS, rows, |q, row| {
                let (f, waived) = row;
                q.bind(id)
                    .bind(f.fingerprint.clone())
                    .bind(f.rule_id.clone())
                    .bind(f.rule_name.clone())
                    .bind(f.title.clone())
                    .bind(f.severity.clone())
                    .bind(severity_rank(&f.severity))
                    .bind(f.status.clone())
                    .bind(f.unknown_reason.clone())
                    .bind(f.message.clone())
                    .bind(f.resource_id.clone())
                    .bind(f.resource_type.clone())
                    .bind(f.resource_name.clone())
                    .bind(f.service.clone())
                    .bind(f.account.clone())
                    .bind(f.region.clone())
                    .bind(f.file.clone())
                    .bind(f.line)
                    .bind(f.hipaa.join(" "))
                    .bind(f.in_scope)
                    .bind(waived.clone())
            });
            if fail_after.is_some() {
                return Err(StoreError::Invalid("write interrupted".into()));
            }

            insert_batches!(dialect, tx, "rule_outcomes", RULE_COLUMNS, scan.rules, |q, r| q
                .bind(id)
                .bind(r.rule_id.clone())
                .bind(r.severity.clone())
                .bind(r.counts.pass)
                .bind(r.counts.fail)
                .bind(r.counts.unknown)
                .bind(r.counts.not_applicable)
                .bind(r.waived));
            insert_batches!(dialect, tx, "resources", RESOURCE_COLUMNS, scan.resources, |q, r| q
                .bind(id)
                .bind(r.resource_id.clone())
                .bind(r.resource_type.clone())
                .bind(r.digest.clone()));
            let waivers: Vec<(i64, &StoredWaiver)> =
                scan.waivers.iter().enumerate().map(|(i, w)| (i as i64, w)).collect();
            insert_batches!(dialect, tx, "scan_waivers", WAIVER_COLUMNS, waivers, |q, row| {
                let (i, w) = row;
                q.bind(id)
                    .bind(*i)
                    .bind(w.rule.clone())
                    .bind(w.resource.clone())
                    .bind(w.reason.clone())
                    .bind(w.owner.clone())
                    .bind(w.created.clone())
                    .bind(w.expires.clone())
                    .bind(w.origin.clone())
                    .bind(w.state.clone())
                    .bind(w.findings)
            });
            let facets = facet_counts(&scan.findings);
            insert_batches!(dialect, tx, "scan_facets", FACET_COLUMNS, facets, |q, row| {
                let (facet, value, n) = row;
                q.bind(id).bind(*facet).bind(value.clone()).bind(*n)
            });
            // The drift from the target's previous scan is what the dashboard shows first.
            let previous: Option<i64> = sqlx::query("SELECT MAX(id) AS p FROM scans WHERE target = $1 AND id < $2")
                .bind(m.target.clone())
                .bind(id)
                .fetch_one(&mut *tx)
                .await?
                .try_get("p")?;
            if let Some(previous) = previous {
                drift_pages::compute_and_keep!(tx, previous, id);
            }
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Scans, newest first.
    pub async fn scans(&self, filter: &ScanFilter) -> Result<Vec<ScanMeta>, StoreError> {
        let mut sql = format!("{SCAN_SELECT} WHERE 1 = 1");
        let mut args = Vec::new();
        if let Some(t) = &filter.target {
            args.push(Arg::Text(t.clone()));
            sql.push_str(&format!(" AND target = ${}", args.len()));
        }
        if let Some(b) = filter.before {
            args.push(Arg::Int(b));
            sql.push_str(&format!(" AND id < ${}", args.len()));
        }
        args.push(Arg::Int(i64::from(
            filter.limit.unwrap_or(100).clamp(1, MAX_PAGE),
        )));
        sql.push_str(&format!(" ORDER BY id DESC LIMIT ${}", args.len()));
        on_pool!(self, pool => {
            let rows = bind_all!(sqlx::query(AssertSqlSafe(sql)), &args).fetch_all(pool).await?;
            Ok(rows.iter().map(|r| decode_scan(r)).collect::<Result<Vec<_>, _>>()?)
        })
    }

    pub async fn scan(&self, id: ScanId) -> Result<Option<ScanMeta>, StoreError> {
        let sql = format!("{SCAN_SELECT} WHERE id = $1");
        on_pool!(self, pool => {
            let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?;
            Ok(row.map(|r| decode_scan(&r)).transpose()?)
        })
    }

    async fn require_scan(&self, id: ScanId) -> Result<ScanMeta, StoreError> {
        self.scan(id).await?.ok_or(StoreError::NoSuchScan(id))
    }

    /// The latest scan, of `target` if given.
    pub async fn latest(&self, target: Option<&str>) -> Result<Option<ScanMeta>, StoreError> {
        let filter = ScanFilter {
            target: target.map(str::to_string),
            limit: Some(1),
            before: None,
        };
        Ok(self.scans(&filter).await?.into_iter().next())
    }

    /// The two scans `diff` compares by default: the latest scan (of `target`, or overall)
    /// and the one before it of the same target. `None` when there are fewer than two.
    pub async fn last_two(
        &self,
        target: Option<&str>,
    ) -> Result<Option<(ScanMeta, ScanMeta)>, StoreError> {
        let Some(latest) = self.latest(target).await? else {
            return Ok(None);
        };
        let filter = ScanFilter {
            target: Some(latest.target.clone()),
            limit: Some(1),
            before: Some(latest.id),
        };
        Ok(self
            .scans(&filter)
            .await?
            .into_iter()
            .next()
            .map(|prev| (prev, latest)))
    }

    /// The SQL summary JSON of a scan (the report's `summary`: sections and statuses).
    pub async fn summary_json(&self, id: ScanId) -> Result<Option<String>, StoreError> {
        on_pool!(self, pool => {
            let row = sqlx::query("SELECT summary_json FROM scans WHERE id = $1").bind(id).fetch_optional(pool).await?;
            Ok(row.map(|r| r.try_get("summary_json")).transpose()?)
        })
    }

    pub async fn families(&self, id: ScanId) -> Result<Vec<FamilyScore>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query("SELECT family, score, pass, fail, unknown, not_applicable FROM scan_families WHERE scan_id = $1")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let mut v = rows.iter().map(|r| decode_family(r)).collect::<Result<Vec<_>, _>>()?;
            v.sort_by_key(|f| family_order(&f.family));
            Ok(v)
        })
    }

    /// One page of a scan's findings matching `filter`, most severe first (then rule id and
    /// resource id), with the total count.
    pub async fn findings(
        &self,
        scan: ScanId,
        filter: &FindingFilter,
        page: PageRequest,
    ) -> Result<Page<StoredFinding>, StoreError> {
        let limit = page.limit.clamp(1, MAX_PAGE);
        let offset = page.offset.min(i64::MAX as u64);
        let (clause, args) = finding_where(filter, self.dialect());
        let count_sql = format!("SELECT COUNT(*) AS n FROM findings{clause}");
        let n = args.len();
        let page_sql = format!(
            "{FINDING_SELECT}{clause} ORDER BY severity_rank DESC, rule_id, resource_id LIMIT ${} OFFSET ${}",
            n + 2,
            n + 3
        );
        // A text filter reads every finding of the scan (a substring test per row), and
        // counting then paging made that two passes: one pass counts with a window instead.
        let searching = filter.text.as_ref().is_some_and(|t| !t.is_empty());
        if searching {
            let windowed = format!(
                "SELECT fingerprint, rule_id, rule_name, title, severity, status, unknown_reason, \
                 message, resource_id, resource_type, resource_name, service, account, region, file, line, \
                 hipaa, in_scope, waived, COUNT(*) OVER () AS total_rows FROM findings{clause} \
                 ORDER BY severity_rank DESC, rule_id, resource_id LIMIT ${} OFFSET ${}",
                n + 2,
                n + 3
            );
            let rows = on_pool!(self, pool => {
                let rows = bind_all!(sqlx::query(AssertSqlSafe(windowed)).bind(scan), &args)
                    .bind(i64::from(limit))
                    .bind(offset as i64)
                    .fetch_all(pool)
                    .await?;
                let total = match rows.first() {
                    Some(r) => Some(r.try_get::<i64, _>("total_rows")?),
                    None => None,
                };
                let items = rows.iter().map(|r| decode_finding(r)).collect::<Result<Vec<_>, _>>()?;
                (total, items)
            });
            // Past the last match the window has no row to report the count on.
            if let (Some(total), items) = rows {
                return Ok(Page {
                    items,
                    total: total as u64,
                    offset,
                    limit,
                });
            }
        }
        on_pool!(self, pool => {
            let total: i64 = bind_all!(sqlx::query(AssertSqlSafe(count_sql)).bind(scan), &args)
                .fetch_one(pool)
                .await?
                .try_get("n")?;
            let rows = bind_all!(sqlx::query(AssertSqlSafe(page_sql)).bind(scan), &args)
                .bind(i64::from(limit))
                .bind(offset as i64)
                .fetch_all(pool)
                .await?;
            let items = rows.iter().map(|r| decode_finding(r)).collect::<Result<Vec<_>, _>>()?;
            Ok(Page { items, total: total as u64, offset, limit })
        })
    }

    /// One finding of a scan by fingerprint.
    pub async fn finding(
        &self,
        scan: ScanId,
        fingerprint: &str,
    ) -> Result<Option<StoredFinding>, StoreError> {
        let sql = format!("{FINDING_SELECT} WHERE scan_id = $1 AND fingerprint = $2");
        on_pool!(self, pool => {
            let row = sqlx::query(AssertSqlSafe(sql)).bind(scan).bind(fingerprint.to_string()).fetch_optional(pool).await?;
            Ok(row.map(|r| decode_finding(&r)).transpose()?)
        })
    }

    /// Every stored finding of a scan (failures and unknowns), in page order.
    pub async fn all_findings(&self, scan: ScanId) -> Result<Vec<StoredFinding>, StoreError> {
        let sql = format!(
            "{FINDING_SELECT} WHERE scan_id = $1 ORDER BY severity_rank DESC, rule_id, resource_id"
        );
        on_pool!(self, pool => {
            let rows = sqlx::query(AssertSqlSafe(sql)).bind(scan).fetch_all(pool).await?;
            Ok(rows.iter().map(|r| decode_finding(r)).collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Distinct values (with counts) of a scan's findings, for filter menus.
    ///
    /// Counted once when the scan is recorded (`scan_facets`): six `GROUP BY` passes over
    /// ten thousand findings on every findings page were most of its cost.
    pub async fn facets(&self, scan: ScanId) -> Result<Facets, StoreError> {
        let rows: Vec<(String, String, i64)> = on_pool!(self, pool => {
            let rows = sqlx::query("SELECT facet, value, n FROM scan_facets WHERE scan_id = $1 ORDER BY facet, value")
                .bind(scan)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|r| Ok((r.try_get("facet")?, r.try_get("value")?, r.try_get("n")?)))
                .collect::<Result<Vec<_>, sqlx::Error>>()?
        });
        let mut out = Facets::default();
        for (facet, value, n) in rows {
            let slot = match facet.as_str() {
                "severity" => &mut out.severities,
                "service" => &mut out.services,
                "account" => &mut out.accounts,
                "region" => &mut out.regions,
                "rule_id" => &mut out.rules,
                "status" => &mut out.statuses,
                _ => continue,
            };
            slot.push((value, n));
        }
        out.severities.sort_by_key(|(s, _)| -severity_rank(s));
        Ok(out)
    }

    pub async fn rule_outcomes(&self, scan: ScanId) -> Result<Vec<RuleOutcome>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT rule_id, severity, pass, fail, unknown, not_applicable, waived FROM rule_outcomes \
                 WHERE scan_id = $1 ORDER BY rule_id",
            )
            .bind(scan)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(RuleOutcome {
                        rule_id: r.try_get("rule_id")?,
                        severity: r.try_get("severity")?,
                        counts: Counts {
                            pass: r.try_get("pass")?,
                            fail: r.try_get("fail")?,
                            unknown: r.try_get("unknown")?,
                            not_applicable: r.try_get("not_applicable")?,
                        },
                        waived: r.try_get("waived")?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    }

    pub async fn resources(&self, scan: ScanId) -> Result<Vec<ResourceDigest>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT resource_id, resource_type, digest FROM resources WHERE scan_id = $1 ORDER BY resource_id",
            )
            .bind(scan)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(ResourceDigest {
                        resource_id: r.try_get("resource_id")?,
                        resource_type: r.try_get("resource_type")?,
                        digest: r.try_get("digest")?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    }

    /// The waivers applied in a scan, in the order given.
    pub async fn waivers(&self, scan: ScanId) -> Result<Vec<StoredWaiver>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT rule, resource, reason, owner, created, expires, origin, state, findings FROM scan_waivers \
                 WHERE scan_id = $1 ORDER BY position",
            )
            .bind(scan)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(StoredWaiver {
                        rule: r.try_get("rule")?,
                        resource: r.try_get("resource")?,
                        reason: r.try_get("reason")?,
                        owner: r.try_get("owner")?,
                        created: r.try_get("created")?,
                        expires: r.try_get("expires")?,
                        origin: r.try_get("origin")?,
                        state: r.try_get("state")?,
                        findings: r.try_get("findings")?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    }

    /// The score trend of `target`: its last `limit` scans, oldest first, with family scores.
    pub async fn score_series(
        &self,
        target: &str,
        limit: u32,
    ) -> Result<Vec<ScorePoint>, StoreError> {
        let mut scans = self
            .scans(&ScanFilter {
                target: Some(target.to_string()),
                limit: Some(limit),
                before: None,
            })
            .await?;
        scans.reverse();
        let Some(first) = scans.first().map(|s| s.id) else {
            return Ok(Vec::new());
        };
        let rows: Vec<(i64, FamilyScore)> = on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT f.scan_id, f.family, f.score, f.pass, f.fail, f.unknown, f.not_applicable \
                 FROM scan_families f JOIN scans s ON s.id = f.scan_id WHERE s.target = $1 AND f.scan_id >= $2",
            )
            .bind(target.to_string())
            .bind(first)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| Ok((r.try_get::<i64, _>("scan_id")?, decode_family(r)?)))
                .collect::<Result<Vec<_>, sqlx::Error>>()?
        });
        let mut by_scan: std::collections::HashMap<i64, Vec<FamilyScore>> =
            std::collections::HashMap::new();
        for (id, f) in rows {
            by_scan.entry(id).or_default().push(f);
        }
        Ok(scans
            .into_iter()
            .map(|s| {
                let mut families = by_scan.remove(&s.id).unwrap_or_default();
                families.sort_by_key(|f| family_order(&f.family));
                ScorePoint {
                    scan: s.id,
                    finished_at: s.finished_at,
                    score: s.score,
                    families,
                    open: s.counts.fail + s.counts.unknown - s.waived,
                    waived: s.waived,
                }
            })
            .collect())
    }

    /// Every target with its scan count and latest scan.
    pub async fn targets(&self) -> Result<Vec<TargetInfo>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT s.target, c.n, s.id, s.finished_at, s.score FROM scans s \
                 JOIN (SELECT target, COUNT(*) AS n, MAX(id) AS latest FROM scans GROUP BY target) c ON s.id = c.latest \
                 ORDER BY s.target",
            )
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(TargetInfo {
                        target: r.try_get("target")?,
                        scans: r.try_get("n")?,
                        latest: r.try_get("id")?,
                        latest_finished_at: r.try_get("finished_at")?,
                        latest_score: r.try_get("score")?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    }

    /// Deletes a scan and everything recorded with it. Returns whether it existed.
    pub async fn delete_scan(&self, id: ScanId) -> Result<bool, StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for table in ["findings", "scan_families", "rule_outcomes", "resources", "scan_waivers", "scan_facets"] {
                sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE scan_id = $1"))).bind(id).execute(&mut *tx).await?;
            }
            sqlx::query("DELETE FROM drift_counts WHERE from_scan = $1 OR to_scan = $1").bind(id).execute(&mut *tx).await?;
            let n = sqlx::query("DELETE FROM scans WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            Ok(n > 0)
        })
    }

    /// What changed from scan `from` to scan `to`.
    pub async fn diff(&self, from: ScanId, to: ScanId) -> Result<Drift, StoreError> {
        let side = |id| async move {
            Ok::<_, StoreError>(diff::Side {
                meta: self.require_scan(id).await?,
                findings: self.all_findings(id).await?,
                resources: self.resources(id).await?,
                rules: self.rule_outcomes(id).await?,
            })
        };
        let a = side(from).await?;
        let b = side(to).await?;
        Ok(diff::drift(a, b))
    }
}

/// Runs a future to completion on a fresh single-threaded runtime, for synchronous callers
/// (the CLI). Must not be called from inside an async runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a single-threaded runtime starts")
        .block_on(future)
}

/// Records `report` (evaluated from `inventory`) in the store at `location`, synchronously,
/// and returns the scan id. Opens, migrates, writes in one transaction, closes.
pub fn record(
    location: &StoreLocation,
    report: &safeguard_engine::Report<'_>,
    inventory: &safeguard_model::Inventory,
    options: &RecordOptions,
) -> Result<ScanId, StoreError> {
    let scan = capture(report, inventory, options);
    block_on(async {
        let store = Store::open(location).await?;
        let id = store.record(&scan).await;
        store.close().await;
        id
    })
}

/// For tests and tools: the path of an SQLite store, if that is what it is.
pub fn sqlite_path(location: &StoreLocation) -> Option<&Path> {
    match location {
        StoreLocation::Sqlite(p) => Some(p),
        StoreLocation::Postgres(_) => None,
    }
}
