//! The same store suite on both backends: SQLite always; PostgreSQL when
//! `SAFEGUARD_TEST_POSTGRES_URL` is set (required when `CI` is set).
//! `scripts/postgres-test-server` starts a throwaway server and prints such a URL.

use chrono::NaiveDate;
use safeguard_engine::{apply_waivers, evaluate, Options, Origin, ResourcePattern, Waiver};
use safeguard_model::Inventory;
use safeguard_store::{
    block_on, capture, schema, Drift, DriftCounts, FindingFilter, FindingState, Fixed, FixedHow,
    PageRequest, RecordOptions, ResourceChangeKind, ScanFilter, StillOpen, StillOpenRows, Store,
    StoreError, StoreLocation, StoredFinding,
};
use std::collections::HashSet;
use std::path::Path;

const CLINIC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/clinic/inventory.json"
);

fn clinic() -> Inventory {
    Inventory::load(Path::new(CLINIC)).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Scan 1: the clinic as shipped, with one waiver over every S3 failure of one rule and
/// one expired waiver.
fn first_scan() -> (Inventory, safeguard_store::NewScan) {
    let inv = clinic();
    let mut report = evaluate(&inv, safeguard_rules::all(), &Options::default()).unwrap();
    let s3_rule = report
        .open()
        .map(|f| report.rule(f).meta().id)
        .find(|id| id.starts_with("S3-"))
        .expect("the clinic has an S3 failure");
    let waiver = |rule: &str, expires: &str| Waiver {
        rule: rule.into(),
        resource: ResourcePattern::Glob("arn:aws:s3:::*".into()),
        reason: "accepted for the test".into(),
        owner: "security".into(),
        created: None,
        expires: NaiveDate::parse_from_str(expires, "%Y-%m-%d").unwrap(),
        origin: Origin::File {
            path: "waivers.yaml".into(),
            line: 3,
        },
    };
    apply_waivers(
        &mut report,
        vec![waiver(s3_rule, "2027-01-31"), waiver(s3_rule, "2026-01-31")],
        today(),
    );
    assert!(report.waived().count() > 0);
    let opts = RecordOptions {
        target: Some("clinic".into()),
        ..Default::default()
    };
    let scan = capture(&report, &inv, &opts);
    (inv.clone(), scan)
}

/// Scan 2: one failing resource removed, one copied under a new id (new findings), one
/// changed without changing its outcome.
fn second_scan(first: &Inventory, removed: &str, copied: &str) -> safeguard_store::NewScan {
    let mut value = serde_json::to_value(first).unwrap();
    let resources = value["resources"].as_array_mut().unwrap();
    let copy_of = resources
        .iter()
        .find(|r| r["id"] == copied)
        .unwrap()
        .clone();
    resources.retain(|r| r["id"] != removed);
    let mut copy = copy_of;
    copy["id"] = serde_json::Value::String(format!("{copied}-copy"));
    resources.push(copy);
    // Modify the copied resource's tags (not what any rule looks at).
    let original = resources.iter_mut().find(|r| r["id"] == copied).unwrap();
    original["tags"] = serde_json::json!({"changed": "yes"});
    let inv = Inventory::parse(&value.to_string(), Path::new("second.json")).unwrap();
    let report = evaluate(&inv, safeguard_rules::all(), &Options::default()).unwrap();
    capture(
        &report,
        &inv,
        &RecordOptions {
            target: Some("clinic".into()),
            ..Default::default()
        },
    )
}

async fn check(
    store: &Store,
    a: i64,
    all: &[safeguard_store::StoredFinding],
    filter: FindingFilter,
    keep: impl Fn(&safeguard_store::StoredFinding) -> bool,
) -> usize {
    let page = store
        .findings(
            a,
            &filter,
            PageRequest {
                offset: 0,
                limit: 1000,
            },
        )
        .await
        .unwrap();
    let want: Vec<&str> = all
        .iter()
        .filter(|f| keep(f))
        .map(|f| f.fingerprint.as_str())
        .collect();
    let got: Vec<&str> = page.items.iter().map(|f| f.fingerprint.as_str()).collect();
    assert_eq!(got, want, "{filter:?}");
    assert_eq!(page.total as usize, want.len());
    want.len()
}

async fn suite(location: StoreLocation) {
    let store = Store::open(&location).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        schema::latest_version()
    );
    store.close().await;
    // Opening again finds the schema in place.
    let store = Store::open(&location).await.unwrap();
    assert!(store
        .scans(&ScanFilter::default())
        .await
        .unwrap()
        .is_empty());
    assert!(store.last_two(None).await.unwrap().is_none());

    let (inv1, scan1) = first_scan();
    let a = store.record(&scan1).await.unwrap();
    let listed = store.scans(&ScanFilter::default()).await.unwrap();
    assert_eq!(listed.len(), 1);
    let meta = &listed[0];
    assert_eq!(meta.id, a);
    assert_eq!(meta.target, "clinic");
    assert_eq!(meta.inventory_digest.len(), 64);
    assert_eq!(
        meta.inventory_digest,
        safeguard_store::inventory_digest(&inv1)
    );
    assert_eq!(meta.catalog_version, safeguard_rules::CATALOG_VERSION);
    assert_eq!(meta.score, scan1.meta.score);
    assert_eq!(meta.counts, scan1.meta.counts);
    assert!(meta.waived > 0);
    assert_eq!((meta.waivers_active, meta.waivers_expired), (1, 1));
    let mut expected = scan1.meta.clone();
    expected.id = a;
    assert_eq!(meta, &expected, "the metadata round-trips");
    assert_eq!(store.scan(a).await.unwrap().as_ref(), Some(meta));
    assert_eq!(store.scan(a + 1000).await.unwrap(), None);
    assert_eq!(store.families(a).await.unwrap(), scan1.families);
    assert_eq!(
        store.rule_outcomes(a).await.unwrap().len(),
        scan1.rules.len()
    );
    assert_eq!(
        store.resources(a).await.unwrap().len(),
        inv1.resources.len()
    );
    let waivers = store.waivers(a).await.unwrap();
    assert_eq!(
        waivers.iter().map(|w| w.state.as_str()).collect::<Vec<_>>(),
        ["active", "expired"]
    );
    assert!(store
        .summary_json(a)
        .await
        .unwrap()
        .unwrap()
        .contains("\"families\""));

    // Every stored finding round-trips, most severe first.
    let all = store.all_findings(a).await.unwrap();
    assert_eq!(all.len(), scan1.findings.len());
    let by_fp: std::collections::HashMap<_, _> =
        scan1.findings.iter().map(|f| (&f.fingerprint, f)).collect();
    for f in &all {
        assert_eq!(by_fp[&f.fingerprint], f);
    }
    let rank = |s: &str| {
        ["info", "low", "medium", "high", "critical"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    assert!(all
        .windows(2)
        .all(|w| rank(&w[0].severity) >= rank(&w[1].severity)));

    // Pages cover everything exactly once.
    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        let page = store
            .findings(
                a,
                &FindingFilter::default(),
                PageRequest { offset, limit: 7 },
            )
            .await
            .unwrap();
        assert_eq!(page.total as usize, all.len());
        if page.items.is_empty() {
            break;
        }
        for f in page.items {
            assert!(seen.insert(f.fingerprint));
        }
        offset += 7;
    }
    assert_eq!(seen.len(), all.len());

    // Filters agree with filtering in memory.
    let n = check(
        &store,
        a,
        &all,
        FindingFilter {
            severities: vec!["high".into()],
            ..Default::default()
        },
        |f| f.severity == "high",
    )
    .await;
    assert!(n > 0);
    check(
        &store,
        a,
        &all,
        FindingFilter {
            min_severity: Some("high".into()),
            ..Default::default()
        },
        |f| rank(&f.severity) >= 3,
    )
    .await;
    check(
        &store,
        a,
        &all,
        FindingFilter {
            services: vec!["s3".into(), "rds".into()],
            ..Default::default()
        },
        |f| f.service == "s3" || f.service == "rds",
    )
    .await;
    let account = all[0].account.clone();
    check(
        &store,
        a,
        &all,
        FindingFilter {
            accounts: vec![account.clone()],
            ..Default::default()
        },
        |f| f.account == account,
    )
    .await;
    let rule = all[0].rule_id.clone();
    check(
        &store,
        a,
        &all,
        FindingFilter {
            rules: vec![rule.clone()],
            ..Default::default()
        },
        |f| f.rule_id == rule,
    )
    .await;
    let n = check(
        &store,
        a,
        &all,
        FindingFilter {
            states: vec![FindingState::Waived],
            ..Default::default()
        },
        |f| f.waived.is_some(),
    )
    .await;
    assert_eq!(
        n as i64,
        scan1.findings.iter().filter(|f| f.waived.is_some()).count() as i64
    );
    check(
        &store,
        a,
        &all,
        FindingFilter {
            states: vec![FindingState::Open],
            ..Default::default()
        },
        |f| f.waived.is_none(),
    )
    .await;
    check(
        &store,
        a,
        &all,
        FindingFilter {
            states: vec![FindingState::Unknown],
            ..Default::default()
        },
        |f| f.status == "unknown",
    )
    .await;
    check(
        &store,
        a,
        &all,
        FindingFilter {
            states: vec![FindingState::Fail],
            services: vec!["iam".into()],
            ..Default::default()
        },
        |f| f.status == "fail" && f.service == "iam",
    )
    .await;
    check(
        &store,
        a,
        &all,
        FindingFilter {
            text: Some("harborview".into()),
            ..Default::default()
        },
        |f| {
            f.resource_id.contains("harborview")
                || f.resource_name.contains("harborview")
                || f.message.contains("harborview")
        },
    )
    .await;
    // A text search counts every match on any page, including one past the last match.
    let search = FindingFilter {
        text: Some("harborview".into()),
        ..Default::default()
    };
    let everything = store
        .findings(
            a,
            &search,
            PageRequest {
                offset: 0,
                limit: 1000,
            },
        )
        .await
        .unwrap();
    assert!(everything.total > 2, "{}", everything.total);
    for offset in [
        1,
        everything.total - 1,
        everything.total,
        everything.total + 50,
    ] {
        let page = store
            .findings(a, &search, PageRequest { offset, limit: 2 })
            .await
            .unwrap();
        assert_eq!(page.total, everything.total, "offset {offset}");
        let want: Vec<&str> = everything
            .items
            .iter()
            .skip(offset as usize)
            .take(2)
            .map(|f| f.fingerprint.as_str())
            .collect();
        let got: Vec<&str> = page.items.iter().map(|f| f.fingerprint.as_str()).collect();
        assert_eq!(got, want, "offset {offset}");
    }
    // Hostile filter values are just values.
    check(
        &store,
        a,
        &all,
        FindingFilter {
            rules: vec!["x' OR '1'='1".into()],
            ..Default::default()
        },
        |_| false,
    )
    .await;
    let facets = store.facets(a).await.unwrap();
    assert_eq!(
        facets.services.iter().map(|(_, n)| n).sum::<i64>() as usize,
        all.len()
    );
    assert_eq!(facets.severities[0].0, all[0].severity);
    // Each menu lists every value once with its count.
    let counted = |value: fn(&StoredFinding) -> &str| {
        let mut m = std::collections::BTreeMap::<String, i64>::new();
        for f in &all {
            *m.entry(value(f).to_string()).or_default() += 1;
        }
        m.into_iter().collect::<Vec<_>>()
    };
    assert_eq!(facets.services, counted(|f| &f.service));
    assert_eq!(facets.rules, counted(|f| &f.rule_id));
    assert_eq!(facets.regions, counted(|f| &f.region));
    assert_eq!(facets.accounts, counted(|f| &f.account));
    assert_eq!(facets.statuses, counted(|f| &f.status));
    let one = store
        .finding(a, &all[0].fingerprint)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one, all[0]);

    // An interrupted write leaves nothing.
    let err = store
        .record_interrupted(&scan1, scan1.findings.len() / 2)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(store.scans(&ScanFilter::default()).await.unwrap().len(), 1);

    // A second scan: drift.
    let waived_resources: HashSet<&str> = all
        .iter()
        .filter(|f| f.waived.is_some())
        .map(|f| f.resource_id.as_str())
        .collect();
    let removed = all
        .iter()
        .find(|f| !waived_resources.contains(f.resource_id.as_str()))
        .unwrap()
        .resource_id
        .clone();
    let copied = all
        .iter()
        .find(|f| f.resource_id != removed)
        .unwrap()
        .resource_id
        .clone();
    let scan2 = second_scan(&inv1, &removed, &copied);
    let b = store.record(&scan2).await.unwrap();
    assert!(b > a);
    let (from, to) = store.last_two(Some("clinic")).await.unwrap().unwrap();
    assert_eq!((from.id, to.id), (a, b));
    assert_eq!(store.last_two(None).await.unwrap().unwrap().1.id, b);
    let drift = store.diff(a, b).await.unwrap();
    assert!(!drift.new.is_empty());
    assert!(
        drift
            .new
            .iter()
            .all(|f| f.resource_id == format!("{copied}-copy")),
        "{:?}",
        drift.new
    );
    assert!(drift
        .fixed
        .iter()
        .any(|f| f.finding.resource_id == removed && f.how == FixedHow::ResourceRemoved));
    assert!(drift
        .still_open
        .iter()
        .any(|s| s.finding.resource_id == copied));
    // The waiver was not applied in scan 2.
    let moved: Vec<&str> = drift
        .still_open
        .iter()
        .filter_map(|s| s.change.as_deref())
        .collect();
    assert!(
        moved.contains(&"waiver ended"),
        "{moved:?} open {} new {} fixed {} waived-before {}",
        drift.still_open.len(),
        drift.new.len(),
        drift.fixed.len(),
        all.iter().filter(|f| f.waived.is_some()).count()
    );
    let changes: Vec<(&str, ResourceChangeKind)> = drift
        .changed_resources
        .iter()
        .map(|c| (c.resource_id.as_str(), c.change))
        .collect();
    assert!(changes.contains(&(removed.as_str(), ResourceChangeKind::Removed)));
    assert!(changes.contains(&(copied.as_str(), ResourceChangeKind::Modified)));
    let copy_id = format!("{copied}-copy");
    assert!(changes.contains(&(copy_id.as_str(), ResourceChangeKind::Added)));
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(matches!(
        store.diff(a, b + 1000).await,
        Err(StoreError::NoSuchScan(_))
    ));
    // The counts the database computes are the drift's sizes, both ways round.
    for (x, y) in [(a, b), (b, a), (a, a)] {
        let d = store.diff(x, y).await.unwrap();
        let counts = store.drift_counts(x, y).await.unwrap();
        assert_eq!(
            counts,
            DriftCounts {
                score_change: d.score_change,
                new: d.new.len() as u64,
                fixed: d.fixed.len() as u64,
                still_open: d.still_open.len() as u64,
                still_open_changed: d.still_open.iter().filter(|s| s.change.is_some()).count()
                    as u64,
                changed_resources: d.changed_resources.len() as u64,
            },
            "drift {x} → {y}"
        );
        // Paged by the database, the drift is the in-memory drift cut into pages.
        assert_drift_pages_match(&store, x, y, &d).await;
    }
    assert_eq!(
        store.drift_counts(b, a).await.unwrap().new,
        drift.fixed.len() as u64
    );
    assert!(matches!(
        store.drift_counts(a, b + 1000).await,
        Err(StoreError::NoSuchScan(_))
    ));

    let series = store.score_series("clinic", 10).await.unwrap();
    assert_eq!(series.iter().map(|p| p.scan).collect::<Vec<_>>(), [a, b]);
    assert_eq!(series[0].families.len(), 4);
    assert_eq!(series[0].families[0].family, "administrative");
    let targets = store.targets().await.unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!((targets[0].scans, targets[0].latest), (2, b));
    let older = store
        .scans(&ScanFilter {
            before: Some(b),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(older.iter().map(|s| s.id).collect::<Vec<_>>(), [a]);
    assert!(store
        .scans(&ScanFilter {
            target: Some("other".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .is_empty());

    assert!(store.delete_scan(a).await.unwrap());
    assert!(!store.delete_scan(a).await.unwrap());
    assert!(store.all_findings(a).await.unwrap().is_empty());
    assert_eq!(store.scans(&ScanFilter::default()).await.unwrap().len(), 1);
    store.close().await;
}

#[test]
fn sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let location = StoreLocation::parse(&format!(
        "sqlite:{}",
        dir.path().join("nested/dir/history.db").display()
    ))
    .unwrap();
    block_on(suite(location));
}

#[test]
fn sqlite_store_from_a_newer_safeguard_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let location = StoreLocation::Sqlite(path.clone());
    block_on(async {
        Store::open(&location).await.unwrap().close().await;
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!(
            "sqlite:{}",
            path.display()
        ))
        .await
        .unwrap();
        sqlx::query("INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'future', 'x')")
            .execute(&mut conn)
            .await
            .unwrap();
        let err = Store::open(&location).await.err().unwrap();
        assert!(
            matches!(err, StoreError::NewerSchema { found: 999, .. }),
            "{err}"
        );
    });
}

/// A store written before schema 3 gets its filter menus counted by the migration, with
/// the same counts recording gives, and its drift sizes computed on first request.
#[test]
fn sqlite_migration_3_backfills_facets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let location = StoreLocation::Sqlite(path.clone());
    block_on(async {
        let store = Store::open(&location).await.unwrap();
        let (inv, scan) = first_scan();
        let a = store.record(&scan).await.unwrap();
        let removed = scan.findings[0].resource_id.clone();
        let copied = scan
            .findings
            .iter()
            .find(|f| f.resource_id != removed)
            .unwrap()
            .resource_id
            .clone();
        let b = store
            .record(&second_scan(&inv, &removed, &copied))
            .await
            .unwrap();
        let facets = store.facets(b).await.unwrap();
        let counts = store.drift_counts(a, b).await.unwrap();
        store.close().await;
        // Back to schema 2: the tables of migration 3 gone, its record removed.
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!(
            "sqlite:{}",
            path.display()
        ))
        .await
        .unwrap();
        for sql in [
            "DROP TABLE scan_facets",
            "DROP TABLE drift_counts",
            "DELETE FROM schema_migrations WHERE version = 3",
        ] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
        let store = Store::open(&location).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), 3);
        assert_eq!(store.facets(b).await.unwrap(), facets);
        assert!(!facets.services.is_empty());
        assert_eq!(store.drift_counts(a, b).await.unwrap(), counts);
        // Deleting a scan deletes what was kept for it.
        assert!(store.delete_scan(a).await.unwrap());
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM drift_counts")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(kept, 0);
        let menus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM scan_facets WHERE scan_id = ?")
            .bind(a)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(menus, 0);
    });
}

/// A fresh schema in the test database, so runs never see each other's rows.
async fn postgres_location(url: &str) -> (StoreLocation, String) {
    let schema_name = format!(
        "sg_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema_name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    (
        StoreLocation::parse(&format!("{url}{sep}options=-csearch_path%3D{schema_name}")).unwrap(),
        schema_name,
    )
}

async fn drop_schema(url: &str, schema_name: &str) {
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP SCHEMA {schema_name} CASCADE"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}

fn postgres_url() -> Option<String> {
    match std::env::var("SAFEGUARD_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "SAFEGUARD_TEST_POSTGRES_URL must be set in CI (see scripts/postgres-test-server)"
            )
        }
        _ => {
            eprintln!(
                "SKIPPED: PostgreSQL store tests need SAFEGUARD_TEST_POSTGRES_URL \
                 (url=$(scripts/postgres-test-server) gives one)"
            );
            None
        }
    }
}

#[test]
fn postgres() {
    let Some(url) = postgres_url() else { return };
    block_on(async {
        let (location, schema_name) = postgres_location(&url).await;
        suite(location).await;
        drop_schema(&url, &schema_name).await;
    });
}

#[test]
fn postgres_concurrent_opens_migrate_once() {
    let Some(url) = postgres_url() else { return };
    block_on(async {
        let (location, schema_name) = postgres_location(&url).await;
        let (a, b) = tokio::join!(Store::open(&location), Store::open(&location));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.schema_version().await.unwrap(), schema::latest_version());
        a.close().await;
        b.close().await;
        drop_schema(&url, &schema_name).await;
    });
}

#[test]
fn locations() {
    assert_eq!(
        StoreLocation::parse("sqlite:/tmp/x.db").unwrap(),
        StoreLocation::Sqlite("/tmp/x.db".into())
    );
    assert_eq!(
        StoreLocation::parse("sqlite:///tmp/x.db").unwrap(),
        StoreLocation::Sqlite("/tmp/x.db".into())
    );
    assert_eq!(
        StoreLocation::parse("rel/x.db").unwrap(),
        StoreLocation::Sqlite("rel/x.db".into())
    );
    let pg = StoreLocation::parse(
        "postgres://alice:s3cret@db.example:5432/sg?sslmode=require&password=other",
    )
    .unwrap();
    assert!(matches!(pg, StoreLocation::Postgres(_)));
    let shown = format!("{pg} {pg:?}");
    assert!(
        !shown.contains("s3cret") && !shown.contains("other"),
        "{shown}"
    );
    assert!(
        shown.contains("alice:***@db.example:5432/sg?sslmode=require&password=***"),
        "{shown}"
    );
    assert!(StoreLocation::parse("mysql://x").is_err());
    assert!(StoreLocation::parse("sqlite:").is_err());
}

/// Every page of [`Store::drift_page`] (several page sizes, both still-open selections)
/// equals the same slice of the full in-memory drift `whole`.
async fn assert_drift_pages_match(store: &Store, from: i64, to: i64, whole: &Drift) {
    let fp = |f: &StoredFinding| f.fingerprint.clone();
    let open = |s: &StillOpen| (fp(&s.finding), s.change.clone());
    let moved: Vec<StillOpen> = whole
        .still_open
        .iter()
        .filter(|s| s.change.is_some())
        .cloned()
        .collect();
    let longest = [
        whole.new.len(),
        whole.fixed.len(),
        whole.still_open.len(),
        whole.changed_resources.len(),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    for limit in [1u32, 3, 1000] {
        for offset in (0..=longest as u64).step_by(limit as usize) {
            let page = PageRequest { offset, limit };
            let at = |n: usize| window(n, offset, limit);
            let (counts, p) = store
                .drift_page(from, to, StillOpenRows::All, page)
                .await
                .unwrap();
            assert_eq!(counts, store.drift_counts(from, to).await.unwrap());
            assert_eq!((p.from.id, p.to.id), (from, to));
            let (new, want) = (&p.new, &whole.new[at(whole.new.len())]);
            assert_eq!(
                new.iter().map(fp).collect::<Vec<_>>(),
                want.iter().map(fp).collect::<Vec<_>>(),
                "new {from}→{to} {page:?}"
            );
            let fixed = |v: &[Fixed]| {
                v.iter()
                    .map(|f| (fp(&f.finding), f.how))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                fixed(&p.fixed),
                fixed(&whole.fixed[at(whole.fixed.len())]),
                "fixed {from}→{to} {page:?}"
            );
            assert_eq!(
                p.still_open.iter().map(open).collect::<Vec<_>>(),
                whole.still_open[at(whole.still_open.len())]
                    .iter()
                    .map(open)
                    .collect::<Vec<_>>(),
                "still open {from}→{to} {page:?}"
            );
            assert_eq!(
                p.changed_resources,
                whole.changed_resources[at(whole.changed_resources.len())],
                "resources {from}→{to} {page:?}"
            );
            let (_, only_moved) = store
                .drift_page(from, to, StillOpenRows::Changed, page)
                .await
                .unwrap();
            assert_eq!(
                only_moved.still_open.iter().map(open).collect::<Vec<_>>(),
                moved[at(moved.len())].iter().map(open).collect::<Vec<_>>(),
                "moved {from}→{to} {page:?}"
            );
        }
    }
}

/// The indices of page `offset`/`limit` in a list of `n` (empty past the end).
fn window(n: usize, offset: u64, limit: u32) -> std::ops::Range<usize> {
    let start = (offset as usize).min(n);
    start..(start + limit as usize).min(n)
}
