//! The fixtures under `tests/fixtures/` scanned end to end: exact model values, file:line
//! locations and addresses, and diagnostics for files that do not parse.

use safeguard_iac::{scan_paths, IacKind, ScanOutput};
use safeguard_model::*;
use std::path::PathBuf;

fn fixture(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn scan(dir: &str) -> ScanOutput {
    scan_paths(&[fixture(dir)], IacKind::All)
}

fn find<'a>(out: &'a ScanOutput, address: &str) -> &'a Resource {
    out.inventory
        .resources
        .iter()
        .find(|r| r.meta().location.as_ref().map(|l| l.address.as_str()) == Some(address))
        .unwrap_or_else(|| panic!("no resource at {address}"))
}

fn loc(r: &Resource) -> (String, u32) {
    let l = r.meta().location.as_ref().unwrap();
    (l.file.clone(), l.line)
}

fn unresolved<T>(detail: &str) -> Value<T> {
    Value::unknown(UnknownReason::Unresolved, detail)
}

#[test]
fn terraform_project_with_module_tfvars_count_for_each_and_split_s3() {
    let out = scan("terraform");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.files_scanned, 4);
    assert_eq!(out.inventory.source.kind, SourceKind::Terraform);
    assert_eq!(out.inventory.resources.len(), 10);

    let Resource::S3Bucket(b) = find(&out, "aws_s3_bucket.records") else {
        panic!()
    };
    assert_eq!(
        loc(&find(&out, "aws_s3_bucket.records").clone()),
        ("app/main.tf".into(), 13)
    );
    assert_eq!(b.meta.id, "app/main.tf#aws_s3_bucket.records");
    // tfvars override the default: env = "prod".
    assert_eq!(b.meta.name, "phi-prod-records");
    assert_eq!(b.meta.region, "us-east-1");
    assert_eq!(b.meta.tag("phi"), Some("true"));
    assert_eq!(b.meta.tag("Name"), Some("records"));
    assert_eq!(
        b.default_encryption,
        Value::Known(Some(BucketEncryption {
            algorithm: "aws:kms".into(),
            kms_key_id: Some("var.kms_key_arn".into()),
            bucket_key: true
        }))
    );
    assert!(b
        .public_access_block
        .known()
        .unwrap()
        .unwrap()
        .all_enabled());
    assert_eq!(
        b.versioning,
        Value::Known(Versioning {
            enabled: true,
            mfa_delete: false
        })
    );
    assert_eq!(
        b.logging,
        Value::Known(Some(BucketLogging {
            target_bucket: "phi-prod-logs".into(),
            target_prefix: "records/".into()
        }))
    );
    let policy = b.policy.known().unwrap().as_ref().unwrap();
    assert!(policy.denies_insecure_transport("s3:GetObject"));
    assert_eq!(
        policy.0["Statement"][0]["Resource"][1],
        "${aws_s3_bucket.records.arn}/*"
    );
    assert_eq!(b.acl_public_read, Value::Known(false));

    // count = var.replicas (2 from tfvars); count.index in expressions.
    let Resource::RdsInstance(r0) = find(&out, "aws_db_instance.replica[0]") else {
        panic!()
    };
    let Resource::RdsInstance(r1) = find(&out, "aws_db_instance.replica[1]") else {
        panic!()
    };
    assert_eq!(r0.meta.name, "phi-prod-db-0");
    assert_eq!(r0.storage_encrypted, Value::Known(true));
    assert_eq!(r0.publicly_accessible, Value::Known(false));
    assert_eq!(r1.publicly_accessible, Value::Known(true));
    assert_eq!(r1.meta.location.as_ref().unwrap().line, 76);
    // Unset, with AWS defaults.
    assert_eq!(r0.backup_retention_days, Value::Known(1));
    assert_eq!(r0.multi_az, Value::Known(false));
    assert!(!r0.engine_version.is_known());

    // for_each over a set, addresses with string keys.
    let Resource::SqsQueue(q) = find(&out, "aws_sqs_queue.work[\"intake\"]") else {
        panic!()
    };
    assert_eq!(q.sqs_managed_sse, Value::Known(true));
    let Resource::SqsQueue(q) = find(&out, "aws_sqs_queue.work[\"billing\"]") else {
        panic!()
    };
    assert_eq!(q.sqs_managed_sse, Value::Known(false));
    assert_eq!(q.meta.id, "app/main.tf#aws_sqs_queue.work[\"billing\"]");

    // A standalone rule joins its group and keeps its own location.
    let Resource::SecurityGroup(sg) = find(&out, "aws_security_group.web") else {
        panic!()
    };
    let ingress = sg.ingress.known().unwrap();
    assert_eq!(ingress.len(), 2);
    assert!(ingress[0].location.is_none());
    let ssh = &ingress[1];
    assert!(ssh.is_world_open() && ssh.covers_tcp_port(22));
    let l = ssh.location.as_ref().unwrap();
    assert_eq!(
        (l.file.as_str(), l.line, l.address.as_str()),
        (
            "app/main.tf",
            102,
            "aws_vpc_security_group_ingress_rule.ssh"
        )
    );
    assert_eq!(sg.egress, Value::Known(vec![]));

    let Resource::Ec2Instance(i) = find(&out, "aws_instance.app") else {
        panic!()
    };
    assert_eq!(i.subnet_id, unresolved("aws_subnet.app.id"));
    assert_eq!(i.metadata_options.known().unwrap().http_tokens, "required");
    let devices = i.block_devices.known().unwrap();
    assert_eq!(
        devices
            .iter()
            .map(|d| (d.root, d.encrypted.clone()))
            .collect::<Vec<_>>(),
        vec![(true, Value::Known(true)), (false, Value::Known(false))]
    );

    let Resource::Other(o) = find(&out, "aws_lightsail_instance.legacy") else {
        panic!()
    };
    assert_eq!(o.resource_type, "aws_lightsail_instance");

    // The local module: full address, the module's own file.
    let archive = find(&out, "module.storage.aws_s3_bucket.archive");
    assert_eq!(loc(archive), ("app/modules/storage/main.tf".into(), 5));
    let Resource::S3Bucket(a) = archive else {
        panic!()
    };
    assert_eq!(a.meta.name, "phi-prod-archive");
    assert_eq!(a.default_encryption, Value::Known(None));
    assert_eq!(a.public_access_block, Value::Known(None));
    let Resource::RdsInstance(db) = find(&out, "module.storage.aws_db_instance.archive") else {
        panic!()
    };
    assert_eq!(
        db.parameters
            .known()
            .unwrap()
            .get("rds.force_ssl")
            .map(String::as_str),
        Some("1")
    );
    assert_eq!(db.meta.location.as_ref().unwrap().line, 18);

    // Every file has a coverage row.
    assert_eq!(out.inventory.coverage.len(), 4);
    assert!(!out.inventory.is_incomplete());
}

#[test]
fn cloudformation_yaml_with_short_tags_parameters_and_conditions() {
    let out = scan_paths(&[fixture("cloudformation/records.yaml")], IacKind::All);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.inventory.source.kind, SourceKind::Cloudformation);
    // DevScratch has Condition IsDev, false with the default Env = prod.
    assert!(out
        .inventory
        .resources
        .iter()
        .all(|r| r.meta().name != "DevScratch"));
    assert_eq!(out.inventory.resources.len(), 7);

    let Resource::S3Bucket(b) = find(&out, "RecordsBucket") else {
        panic!()
    };
    assert_eq!(
        loc(&Resource::S3Bucket(b.clone())),
        ("records.yaml".into(), 31)
    );
    assert_eq!(b.meta.id, "records.yaml#RecordsBucket");
    assert_eq!(b.meta.tag("phi"), Some("true"));
    assert_eq!(
        b.default_encryption,
        Value::Known(Some(BucketEncryption {
            algorithm: "aws:kms".into(),
            kms_key_id: Some("!GetAtt RecordsKey.Arn".into()),
            bucket_key: true
        }))
    );
    let pab = b.public_access_block.known().unwrap().unwrap();
    assert!(pab.block_public_acls && !pab.restrict_public_buckets);
    assert_eq!(
        b.versioning,
        Value::Known(Versioning {
            enabled: true,
            mfa_delete: false
        })
    );
    let policy = b.policy.known().unwrap().as_ref().unwrap();
    assert!(policy.denies_insecure_transport("s3:PutObject"));
    assert_eq!(
        policy.0["Statement"][0]["Resource"],
        "arn:${AWS::Partition}:s3:::${RecordsBucket}/*"
    );

    let Resource::KmsKey(k) = find(&out, "RecordsKey") else {
        panic!()
    };
    assert_eq!(k.rotation_enabled, Value::Known(true));
    assert_eq!(k.description, Value::Known("records key prod".into()));
    assert_eq!(k.meta.location.as_ref().unwrap().line, 18);

    let Resource::RdsInstance(db) = find(&out, "Database") else {
        panic!()
    };
    assert_eq!(db.storage_encrypted, Value::Known(true));
    // A reference to a key declared in the template: set, and which one.
    assert_eq!(db.kms_key_id, Value::Known(Some("${RecordsKey}".into())));
    assert_eq!(db.multi_az, Value::Known(true));
    assert_eq!(db.backup_retention_days, Value::Known(14));
    assert_eq!(db.publicly_accessible, Value::Known(false));
    assert_eq!(
        db.parameters
            .known()
            .unwrap()
            .get("rds.force_ssl")
            .map(String::as_str),
        Some("1")
    );

    let Resource::SecurityGroup(sg) = find(&out, "AppGroup") else {
        panic!()
    };
    let ingress = sg.ingress.known().unwrap();
    assert_eq!(ingress.len(), 2);
    assert_eq!(
        ingress[1]
            .location
            .as_ref()
            .map(|l| (l.line, l.address.as_str())),
        Some((99, "AppGroupSsh"))
    );
    // AWS's default allow-all egress rule.
    assert_eq!(sg.egress.known().unwrap()[0].protocol, "-1");

    let Resource::LogGroup(lg) = find(&out, "AuditLogs") else {
        panic!()
    };
    assert_eq!(lg.meta.name, "/prod/audit");
    assert_eq!(lg.retention_days, Value::Known(Some(2192)));
    assert_eq!(lg.kms_key_id, Value::Known(None));

    let Resource::SnsTopic(t) = find(&out, "Alerts") else {
        panic!()
    };
    assert_eq!(t.meta.name, "alerts");
    assert_eq!(t.kms_key_id, unresolved("!ImportValue"));

    let Resource::Other(o) = find(&out, "Lightsail") else {
        panic!()
    };
    assert_eq!(o.resource_type, "AWS::Lightsail::Instance");
}

#[test]
fn cloudformation_json_template() {
    let out = scan_paths(
        &[fixture("cloudformation/queue.json")],
        IacKind::CloudFormation,
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(
        out.inventory.resources.len(),
        2,
        "the queue policy joins its queue"
    );
    let Resource::SqsQueue(q) = find(&out, "Intake") else {
        panic!()
    };
    assert_eq!(
        loc(&Resource::SqsQueue(q.clone())),
        ("queue.json".into(), 7)
    );
    assert_eq!(q.meta.name, "intake-queue");
    assert_eq!(q.sqs_managed_sse, Value::Known(false));
    assert!(q
        .policy
        .known()
        .unwrap()
        .as_ref()
        .unwrap()
        .allows_public("sqs:SendMessage"));
    let Resource::DynamoDbTable(t) = find(&out, "Table") else {
        panic!()
    };
    assert_eq!(t.sse_key_type, Value::Known("AWS_MANAGED".into()));
    assert_eq!(t.point_in_time_recovery, Value::Known(true));
    assert_eq!(t.meta.location.as_ref().unwrap().line, 23);
}

#[test]
fn terraform_plan_json() {
    let out = scan("plan");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(
        out.inventory.resources.len(),
        2,
        "the public access block joins its bucket; data sources are skipped"
    );
    let Resource::S3Bucket(b) = find(&out, "aws_s3_bucket.data") else {
        panic!()
    };
    assert_eq!(loc(&Resource::S3Bucket(b.clone())), ("plan.json".into(), 8));
    assert_eq!(b.meta.region, "eu-west-1");
    assert!(b
        .public_access_block
        .known()
        .unwrap()
        .unwrap()
        .all_enabled());
    let Resource::RdsInstance(db) = find(&out, "module.db.aws_db_instance.main[0]") else {
        panic!()
    };
    assert_eq!(db.meta.location.as_ref().unwrap().line, 34);
    assert_eq!(db.storage_encrypted, Value::Known(false));
    assert_eq!(db.backup_retention_days, Value::Known(7));
    assert_eq!(
        db.kms_key_id,
        unresolved("module.db.aws_db_instance.main[0].kms_key_id (known after apply)")
    );
}

#[test]
fn malformed_files_give_diagnostics_and_the_scan_goes_on() {
    let out = scan("malformed");
    let shown: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(shown[0].starts_with("broken.json:4:"), "{shown:?}");
    assert!(shown[1].starts_with("broken.tf:6:"), "{shown:?}");
    assert!(shown[2].starts_with("broken.yaml:6:"), "{shown:?}");
    assert_eq!(out.files_scanned, 4);
    // The good template next to them is read.
    let Resource::SnsTopic(t) = find(&out, "Topic") else {
        panic!()
    };
    assert_eq!(t.meta.location.as_ref().unwrap().file, "fine.yaml");
    // Failed files are in the coverage table, so the inventory is incomplete.
    let failed: Vec<&str> = out
        .inventory
        .coverage
        .iter()
        .filter(|c| c.is_failure())
        .filter_map(|c| c.file.as_deref())
        .collect();
    assert_eq!(failed, vec!["broken.json", "broken.tf", "broken.yaml"]);
    let CoverageStatus::Failed(u) = &out.inventory.coverage[1].status else {
        panic!()
    };
    assert_eq!(u.reason, UnknownReason::ParseError);
    assert!(out.inventory.is_incomplete());
}

#[test]
fn everything_at_once_is_mixed_and_ids_are_unique() {
    let out = scan_paths(&[fixture("")], IacKind::All);
    assert_eq!(out.inventory.source.kind, SourceKind::Mixed);
    let mut ids: Vec<&str> = out
        .inventory
        .resources
        .iter()
        .map(|r| r.meta().id.as_str())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    // The inventory round-trips through its JSON form.
    let text = out.inventory.to_json();
    Inventory::parse(&text, std::path::Path::new("x.json")).unwrap();
    let tf_only = scan_paths(&[fixture("")], IacKind::Terraform);
    assert!(tf_only
        .inventory
        .resources
        .iter()
        .all(|r| !r.meta().id.ends_with(".yaml") && !r.meta().id.contains(".yaml#")));
}
