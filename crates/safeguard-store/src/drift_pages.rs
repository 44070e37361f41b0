//! Drift a page at a time, computed by the database.
//!
//! [`Store::diff`] loads both scans whole and compares them in memory: right for the CLI,
//! which prints everything, but between two scans of ten thousand findings it decodes
//! twenty thousand findings to show a hundred. Here each list is one query over the
//! scans' keys (`(scan_id, fingerprint)` and `(scan_id, resource_id)`), read in page order
//! and cut with `LIMIT`/`OFFSET`, so a page costs about what it shows.
//!
//! The counts are kept in `drift_counts`: scans never change once recorded, so the sizes of
//! the drift between two of them are computed once (when the later scan is recorded, for
//! the scan before it of the same target; on first request otherwise) and read back after.

use crate::diff::{self, Before, Drift, DriftCounts, Fixed, FixedHow, ResourceChange};
use crate::diff::{ResourceChangeKind, StillOpen};
use crate::model::{PageRequest, ScanId, MAX_PAGE};
use crate::{decode_finding, Backend, Cols, Store, StoreError};
use sqlx::{AssertSqlSafe, Row as _};

/// Which still-open findings a drift page lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StillOpenRows {
    /// Every finding open in both scans.
    All,
    /// Only those whose status, waiver or scope moved.
    Changed,
}

/// The columns of a finding as read for [`decode_finding`], qualified by table alias.
fn finding_columns(alias: &str) -> String {
    [
        "fingerprint",
        "rule_id",
        "rule_name",
        "title",
        "severity",
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
    ]
    .iter()
    .map(|c| format!("{alias}.{c}"))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Page order of findings (most severe first), for alias `t`.
const PAGE_ORDER: &str = "severity_rank DESC, rule_id, resource_id";

/// True when a finding open in both scans moved (`f`: earlier scan, `t`: later scan): the
/// same test as [`diff::change`] returning something.
const MOVED: &str = "(f.status <> t.status OR (f.waived IS NULL) <> (t.waived IS NULL) \
    OR f.in_scope <> t.in_scope)";

/// `$1` the earlier scan, `$2` the later one.
const NOT_IN_EARLIER: &str =
    "NOT EXISTS (SELECT 1 FROM findings f WHERE f.scan_id = $1 AND f.fingerprint = t.fingerprint)";
const NOT_IN_LATER: &str =
    "NOT EXISTS (SELECT 1 FROM findings t WHERE t.scan_id = $2 AND t.fingerprint = f.fingerprint)";

/// The drift's sizes in one statement (`$1` earlier scan, `$2` later scan).
pub(crate) fn counts_sql() -> String {
    format!(
        "SELECT \
        (SELECT COUNT(*) FROM findings t WHERE t.scan_id = $2 AND {NOT_IN_EARLIER}) AS new_findings, \
        (SELECT COUNT(*) FROM findings f WHERE f.scan_id = $1 AND {NOT_IN_LATER}) AS fixed_findings, \
        (SELECT COUNT(*) FROM findings WHERE scan_id = $2) AS open_after, \
        (SELECT COUNT(*) FROM findings t JOIN findings f ON f.scan_id = $1 AND f.fingerprint = t.fingerprint \
            WHERE t.scan_id = $2 AND {MOVED}) AS moved, \
        (SELECT COUNT(*) FROM resources t WHERE t.scan_id = $2 AND NOT EXISTS \
            (SELECT 1 FROM resources f WHERE f.scan_id = $1 AND f.resource_id = t.resource_id \
             AND f.digest = t.digest)) AS added_or_modified, \
        (SELECT COUNT(*) FROM resources f WHERE f.scan_id = $1 AND NOT EXISTS \
            (SELECT 1 FROM resources t WHERE t.scan_id = $2 AND t.resource_id = f.resource_id)) AS removed"
    )
}

const MEMO_SELECT: &str = "SELECT new_findings, fixed_findings, still_open, still_open_changed, \
    changed_resources FROM drift_counts WHERE from_scan = $1 AND to_scan = $2";
pub(crate) const MEMO_INSERT: &str =
    "INSERT INTO drift_counts (from_scan, to_scan, new_findings, fixed_findings, \
    still_open, still_open_changed, changed_resources) VALUES ($1, $2, $3, $4, $5, $6, $7) \
    ON CONFLICT (from_scan, to_scan) DO NOTHING";

/// The sizes as stored (without the score change, which the scans' rows give).
#[derive(Clone, Copy)]
pub(crate) struct Sizes {
    pub new: i64,
    pub fixed: i64,
    pub still_open: i64,
    pub still_open_changed: i64,
    pub changed_resources: i64,
}

impl Sizes {
    pub(crate) fn from_counts_row(r: &dyn Cols) -> Result<Sizes, sqlx::Error> {
        let new = r.int("new_findings")?;
        Ok(Sizes {
            new,
            fixed: r.int("fixed_findings")?,
            still_open: r.int("open_after")? - new,
            still_open_changed: r.int("moved")?,
            changed_resources: r.int("added_or_modified")? + r.int("removed")?,
        })
    }

    fn from_memo_row(r: &dyn Cols) -> Result<Sizes, sqlx::Error> {
        Ok(Sizes {
            new: r.int("new_findings")?,
            fixed: r.int("fixed_findings")?,
            still_open: r.int("still_open")?,
            still_open_changed: r.int("still_open_changed")?,
            changed_resources: r.int("changed_resources")?,
        })
    }
}

/// Computes the drift's sizes from `from` to `to` and keeps them, on a connection or in a
/// transaction (recording a scan does it in its own).
macro_rules! compute_and_keep {
    ($conn:expr, $from:expr, $to:expr) => {{
        let row = sqlx::query(sqlx::AssertSqlSafe($crate::drift_pages::counts_sql()))
            .bind($from)
            .bind($to)
            .fetch_one(&mut *$conn)
            .await?;
        let s = $crate::drift_pages::Sizes::from_counts_row(&row)?;
        sqlx::query($crate::drift_pages::MEMO_INSERT)
            .bind($from)
            .bind($to)
            .bind(s.new)
            .bind(s.fixed)
            .bind(s.still_open)
            .bind(s.still_open_changed)
            .bind(s.changed_resources)
            .execute(&mut *$conn)
            .await?;
        s
    }};
}
pub(crate) use compute_and_keep;

impl Store {
    /// The sizes of [`Store::diff`]`(from, to)`, counted by the database and kept.
    ///
    /// A summary (the dashboard's overview) needs only the counts; computing them from the
    /// full drift would load and decode every finding and resource of both scans. Counting
    /// is one anti-join per list over the scans' keys, tens of milliseconds for scans of
    /// ten thousand findings; the result is stored, since neither scan can change.
    pub async fn drift_counts(&self, from: ScanId, to: ScanId) -> Result<DriftCounts, StoreError> {
        let a = self.require_scan(from).await?;
        let b = self.require_scan(to).await?;
        let s = self.sizes(from, to).await?;
        Ok(DriftCounts {
            score_change: diff::score_change(&a, &b),
            new: s.new as u64,
            fixed: s.fixed as u64,
            still_open: s.still_open as u64,
            still_open_changed: s.still_open_changed as u64,
            changed_resources: s.changed_resources as u64,
        })
    }

    async fn sizes(&self, from: ScanId, to: ScanId) -> Result<Sizes, StoreError> {
        on_pool!(self, pool => {
            if let Some(row) = sqlx::query(MEMO_SELECT).bind(from).bind(to).fetch_optional(pool).await? {
                return Ok(Sizes::from_memo_row(&row)?);
            }
            let mut conn = pool.acquire().await?;
            Ok(compute_and_keep!(conn, from, to))
        })
    }

    /// One page of every list of the drift from `from` to `to`: the same `offset` and
    /// `limit` apply to each list, in the order [`Store::diff`] gives them, and the counts
    /// are complete.
    pub async fn drift_page(
        &self,
        from: ScanId,
        to: ScanId,
        still_open: StillOpenRows,
        page: PageRequest,
    ) -> Result<(DriftCounts, Drift), StoreError> {
        let counts = self.drift_counts(from, to).await?;
        let limit = i64::from(page.limit.clamp(1, MAX_PAGE));
        let offset = page.offset.min(i64::MAX as u64) as i64;
        let new_sql = format!(
            "SELECT {} FROM findings t WHERE t.scan_id = $2 AND {NOT_IN_EARLIER} \
             ORDER BY {PAGE_ORDER} LIMIT $3 OFFSET $4",
            finding_columns("t")
        );
        let fixed_sql = format!(
            "SELECT {}, CASE \
                WHEN NOT EXISTS (SELECT 1 FROM resources r WHERE r.scan_id = $2 AND r.resource_id = f.resource_id) THEN 'resource_removed' \
                WHEN NOT EXISTS (SELECT 1 FROM rule_outcomes o WHERE o.scan_id = $2 AND o.rule_id = f.rule_id) THEN 'rule_not_run' \
                ELSE 'resolved' END AS how \
             FROM findings f WHERE f.scan_id = $1 AND {NOT_IN_LATER} \
             ORDER BY {PAGE_ORDER} LIMIT $3 OFFSET $4",
            finding_columns("f")
        );
        let moved_only = match still_open {
            StillOpenRows::All => String::new(),
            StillOpenRows::Changed => format!(" AND {MOVED}"),
        };
        let open_sql = format!(
            "SELECT {}, f.status AS before_status, f.waived IS NOT NULL AS before_waived, \
                f.in_scope AS before_in_scope \
             FROM findings t JOIN findings f ON f.scan_id = $1 AND f.fingerprint = t.fingerprint \
             WHERE t.scan_id = $2{moved_only} ORDER BY t.severity_rank DESC, t.rule_id, t.resource_id \
             LIMIT $3 OFFSET $4",
            finding_columns("t")
        );
        let resources_sql = "SELECT resource_id, resource_type, change FROM ( \
                SELECT t.resource_id, t.resource_type, \
                    CASE WHEN f.resource_id IS NULL THEN 'added' ELSE 'modified' END AS change \
                FROM resources t LEFT JOIN resources f ON f.scan_id = $1 AND f.resource_id = t.resource_id \
                WHERE t.scan_id = $2 AND (f.resource_id IS NULL OR f.digest <> t.digest) \
                UNION ALL \
                SELECT f.resource_id, f.resource_type, 'removed' AS change FROM resources f \
                WHERE f.scan_id = $1 AND NOT EXISTS \
                    (SELECT 1 FROM resources t WHERE t.scan_id = $2 AND t.resource_id = f.resource_id) \
            ) x ORDER BY resource_id LIMIT $3 OFFSET $4";

        let (new, fixed, still_open, changed_resources) = on_pool!(self, pool => {
            let run = |sql: String| {
                sqlx::query(AssertSqlSafe(sql)).bind(from).bind(to).bind(limit).bind(offset).fetch_all(pool)
            };
            let new = run(new_sql)
                .await?
                .iter()
                .map(|r| decode_finding(r))
                .collect::<Result<Vec<_>, _>>()?;
            let fixed = run(fixed_sql)
                .await?
                .iter()
                .map(|r| {
                    let how = match r.try_get::<String, _>("how")?.as_str() {
                        "resource_removed" => FixedHow::ResourceRemoved,
                        "rule_not_run" => FixedHow::RuleNotRun,
                        _ => FixedHow::Resolved,
                    };
                    Ok(Fixed { finding: decode_finding(r)?, how })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            let still_open = run(open_sql)
                .await?
                .iter()
                .map(|r| {
                    let finding = decode_finding(r)?;
                    let before = Before {
                        status: r.text("before_status")?,
                        waived: r.boolean("before_waived")?,
                        in_scope: r.boolean("before_in_scope")?,
                    };
                    Ok(StillOpen { change: diff::change(&before, &finding), finding })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            let changed_resources = run(resources_sql.to_string())
                .await?
                .iter()
                .map(|r| {
                    let change = match r.try_get::<String, _>("change")?.as_str() {
                        "added" => ResourceChangeKind::Added,
                        "removed" => ResourceChangeKind::Removed,
                        _ => ResourceChangeKind::Modified,
                    };
                    Ok(ResourceChange {
                        resource_id: r.try_get("resource_id")?,
                        resource_type: r.try_get("resource_type")?,
                        change,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            (new, fixed, still_open, changed_resources)
        });
        let drift = Drift {
            from: self.require_scan(from).await?,
            to: self.require_scan(to).await?,
            score_change: counts.score_change,
            new,
            fixed,
            still_open,
            changed_resources,
        };
        Ok((counts, drift))
    }
}
