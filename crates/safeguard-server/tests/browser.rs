//! The dashboard in a real browser: a server on a free loopback port over a store holding
//! three scans of the clinic example (so there is a score trend and drift), driven by
//! headless Chromium with no JavaScript needed. The test loads the overview, applies a
//! filter (the filter form submits with GET, so loading the URL the form produces is what a
//! browser does on "Filter"), opens a finding, and checks the rendered DOM against the
//! store: score, trend, drift counts, exactly the filtered rows, the finding with its
//! remediation. A server that requires a token shows the browser its login form instead of
//! the dashboard. Pages and screenshots are kept under `target/artifacts/`.
//!
//! Chromium cannot send a bearer token from the command line and the pages need no script
//! to log in, so the dashboard is browsed on a server with authentication disabled (allowed
//! on loopback only); the token-protected server is checked for refusing.
//!
//! Without Chromium the test is skipped with a notice, unless `CI` is set: then it fails.
//! `SAFEGUARD_CHROMIUM` overrides the browser path (default `/usr/bin/chromium`).

mod common;

use common::{seed, token_auth, workspace};
use safeguard_engine::{evaluate, Options};
use safeguard_model::Inventory;
use safeguard_server::{Auth, Server, ServerConfig};
use safeguard_store::{
    capture, FindingFilter, PageRequest, RecordOptions, Store, StoreLocation, StoredFinding,
};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(
        std::env::var("SAFEGUARD_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    if path.is_file() {
        return Some(path);
    }
    let msg = format!(
        "headless browser test: Chromium not found at {} (apt-get install chromium)",
        path.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}; CI is set, so this is a failure");
    }
    eprintln!("SKIPPED {msg}");
    None
}

/// Runs Chromium on `url` (off the async runtime, which keeps serving meanwhile).
async fn run_chromium(browser: &Path, extra: &[String], url: &str) -> std::process::Output {
    let (browser, extra, url) = (browser.to_path_buf(), extra.to_vec(), url.to_string());
    tokio::task::spawn_blocking(move || {
        let profile = tempfile::tempdir().unwrap();
        let out = Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-proxy-server",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(&extra)
            .arg(&url)
            .output()
            .expect("chromium runs");
        assert!(
            out.status.success(),
            "chromium failed on {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    })
    .await
    .unwrap()
}

/// Loads `path` in the browser, keeps the DOM and a screenshot as `name.*`, returns the DOM.
async fn visit(browser: &Path, addr: SocketAddr, path: &str, name: &str) -> String {
    let url = format!("http://{addr}{path}");
    let out = run_chromium(browser, &["--dump-dom".into()], &url).await;
    let dom = String::from_utf8(out.stdout).unwrap();
    let artifacts = workspace().join("target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join(format!("{name}.dom.html")), &dom).unwrap();
    let shot = artifacts.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
        ],
        &url,
    )
    .await;
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot of {path} looks empty"
    );
    assert!(
        !dom.contains("<script"),
        "{path}: the dashboard has no scripts"
    );
    dom
}

/// Text as the browser serialises it in a text node.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// The part of `dom` from `<table id="ID"` to its closing tag.
fn table<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("<table id=\"{id}\""))
        .unwrap_or_else(|| panic!("table #{id} missing from the DOM"));
    let end = dom[start..].find("</table>").unwrap() + start;
    &dom[start..end]
}

/// The data rows of a table (the header row has no `<td>`).
fn rows(table: &str) -> Vec<&str> {
    table
        .split("<tr>")
        .skip(1)
        .filter(|r| r.contains("<td"))
        .collect()
}

/// A third scan of the clinic: the two resources that scan 2 removed or added are back to
/// the original estate, and two more failing resources are gone, so the newest drift has
/// both new and fixed findings.
async fn record_third(store: &Store) -> i64 {
    let path = workspace().join("examples/clinic/inventory.json");
    let inv = Inventory::load(&path).unwrap();
    let report = evaluate(&inv, safeguard_rules::all(), &Options::default()).unwrap();
    let mut gone: Vec<String> = report
        .open()
        .map(|f| report.resource(f).meta().id.clone())
        .filter(|id| id.contains(":rds:") || id.contains(":ec2:"))
        .collect();
    gone.dedup();
    gone.truncate(2);
    assert!(
        !gone.is_empty(),
        "the clinic has failing RDS or EC2 resources"
    );
    let mut value = serde_json::to_value(&inv).unwrap();
    value["resources"]
        .as_array_mut()
        .unwrap()
        .retain(|r| !gone.iter().any(|g| r["id"] == g.as_str()));
    let inv3 = Inventory::parse(&value.to_string(), Path::new("third.json")).unwrap();
    let report3 = evaluate(&inv3, safeguard_rules::all(), &Options::default()).unwrap();
    let opts = RecordOptions {
        target: Some("clinic".into()),
        ..Default::default()
    };
    store
        .record(&capture(&report3, &inv3, &opts))
        .await
        .unwrap()
}

async fn serve(store: Store, auth: Auth) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let server = Server::bind(
        ServerConfig::new("127.0.0.1:0".parse().unwrap(), auth),
        store,
    )
    .await
    .unwrap();
    let addr = server.local_addr();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = rx.await;
    }));
    (addr, tx)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_renders_filters_and_details_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let location =
        StoreLocation::parse(&format!("sqlite:{}", dir.path().join("h.db").display())).unwrap();
    let store = Store::open(&location).await.unwrap();
    let (first, second) = seed(&store).await;
    let third = record_third(&store).await;
    // What the pages must show, from the store itself.
    let metas = [
        store.scan(first).await.unwrap().unwrap(),
        store.scan(second).await.unwrap().unwrap(),
        store.scan(third).await.unwrap().unwrap(),
    ];
    let drift = store.diff(second, third).await.unwrap();
    assert!(!drift.new.is_empty() && !drift.fixed.is_empty());
    let facets = store.facets(third).await.unwrap();
    // The filter: the most common severity within the most common service, which leaves
    // out other rows of both.
    let service = facets
        .services
        .iter()
        .max_by_key(|(_, n)| *n)
        .unwrap()
        .0
        .clone();
    let in_service = store
        .findings(
            third,
            &FindingFilter {
                services: vec![service.clone()],
                ..Default::default()
            },
            PageRequest {
                offset: 0,
                limit: 1000,
            },
        )
        .await
        .unwrap();
    let mut severities: Vec<&str> = in_service
        .items
        .iter()
        .map(|f| f.severity.as_str())
        .collect();
    severities.sort_unstable();
    severities.dedup();
    let severity = severities
        .iter()
        .max_by_key(|s| {
            in_service
                .items
                .iter()
                .filter(|f| f.severity == **s)
                .count()
        })
        .unwrap()
        .to_string();
    let filter = FindingFilter {
        services: vec![service.clone()],
        severities: vec![severity.clone()],
        ..Default::default()
    };
    let expected = store
        .findings(
            third,
            &filter,
            PageRequest {
                offset: 0,
                limit: 50,
            },
        )
        .await
        .unwrap();
    let all = store
        .findings(
            third,
            &FindingFilter::default(),
            PageRequest {
                offset: 0,
                limit: 1000,
            },
        )
        .await
        .unwrap();
    assert!(expected.total > 0 && expected.total < all.total);

    let (addr, _stop) = serve(store, Auth::Disabled).await;
    let Some(browser) = chromium() else { return };

    // The overview of the latest scan: score, trend over the three scans, drift counts.
    let dom = visit(&browser, addr, "/", "dashboard-overview").await;
    let score = format!(
        "<span class=\"big\" id=\"score\">{:.1}</span>",
        metas[2].score.unwrap()
    );
    assert!(dom.contains(&score), "{score} not in the overview DOM");
    assert!(dom.contains(&format!("scan #{third}")));
    let trend_start = dom.find("<svg class=\"trend\"").expect("trend chart");
    let trend = &dom[trend_start..trend_start + dom[trend_start..].find("</svg>").unwrap()];
    assert_eq!(trend.matches("<circle").count(), 3, "one point per scan");
    assert!(trend.contains("<polyline"));
    for m in &metas {
        let point = format!(
            "<title>scan {} · {} · {:.1}</title>",
            m.id,
            m.finished_at,
            m.score.unwrap()
        );
        assert!(trend.contains(&point), "{point} missing from the trend");
    }
    let summary = format!(
        "<strong>{}</strong> new, <strong>{}</strong> fixed, {} still open, {} changed resources.",
        drift.new.len(),
        drift.fixed.len(),
        drift.still_open.len(),
        drift.changed_resources.len()
    );
    assert!(
        dom.contains(&summary),
        "drift {summary} not in the overview DOM"
    );
    assert!(dom.contains(&format!(
        "Since scan <a href=\"/scans/{second}\">#{second}</a>"
    )));
    assert_eq!(rows(table(&dom, "families")).len(), 4);

    // The findings page, filtered as the form submits it (every field, empty ones too).
    let query = format!("severity={severity}&service={service}&account=&rule=&status=&text=");
    let dom = visit(
        &browser,
        addr,
        &format!("/scans/{third}/findings?{query}"),
        "dashboard-findings-filtered",
    )
    .await;
    assert!(dom.contains(&format!(
        "<p id=\"count\">{} findings match",
        expected.total
    )));
    assert!(
        dom.contains(&format!("<option value=\"{severity}\" selected=\"\">"))
            || dom.contains(&format!("<option value=\"{severity}\" selected>"))
    );
    let shown = rows(table(&dom, "findings"));
    assert_eq!(shown.len(), expected.items.len(), "only the filtered rows");
    for (row, f) in shown.iter().zip(&expected.items) {
        assert!(
            row.contains(&format!("/scans/{third}/findings/{}\"", f.fingerprint)),
            "row {row} is not finding {}",
            f.fingerprint
        );
        assert!(row.contains(&format!("<td class=\"sev-{severity}\">{severity}</td>")));
    }
    let outside: Vec<&StoredFinding> = all
        .items
        .iter()
        .filter(|f| f.service != service || f.severity != severity)
        .collect();
    assert!(!outside.is_empty());
    for f in outside {
        assert!(
            !dom.contains(&format!("/findings/{}\"", f.fingerprint)),
            "finding {} ({} {}) is outside the filter but shown",
            f.fingerprint,
            f.service,
            f.severity
        );
    }

    // A finding's page, reached from the filtered list: message and remediation.
    let f = &expected.items[0];
    let link = format!("/scans/{third}/findings/{}", f.fingerprint);
    let dom = visit(&browser, addr, &link, "dashboard-finding").await;
    assert!(dom.contains(&format!(
        "<h1 id=\"finding-title\">{}</h1>",
        dom_text(&f.title)
    )));
    assert!(dom.contains(&format!("<td id=\"message\">{}</td>", dom_text(&f.message))));
    assert!(dom.contains(&dom_text(&f.resource_id)));
    assert!(dom.contains("<h2 id=\"remediation\">Remediation</h2>"));
    let rule = safeguard_rules::find(&f.rule_id).unwrap().meta();
    let console = rule.remediation.console.lines().next().unwrap();
    assert!(
        dom.contains(&dom_text(console)),
        "remediation {console:?} not on the finding page"
    );
    for section in rule.hipaa {
        assert!(dom.contains(&format!("<code>{}</code>", dom_text(section))));
    }

    // With a token required, the browser gets the login form, not the dashboard.
    let dir2 = tempfile::tempdir().unwrap();
    let protected = Store::open(
        &StoreLocation::parse(&format!("sqlite:{}", dir2.path().join("h.db").display())).unwrap(),
    )
    .await
    .unwrap();
    seed(&protected).await;
    let (addr, _stop2) = serve(protected, token_auth()).await;
    let dom = visit(&browser, addr, "/", "dashboard-login").await;
    assert!(dom.contains("<h1>Log in</h1>"));
    assert!(dom.contains("name=\"token\""));
    assert!(!dom.contains("id=\"score\"") && !dom.contains("id=\"trend\""));
    let dom = visit(&browser, addr, &link, "dashboard-finding-refused").await;
    assert!(dom.contains("<h1>Log in</h1>"));
    assert!(!dom.contains("id=\"remediation\""));
}
