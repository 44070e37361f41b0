//! Fields rules read that come from companion or nested configuration: backup selection
//! conditions, load balancer target groups (listeners and listener rules), SNS subscriptions,
//! Lambda on-failure destinations, S3 Object Lock default retention, console password
//! creation, CloudFront origin TLS versions and launch templates, from Terraform and
//! CloudFormation alike.

use safeguard_iac::{scan_paths, IacKind, ScanOutput};
use safeguard_model::*;
use std::path::PathBuf;

fn scan(dir: &str) -> ScanOutput {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fields")
        .join(dir);
    let out = scan_paths(&[p], IacKind::All);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    out
}

fn get<'a, T: TypedSubject>(out: &'a ScanOutput, address: &str) -> &'a T {
    out.inventory
        .resources
        .iter()
        .filter(|r| r.meta().location.as_ref().map(|l| l.address.as_str()) == Some(address))
        .find_map(T::from_resource)
        .unwrap_or_else(|| panic!("no {} at {address}", T::KIND.as_str()))
}

fn cond(op: &str, key: &str, value: &str) -> SelectionCondition {
    SelectionCondition {
        operator: op.into(),
        key: key.into(),
        value: value.into(),
    }
}

fn tg(name: &str, protocol: &str, port: u32) -> TargetGroup {
    TargetGroup {
        name: name.into(),
        protocol: Some(protocol.into()),
        port: Some(port),
    }
}

#[test]
fn terraform_companion_fields() {
    let out = scan("terraform");
    let plan: &BackupPlan = get(&out, "aws_backup_plan.daily");
    let sel = &plan.selections.known().unwrap()[0];
    assert_eq!(
        sel.conditions,
        Value::Known(vec![
            cond("StringEquals", "aws:ResourceTag/backup", "daily"),
            cond("StringNotLike", "aws:ResourceTag/env", "dev*"),
        ])
    );
    assert_eq!(
        sel.not_resources,
        Value::Known(vec!["arn:aws:rds:us-east-1:111122223333:db:scratch".into()])
    );

    let lb: &LoadBalancer = get(&out, "aws_lb.portal");
    assert_eq!(
        lb.target_groups,
        Value::Known(vec![tg("app", "HTTP", 8080), tg("secure", "HTTPS", 8443)])
    );

    let topic: &SnsTopic = get(&out, "aws_sns_topic.alerts");
    let subs = topic.subscriptions.known().unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].protocol, "https");

    let f: &LambdaFunction = get(&out, "aws_lambda_function.intake");
    assert_eq!(
        f.on_failure_destination,
        Value::Known(Some(
            "arn:aws:sqs:us-east-1:111122223333:intake-failures".into()
        ))
    );

    let b: &S3Bucket = get(&out, "aws_s3_bucket.trail");
    assert_eq!(
        b.object_lock_default_retention,
        Value::Known(Some(ObjectLockRetention {
            mode: "COMPLIANCE".into(),
            days: 6 * 365
        }))
    );

    let u: &IamUser = get(&out, "aws_iam_user.dana");
    assert_eq!(u.console_password, Value::Known(true));
    assert!(
        matches!(&u.password_created, Value::Unknown(x) if x.reason == UnknownReason::Unresolved)
    );

    let cf: &CloudFrontDistribution = get(&out, "aws_cloudfront_distribution.www");
    assert_eq!(
        cf.origins.known().unwrap()[0].origin_ssl_protocols,
        Value::Known(vec!["TLSv1.2".into()])
    );

    let lt: &LaunchTemplate = get(&out, "aws_launch_template.web");
    assert_eq!(lt.metadata_options.known().unwrap().http_tokens, "optional");
    let devs = lt.block_devices.known().unwrap();
    assert_eq!(
        devs.iter()
            .map(|d| (d.device_name.as_str(), d.root, d.encrypted.clone()))
            .collect::<Vec<_>>(),
        vec![
            ("/dev/xvda", true, Value::Known(true)),
            ("/dev/sdf", false, Value::Known(false))
        ]
    );
    assert_eq!(lt.associate_public_ip_address, Value::Known(Some(true)));
    assert_eq!(lt.iam_instance_profile, Value::Known(Some("web".into())));
    assert_eq!(
        lt.image_id,
        Value::Known(Some("ami-0a1b2c3d4e5f67890".into()))
    );
}

#[test]
fn cloudformation_companion_fields() {
    let out = scan("cloudformation");
    let plan: &BackupPlan = get(&out, "Plan");
    let sel = &plan.selections.known().unwrap()[0];
    assert_eq!(
        sel.conditions,
        Value::Known(vec![cond(
            "StringEquals",
            "aws:ResourceTag/backup",
            "daily"
        )])
    );
    assert_eq!(
        sel.not_resources,
        Value::Known(vec!["arn:aws:rds:us-east-1:111122223333:db:scratch".into()])
    );

    let lb: &LoadBalancer = get(&out, "Portal");
    assert_eq!(
        lb.target_groups,
        Value::Known(vec![tg("app", "HTTP", 8080)])
    );

    let topic: &SnsTopic = get(&out, "Alerts");
    let protocols: Vec<&str> = topic
        .subscriptions
        .known()
        .unwrap()
        .iter()
        .map(|s| s.protocol.as_str())
        .collect();
    assert_eq!(protocols, ["email", "http"]);

    let f: &LambdaFunction = get(&out, "Intake");
    assert_eq!(
        f.on_failure_destination,
        Value::Known(Some(
            "arn:aws:sqs:us-east-1:111122223333:intake-failures".into()
        ))
    );

    let b: &S3Bucket = get(&out, "TrailBucket");
    assert_eq!(
        b.object_lock_default_retention,
        Value::Known(Some(ObjectLockRetention {
            mode: "GOVERNANCE".into(),
            days: 2192
        }))
    );

    let u: &IamUser = get(&out, "Dana");
    assert!(
        matches!(&u.password_created, Value::Unknown(x) if x.reason == UnknownReason::Unresolved)
    );

    let cf: &CloudFrontDistribution = get(&out, "Www");
    assert_eq!(
        cf.origins.known().unwrap()[0].origin_ssl_protocols,
        Value::Known(vec!["TLSv1.1".into(), "TLSv1.2".into()])
    );

    let lt: &LaunchTemplate = get(&out, "Web");
    assert_eq!(lt.metadata_options.known().unwrap().http_tokens, "required");
    assert_eq!(
        lt.block_devices.known().unwrap()[0].encrypted,
        Value::Known(false)
    );
    assert_eq!(lt.associate_public_ip_address, Value::Known(Some(false)));
    assert_eq!(lt.instance_type, Value::Known(None));
}

/// None of the fields above is left `not_collected` by the mappers.
#[test]
fn no_field_left_not_collected() {
    const FIELDS: &[&str] = &[
        "conditions",
        "not_resources",
        "target_groups",
        "subscriptions",
        "origin_ssl_protocols",
        "on_failure_destination",
        "object_lock_default_retention",
        "password_created",
        "associate_public_ip_address",
    ];
    fn walk(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let reason = x.pointer("/$unknown/reason").and_then(|r| r.as_str());
                    if reason == Some("not_collected") {
                        out.push(format!("{at}.{k}"));
                    }
                    walk(x, &format!("{at}.{k}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    for dir in ["terraform", "cloudformation"] {
        let out = scan(dir);
        let v: serde_json::Value = serde_json::from_str(&out.inventory.to_json()).unwrap();
        let mut not_collected = Vec::new();
        walk(&v, "$", &mut not_collected);
        // The walk does see values left not collected (MFA devices are never in templates).
        assert!(
            not_collected.iter().any(|p| p.ends_with(".mfa_devices")),
            "{not_collected:?}"
        );
        let bad: Vec<&String> = not_collected
            .iter()
            .filter(|p| FIELDS.iter().any(|f| p.ends_with(&format!(".{f}"))))
            .collect();
        assert!(bad.is_empty(), "{dir}: {bad:?}");
    }
}
