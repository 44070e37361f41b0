//! The server over a seeded store: authentication, CSRF, security headers, JSON errors for
//! bad input, pagination, filters, drift, the OpenAPI document and escaping in the pages.

mod common;

use common::{get, request, start, token_auth, Reply, HOSTILE, TOKEN};
use safeguard_server::{Auth, Secret, Server, ServerConfig, API_ROUTES};
use std::collections::HashSet;

fn assert_hardened(r: &Reply) {
    let csp = r.header("content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "CSP: {csp}"
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("x-frame-options"), "DENY");
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert_eq!(r.header("cache-control"), "no-store");
}

fn assert_json_error(r: &Reply, status: u16) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(
        r.header("content-type").starts_with("application/json"),
        "{r:?}"
    );
    let body = r.json();
    assert_eq!(body["error"]["status"], status);
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert_hardened(r);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_is_required() {
    let s = start(token_auth()).await;
    for path in [
        "/api/v1/scans",
        "/api/v1/scans/latest/findings",
        "/api/v1/openapi.json",
    ] {
        let r = request(s.addr, "GET", path, &[], "").await;
        assert_json_error(&r, 401);
        assert!(r.header("www-authenticate").starts_with("Bearer"));
        let wrong = request(
            s.addr,
            "GET",
            path,
            &[("Authorization", "Bearer wrong-token-0123456789")],
            "",
        )
        .await;
        assert_json_error(&wrong, 401);
        let r = get(s.addr, path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_hardened(&r);
    }
    // Pages send the browser to the login form.
    let r = request(s.addr, "GET", "/", &[], "").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/login");
    assert_hardened(&r);
    // A token in the query string or a cookie of no session is not enough.
    let r = request(
        s.addr,
        "GET",
        &format!("/api/v1/scans?token={TOKEN}"),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status, 401);
    let r = request(
        s.addr,
        "GET",
        "/",
        &[("Cookie", &format!("safeguard_session={}", "a".repeat(64)))],
        "",
    )
    .await;
    assert_eq!(r.status, 303);
}

fn cookie_of(r: &Reply) -> String {
    let set = r.header("set-cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "no Secure on loopback: {set}");
    set.split(';').next().unwrap().to_string()
}

fn csrf_of(body: &str) -> String {
    let at =
        body.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    body[at..at + 64].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_sessions_and_csrf() {
    let s = start(token_auth()).await;
    let form = request(s.addr, "GET", "/login", &[], "").await;
    assert_eq!(form.status, 200);
    assert_hardened(&form);
    let pre = cookie_of(&form);
    let csrf = csrf_of(&form.body);
    let ct = ("Content-Type", "application/x-www-form-urlencoded");

    // Without the session's CSRF token the login is refused, even with the right token.
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[ct, ("Cookie", &pre)],
        &format!("csrf={}&token={TOKEN}", "0".repeat(64)),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[ct],
        &format!("csrf={csrf}&token={TOKEN}"),
    )
    .await;
    assert_eq!(r.status, 403, "no session cookie");
    // A wrong token is refused.
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[ct, ("Cookie", &pre)],
        &format!("csrf={csrf}&token=nope"),
    )
    .await;
    assert_eq!(r.status, 401);
    assert!(!r.body.contains("nope"));
    // The right one starts a new session.
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[ct, ("Cookie", &pre)],
        &format!("csrf={csrf}&token={TOKEN}"),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let session = cookie_of(&r);
    assert_ne!(session, pre, "the session id changes on login");
    // The pre-login cookie is dead; the new one opens pages and the API.
    assert_eq!(
        request(s.addr, "GET", "/", &[("Cookie", &pre)], "")
            .await
            .status,
        303
    );
    let page = request(s.addr, "GET", "/", &[("Cookie", &session)], "").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("action=\"/logout\""));
    let api = request(s.addr, "GET", "/api/v1/scans", &[("Cookie", &session)], "").await;
    assert_eq!(api.status, 200);

    // Logout needs the session's CSRF token.
    let logout_csrf = csrf_of(&page.body);
    let r = request(
        s.addr,
        "POST",
        "/logout",
        &[ct, ("Cookie", &session)],
        "csrf=forged",
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        request(s.addr, "GET", "/", &[("Cookie", &session)], "")
            .await
            .status,
        200
    );
    let r = request(
        s.addr,
        "POST",
        "/logout",
        &[ct, ("Cookie", &session)],
        &format!("csrf={logout_csrf}"),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        request(s.addr, "GET", "/", &[("Cookie", &session)], "")
            .await
            .status,
        303
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_json_4xx() {
    let s = start(token_auth()).await;
    let cases = [
        ("/api/v1/scans/abc", 400),
        ("/api/v1/scans/-1", 400),
        ("/api/v1/scans/0", 400),
        ("/api/v1/scans/99999999999999999999999", 400),
        ("/api/v1/scans/424242", 404),
        ("/api/v1/scans/424242/findings", 404),
        ("/api/v1/scans/424242/drift", 404),
        ("/api/v1/scans/latest/findings?limit=100000000", 400),
        ("/api/v1/scans/latest/findings?limit=0", 400),
        ("/api/v1/scans/latest/findings?limit=-5", 400),
        ("/api/v1/scans/latest/findings?offset=abc", 400),
        (
            "/api/v1/scans/latest/findings?offset=99999999999999999999999999",
            400,
        ),
        ("/api/v1/scans/latest/findings?severity=urgent", 400),
        ("/api/v1/scans/latest/findings?status=maybe", 400),
        ("/api/v1/scans/latest/findings?in_scope=yes", 400),
        ("/api/v1/scans/latest/findings?bogus=1", 400),
        ("/api/v1/scans/latest/findings?limit=1&limit=2", 400),
        ("/api/v1/scans/latest/findings?%ZZ=%", 400),
        ("/api/v1/scans/latest/findings/not-hex!", 400),
        ("/api/v1/scans/latest/findings/%3Cscript%3E", 400),
        ("/api/v1/scans/latest/findings/deadbeefdeadbeef", 404),
        ("/api/v1/scans/latest/drift?from=xyz", 400),
        ("/api/v1/scans?limit=1e9", 400),
        ("/api/v1/scans?before=0", 400),
        ("/api/v1/scores?limit=5000", 400),
        ("/api/v1/nope", 404),
    ];
    for (path, status) in cases {
        let r = get(s.addr, path).await;
        assert_json_error(&r, status);
    }
    let long = format!("/api/v1/scans/latest/findings?text={}", "a".repeat(300));
    assert_json_error(&get(s.addr, &long).await, 400);
    let r = request(
        s.addr,
        "POST",
        "/api/v1/scans",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        "",
    )
    .await;
    assert_json_error(&r, 405);
    // The first scan has no earlier one to compare with.
    assert_json_error(
        &get(s.addr, &format!("/api/v1/scans/{}/drift", s.first)).await,
        404,
    );
    // Pages answer bad input with an error page, not a 500.
    let r = get(s.addr, "/scans/abc/findings?limit=0").await;
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").starts_with("text/html"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scans_findings_pages_and_filters() {
    let s = start(token_auth()).await;
    let scans = get(s.addr, "/api/v1/scans").await.json();
    let ids: Vec<i64> = scans["scans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![s.second, s.first]);

    let detail = get(s.addr, &format!("/api/v1/scans/{}", s.second))
        .await
        .json();
    assert_eq!(detail["previous"], s.first);
    assert_eq!(detail["families"].as_array().unwrap().len(), 4);
    assert!(detail["sections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == "164.312(a)(1)"));

    // Paging: pages of 7 cover every finding exactly once.
    let all = get(
        s.addr,
        &format!("/api/v1/scans/{}/findings?limit=1000", s.second),
    )
    .await
    .json();
    let total = all["total"].as_u64().unwrap();
    assert!(total > 20);
    let mut seen = HashSet::new();
    let mut offset = 0;
    while offset < total {
        let page = get(
            s.addr,
            &format!(
                "/api/v1/scans/{}/findings?limit=7&offset={offset}",
                s.second
            ),
        )
        .await
        .json();
        assert_eq!(page["total"], total);
        assert_eq!(page["limit"], 7);
        for f in page["items"].as_array().unwrap() {
            assert!(seen.insert(f["fingerprint"].as_str().unwrap().to_string()));
        }
        offset += 7;
    }
    assert_eq!(seen.len() as u64, total);
    let past = get(
        s.addr,
        &format!("/api/v1/scans/{}/findings?offset=100000", s.second),
    )
    .await
    .json();
    assert_eq!(past["items"].as_array().unwrap().len(), 0);

    // Filters.
    let high = get(
        s.addr,
        "/api/v1/scans/latest/findings?severity=high&limit=1000",
    )
    .await
    .json();
    assert!(high["total"].as_u64().unwrap() > 0);
    assert!(high["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "high"));
    let both = get(
        s.addr,
        "/api/v1/scans/latest/findings?severity=high,critical&service=s3&limit=1000",
    )
    .await
    .json();
    assert!(both["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["service"] == "s3" && (f["severity"] == "high" || f["severity"] == "critical")));
    let waived = get(
        s.addr,
        &format!(
            "/api/v1/scans/{}/findings?status=waived&limit=1000",
            s.first
        ),
    )
    .await
    .json();
    assert!(waived["total"].as_u64().unwrap() > 0);
    assert!(waived["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["waived"].is_object()));
    let text = get(s.addr, "/api/v1/scans/latest/findings?text=hostile-bucket")
        .await
        .json();
    assert!(text["total"].as_u64().unwrap() > 0);
    let rule = text["items"][0]["rule_id"].as_str().unwrap().to_string();
    let by_rule = get(
        s.addr,
        &format!("/api/v1/scans/latest/findings?rule={rule}&account=111122223333&limit=1000"),
    )
    .await
    .json();
    assert!(by_rule["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule_id"] == rule.as_str()));
    let none = get(s.addr, "/api/v1/scans/latest/findings?account=000000000000")
        .await
        .json();
    assert_eq!(none["total"], 0);

    // One finding, with its rule's remediation.
    let fp = text["items"][0]["fingerprint"].as_str().unwrap();
    let one = get(s.addr, &format!("/api/v1/scans/latest/findings/{fp}"))
        .await
        .json();
    assert_eq!(one["finding"]["resource_name"], HOSTILE);
    assert!(one["rule"]["remediation"]["terraform"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));

    // Facets, waivers, scores, targets.
    let facets = get(s.addr, "/api/v1/scans/latest/facets").await.json();
    assert!(facets["service"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "s3"));
    let waivers = get(s.addr, &format!("/api/v1/scans/{}/waivers", s.first))
        .await
        .json();
    assert_eq!(waivers["waivers"][0]["state"], "active");
    let scores = get(s.addr, "/api/v1/scores").await.json();
    assert_eq!(scores["target"], "clinic");
    assert_eq!(scores["points"].as_array().unwrap().len(), 2);
    let targets = get(s.addr, "/api/v1/targets").await.json();
    assert_eq!(targets["targets"][0]["scans"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drift_between_the_two_scans() {
    let s = start(token_auth()).await;
    let d = get(s.addr, &format!("/api/v1/scans/{}/drift", s.second))
        .await
        .json();
    assert_eq!(d["drift"]["from"]["id"], s.first);
    assert_eq!(d["drift"]["to"]["id"], s.second);
    assert!(d["counts"]["new"].as_u64().unwrap() > 0, "{}", d["counts"]);
    assert!(d["counts"]["fixed"].as_u64().unwrap() > 0);
    assert!(d["drift"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["resource_id"] == "arn:aws:s3:::hostile-bucket"));
    assert!(d["drift"]["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["how"] == "resource_removed"));
    let explicit = get(
        s.addr,
        &format!("/api/v1/scans/latest/drift?from={}", s.first),
    )
    .await
    .json();
    assert_eq!(explicit["counts"], d["counts"]);

    // Each list is paged; the counts stay complete.
    let open = d["counts"]["still_open"].as_u64().unwrap();
    assert!(open > 3);
    assert_eq!(
        d["drift"]["still_open"].as_array().unwrap().len() as u64,
        open.min(100)
    );
    let mut seen = HashSet::new();
    let mut offset = 0;
    while offset < open {
        let page = get(
            s.addr,
            &format!("/api/v1/scans/{}/drift?limit=3&offset={offset}", s.second),
        )
        .await
        .json();
        assert_eq!(page["counts"], d["counts"]);
        assert_eq!(
            (page["offset"].as_u64(), page["limit"].as_u64()),
            (Some(offset), Some(3))
        );
        let items = page["drift"]["still_open"].as_array().unwrap();
        assert_eq!(items.len() as u64, (open - offset).min(3));
        for s in items {
            assert!(seen.insert(s["finding"]["fingerprint"].as_str().unwrap().to_string()));
        }
        offset += 3;
    }
    assert_eq!(seen.len() as u64, open);
    let past = get(
        s.addr,
        &format!("/api/v1/scans/{}/drift?offset=100000", s.second),
    )
    .await
    .json();
    assert_eq!(past["counts"], d["counts"]);
    assert!(past["drift"]["new"].as_array().unwrap().is_empty());
    let r = get(s.addr, "/api/v1/scans/latest/drift?limit=0").await;
    assert_eq!(r.status, 400, "{}", r.body);

    // The dashboard's drift page moves through the lists with the same offsets.
    let page = get(s.addr, &format!("/scans/{}/drift", s.second)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("Previous rows"));
    let later = get(s.addr, &format!("/scans/{}/drift?offset=1", s.second)).await;
    assert_eq!(later.status, 200, "{}", later.body);
    assert!(
        later.body.contains(&format!(
            "/scans/{}/drift?from={}&amp;offset=0\">Previous rows",
            s.second, s.first
        )),
        "{}",
        later.body
    );
    let fixed = d["counts"]["fixed"].as_u64().unwrap();
    let told = if fixed > 1 {
        format!("Rows 2–{} of {fixed}.", fixed.min(101))
    } else {
        format!("{fixed} in all, none after row 1.")
    };
    assert!(later.body.contains(&told), "{told} not in {}", later.body);
    let r = get(s.addr, "/scans/latest/drift?offset=-1").await;
    assert_eq!(r.status, 400, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_every_route() {
    let s = start(token_auth()).await;
    let doc = get(s.addr, "/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in API_ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
        // And the route answers (not with 404 for an unknown route).
        let concrete = path
            .replace("{scan}", "latest")
            .replace("{fingerprint}", "00");
        let r = get(s.addr, &concrete).await;
        assert_ne!(r.header("content-type"), "", "{concrete}");
        assert!(
            r.status == 200
                || r.json()["error"]["code"] != "not_found"
                || concrete.ends_with("/00"),
            "{concrete}: {}",
            r.body
        );
    }
    assert_eq!(
        paths.len(),
        API_ROUTES.len(),
        "the document lists routes the server does not have"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_escape_user_controlled_text() {
    let s = start(token_auth()).await;
    let list = get(s.addr, "/api/v1/scans/latest/findings?text=hostile-bucket")
        .await
        .json();
    let fp = list["items"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [
        "/".to_string(),
        "/scans".to_string(),
        "/scans/latest/findings?text=hostile-bucket".to_string(),
        format!("/scans/latest/findings/{fp}"),
        "/scans/latest/drift".to_string(),
        format!("/scans/{}/waivers", s.first),
        "/scans/latest/findings?text=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
    ] {
        let r = get(s.addr, &path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"));
        assert_hardened(&r);
        assert!(!r.body.contains("<script"), "{path} has unescaped markup");
        assert!(!r.body.contains("<img"), "{path} has unescaped markup");
        assert!(!r.body.contains("<b>risk"), "{path} has unescaped markup");
        assert!(
            !r.body.contains(" style="),
            "{path} has inline styles the CSP blocks"
        );
    }
    let detail = get(s.addr, &format!("/scans/latest/findings/{fp}")).await;
    assert!(detail
        .body
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(detail.body.contains("Remediation"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_auth_only_on_loopback_and_only_for_loopback_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let location = safeguard_store::StoreLocation::parse(&format!(
        "sqlite:{}",
        dir.path().join("h.db").display()
    ))
    .unwrap();
    let open = || async { safeguard_store::Store::open(&location).await.unwrap() };
    let err = Server::bind(
        ServerConfig::new("0.0.0.0:0".parse().unwrap(), Auth::Disabled),
        open().await,
    )
    .await
    .err()
    .unwrap();
    assert!(err.to_string().contains("loopback"), "{err}");
    let err = Server::bind(
        ServerConfig::new(
            "127.0.0.1:0".parse().unwrap(),
            Auth::Token(Secret::new("short".into())),
        ),
        open().await,
    )
    .await
    .err()
    .unwrap();
    assert!(err.to_string().contains("at least"), "{err}");
    // The token never shows in debug output.
    let config = ServerConfig::new("127.0.0.1:0".parse().unwrap(), token_auth());
    assert!(!format!("{config:?}").contains(TOKEN));

    let s = start(Auth::Disabled).await;
    let r = request(s.addr, "GET", "/api/v1/scans", &[], "").await;
    assert_eq!(r.status, 200);
    // A foreign Host (DNS rebinding) is refused.
    let mut stream = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    stream
        .write_all(
            b"GET /api/v1/scans HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n",
        )
        .await
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    assert!(raw.starts_with("HTTP/1.1 421"), "{raw}");
}
