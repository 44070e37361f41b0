//! Faults injected by the proxy in front of moto: one service denied outright, one
//! throttled past the retry budget, one throttled briefly, and one per-resource call denied.
//! The scan completes, says what it could not read, and every other verdict is unchanged.

use crate::common::{
    docdb_cluster, moto_gaps, no_organization, options, Act, Moto, Proxy, Rule, ACCOUNT,
};
use crate::plant;
use crate::scenario::{check, expected, verdicts, NOT_COLLECTED};
use safeguard_model::{CoverageStatus, ResourceKind, UnknownReason};
use safeguard_rules::Status;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn denied_and_throttled_services_are_reported_and_the_scan_goes_on() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant::all(&moto.url).await;
    let faults = vec![
        // Every SQS call: AccessDeniedException.
        Rule::service("sqs", Act::Deny),
        // Every DynamoDB call: ThrottlingException, past all retries.
        Rule::service("dynamodb", Act::Throttle),
        // The first three KMS calls: ThrottlingException, then moto answers (retries recover).
        Rule::service("kms", Act::Throttle).times(3),
        // One per-resource call: GetBucketPolicy is denied for every bucket.
        Rule::rest("s3", "GET", "?policy", Act::Deny),
    ];
    let proxy = Proxy::start(
        &moto.url,
        [
            faults,
            moto_gaps(),
            vec![no_organization()],
            docdb_cluster(),
        ]
        .concat(),
    )
    .await;
    let c = safeguard_aws::collect_with_stats(&options(&proxy.url, &["us-east-1", "eu-west-1"]))
        .await
        .expect("faults never make the scan fail");
    let inv = &c.inventory;

    // The denied service: coverage failed for each region, reason and call named, no queues.
    for region in ["us-east-1", "eu-west-1"] {
        let row = inv
            .coverage
            .iter()
            .find(|r| r.service == "sqs" && r.region == region)
            .unwrap();
        let CoverageStatus::Failed(u) = &row.status else {
            panic!("{row:?}")
        };
        assert_eq!(u.reason, UnknownReason::AccessDenied);
        assert_eq!(
            u.detail,
            format!("sqs:ListQueues in {region}: AccessDeniedException")
        );
    }
    assert!(!inv
        .resources
        .iter()
        .any(|r| r.kind() == ResourceKind::SqsQueue));

    // The throttled service: coverage failed as throttled after the retries.
    let row = inv
        .coverage
        .iter()
        .find(|r| r.service == "dynamodb" && r.region == "us-east-1")
        .unwrap();
    let CoverageStatus::Failed(u) = &row.status else {
        panic!("{row:?}")
    };
    assert_eq!(u.reason, UnknownReason::Throttled);
    assert_eq!(
        u.detail,
        "dynamodb:ListTables in us-east-1: ThrottlingException"
    );
    assert!(
        proxy.count("dynamodb", "throttled") >= 2 * 4,
        "each list call is tried max_attempts times"
    );

    // The briefly throttled service recovered: coverage ok, keys known.
    assert_eq!(proxy.count("kms", "throttled"), 3);
    for row in inv.coverage.iter().filter(|r| r.service == "kms") {
        assert_eq!(row.status, CoverageStatus::Ok, "{row:?}");
    }
    assert!(
        c.stats.http_attempts > c.stats.api_calls,
        "retries are counted as attempts"
    );

    // The denied per-resource call: the policy is unknown, the bucket and its other facts are not.
    let good = inv
        .resources
        .iter()
        .find_map(|r| match r {
            safeguard_model::Resource::S3Bucket(b) if b.meta.name == "phi-good-bucket" => Some(b),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        good.policy,
        safeguard_model::Value::unknown(
            UnknownReason::AccessDenied,
            "s3:GetBucketPolicy in us-east-1: AccessDenied"
        )
    );
    assert!(good.default_encryption.is_known() && good.versioning.is_known());

    // Every other service is complete, and the inventory says the scan was not.
    for row in inv
        .coverage
        .iter()
        .filter(|r| r.service != "sqs" && r.service != "dynamodb")
    {
        assert_eq!(row.status, CoverageStatus::Ok, "{row:?}");
    }
    assert!(inv.is_incomplete());

    // Verdicts: the planted expectations hold, except those on what could not be read.
    let v = verdicts(inv);
    let affected =
        |rule: &str| rule.starts_with("SQS-") || rule.starts_with("DDB-") || rule == "S3-003";
    let still: Vec<_> = expected(inv, &planted)
        .into_iter()
        .filter(|(rule, _, _)| !affected(rule))
        .collect();
    check(&v, &still);
    let bucket = |b: &str| format!("arn:aws:s3:::{b}");
    for b in ["phi-good-bucket", "phi-bad-bucket", "phi-log-bucket"] {
        for rule in ["S3-003", "S3-004"] {
            let (status, msg) = &v[&(rule.to_string(), bucket(b))];
            assert_eq!(*status, Status::Unknown, "{rule} {b}: {msg}");
            assert!(msg.contains("access_denied"), "{msg}");
        }
    }
    // The only other unknowns are the never-collected facts.
    let unknown: Vec<String> = v
        .iter()
        .filter(|((rule, _), (status, _))| {
            *status == Status::Unknown
                && !NOT_COLLECTED.contains(&rule.as_str())
                && rule != "S3-003"
                && rule != "S3-004"
        })
        .map(|((rule, id), (_, msg))| format!("{rule} {id}: {msg}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "unexpected unknown verdicts:\n  {}",
        unknown.join("\n  ")
    );
    let _ = ACCOUNT;
}
