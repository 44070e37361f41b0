//! Compliant and non-compliant resources planted in moto, collected through the proxy (which
//! here only fills moto's gaps) and evaluated with the whole catalog.

use crate::common::{docdb_cluster, moto_gaps, no_organization, options, Moto, Proxy, ACCOUNT};
use crate::plant::{self, Planted};
use safeguard_model::{CoverageStatus, Inventory, ResourceKind};
use safeguard_rules::Status::{self, Fail, NotApplicable, Pass};
use std::collections::BTreeMap;
use std::time::Instant;

pub type Verdicts = BTreeMap<(String, String), (Status, String)>;

/// (rule id, resource id) -> (status, message), for every finding.
pub fn verdicts(inv: &Inventory) -> Verdicts {
    let report =
        safeguard_engine::evaluate(inv, safeguard_rules::all(), &Default::default()).unwrap();
    report
        .findings
        .iter()
        .map(|f| {
            (
                (
                    report.rule(f).meta().id.to_string(),
                    report.resource(f).meta().id.clone(),
                ),
                (f.status, f.message.to_string()),
            )
        })
        .collect()
}

/// The id of the resource of `kind` named `name`.
pub fn id_of(inv: &Inventory, kind: ResourceKind, name: &str) -> String {
    inv.resources
        .iter()
        .find(|r| r.kind() == kind && r.meta().name == name)
        .unwrap_or_else(|| panic!("no {kind} named {name} in the inventory"))
        .meta()
        .id
        .clone()
}

/// Checks every expectation and reports all mismatches at once.
pub fn check(v: &Verdicts, expected: &[(&str, String, Status)]) {
    let mut wrong = Vec::new();
    for (rule, id, want) in expected {
        match v.get(&(rule.to_string(), id.clone())) {
            Some((got, _)) if got == want => {}
            Some((got, msg)) => wrong.push(format!(
                "{rule} {id}: expected {want:?}, got {got:?} ({msg})"
            )),
            None => wrong.push(format!("{rule} {id}: expected {want:?}, got no finding")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} verdict(s) differ:\n  {}",
        wrong.len(),
        wrong.join("\n  ")
    );
}

/// The findings the planted resources must get.
pub fn expected(inv: &Inventory, p: &Planted) -> Vec<(&'static str, String, Status)> {
    let a = ACCOUNT;
    let arn = |service: &str, rest: &str| format!("arn:aws:{service}:us-east-1:{a}:{rest}");
    let bucket = |b: &str| format!("arn:aws:s3:::{b}");
    let user = |u: &str| format!("arn:aws:iam::{a}:user/{u}");
    let n = &p.net;
    let ec2 = |what: &str, id: &str| arn("ec2", &format!("{what}/{id}"));
    let alb = id_of(inv, ResourceKind::LoadBalancer, "phi-alb");
    let secret_cmk = id_of(inv, ResourceKind::Secret, "phi-secret-cmk");
    let secret_default = id_of(inv, ResourceKind::Secret, "phi-secret-default");
    let cdn = inv
        .resources
        .iter()
        .find(|r| r.kind() == ResourceKind::CloudFrontDistribution)
        .unwrap()
        .meta()
        .id
        .clone();
    let stage = inv
        .resources
        .iter()
        .find(|r| r.kind() == ResourceKind::ApiGatewayStage)
        .unwrap()
        .meta()
        .id
        .clone();
    let (fs_enc, fs_plain) = (&p.file_systems.0, &p.file_systems.1);
    vec![
        // Account and region settings.
        ("ACCT-001", a.to_string(), Fail),
        ("ACCT-002", a.to_string(), Pass),
        ("ACCT-004", a.to_string(), Fail),
        ("ACCT-005", a.to_string(), Pass),
        ("ACCT-006", a.to_string(), Fail),
        ("ACCT-007", format!("{a}/us-east-1"), Pass),
        ("ACCT-007", format!("{a}/eu-west-1"), Fail),
        ("GD-001", format!("{a}/us-east-1"), Pass),
        ("GD-001", format!("{a}/eu-west-1"), Fail),
        ("CFG-001", format!("{a}/us-east-1"), Pass),
        ("CFG-001", format!("{a}/eu-west-1"), Fail),
        ("CT-001", a.to_string(), Pass),
        ("CT-005", a.to_string(), Fail),
        // S3.
        ("S3-001", bucket("phi-good-bucket"), Pass),
        ("S3-001", bucket("phi-bad-bucket"), Fail),
        ("S3-003", bucket("phi-good-bucket"), Pass),
        ("S3-003", bucket("phi-bad-bucket"), Fail),
        ("S3-005", bucket("phi-bad-bucket"), Fail),
        ("S3-005", bucket("phi-good-bucket"), Pass),
        ("S3-006", bucket("phi-good-bucket"), Pass),
        ("S3-006", bucket("phi-bad-bucket"), Fail),
        ("S3-007", bucket("phi-good-bucket"), Pass),
        ("S3-007", bucket("phi-bad-bucket"), Fail),
        ("S3-008", bucket("phi-good-bucket"), Pass),
        ("S3-008", bucket("phi-bad-bucket"), Fail),
        ("S3-010", bucket("phi-log-bucket"), Fail),
        // IAM.
        ("IAM-001", user("alice"), Pass),
        ("IAM-001", user("bob"), Fail),
        ("IAM-002", user("bob"), Pass),
        ("IAM-002", user("alice"), NotApplicable),
        ("IAM-004", user("alice"), Pass),
        ("IAM-004", user("bob"), Fail),
        (
            "IAM-005",
            format!("arn:aws:iam::{a}:policy/phi-admin"),
            Fail,
        ),
        (
            "IAM-005",
            format!("arn:aws:iam::{a}:policy/phi-narrow"),
            Pass,
        ),
        (
            "IAM-008",
            format!("arn:aws:iam::{a}:role/phi-open-trust"),
            Fail,
        ),
        (
            "IAM-008",
            format!("arn:aws:iam::{a}:role/phi-ec2-role"),
            Pass,
        ),
        // EC2 and VPC.
        ("EC2-001", ec2("instance", &n.imdsv2_instance), Pass),
        ("EC2-001", ec2("instance", &n.imdsv1_instance), Fail),
        // moto has no managed nodes (the proxy answers DescribeInstanceInformation).
        ("EC2-013", ec2("instance", &n.imdsv2_instance), Fail),
        ("EC2-013", ec2("instance", &n.imdsv1_instance), Fail),
        ("EC2-004", ec2("volume", &n.encrypted_volume), Pass),
        ("EC2-004", ec2("volume", &n.plain_volume), Fail),
        ("EC2-008", ec2("security-group", &n.open_ssh_sg), Fail),
        ("EC2-008", ec2("security-group", &n.closed_sg), Pass),
        ("VPC-001", ec2("vpc", &n.vpc_with_flow_logs), Pass),
        ("VPC-001", ec2("vpc", &n.vpc_without_flow_logs), Fail),
        // Launch templates, DocumentDB, Neptune.
        (
            "EC2-014",
            id_of(inv, ResourceKind::LaunchTemplate, "phi-lt-v2"),
            Pass,
        ),
        (
            "EC2-014",
            id_of(inv, ResourceKind::LaunchTemplate, "phi-lt-v1"),
            Fail,
        ),
        (
            "EC2-015",
            id_of(inv, ResourceKind::LaunchTemplate, "phi-lt-v2"),
            Pass,
        ),
        (
            "EC2-015",
            id_of(inv, ResourceKind::LaunchTemplate, "phi-lt-v1"),
            Fail,
        ),
        ("DOCDB-001", arn("rds", "cluster:phi-docdb"), Pass),
        ("DOCDB-002", arn("rds", "cluster:phi-docdb"), Fail),
        ("NEP-001", arn("rds", "cluster:phi-neptune"), Fail),
        // RDS.
        ("RDS-001", arn("rds", "db:phi-db-good"), Pass),
        ("RDS-001", arn("rds", "db:phi-db-bad"), Fail),
        ("RDS-003", arn("rds", "db:phi-db-good"), Pass),
        ("RDS-003", arn("rds", "db:phi-db-bad"), Fail),
        ("RDS-004", arn("rds", "db:phi-db-good"), Pass),
        ("RDS-004", arn("rds", "db:phi-db-bad"), Fail),
        // CloudTrail.
        ("CT-002", arn("cloudtrail", "trail/phi-trail"), Pass),
        ("CT-002", arn("cloudtrail", "trail/phi-trail-weak"), Fail),
        ("CT-003", arn("cloudtrail", "trail/phi-trail"), Pass),
        ("CT-003", arn("cloudtrail", "trail/phi-trail-weak"), Fail),
        ("CT-006", arn("cloudtrail", "trail/phi-trail"), Pass),
        ("CT-006", arn("cloudtrail", "trail/phi-trail-weak"), Fail),
        // KMS and logs.
        ("KMS-001", p.kms_key.clone(), Pass),
        ("KMS-001", p.unrotated_key.clone(), Fail),
        ("LOGS-001", arn("logs", "log-group:/phi/audit"), Pass),
        ("LOGS-001", arn("logs", "log-group:/phi/app"), Fail),
        // DynamoDB.
        ("DDB-002", arn("dynamodb", "table/phi-table-pitr"), Pass),
        ("DDB-002", arn("dynamodb", "table/phi-table-plain"), Fail),
        // SNS and SQS.
        ("SNS-001", arn("sns", "phi-topic-kms"), Pass),
        ("SNS-001", arn("sns", "phi-topic-plain"), Fail),
        ("SQS-001", arn("sqs", "phi-queue-kms"), Pass),
        ("SQS-001", arn("sqs", "phi-queue-plain"), Fail),
        // ELB.
        ("ELB-001", alb.clone(), Fail),
        ("ELB-008", alb.clone(), Fail),
        ("ELB-006", alb, Fail),
        // EFS.
        (
            "EFS-001",
            arn("elasticfilesystem", &format!("file-system/{fs_enc}")),
            Pass,
        ),
        (
            "EFS-001",
            arn("elasticfilesystem", &format!("file-system/{fs_plain}")),
            Fail,
        ),
        // Secrets Manager.
        ("SM-001", secret_cmk.clone(), Fail),
        ("SM-002", secret_cmk, Pass),
        ("SM-002", secret_default, Fail),
        // Lambda.
        ("LMB-002", arn("lambda", "function:phi-public-fn"), Fail),
        ("LMB-002", arn("lambda", "function:phi-fn"), NotApplicable),
        ("LMB-003", arn("lambda", "function:phi-fn"), Fail),
        // GuardDuty detector, ElastiCache.
        (
            "ECACHE-001",
            arn("elasticache", "replicationgroup:phi-cache"),
            Pass,
        ),
        (
            "ECACHE-001",
            arn("elasticache", "replicationgroup:phi-cache-old"),
            Fail,
        ),
        (
            "ECACHE-004",
            arn("elasticache", "replicationgroup:phi-cache"),
            Pass,
        ),
        (
            "ECACHE-004",
            arn("elasticache", "replicationgroup:phi-cache-old"),
            Fail,
        ),
        (
            "ECACHE-005",
            arn("elasticache", "replicationgroup:phi-cache"),
            Pass,
        ),
        (
            "ECACHE-005",
            arn("elasticache", "replicationgroup:phi-cache-old"),
            Fail,
        ),
        // Redshift, OpenSearch.
        ("RS-001", arn("redshift", "cluster:phi-redshift"), Pass),
        (
            "RS-001",
            arn("redshift", "cluster:phi-redshift-plain"),
            Fail,
        ),
        ("RS-002", arn("redshift", "cluster:phi-redshift"), Pass),
        (
            "RS-002",
            arn("redshift", "cluster:phi-redshift-plain"),
            Fail,
        ),
        ("OS-001", arn("es", "domain/phi-search"), Pass),
        ("OS-001", arn("es", "domain/phi-search-plain"), Fail),
        ("OS-003", arn("es", "domain/phi-search"), Pass),
        ("OS-003", arn("es", "domain/phi-search-plain"), Fail),
        ("OS-004", arn("es", "domain/phi-search"), Pass),
        ("OS-004", arn("es", "domain/phi-search-plain"), Fail),
        // API Gateway, CloudFront, Backup.
        ("APIGW-002", stage.clone(), Pass),
        ("APIGW-005", stage, Fail),
        ("CF-001", cdn.clone(), Fail),
        ("CF-002", cdn, Fail),
        ("BKP-002", arn("backup", "backup-vault:phi-vault"), Pass),
    ]
}

/// Rules that stay unknown on a live scan because their facts come from APIs the collector
/// does not call. None at present: Systems Manager managed nodes and WAFv2 web ACLs, the last
/// such facts, are collected.
pub const NOT_COLLECTED: &[&str] = &[];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn planted_resources_get_the_expected_verdicts() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let proxy = Proxy::start(
        &moto.url,
        [moto_gaps(), vec![no_organization()], docdb_cluster()].concat(),
    )
    .await;
    let planted = plant::all(&moto.url).await;
    let started = Instant::now();
    let c = safeguard_aws::collect_with_stats(&options(&proxy.url, &["us-east-1", "eu-west-1"]))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let inv = &c.inventory;
    let v = verdicts(inv);
    if std::env::var_os("SAFEGUARD_DUMP").is_some() {
        eprintln!(
            "collected {} resources with {} API calls ({} HTTP attempts) in {elapsed:?}",
            inv.resources.len(),
            c.stats.api_calls,
            c.stats.http_attempts
        );
        for (op, n) in &c.stats.calls_by_operation {
            eprintln!("  {op}: {n}");
        }
        for ((rule, id), (status, msg)) in &v {
            eprintln!("{rule:10} {status:?} {id} -- {msg}");
        }
        std::fs::write(
            std::env::temp_dir().join("safeguard-moto-inventory.json"),
            inv.to_json(),
        )
        .unwrap();
    }

    // moto answered every list call.
    for row in &inv.coverage {
        assert_eq!(row.status, CoverageStatus::Ok, "{row:?}");
    }
    assert!(!inv.is_incomplete());
    assert_eq!(inv.accounts(), vec![ACCOUNT.to_string()]);

    check(&v, &expected(inv, &planted));

    // Nothing else is unknown: every fact the rules need was collected.
    let unknown: Vec<String> = v
        .iter()
        .filter(|((rule, _), (status, _))| {
            *status == Status::Unknown && !NOT_COLLECTED.contains(&rule.as_str())
        })
        .map(|((rule, id), (_, msg))| format!("{rule} {id}: {msg}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "unexpected unknown verdicts:\n  {}",
        unknown.join("\n  ")
    );

    // Call counts are recorded per operation, and the proxy only filled moto's gaps.
    assert!(
        c.stats
            .calls_by_operation
            .get("s3:ListBuckets")
            .is_some_and(|n| *n >= 1),
        "{:?}",
        c.stats.calls_by_operation
    );
    assert_eq!(
        proxy.count("sqs", "denied") + proxy.count("kms", "throttled"),
        0
    );
}
