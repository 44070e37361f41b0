//! Test harness: a moto server per test, a fault-injecting HTTP proxy in front of it, and
//! SDK configuration for planting resources.

#![allow(dead_code)]

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use safeguard_aws::{CollectOptions, RegionChoice};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Distinctive test credentials: the secrets test checks they never reach the inventory.
pub const ACCESS_KEY: &str = "AKIASGTESTKEY7Q2W3E4";
pub const SECRET_KEY: &str = "sgTestSecret/MOTO+never-in-inventory-5f1d9";
pub const ACCOUNT: &str = "123456789012";

static ENV: Once = Once::new();

/// Credentials for the default chain and nothing else from the host (no profile files, no
/// instance metadata). Every test uses the same values, so setting them once is enough.
pub fn env() {
    ENV.call_once(|| {
        // SAFETY (edition 2021: not unsafe): set before any test reads them, same values for all.
        std::env::set_var("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        std::env::set_var("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        std::env::remove_var("AWS_SESSION_TOKEN");
        std::env::remove_var("AWS_PROFILE");
        std::env::remove_var("AWS_ENDPOINT_URL");
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_CONFIG_FILE", "/nonexistent/safeguard-test/config");
        std::env::set_var(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/safeguard-test/credentials",
        );
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    });
}

/// Where `moto_server` is: `SAFEGUARD_MOTO_SERVER`, else on `PATH`, else the venv that
/// `scripts/test` creates.
fn find_moto() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SAFEGUARD_MOTO_SERVER") {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "SAFEGUARD_MOTO_SERVER={} is not a file",
            p.display()
        );
        return Some(p);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join("moto_server");
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let home = std::env::var_os("HOME")?;
    let p = PathBuf::from(home).join(".cache/safeguard/venv/bin/moto_server");
    p.is_file().then_some(p)
}

/// A moto server on a free local port, killed on drop.
pub struct Moto {
    child: Child,
    pub url: String,
}

impl Moto {
    /// Starts moto, or returns `None` after saying loudly that the test is skipped. With `CI`
    /// or `SAFEGUARD_REQUIRE_MOTO` set, a missing moto is a failure instead.
    pub async fn start() -> Option<Moto> {
        env();
        let Some(bin) = find_moto() else {
            if std::env::var_os("CI").is_some()
                || std::env::var_os("SAFEGUARD_REQUIRE_MOTO").is_some()
            {
                panic!("moto_server not found: set SAFEGUARD_MOTO_SERVER or run scripts/test");
            }
            eprintln!("\n========================================================");
            eprintln!("skipped: moto not installed (run scripts/test)");
            eprintln!("========================================================\n");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)).await {
                // Ready when it answers HTTP, not merely when the socket is bound.
                let _ = s
                    .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .await;
                let mut buf = [0u8; 12];
                if matches!(s.read(&mut buf).await, Ok(n) if n > 0) {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "moto_server did not start within 60 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Some(moto)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// SDK configuration for planting resources in moto (or through the proxy).
pub async fn sdk(url: &str) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new(
            ACCESS_KEY,
            SECRET_KEY,
            None,
            None,
            "safeguard-test",
        ))
        .load()
        .await
}

/// The same, in another region.
pub async fn sdk_in(url: &str, region: &'static str) -> SdkConfig {
    sdk(url)
        .await
        .to_builder()
        .region(Region::new(region))
        .build()
}

/// Collector options for a test: the endpoint, explicit regions, short back-off, no bar.
pub fn options(url: &str, regions: &[&str]) -> CollectOptions {
    CollectOptions {
        endpoint_url: Some(url.to_string()),
        regions: RegionChoice::List(regions.iter().map(|r| r.to_string()).collect()),
        concurrency: 4,
        call_timeout: Duration::from_secs(30),
        progress: false,
        max_attempts: 4,
        initial_backoff: Duration::from_millis(20),
        ..CollectOptions::default()
    }
}

// ---------------------------------------------------------------------------------------
// The proxy.

/// What the proxy does with a request that matches a rule.
#[derive(Clone, Debug)]
pub enum Act {
    /// AccessDenied in the service's protocol.
    Deny,
    /// Throttling in the service's protocol.
    Throttle,
    /// A canned answer (for calls moto does not implement).
    Respond {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// An error with this status and code, in the service's protocol.
    Fail { status: u16, code: &'static str },
    /// Forward, then replace text in moto's answer (for answers moto shapes wrongly).
    Replace {
        from: &'static str,
        to: &'static str,
    },
    /// Like `Replace`, with several (from, to) replacements made in order (for answers that
    /// need a different fix per resource).
    Edits(Vec<(String, String)>),
}

/// Which requests a rule applies to. `service` is the signing name of the request
/// (`sqs`, `s3`, `elasticache`); `op` the operation where the protocol names it (JSON
/// target or query `Action`); `path` a substring of the path for REST protocols.
#[derive(Clone, Debug)]
pub struct Rule {
    pub service: &'static str,
    pub op: Option<&'static str>,
    pub method: Option<&'static str>,
    pub path: Option<&'static str>,
    /// A substring of the request's headers or body (query protocols name their parameters
    /// in the body; the region is in the Authorization header).
    pub body: Option<&'static str>,
    pub act: Act,
    /// Apply to this many matching requests, then stop; `None` for all of them.
    pub times: Option<usize>,
}

impl Rule {
    pub fn service(service: &'static str, act: Act) -> Rule {
        Rule {
            service,
            op: None,
            method: None,
            path: None,
            body: None,
            act,
            times: None,
        }
    }
    pub fn op(service: &'static str, op: &'static str, act: Act) -> Rule {
        Rule {
            service,
            op: Some(op),
            method: None,
            path: None,
            body: None,
            act,
            times: None,
        }
    }
    pub fn rest(service: &'static str, method: &'static str, path: &'static str, act: Act) -> Rule {
        Rule {
            service,
            op: None,
            method: Some(method),
            path: Some(path),
            body: None,
            act,
            times: None,
        }
    }
    pub fn body(mut self, text: &'static str) -> Rule {
        self.body = Some(text);
        self
    }

    pub fn times(mut self, n: usize) -> Rule {
        self.times = Some(n);
        self
    }
}

/// One request the proxy saw.
#[derive(Clone, Debug)]
pub struct Seen {
    pub service: String,
    pub op: String,
    pub method: String,
    pub path: String,
    /// What the proxy did: `forwarded`, `denied`, `throttled`, `stubbed`.
    pub outcome: &'static str,
}

/// An HTTP/1.1 proxy in front of moto that applies [`Rule`]s and forwards everything else.
pub struct Proxy {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub async fn start(upstream: &str, rules: Vec<Rule>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_string();
        let rules = Arc::new(Mutex::new(rules));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let (r, s) = (rules.clone(), seen.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((conn, _)) = listener.accept().await else {
                    return;
                };
                let (rules, seen, upstream) = (r.clone(), s.clone(), upstream.clone());
                tokio::spawn(async move {
                    let _ = serve(conn, &upstream, &rules, &seen).await;
                });
            }
        });
        Proxy { url, seen, task }
    }

    /// Requests seen for `service` with the given outcome.
    pub fn count(&self, service: &str, outcome: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.service == service && s.outcome == outcome)
            .count()
    }
}

struct Request {
    head: Vec<u8>,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The signing name from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/SERVICE/aws4_request`.
    fn service(&self) -> String {
        self.header("authorization")
            .and_then(|a| a.split("Credential=").nth(1))
            .and_then(|c| c.split('/').nth(3))
            .unwrap_or_default()
            .to_string()
    }

    /// The operation for JSON (`X-Amz-Target`) and query (`Action=`) protocols.
    fn op(&self) -> String {
        if let Some(t) = self.header("x-amz-target") {
            return t.rsplit('.').next().unwrap_or_default().to_string();
        }
        let body = String::from_utf8_lossy(&self.body);
        let query = self.path.split('?').nth(1).unwrap_or_default().to_string();
        for part in body.split('&').chain(query.split('&')) {
            if let Some(a) = part.strip_prefix("Action=") {
                return a.to_string();
            }
        }
        String::new()
    }
}

async fn read_request(conn: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<Option<Request>> {
    // Head.
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head: Vec<u8> = buf.drain(..head_end).collect();
    let text = String::from_utf8_lossy(&head).to_string();
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let mut parts = first.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let get = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        while buf.len() < len {
            let mut chunk = [0u8; 8192];
            let n = conn.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        body = buf.drain(..len.min(buf.len())).collect();
    } else if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        // De-chunk into a plain body; the forwarded request gets a content-length.
        loop {
            let line_end = loop {
                if let Some(i) = find(buf, b"\r\n") {
                    break i;
                }
                let mut chunk = [0u8; 8192];
                let n = conn.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(None);
                }
                buf.extend_from_slice(&chunk[..n]);
            };
            let size_text: String = String::from_utf8_lossy(&buf[..line_end]).to_string();
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
                .unwrap_or(0);
            while buf.len() < line_end + 2 + size + 2 {
                let mut chunk = [0u8; 8192];
                let n = conn.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(None);
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            body.extend_from_slice(&buf[line_end + 2..line_end + 2 + size]);
            buf.drain(..line_end + 2 + size + 2);
            if size == 0 {
                break;
            }
        }
    }
    Ok(Some(Request {
        head,
        method,
        path,
        headers,
        body,
    }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

async fn serve(
    mut conn: TcpStream,
    upstream: &str,
    rules: &Mutex<Vec<Rule>>,
    seen: &Mutex<Vec<Seen>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    while let Some(req) = read_request(&mut conn, &mut buf).await? {
        let (service, op) = (req.service(), req.op());
        let act = {
            let mut rules = rules.lock().unwrap();
            let hit = rules.iter_mut().find(|r| {
                r.service == service
                    && r.op.is_none_or(|o| o == op)
                    && r.method.is_none_or(|m| m == req.method)
                    && r.path.is_none_or(|p| req.path.contains(p))
                    && r.body.is_none_or(|b| {
                        String::from_utf8_lossy(&req.head).contains(b)
                            || String::from_utf8_lossy(&req.body).contains(b)
                    })
                    && r.times != Some(0)
            });
            hit.map(|r| {
                if let Some(n) = r.times.as_mut() {
                    *n -= 1;
                }
                r.act.clone()
            })
        };
        let outcome = match &act {
            None => "forwarded",
            Some(Act::Deny) => "denied",
            Some(Act::Throttle) => "throttled",
            Some(Act::Respond { .. }) => "stubbed",
            Some(Act::Replace { .. } | Act::Edits(_)) => "rewritten",
            Some(Act::Fail { .. }) => "failed",
        };
        seen.lock().unwrap().push(Seen {
            service: service.clone(),
            op: op.clone(),
            method: req.method.clone(),
            path: req.path.clone(),
            outcome,
        });
        let response = match act {
            None => forward(upstream, &req).await?,
            Some(Act::Deny) => error_response(&service, true),
            Some(Act::Throttle) => error_response(&service, false),
            Some(Act::Respond {
                status,
                content_type,
                body,
            }) => response(status, content_type, &[], &body),
            Some(Act::Fail { status, code }) => protocol_error(&service, status, code),
            Some(Act::Replace { from, to }) => forward_replacing(upstream, &req, from, to).await?,
            Some(Act::Edits(edits)) => {
                let mut raw = forward(upstream, &req).await?;
                for (from, to) in &edits {
                    raw = replace_in_body(raw, from, to);
                }
                raw
            }
        };
        conn.write_all(&response).await?;
    }
    Ok(())
}

/// Sends the request to moto on a fresh connection and returns moto's whole answer,
/// rewritten to close-delimited framing removed: a content-length the client can use.
async fn forward(upstream: &str, req: &Request) -> std::io::Result<Vec<u8>> {
    let mut up = TcpStream::connect(upstream).await?;
    let text = String::from_utf8_lossy(&req.head).to_string();
    let mut head = String::new();
    for (i, line) in text.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if i > 0
            && (lower.starts_with("connection:")
                || lower.starts_with("transfer-encoding:")
                || lower.starts_with("content-length:"))
        {
            continue;
        }
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        req.body.len()
    ));
    up.write_all(head.as_bytes()).await?;
    up.write_all(&req.body).await?;
    let mut raw = Vec::new();
    up.read_to_end(&mut raw).await?;
    // Re-frame: status line and headers as moto sent them, minus framing headers, plus an
    // exact content-length so the client can keep its connection.
    let Some(end) = find(&raw, b"\r\n\r\n") else {
        return Ok(raw);
    };
    let head_text = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut body = raw[end + 4..].to_vec();
    let chunked = head_text
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    if chunked {
        body = dechunk(&body);
    }
    let mut out = String::new();
    for (i, line) in head_text.split("\r\n").enumerate() {
        let lower = line.to_ascii_lowercase();
        if i > 0
            && (lower.starts_with("connection:")
                || lower.starts_with("transfer-encoding:")
                || lower.starts_with("content-length:"))
        {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

async fn forward_replacing(
    upstream: &str,
    req: &Request,
    from: &str,
    to: &str,
) -> std::io::Result<Vec<u8>> {
    Ok(replace_in_body(forward(upstream, req).await?, from, to))
}

/// Replaces text in the body of a whole HTTP answer and fixes its content-length.
fn replace_in_body(raw: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let Some(end) = find(&raw, b"\r\n\r\n") else {
        return raw;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let body = String::from_utf8_lossy(&raw[end + 4..]).replace(from, to);
    let mut out = String::new();
    for line in head.split("\r\n") {
        if !line.to_ascii_lowercase().starts_with("content-length:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    out.push_str(&body);
    out.into_bytes()
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = find(data, b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..i])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 || data.len() < i + 2 + size {
            break;
        }
        out.extend_from_slice(&data[i + 2..i + 2 + size]);
        data = &data[(i + 2 + size + 2).min(data.len())..];
    }
    out
}

fn response(status: u16, content_type: &str, extra: &[(&str, &str)], body: &str) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    };
    let mut s = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nx-amzn-requestid: safeguard-proxy\r\n",
        body.len()
    );
    for (k, v) in extra {
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s.push_str(body);
    s.into_bytes()
}

/// The wire protocol family of a service, by signing name.
fn protocol(service: &str) -> &'static str {
    match service {
        "ec2" => "ec2",
        "iam" | "sts" | "rds" | "elasticache" | "redshift" | "sns" => "query",
        "s3" => "s3",
        "cloudfront" => "rest-xml",
        "dynamodb" | "kms" | "logs" | "sqs" | "secretsmanager" | "config" | "cloudtrail"
        | "organizations" => "json",
        _ => "rest-json",
    }
}

/// AccessDenied (`deny`) or Throttling in the wire protocol of `service`.
fn error_response(service: &str, deny: bool) -> Vec<u8> {
    let (status, code) = match (protocol(service), deny) {
        ("ec2", true) => (403, "UnauthorizedOperation"),
        ("ec2", false) => (503, "RequestLimitExceeded"),
        ("query" | "rest-xml", true) => (403, "AccessDenied"),
        ("query" | "rest-xml", false) => (400, "Throttling"),
        ("s3", true) => (403, "AccessDenied"),
        ("s3", false) => (503, "SlowDown"),
        ("json", true) => (400, "AccessDeniedException"),
        ("json", false) => (400, "ThrottlingException"),
        (_, true) => (403, "AccessDeniedException"),
        (_, false) => (429, "TooManyRequestsException"),
    };
    protocol_error(service, status, code)
}

/// An error with `code` and `status` in the wire protocol of `service`.
fn protocol_error(service: &str, status: u16, code: &str) -> Vec<u8> {
    let msg = "from the safeguard test proxy";
    match protocol(service) {
        "ec2" => response(
            status,
            "text/xml",
            &[],
            &format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{msg}</Message></Error></Errors><RequestID>x</RequestID></Response>"),
        ),
        "query" | "rest-xml" => response(
            status,
            "text/xml",
            &[],
            &format!("<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{msg}</Message></Error><RequestId>x</RequestId></ErrorResponse>"),
        ),
        "s3" => response(
            status,
            "application/xml",
            &[],
            &format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{msg}</Message><RequestId>x</RequestId></Error>"),
        ),
        "json" => response(
            status,
            "application/x-amz-json-1.1",
            &[("x-amzn-errortype", code)],
            &format!("{{\"__type\":\"{code}\",\"message\":\"{msg}\"}}"),
        ),
        _ => response(status, "application/json", &[("x-amzn-errortype", code)], &format!("{{\"message\":\"{msg}\"}}")),
    }
}

/// Canned answers for the calls moto 5.2.5 does not implement (see docs/aws-collection.md).
pub fn moto_gaps() -> Vec<Rule> {
    let xml = "text/xml";
    vec![
        // s3:GetBucketVersioning: moto names the root element GetBucketVersioningResponse
        // instead of VersioningConfiguration, which the Rust SDK rejects.
        Rule::rest("s3", "GET", "?versioning", Act::Replace { from: "GetBucketVersioningResponse", to: "VersioningConfiguration" }),
        // config:ListTagsForResource does not know configuration recorders in moto.
        Rule::op(
            "config",
            "ListTagsForResource",
            Act::Respond { status: 200, content_type: "application/x-amz-json-1.1", body: "{\"Tags\":[]}".into() },
        ),
        // ec2:GetEbsDefaultKmsKeyId answers 500 in moto.
        Rule::op(
            "ec2",
            "GetEbsDefaultKmsKeyId",
            Act::Respond {
                status: 200,
                content_type: xml,
                body: "<GetEbsDefaultKmsKeyIdResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>x</requestId><kmsKeyId>alias/aws/ebs</kmsKeyId></GetEbsDefaultKmsKeyIdResponse>".into(),
            },
        ),
        // elasticache:DescribeUpdateActions answers 500 in moto: one pending critical update
        // for replication group `phi-cache-old`.
        Rule::op(
            "elasticache",
            "DescribeUpdateActions",
            Act::Respond {
                status: 200,
                content_type: xml,
                body: "<DescribeUpdateActionsResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\"><DescribeUpdateActionsResult><UpdateActions><UpdateAction><ReplicationGroupId>phi-cache-old</ReplicationGroupId><ServiceUpdateName>elc-20260101-001</ServiceUpdateName><ServiceUpdateSeverity>critical</ServiceUpdateSeverity><ServiceUpdateRecommendedApplyByDate>2026-02-01T00:00:00Z</ServiceUpdateRecommendedApplyByDate><UpdateActionStatus>not-applied</UpdateActionStatus><Engine>redis</Engine></UpdateAction></UpdateActions></DescribeUpdateActionsResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DescribeUpdateActionsResponse>".into(),
            },
        ),
        // elasticache:DescribeCacheClusters in moto does not list replication group members.
        Rule::op(
            "elasticache",
            "DescribeCacheClusters",
            Act::Respond {
                status: 200,
                content_type: xml,
                body: "<DescribeCacheClustersResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\"><DescribeCacheClustersResult><CacheClusters><CacheCluster><CacheClusterId>phi-cache-001</CacheClusterId><ReplicationGroupId>phi-cache</ReplicationGroupId><Engine>redis</Engine><EngineVersion>7.1.0</EngineVersion></CacheCluster><CacheCluster><CacheClusterId>phi-cache-old-001</CacheClusterId><ReplicationGroupId>phi-cache-old</ReplicationGroupId><Engine>redis</Engine><EngineVersion>3.2.4</EngineVersion></CacheCluster></CacheClusters></DescribeCacheClustersResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DescribeCacheClustersResponse>".into(),
            },
        ),
        // lambda:ListFunctionUrlConfigs is not implemented in moto: `phi-public-fn` has a URL
        // without authentication, the others none.
        Rule::rest(
            "lambda",
            "GET",
            "/functions/phi-public-fn/urls",
            Act::Respond {
                status: 200,
                content_type: "application/json",
                body: format!("{{\"FunctionUrlConfigs\":[{{\"AuthType\":\"NONE\",\"CreationTime\":\"2026-01-01T00:00:00Z\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:{ACCOUNT}:function:phi-public-fn\",\"FunctionUrl\":\"https://x.lambda-url.us-east-1.on.aws/\",\"LastModifiedTime\":\"2026-01-01T00:00:00Z\"}}]}}"),
            },
        ),
        Rule::rest(
            "lambda",
            "GET",
            "/urls",
            Act::Respond { status: 200, content_type: "application/json", body: "{\"FunctionUrlConfigs\":[]}".into() },
        ),
        // ssm:DescribeInstanceInformation is not implemented in moto: no managed nodes.
        Rule::op(
            "ssm",
            "DescribeInstanceInformation",
            Act::Respond {
                status: 200,
                content_type: "application/x-amz-json-1.1",
                body: "{\"InstanceInformationList\":[]}".into(),
            },
        ),
        // backup:ListBackupSelections answers 500 in moto.
        Rule::rest(
            "backup",
            "GET",
            "/selections",
            Act::Respond { status: 200, content_type: "application/json", body: "{\"BackupSelectionsList\":[]}".into() },
        ),
        // backup:GetBackupVaultAccessPolicy is not implemented in moto: no policy.
        Rule::rest(
            "backup",
            "GET",
            "/access-policy",
            Act::Respond {
                status: 404,
                content_type: "application/json",
                body: "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no policy\"}".into(),
            },
        ),
        // artifact:ListCustomerAgreements: moto does not implement AWS Artifact. No agreement
        // (tests/aws/artifact.rs covers the answers that matter).
        Rule::rest(
            "artifact",
            "GET",
            "/v1/customer-agreement/list",
            Act::Respond { status: 200, content_type: "application/json", body: "{\"customerAgreements\":[]}".into() },
        ),
        // athena:ListTagsForResource answers InvalidRequestException for a workgroup without
        // tags (moto's own `primary`) where AWS answers an empty list.
        Rule::op(
            "athena",
            "ListTagsForResource",
            Act::Respond { status: 200, content_type: "application/x-amz-json-1.1", body: "{\"Tags\":[]}".into() },
        )
        .body("workgroup/primary"),
        // ses:GetConfigurationSet (SES v2): moto sends `"SendingEnabled": {}` for a boolean,
        // which the SDK rejects.
        Rule::rest(
            "ses",
            "GET",
            "/v2/email/configuration-sets/",
            Act::Replace { from: "\"SendingEnabled\": {}", to: "\"SendingEnabled\": true" },
        ),
        // kafka:ListClustersV2: moto's `creationTime` has no time zone, which the SDK rejects;
        // renamed, it is skipped as an unknown member (the collector does not read it).
        Rule::rest(
            "kafka",
            "GET",
            "/api/v2/clusters",
            Act::Replace { from: "\"creationTime\":", to: "\"motoCreationTime\":" },
        ),
    ]
}

/// Without an organisation, moto answers organizations:ListTagsForResource with
/// TargetNotFoundException where AWS says AWSOrganizationsNotInUseException.
pub fn no_organization() -> Rule {
    Rule::op(
        "organizations",
        "ListTagsForResource",
        Act::Respond {
            status: 400,
            content_type: "application/x-amz-json-1.1",
            body: "{\"__type\":\"AWSOrganizationsNotInUseException\",\"message\":\"not in an organization\"}".into(),
        },
    )
}

/// moto's RDS endpoint refuses the `docdb` engine: the proxy adds a DocumentDB cluster to
/// moto's `DescribeDBClusters` answer (encrypted, with TLS disabled in its parameter group).
pub fn docdb_cluster() -> Vec<Rule> {
    vec![
        Rule::op(
            "rds",
            "DescribeDBClusters",
            Act::Replace {
                from: "<DBClusters>",
                to: concat!(
                    "<DBClusters><DBCluster><DBClusterIdentifier>phi-docdb</DBClusterIdentifier>",
                    "<DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:phi-docdb</DBClusterArn>",
                    "<Engine>docdb</Engine><EngineVersion>5.0.0</EngineVersion><StorageEncrypted>true</StorageEncrypted>",
                    "<KmsKeyId>arn:aws:kms:us-east-1:123456789012:key/docdb</KmsKeyId>",
                    "<DBClusterParameterGroup>phi-docdb-params</DBClusterParameterGroup>",
                    "<BackupRetentionPeriod>7</BackupRetentionPeriod><DeletionProtection>true</DeletionProtection>",
                    "<EnabledCloudwatchLogsExports><member>audit</member></EnabledCloudwatchLogsExports>",
                    "<TagList/></DBCluster>"
                ),
            },
        )
        .body("us-east-1"),
        Rule::op(
            "rds",
            "DescribeDBClusterParameters",
            Act::Respond {
                status: 200,
                content_type: "text/xml",
                body: concat!(
                    "<DescribeDBClusterParametersResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">",
                    "<DescribeDBClusterParametersResult><Parameters>",
                    "<Parameter><ParameterName>tls</ParameterName><ParameterValue>disabled</ParameterValue><Source>user</Source></Parameter>",
                    "<Parameter><ParameterName>audit_logs</ParameterName><ParameterValue>enabled</ParameterValue><Source>user</Source></Parameter>",
                    "</Parameters></DescribeDBClusterParametersResult>",
                    "<ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DescribeDBClusterParametersResponse>"
                )
                .into(),
            },
        )
        .body("phi-docdb-params"),
    ]
}
