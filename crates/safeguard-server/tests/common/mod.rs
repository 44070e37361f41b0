//! Shared by the server tests: a seeded SQLite store (two scans of the clinic example), a
//! server on a free loopback port, and a tiny HTTP/1.1 client over a TCP stream.

#![allow(dead_code)]

use chrono::NaiveDate;
use safeguard_engine::{apply_waivers, evaluate, Options, Origin, ResourcePattern, Waiver};
use safeguard_model::Inventory;
use safeguard_server::{Auth, Secret, Server, ServerConfig};
use safeguard_store::{capture, RecordOptions, Store, StoreLocation};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

pub const TOKEN: &str = "test-token-0123456789abcdef";
/// A resource name that would run script if it were not escaped.
pub const HOSTILE: &str = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn clinic() -> Inventory {
    Inventory::load(&workspace().join("examples/clinic/inventory.json")).unwrap()
}

/// Scan 1: the clinic with one waiver over an S3 rule. Scan 2: one failing resource
/// removed, and a copy of an S3 bucket under a hostile name (new findings).
pub async fn seed(store: &Store) -> (i64, i64) {
    let inv = clinic();
    let mut report = evaluate(&inv, safeguard_rules::all(), &Options::default()).unwrap();
    let s3_rule = report
        .open()
        .map(|f| report.rule(f).meta().id)
        .find(|id| id.starts_with("S3-"))
        .unwrap()
        .to_string();
    let waiver = Waiver {
        rule: s3_rule.clone(),
        resource: ResourcePattern::Glob("arn:aws:s3:::*".into()),
        reason: "accepted <b>risk</b>".into(),
        owner: "security".into(),
        created: None,
        expires: NaiveDate::from_ymd_opt(2099, 1, 31).unwrap(),
        origin: Origin::File {
            path: "waivers.yaml".into(),
            line: 3,
        },
    };
    apply_waivers(
        &mut report,
        vec![waiver],
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    );
    let opts = RecordOptions {
        target: Some("clinic".into()),
        ..Default::default()
    };
    let first = store.record(&capture(&report, &inv, &opts)).await.unwrap();

    // The second scan: drop the first failing non-S3 resource, add a hostile bucket copy.
    let removed = report
        .open()
        .map(|f| report.resource(f).meta().id.clone())
        .find(|id| !id.contains(":s3:") && id.starts_with("arn:"))
        .unwrap();
    let mut value = serde_json::to_value(&inv).unwrap();
    let resources = value["resources"].as_array_mut().unwrap();
    resources.retain(|r| r["id"] != removed.as_str());
    let mut copy = resources
        .iter()
        .find(|r| r["type"] == "s3_bucket")
        .unwrap()
        .clone();
    copy["id"] = serde_json::Value::String("arn:aws:s3:::hostile-bucket".into());
    copy["name"] = serde_json::Value::String(HOSTILE.into());
    copy["default_encryption"] = serde_json::Value::Null;
    resources.push(copy);
    let inv2 = Inventory::parse(&value.to_string(), Path::new("second.json")).unwrap();
    let report2 = evaluate(&inv2, safeguard_rules::all(), &Options::default()).unwrap();
    let second = store
        .record(&capture(&report2, &inv2, &opts))
        .await
        .unwrap();
    (first, second)
}

pub struct Running {
    pub addr: SocketAddr,
    pub first: i64,
    pub second: i64,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Starts a server over a freshly seeded store.
pub async fn start(auth: Auth) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let location =
        StoreLocation::parse(&format!("sqlite:{}", dir.path().join("h.db").display())).unwrap();
    let store = Store::open(&location).await.unwrap();
    let (first, second) = seed(&store).await;
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
    Running {
        addr,
        first,
        second,
        _dir: dir,
        _stop: tx,
    }
}

pub fn token_auth() -> Auth {
    Auth::Token(Secret::new(TOKEN.into()))
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Lower-case names; repeated headers joined with "\n".
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one request (`Connection: close`) and reads the whole reply.
pub async fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    req.push_str(body);
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut rest = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut headers = BTreeMap::new();
    for line in lines {
        let (k, v) = line.split_once(':').unwrap();
        headers
            .entry(k.trim().to_ascii_lowercase())
            .and_modify(|e: &mut String| {
                e.push('\n');
                e.push_str(v.trim())
            })
            .or_insert_with(|| v.trim().to_string());
    }
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            let eol = rest[i..].windows(2).position(|w| w == b"\r\n").unwrap() + i;
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[i..eol]).trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            i = eol + 2 + size + 2;
        }
        rest = out;
    }
    Reply {
        status,
        headers,
        body: String::from_utf8(rest).unwrap(),
    }
}

pub async fn get(addr: SocketAddr, target: &str) -> Reply {
    request(
        addr,
        "GET",
        target,
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        "",
    )
    .await
}
