//! Versioned schema migrations, run automatically when a store is opened.
//!
//! Each migration is a list of statements written once, with placeholders for the few types
//! the two backends spell differently. Applied versions are recorded in `schema_migrations`;
//! a store written by a newer safeguard (a version this one does not know) is refused
//! rather than misread. Migrations never change once released: a change is a new version.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

pub(crate) struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub statements: &'static [&'static str],
}

/// `{id}`: auto-increment primary key; `{int}`: 64-bit integer; `{float}`: double.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    description: "scans, families, findings, rule outcomes, resource digests, waivers",
    statements: &[
        "CREATE TABLE scans (
            id {id},
            target TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            source_description TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            inventory_generated_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            catalog_version TEXT NOT NULL,
            inventory_digest TEXT NOT NULL,
            score {float},
            resources {int} NOT NULL,
            rules {int} NOT NULL,
            pass {int} NOT NULL,
            fail {int} NOT NULL,
            unknown {int} NOT NULL,
            not_applicable {int} NOT NULL,
            waived {int} NOT NULL,
            fail_critical {int} NOT NULL,
            fail_high {int} NOT NULL,
            fail_medium {int} NOT NULL,
            fail_low {int} NOT NULL,
            fail_info {int} NOT NULL,
            out_of_scope_fail {int} NOT NULL,
            incomplete BOOLEAN NOT NULL,
            coverage_failures {int} NOT NULL,
            waivers_active {int} NOT NULL,
            waivers_expired {int} NOT NULL,
            waivers_stale {int} NOT NULL,
            summary_json TEXT NOT NULL
        )",
        "CREATE INDEX scans_by_target ON scans (target, id)",
        "CREATE TABLE scan_families (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            family TEXT NOT NULL,
            score {float},
            pass {int} NOT NULL,
            fail {int} NOT NULL,
            unknown {int} NOT NULL,
            not_applicable {int} NOT NULL,
            PRIMARY KEY (scan_id, family)
        )",
        "CREATE TABLE findings (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            rule_name TEXT NOT NULL,
            title TEXT NOT NULL,
            severity TEXT NOT NULL,
            severity_rank {int} NOT NULL,
            status TEXT NOT NULL,
            unknown_reason TEXT,
            message TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            resource_name TEXT NOT NULL,
            service TEXT NOT NULL,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            file TEXT,
            line {int},
            hipaa TEXT NOT NULL,
            in_scope BOOLEAN NOT NULL,
            waived TEXT,
            PRIMARY KEY (scan_id, fingerprint)
        )",
        "CREATE INDEX findings_by_severity ON findings (scan_id, severity_rank, rule_id, resource_id)",
        "CREATE INDEX findings_by_rule ON findings (scan_id, rule_id)",
        "CREATE INDEX findings_by_service ON findings (scan_id, service)",
        "CREATE INDEX findings_by_account ON findings (scan_id, account)",
        "CREATE TABLE rule_outcomes (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            rule_id TEXT NOT NULL,
            severity TEXT NOT NULL,
            pass {int} NOT NULL,
            fail {int} NOT NULL,
            unknown {int} NOT NULL,
            not_applicable {int} NOT NULL,
            waived {int} NOT NULL,
            PRIMARY KEY (scan_id, rule_id)
        )",
        "CREATE TABLE resources (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            resource_id TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (scan_id, resource_id)
        )",
        "CREATE TABLE scan_waivers (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            position {int} NOT NULL,
            rule TEXT NOT NULL,
            resource TEXT NOT NULL,
            reason TEXT NOT NULL,
            owner TEXT NOT NULL,
            created TEXT,
            expires TEXT NOT NULL,
            origin TEXT NOT NULL,
            state TEXT NOT NULL,
            findings {int} NOT NULL,
            PRIMARY KEY (scan_id, position)
        )",
    ],
}, Migration {
    version: 2,
    description: "findings indexed in page order (most severe first)",
    // Pages list findings by severity rank descending, then rule and resource ascending.
    // An index all ascending serves that order only with a sort of every finding of the
    // scan, which made late pages of large scans slow; this one is walked in order.
    statements: &[
        "CREATE INDEX findings_in_order ON findings (scan_id, severity_rank DESC, rule_id, resource_id)",
        "DROP INDEX findings_by_severity",
    ],
}, Migration {
    version: 3,
    description: "filter menu counts and drift sizes kept per scan",
    // Both are derived from rows that never change once a scan is recorded, and both were
    // recomputed on every dashboard request: the filter menus with six GROUP BY passes over
    // the scan's findings, the drift summary with anti-joins over two scans.
    statements: &[
        "CREATE TABLE scan_facets (
            scan_id {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            n {int} NOT NULL,
            PRIMARY KEY (scan_id, facet, value)
        )",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'severity', severity, COUNT(*) FROM findings GROUP BY scan_id, severity",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'service', service, COUNT(*) FROM findings GROUP BY scan_id, service",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'account', account, COUNT(*) FROM findings GROUP BY scan_id, account",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'region', region, COUNT(*) FROM findings GROUP BY scan_id, region",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'rule_id', rule_id, COUNT(*) FROM findings GROUP BY scan_id, rule_id",
        "INSERT INTO scan_facets (scan_id, facet, value, n) \
            SELECT scan_id, 'status', status, COUNT(*) FROM findings GROUP BY scan_id, status",
        "CREATE TABLE drift_counts (
            from_scan {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            to_scan {int} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            new_findings {int} NOT NULL,
            fixed_findings {int} NOT NULL,
            still_open {int} NOT NULL,
            still_open_changed {int} NOT NULL,
            changed_resources {int} NOT NULL,
            PRIMARY KEY (from_scan, to_scan)
        )",
        "CREATE INDEX drift_counts_by_to ON drift_counts (to_scan)",
    ],
}];

pub(crate) const CREATE_MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The newest schema version this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
}

pub(crate) fn render(statement: &str, dialect: Dialect) -> String {
    let (id, int, float) = match dialect {
        Dialect::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "REAL"),
        Dialect::Postgres => ("BIGSERIAL PRIMARY KEY", "BIGINT", "DOUBLE PRECISION"),
    };
    statement
        .replace("{id}", id)
        .replace("{int}", int)
        .replace("{float}", float)
}
