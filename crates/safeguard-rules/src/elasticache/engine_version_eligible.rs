//! ECACHE-004: the engine and version are ones the whitepaper accepts for PHI.

use crate::prelude::*;
use safeguard_model::UnknownReason;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-004",
        name: "elasticache-engine-version-hipaa-eligible",
        title: "ElastiCache runs a Redis engine version eligible for PHI (3.2.6, or 4.0.10 and later) or Valkey",
        severity: Severity::High,
        hipaa: &["164.308(b)(1)", "164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon ElastiCache for Redis",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section says PHI may only be \
            stored on the HIPAA-eligible engine versions: Redis 3.2.6, and 4.0.10 onwards. \
            Other versions (such as 3.2.10, or anything before 3.2.6) lack encryption at rest, \
            TLS or AUTH, so the BAA's conditions for the service (164.308(b)(1)) and the \
            encryption specification (164.312(a)(2)(iv)) cannot be met. Valkey, the \
            Redis-compatible engine ElastiCache offers from 7.2, includes every one of those \
            features and is accepted. Node-based Memcached is reported as a failure: the \
            whitepaper gives PHI guidance only for ElastiCache for Redis, and Memcached \
            clusters have neither encryption at rest nor authentication, so PHI should be kept \
            out of them.",
        remediation: Remediation {
            console: "ElastiCache console > Redis OSS caches > GROUP > Modify > Engine version > \
                a current version (or migrate Memcached data to a Redis OSS or Valkey cache).\n\
                aws elasticache modify-replication-group --replication-group-id ID \
                --engine-version 7.1 --apply-immediately",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  engine         = \"valkey\" # or \"redis\"\n  engine_version = \"7.2\"\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    Engine: valkey\n    EngineVersion: \"7.2\"",
        },
        examples: &[
            Example {
                name: "redis 7.1",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "engine_version": "7.1"}]"#,
            },
            Example {
                name: "redis 3.2.6",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:old",
                    "engine": "redis", "engine_version": "3.2.6"}]"#,
            },
            Example {
                name: "valkey",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:vk",
                    "engine": "valkey", "engine_version": "8.0"}]"#,
            },
            Example {
                name: "redis 3.2.10",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:legacy",
                    "engine": "redis", "engine_version": "3.2.10"}]"#,
            },
            Example {
                name: "redis 4.0.9",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:legacy4",
                    "engine": "redis", "engine_version": "4.0.9"}]"#,
            },
            Example {
                name: "memcached",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:cluster:mc",
                    "engine": "memcached", "engine_version": "1.6.22"}]"#,
            },
        ],
    },
    check,
};

/// `7.1` -> [7, 1]; `6.x` -> [6]. `None` when the first part is not a number.
fn parse_version(v: &str) -> Option<Vec<u32>> {
    let parts: Vec<u32> = v.split('.').map_while(|p| p.parse().ok()).collect();
    (!parts.is_empty()).then_some(parts)
}

fn at_least(v: &[u32], min: &[u32]) -> bool {
    for i in 0..v.len().max(min.len()) {
        let (a, b) = (
            v.get(i).copied().unwrap_or(0),
            min.get(i).copied().unwrap_or(0),
        );
        if a != b {
            return a > b;
        }
    }
    true
}

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    let engine = rg.engine.need("engine")?.to_ascii_lowercase();
    match engine.as_str() {
        "valkey" => return Ok(Outcome::pass("Valkey engine")),
        "memcached" => {
            return Ok(Outcome::fail(
                "Memcached engine: not covered by the whitepaper's PHI guidance and has no encryption at rest or AUTH",
            ))
        }
        "redis" => {}
        other => return Ok(Outcome::fail(format!("engine {other:?} is not one the whitepaper accepts for PHI"))),
    }
    let version = rg.engine_version.need("engine_version")?;
    let Some(v) = parse_version(version) else {
        return Ok(Outcome::unknown(
            UnknownReason::ParseError,
            format!("engine version {version:?} could not be parsed"),
        ));
    };
    Ok(if v == [3, 2, 6] || at_least(&v, &[4, 0, 10]) {
        Outcome::pass(format!("Redis {version} is HIPAA-eligible"))
    } else {
        Outcome::fail(format!(
            "Redis {version} is not eligible for PHI; 3.2.6 or 4.0.10 and later required"
        ))
    })
}
