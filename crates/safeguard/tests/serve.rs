//! `safeguard serve --schedule` as users run it: the binary on a free loopback port scans the
//! bundled example on its interval and records every scan, which the API then lists.
//!
//! The shortest interval the CLI accepts is ten seconds (a shorter one would mostly load the
//! store), so the test waits for the scan taken at start and the one ten seconds later,
//! polling the API rather than sleeping a fixed time.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TOKEN: &str = "schedule-test-token-0123456789";

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Stops the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` with the token; the status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete reply");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "JSON replies have a length"
    );
    (status, body.to_string())
}

#[test]
fn scheduled_scans_run_and_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let store = format!("sqlite:{}", dir.path().join("history.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_safeguard"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--store",
            &store,
            "--schedule",
            "10s",
            "--inventory",
            "examples/clinic/inventory.json",
            "--target",
            "clinic-scheduled",
        ])
        .current_dir(workspace_root())
        .env("SAFEGUARD_TOKEN", TOKEN)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("safeguard serve starts");
    let stderr = child.stderr.take().unwrap();
    let _server = Server(child);

    // The server's log, line by line, from a thread (reading blocks).
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut log = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr: SocketAddr = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no 'serving' line within 60 s; log so far: {log:#?}"));
        log.push(line.clone());
        if let Some(rest) = line.split_once(" on http://").map(|(_, r)| r) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
    };
    assert!(
        log.last()
            .unwrap()
            .contains("bearer token or session required"),
        "{log:?}"
    );

    // Poll until two scans are listed: the one at start and the one an interval later.
    let deadline = Instant::now() + Duration::from_secs(60);
    let scans = loop {
        let (status, body) = get(addr, "/api/v1/scans");
        assert_eq!(status, 200, "{body}");
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        let scans = value["scans"].as_array().unwrap().clone();
        if scans.len() >= 2 {
            break scans;
        }
        assert!(
            Instant::now() < deadline,
            "{} scheduled scans after 60 s; log: {log:#?}",
            scans.len()
        );
        log.extend(rx.try_iter());
        std::thread::sleep(Duration::from_millis(250));
    };
    log.extend(rx.try_iter());

    // Newest first; both of the target given, with the example's results.
    let (newer, older) = (&scans[0], &scans[1]);
    assert!(newer["id"].as_i64() > older["id"].as_i64());
    for s in [newer, older] {
        assert_eq!(s["target"], "clinic-scheduled");
        assert!(s["counts"]["fail"].as_i64().unwrap() > 0, "{s}");
        assert!(s["score"].as_f64().is_some());
    }
    assert_eq!(
        newer["score"], older["score"],
        "the same estate scores the same"
    );
    assert!(
        newer["started_at"].as_str() > older["finished_at"].as_str(),
        "the second scan ran after the first: {newer} {older}"
    );
    for id in [older["id"].as_i64().unwrap(), newer["id"].as_i64().unwrap()] {
        assert!(
            log.iter()
                .any(|l| l.contains(&format!("scheduled scan recorded as #{id}"))),
            "scan #{id} not in the log: {log:#?}"
        );
    }
    // The recorded scans are whole: findings, and no drift between identical estates.
    let (status, body) = get(addr, "/api/v1/scans/latest/drift");
    assert_eq!(status, 200, "{body}");
    let drift: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(drift["counts"]["new"], 0, "{body}");
    assert_eq!(drift["counts"]["fixed"], 0, "{body}");
    assert!(
        drift["counts"]["still_open"].as_i64().unwrap() > 0,
        "{body}"
    );
}
