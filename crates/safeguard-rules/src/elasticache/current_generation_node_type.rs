//! ECACHE-007: nodes are of a current-generation type.

use crate::prelude::*;
use safeguard_model::UnknownReason;

/// Node families ElastiCache lists as previous generation.
const PREVIOUS_GENERATION: &[&str] = &["t1", "m1", "m2", "m3", "c1", "r3"];

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-007",
        name: "elasticache-current-generation-node-type",
        title: "ElastiCache nodes use a current-generation node type",
        severity: Severity::Medium,
        hipaa: &["164.308(b)(1)", "164.312(a)(2)(iv)"],
        source: "Whitepaper: Amazon ElastiCache for Redis",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section says ElastiCache \
            supports storing PHI only on current-generation node types. Previous-generation \
            families (T1, M1, M2, M3, C1, R3) do not support the encryption features the same \
            section requires, so PHI on them falls outside the conditions the BAA sets for the \
            service (164.308(b)(1)) and cannot meet 164.312(a)(2)(iv).",
        remediation: Remediation {
            console: "ElastiCache console > Redis OSS caches > GROUP > Modify > Node type > a \
                current-generation type (for example cache.r7g.large).\naws elasticache \
                modify-replication-group --replication-group-id ID --cache-node-type \
                cache.r7g.large --apply-immediately",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  node_type = \"cache.r7g.large\"\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    CacheNodeType: cache.r7g.large",
        },
        examples: &[
            Example {
                name: "graviton r7g",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "node_type": "cache.r7g.large"}]"#,
            },
            Example {
                name: "previous-generation m3",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:legacy",
                    "engine": "redis", "node_type": "cache.m3.medium"}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    let node_type = rg.node_type.need("node_type")?;
    let Some(family) = node_type
        .strip_prefix("cache.")
        .and_then(|s| s.split('.').next())
    else {
        return Ok(Outcome::unknown(
            UnknownReason::ParseError,
            format!("node type {node_type:?} could not be parsed"),
        ));
    };
    Ok(
        if PREVIOUS_GENERATION.contains(&family.to_ascii_lowercase().as_str()) {
            Outcome::fail(format!("{node_type} is a previous-generation node type"))
        } else {
            Outcome::pass(format!("{node_type} is a current-generation node type"))
        },
    )
}
