//! AWS Artifact `ListCustomerAgreements`, through the real SDK, against a small local HTTP
//! server that speaks the service's wire protocol (restJson1: `GET
//! /v1/customer-agreement/list`, errors named by `x-amzn-errortype`). moto does not implement
//! Artifact. The server also answers the STS preflight so the whole `collect_with_stats` path
//! runs; every other service gets HTTP 404, which the collector records and moves past.

use crate::common::{env, options};
use safeguard_aws::{AccountAgreements, CustomerAgreement};
use safeguard_model::{CoverageStatus, UnknownReason};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ACCOUNT: &str = "123456789012";

const CALLER: &str = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/auditor</Arn><UserId>AIDASGTEST</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

/// How the fake Artifact answers.
#[derive(Clone, Copy)]
enum Artifact {
    /// Two pages: an organization-wide active BAA, then a terminated NDA.
    ActiveBaa,
    /// One page with a terminated BAA only.
    NoBaa,
    /// `AccessDeniedException` (HTTP 403).
    Denied,
}

/// An Artifact request the server saw: the signing region and the path with its query.
#[derive(Clone, Debug)]
struct Seen {
    region: String,
    path: String,
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start(mode: Artifact) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let s = seen.clone();
    let task = tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let s = s.clone();
            tokio::spawn(async move {
                let _ = serve(conn, mode, &s).await;
            });
        }
    });
    Server { url, seen, task }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One request per connection (`Connection: close`), body read in full before answering.
async fn serve(
    mut conn: TcpStream,
    mode: Artifact,
    seen: &Mutex<Vec<Seen>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let len: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    let mut first = head.split("\r\n").next().unwrap_or_default().split(' ');
    let (method, path) = (
        first.next().unwrap_or_default().to_string(),
        first.next().unwrap_or_default().to_string(),
    );
    // Credential=AKID/date/REGION/SERVICE/aws4_request
    let scope: Vec<String> = header("authorization")
        .and_then(|a| a.split("Credential=").nth(1).map(str::to_string))
        .map(|c| c.split('/').map(str::to_string).collect())
        .unwrap_or_default();
    let region = scope.get(2).cloned().unwrap_or_default();
    let service = scope.get(3).cloned().unwrap_or_default();

    let (status, extra, content_type, answer) =
        if service == "sts" && body.contains("Action=GetCallerIdentity") {
            (200, "", "text/xml", CALLER.to_string())
        } else if service == "artifact"
            && method == "GET"
            && path.starts_with("/v1/customer-agreement/list")
        {
            seen.lock().unwrap().push(Seen {
                region,
                path: path.clone(),
            });
            artifact_answer(mode, &path)
        } else {
            (
                404,
                "",
                "application/json",
                "{\"message\":\"not here\"}".to_string(),
            )
        };
    let reply = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n{extra}connection: close\r\n\r\n{answer}",
        answer.len()
    );
    conn.write_all(reply.as_bytes()).await?;
    conn.shutdown().await
}

fn agreement(name: &str, state: &str, id: &str, org: bool, start: &str) -> String {
    let org = if org {
        ",\"organizationArn\":\"arn:aws:organizations::123456789012:organization/o-sgtest\""
    } else {
        ""
    };
    format!(
        "{{\"name\":\"{name}\",\"arn\":\"arn:aws:artifact::123456789012:customer-agreement/{id}\",\"id\":\"{id}\",\"agreementArn\":\"arn:aws:artifact:::agreement/agreement-{id}\",\"awsAccountId\":\"123456789012\"{org},\"effectiveStart\":\"{start}\",\"state\":\"{state}\",\"description\":\"boilerplate\",\"acceptanceTerms\":[\"terms\"],\"terminateTerms\":[],\"type\":\"DEFAULT\"}}"
    )
}

fn artifact_answer(mode: Artifact, path: &str) -> (u16, &'static str, &'static str, String) {
    let json = "application/json";
    match mode {
        Artifact::ActiveBaa if !path.contains("nextToken=") => (
            200,
            "",
            json,
            format!(
                "{{\"customerAgreements\":[{}],\"nextToken\":\"page-2\"}}",
                agreement(
                    "AWS Organizations Business Associate Addendum",
                    "ACTIVE",
                    "customer-agreement-baa",
                    true,
                    "2025-03-01T00:00:00Z"
                )
            ),
        ),
        Artifact::ActiveBaa => (
            200,
            "",
            json,
            format!(
                "{{\"customerAgreements\":[{}]}}",
                agreement(
                    "AWS Nondisclosure Agreement",
                    "CUSTOMER_TERMINATED",
                    "customer-agreement-nda",
                    false,
                    "2024-01-15T12:00:00Z"
                )
            ),
        ),
        Artifact::NoBaa => (
            200,
            "",
            json,
            format!(
                "{{\"customerAgreements\":[{}]}}",
                agreement(
                    "AWS Business Associate Addendum",
                    "CUSTOMER_TERMINATED",
                    "customer-agreement-old",
                    false,
                    "2023-05-01T00:00:00Z"
                )
            ),
        ),
        Artifact::Denied => (
            403,
            "x-amzn-errortype: AccessDeniedException\r\n",
            json,
            "{\"message\":\"User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: artifact:ListCustomerAgreements\"}".to_string(),
        ),
    }
}

/// Collects one account through the fake server, scanning `eu-west-1` so the test also shows
/// that Artifact is asked in `us-east-1` whatever the scanned regions are.
async fn collect(mode: Artifact) -> (safeguard_aws::Collection, Vec<Seen>) {
    env();
    let server = start(mode).await;
    let mut opts = options(&server.url, &["eu-west-1"]);
    opts.max_attempts = 1;
    let c = safeguard_aws::collect_with_stats(&opts).await.unwrap();
    let seen = server.seen.lock().unwrap().clone();
    (c, seen)
}

fn artifact_row(c: &safeguard_aws::Collection) -> CoverageStatus {
    let rows: Vec<_> = c
        .inventory
        .coverage
        .iter()
        .filter(|r| r.service == "artifact")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].account.as_str(), rows[0].region.as_str()),
        (ACCOUNT, "global")
    );
    rows[0].status.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_baa_is_read_from_every_page() {
    let (c, seen) = collect(Artifact::ActiveBaa).await;
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|s| s.region == "us-east-1"), "{seen:?}");
    assert!(seen[1].path.contains("nextToken=page-2"), "{seen:?}");
    assert_eq!(
        c.stats
            .calls_by_operation
            .get("artifact:ListCustomerAgreements"),
        Some(&2)
    );
    assert_eq!(artifact_row(&c), CoverageStatus::Ok);
    let [AccountAgreements::Listed {
        account,
        agreements,
    }] = c.agreements.as_slice()
    else {
        panic!("{:?}", c.agreements)
    };
    assert_eq!(account, ACCOUNT);
    assert_eq!(
        agreements[0],
        CustomerAgreement {
            name: "AWS Organizations Business Associate Addendum".into(),
            state: "ACTIVE".into(),
            arn: "arn:aws:artifact::123456789012:customer-agreement/customer-agreement-baa".into(),
            agreement_arn: "arn:aws:artifact:::agreement/agreement-customer-agreement-baa".into(),
            agreement_type: Some("DEFAULT".into()),
            aws_account_id: Some(ACCOUNT.into()),
            organization_arn: Some(
                "arn:aws:organizations::123456789012:organization/o-sgtest".into()
            ),
            effective_start: Some("2025-03-01T00:00:00Z".parse().unwrap()),
            effective_end: None,
        }
    );
    assert_eq!(
        (agreements[1].name.as_str(), agreements[1].state.as_str()),
        ("AWS Nondisclosure Agreement", "CUSTOMER_TERMINATED")
    );
    assert_eq!(agreements.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_active_baa_is_a_complete_answer_listing_what_there_is() {
    let (c, seen) = collect(Artifact::NoBaa).await;
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(artifact_row(&c), CoverageStatus::Ok);
    let [AccountAgreements::Listed { agreements, .. }] = c.agreements.as_slice() else {
        panic!("{:?}", c.agreements)
    };
    assert_eq!(agreements.len(), 1);
    assert_eq!(agreements[0].state, "CUSTOMER_TERMINATED");
    assert_eq!(agreements[0].organization_arn, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_is_unavailable_and_a_skipped_coverage_row_never_an_empty_list() {
    let (c, seen) = collect(Artifact::Denied).await;
    assert_eq!(seen.len(), 1, "{seen:?}");
    let [AccountAgreements::Unavailable { account, reason }] = c.agreements.as_slice() else {
        panic!("{:?}", c.agreements)
    };
    assert_eq!(account, ACCOUNT);
    assert_eq!(reason.reason, UnknownReason::AccessDenied);
    assert_eq!(
        reason.detail,
        "artifact:ListCustomerAgreements in us-east-1: AccessDeniedException"
    );
    // The permission is optional: its absence does not make the scan incomplete.
    assert_eq!(
        artifact_row(&c),
        CoverageStatus::Skipped(
            "artifact:ListCustomerAgreements not granted (optional; the BAA is taken from the \
             attestation file): artifact:ListCustomerAgreements in us-east-1: AccessDeniedException"
                .to_string()
        )
    );
    // AWS's message quotes the principal: it is not copied anywhere.
    assert!(!format!("{:?}", c.agreements).contains("user/auditor"));
    assert!(!c.inventory.to_json().contains("user/auditor"));
}
