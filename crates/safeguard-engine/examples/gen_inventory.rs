//! Writes a large synthetic inventory for benchmarks.
//!
//!     cargo run --release -p safeguard-engine --example gen_inventory -- 1000000 /tmp/inv-1m.json
//!
//! The mix of resource types follows a typical AWS estate (many volumes, log groups, functions
//! and security groups; fewer databases and trails), with about one resource in five
//! misconfigured and one value in fifty unreadable, so every rule path is exercised.
//! Output is deterministic for a given count.

use serde_json::{json, Value};
use std::io::Write;

/// xorshift64*: deterministic and dependency-free; quality is irrelevant here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const ACCOUNTS: [&str; 4] = [
    "111122223333",
    "222233334444",
    "333344445555",
    "444455556666",
];
const REGIONS: [&str; 4] = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];

fn maybe_unknown(rng: &mut Rng, v: Value) -> Value {
    if rng.chance(2) {
        json!({"$unknown": {"reason": "access_denied", "detail": "synthetic"}})
    } else {
        v
    }
}

fn resource(rng: &mut Rng, n: usize) -> Value {
    let account = ACCOUNTS[n % ACCOUNTS.len()];
    let region = REGIONS[(n / 7) % REGIONS.len()];
    let bad = rng.chance(20);
    let tags = json!({"phi": if n.is_multiple_of(3) { "true" } else { "false" }, "env": "prod"});
    let slot = rng.next() % 100;
    let mut r = match slot {
        0..=9 => json!({"type": "s3_bucket", "id": format!("arn:aws:s3:::bucket-{n}"),
            "default_encryption": if bad { Value::Null } else { json!({"algorithm": "aws:kms", "kms_key_id": "k"}) },
            "public_access_block": {"block_public_acls": !bad, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true},
            "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": if bad {"true"} else {"false"}}}}]},
            "acl_public_read": false, "acl_public_write": false, "object_ownership": "BucketOwnerEnforced",
            "versioning": {"enabled": !bad}, "logging": if bad { Value::Null } else { json!({"target_bucket": "logs"}) },
            "object_lock": false, "replication": false, "lifecycle_rules": 1}),
        10..=19 => {
            json!({"type": "ec2_instance", "id": format!("arn:aws:ec2:{region}:{account}:instance/i-{n:017x}"),
            "state": "running", "instance_type": "m6i.large", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
            "public_ip": if bad { json!("203.0.113.10") } else { Value::Null },
            "metadata_options": {"http_tokens": if bad {"optional"} else {"required"}, "http_endpoint": "enabled"},
            "block_devices": [{"device_name": "/dev/xvda", "root": true, "encrypted": !bad}],
            "iam_instance_profile": "arn:aws:iam::1:instance-profile/app", "security_groups": ["sg-1"],
            "detailed_monitoring": true, "image_id": "ami-1", "ssm_managed": !bad})
        }
        20..=34 => {
            json!({"type": "ebs_volume", "id": format!("arn:aws:ec2:{region}:{account}:volume/vol-{n:017x}"),
            "encrypted": !bad, "kms_key_id": Value::Null, "attached_to": [], "size_gib": 100})
        }
        35..=44 => {
            json!({"type": "security_group", "id": format!("arn:aws:ec2:{region}:{account}:security-group/sg-{n:017x}"),
            "vpc_id": "vpc-1", "is_default": false,
            "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": [if bad {"0.0.0.0/0"} else {"10.0.0.0/8"}]}],
            "egress": [{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"]}]})
        }
        45..=59 => {
            json!({"type": "log_group", "id": format!("arn:aws:logs:{region}:{account}:log-group:/app/{n}"),
            "retention_days": if bad { json!(30) } else { json!(2192) }, "kms_key_id": if bad { Value::Null } else { json!("k") }})
        }
        60..=64 => {
            json!({"type": "iam_user", "id": format!("arn:aws:iam::{account}:user/user-{n}"), "region": "global",
            "console_password": true, "password_last_used": "2026-11-01T00:00:00Z",
            "mfa_devices": if bad { json!([]) } else { json!([{"serial": "arn:aws:iam::1:mfa/u", "kind": "virtual"}]) },
            "access_keys": [{"id_suffix": "ABCD", "active": true, "created": if bad {"2025-01-01T00:00:00Z"} else {"2026-10-01T00:00:00Z"}, "last_used": "2026-11-10T00:00:00Z"}],
            "attached_policies": [], "inline_policies": [], "groups": ["clinicians"], "created": "2024-01-01T00:00:00Z"})
        }
        65..=69 => {
            json!({"type": "rds_instance", "id": format!("arn:aws:rds:{region}:{account}:db:db-{n}"),
            "engine": "postgres", "engine_version": "14.9", "instance_class": "db.m6g.large",
            "storage_encrypted": !bad, "kms_key_id": "k", "publicly_accessible": bad, "backup_retention_days": if bad {0} else {14},
            "deletion_protection": true, "multi_az": true, "auto_minor_version_upgrade": true, "iam_database_authentication": false,
            "monitoring_interval": 60, "cloudwatch_logs_exports": ["postgresql"], "parameters": {"rds.force_ssl": if bad {"0"} else {"1"}}, "options": []})
        }
        70..=79 => {
            json!({"type": "lambda_function", "id": format!("arn:aws:lambda:{region}:{account}:function:fn-{n}"),
            "runtime": "python3.12", "vpc_id": if bad { Value::Null } else { json!("vpc-1") }, "environment_variable_names": ["TABLE"],
            "kms_key_id": Value::Null, "policy": Value::Null, "function_url_auth_type": Value::Null,
            "dead_letter_target": Value::Null, "reserved_concurrency": Value::Null, "tracing_mode": "Active"})
        }
        80..=84 => {
            json!({"type": "dynamodb_table", "id": format!("arn:aws:dynamodb:{region}:{account}:table/t-{n}"),
            "sse_key_type": if bad {"AWS_OWNED"} else {"CUSTOMER_MANAGED"}, "kms_key_id": Value::Null,
            "point_in_time_recovery": !bad, "deletion_protection": true, "billing_mode": "PAY_PER_REQUEST"})
        }
        85..=89 => {
            json!({"type": "kms_key", "id": format!("arn:aws:kms:{region}:{account}:key/{n}"),
            "key_manager": "CUSTOMER", "key_state": "Enabled", "key_spec": "SYMMETRIC_DEFAULT", "rotation_enabled": !bad,
            "description": "app key", "policy": Value::Null})
        }
        90..=94 => {
            json!({"type": "sqs_queue", "id": format!("arn:aws:sqs:{region}:{account}:q-{n}"),
            "kms_key_id": if bad { Value::Null } else { json!("k") }, "sqs_managed_sse": false, "policy": Value::Null})
        }
        _ => json!({"type": "sns_topic", "id": format!("arn:aws:sns:{region}:{account}:t-{n}"),
            "kms_key_id": if bad { Value::Null } else { json!("k") }, "policy": Value::Null}),
    };
    let obj = r.as_object_mut().expect("object");
    obj.insert("account".into(), json!(account));
    obj.entry("region").or_insert(json!(region));
    obj.insert("tags".into(), tags);
    // Make a few values unreadable, as a real scan with a few denied calls would.
    if let Some(key) = obj
        .keys()
        .find(|k| !matches!(k.as_str(), "type" | "id" | "account" | "region" | "tags"))
        .cloned()
    {
        let v = obj.remove(&key).expect("present");
        obj.insert(key, maybe_unknown(rng, v));
    }
    r
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("inventory-{count}.json"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let file = std::fs::File::create(&out)?;
    let mut w = std::io::BufWriter::new(file);
    write!(
        w,
        r#"{{"format":"safeguard-inventory","version":1,"generated_at":"2026-11-20T09:00:00Z","source":{{"kind":"manual","description":"synthetic benchmark inventory of {count} resources"}},"coverage":[],"resources":["#
    )?;
    let mut first = true;
    let mut emit = |w: &mut std::io::BufWriter<std::fs::File>, v: Value| -> std::io::Result<()> {
        if !first {
            w.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *w, &v)?;
        Ok(())
    };
    for account in ACCOUNTS {
        emit(
            &mut w,
            json!({"type": "account", "id": account, "account": account, "region": "global",
            "root_mfa_enabled": true, "root_hardware_mfa": false, "root_access_keys_present": false,
            "password_policy": {"minimum_length": 14, "require_uppercase": true, "require_lowercase": true, "require_numbers": true, "require_symbols": true, "max_age_days": 90, "reuse_prevention": 24},
            "s3_public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true},
            "security_contact_registered": true, "enabled_regions": REGIONS}),
        )?;
        for region in REGIONS {
            emit(
                &mut w,
                json!({"type": "region_settings", "id": format!("{account}/{region}"), "account": account, "region": region,
                "ebs_encryption_by_default": true, "ebs_default_kms_key_id": Value::Null}),
            )?;
        }
    }
    let fixed = ACCOUNTS.len() * (1 + REGIONS.len());
    for n in 0..count.saturating_sub(fixed) {
        let r = resource(&mut rng, n);
        emit(&mut w, r)?;
    }
    w.write_all(b"]}\n")?;
    w.flush()?;
    eprintln!("wrote {count} resources to {out}");
    Ok(())
}
