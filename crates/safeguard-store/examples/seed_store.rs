//! Fills a store with a long, large scan history, for load tests of `safeguard serve`.
//!
//!     cargo run --release -p safeguard-store --example seed_store -- sqlite:/tmp/load.db 100 10000
//!
//! Arguments: the store (`sqlite:PATH` or a PostgreSQL URL), the number of scans (default
//! 100) and the findings per scan (default 10,000). Every scan is of one target, so the
//! dashboard has a long score trend and drift between each scan and the one before it.
//!
//! Evaluating a real inventory for each of a hundred scans would take minutes, so the scans
//! are synthesised: the bundled example estate (`examples/clinic`) is evaluated once, and its
//! findings are replicated over numbered copies of their resources until a scan holds the
//! wanted count. The rules, titles, messages, services, severities and HIPAA citations are
//! therefore real (finding pages show real remediation), and the store is written through
//! `Store::record`, exactly as `safeguard scan --store` writes it. Between consecutive scans
//! about one copy in twenty is fixed and another reappears, a few resources change, and the
//! score drifts upwards, so drift and trend views have real work to do. Output is
//! deterministic for given arguments.

use chrono::{Duration, TimeZone as _, Utc};
use safeguard_engine::{evaluate, Options};
use safeguard_model::Inventory;
use safeguard_store::{
    capture, timestamp, FindingWaiver, NewScan, RecordOptions, ResourceDigest, Store,
    StoreLocation, StoredFinding,
};
use std::path::Path;
use std::time::Instant;

/// One copy in this many is fixed in any given scan (a different one each scan).
const CHURN: usize = 20;
/// One copy in this many has its resources changed between consecutive scans.
const CHANGE: usize = 50;
/// One finding in this many is under a waiver.
const WAIVED: usize = 50;

fn template() -> NewScan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/inventory.json");
    let inventory = Inventory::load(&path).expect("the bundled example inventory loads");
    let report = evaluate(&inventory, safeguard_rules::all(), &Options::default())
        .expect("the bundled example evaluates");
    capture(&report, &inventory, &RecordOptions::default())
}

/// Scan `k` of the history: `findings` findings over copies of the template's resources.
fn scan(t: &NewScan, k: usize, scans: usize, findings: usize) -> NewScan {
    let mut s = t.clone();
    let finished =
        Utc.with_ymd_and_hms(2026, 1, 1, 6, 0, 0).unwrap() + Duration::hours(k as i64 * 24);
    let m = &mut s.meta;
    m.target = "synthetic-estate".into();
    m.source_kind = "aws".into();
    m.source_description = "synthetic estate for load tests".into();
    m.started_at = timestamp(finished - Duration::seconds(90));
    m.finished_at = timestamp(finished);
    m.inventory_generated_at = timestamp(finished - Duration::seconds(120));
    // An upward trend with a wobble, 40 to 90.
    let progress = k as f64 / scans.max(2).saturating_sub(1) as f64;
    let score = 40.0 + 50.0 * progress + 3.0 * ((k * 7) % 5) as f64 - 6.0;
    m.score = Some((score.clamp(0.0, 100.0) * 10.0).round() / 10.0);
    for f in &mut s.families {
        f.score = f
            .score
            .map(|v| ((v * 0.5 + score * 0.5).clamp(0.0, 100.0) * 10.0).round() / 10.0);
    }

    let fixed = |copy: usize| (copy + k).is_multiple_of(CHURN);
    s.findings = Vec::with_capacity(findings);
    let mut copy = 0;
    'fill: loop {
        if !fixed(copy) {
            for f in &t.findings {
                if s.findings.len() == findings {
                    break 'fill;
                }
                let mut f: StoredFinding = f.clone();
                f.resource_id = format!("{}-{copy:05}", f.resource_id);
                f.resource_name = format!("{}-{copy:05}", f.resource_name);
                f.fingerprint = safeguard_engine::fingerprint(&f.rule_id, &f.resource_id);
                if s.findings.len().is_multiple_of(WAIVED) {
                    f.waived = Some(FindingWaiver {
                        rule: f.rule_id.clone(),
                        resource: f.resource_id.clone(),
                        reason: "compensating control documented in the risk register".into(),
                        owner: "security".into(),
                        expires: "2099-12-31".into(),
                        origin: "waivers.yaml:1".into(),
                    });
                }
                s.findings.push(f);
            }
        }
        copy += 1;
        if t.findings.is_empty() {
            break;
        }
    }
    let copies = copy + 1;
    s.resources = (0..copies)
        .flat_map(|c| {
            t.resources.iter().map(move |r| ResourceDigest {
                resource_id: format!("{}-{c:05}", r.resource_id),
                resource_type: r.resource_type.clone(),
                digest: if c % CHANGE == k % CHANGE || fixed(c) {
                    format!("{}{k:04}", &r.digest[..60])
                } else {
                    r.digest.clone()
                },
            })
        })
        .collect();

    let m = &mut s.meta;
    m.resources = s.resources.len() as i64;
    m.counts.fail = 0;
    m.counts.unknown = 0;
    m.waived = 0;
    m.fails = Default::default();
    m.out_of_scope_fail = 0;
    for f in &s.findings {
        if !f.in_scope {
            m.out_of_scope_fail += i64::from(f.status == "fail");
            continue;
        }
        match f.status.as_str() {
            "fail" => {
                m.counts.fail += 1;
                match f.severity.as_str() {
                    "critical" => m.fails.critical += 1,
                    "high" => m.fails.high += 1,
                    "medium" => m.fails.medium += 1,
                    "low" => m.fails.low += 1,
                    _ => m.fails.info += 1,
                }
            }
            _ => m.counts.unknown += 1,
        }
        m.waived += i64::from(f.waived.is_some());
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: seed_store STORE [SCANS] [FINDINGS-PER-SCAN]";
    let location = StoreLocation::parse(args.first().expect(usage)).expect("a store location");
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|v| v.parse::<usize>().expect(usage))
            .unwrap_or(default)
    };
    let (scans, findings) = (number(1, 100), number(2, 10_000));
    let t = template();
    let started = Instant::now();
    safeguard_store::block_on(async {
        let store = Store::open(&location).await.expect("the store opens");
        let mut last = 0;
        for k in 0..scans {
            last = store
                .record(&scan(&t, k, scans, findings))
                .await
                .expect("the scan is recorded");
        }
        let sample = store
            .findings(last, &Default::default(), Default::default())
            .await
            .expect("findings load");
        eprintln!(
            "seed_store: recorded {scans} scans of {findings} findings in {:.1} s; latest scan #{last}",
            started.elapsed().as_secs_f64()
        );
        if let Some(f) = sample.items.first() {
            println!("{}", f.fingerprint);
        }
        store.close().await;
    });
}
