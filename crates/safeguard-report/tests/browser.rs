//! The auditor report in a real browser: renders the bundled example estate
//! (`examples/clinic`) with its sample attestations, loads the page in headless Chromium with
//! no network, and checks the rendered DOM: the readiness score, every HIPAA Security Rule
//! section, the shared responsibility matrix and the attestations. The page and a screenshot
//! are kept under `target/artifacts/`.
//!
//! Without Chromium the test is skipped with a notice, unless `CI` is set: then it fails.
//! `SAFEGUARD_CHROMIUM` overrides the browser path (default `/usr/bin/chromium`).

use safeguard_attest::{evaluate as evaluate_attestations, parse_date, AttestationFile};
use safeguard_engine::{evaluate, Options};
use safeguard_model::Inventory;
use safeguard_report::{render, Format, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

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

fn run_chromium(browser: &Path, extra: &[String], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(format!("file://{}", page.display()));
    let out = cmd.output().expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn auditor_report_renders_in_chromium() {
    let root = workspace();
    let example = root.join("examples/clinic");
    let inventory = Inventory::load(&example.join("inventory.json")).unwrap();
    let att_path = example.join("safeguard-attestations.yaml");
    let file = AttestationFile::load(&att_path).unwrap();
    let set = evaluate_attestations(
        Some((&file, "examples/clinic/safeguard-attestations.yaml")),
        parse_date("2026-11-20").unwrap(),
        &[],
    );
    let mut report = evaluate(&inventory, safeguard_rules::all(), &Options::default()).unwrap();
    report.set_attestations(Some(set));
    let opts = RenderOptions {
        history: vec![
            ("2026-08".into(), 41.0),
            ("2026-09".into(), 47.5),
            ("2026-10".into(), 52.0),
        ],
        ..RenderOptions::default()
    };
    let html = render(&report, Format::Html, &opts);

    let artifacts = root.join("target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let page = artifacts.join("auditor-report.html");
    std::fs::write(&page, &html).unwrap();

    let Some(browser) = chromium() else { return };
    let dom =
        String::from_utf8(run_chromium(&browser, &["--dump-dom".into()], &page).stdout).unwrap();
    std::fs::write(artifacts.join("auditor-report.dom.html"), &dom).unwrap();

    let score = format!(
        "<span class=\"big\" id=\"readiness-score\">{:.1}</span>",
        report.summary.readiness.score
    );
    assert!(
        dom.contains(&score),
        "readiness score {score} not in the rendered DOM"
    );
    for spec in &safeguard_rules::catalog::hipaa().spec {
        assert!(
            dom.contains(&format!("<code>{}</code>", spec.id)),
            "section {} missing from the DOM",
            spec.id
        );
    }
    for part in [
        "id=\"matrix\"",
        "Shared responsibility matrix",
        "inherited from AWS",
        "id=\"att-baa-signed\"",
        "Dana Lee",
        "attestation expired",
        "id=\"chart-families\"",
        "id=\"chart-trend\"",
        "<svg",
    ] {
        assert!(dom.contains(part), "{part:?} missing from the DOM");
    }
    assert!(!dom.contains("<script"), "the report has no scripts");

    let shot = artifacts.join("auditor-report.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,4000".into(),
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot looks empty"
    );
}
