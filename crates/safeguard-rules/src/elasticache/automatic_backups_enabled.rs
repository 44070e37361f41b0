//! ECACHE-006: Redis replication groups keep automatic backups.

use super::engine::{is_memcached, MEMCACHED_NA};
use crate::prelude::*;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-006",
        name: "elasticache-redis-automatic-backups-enabled",
        title: "ElastiCache for Redis replication groups keep automatic backups",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: Amazon ElastiCache for Redis",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section describes Redis used \
            as a data store as well as a cache, and notes that automated backups are encrypted \
            with the cluster. When a replication group is the only copy of some ePHI (session \
            state, queued records), 164.308(a)(7)(ii)(A) and 164.310(d)(2)(iv) require a \
            retrievable copy; a snapshot retention limit of 0 turns automatic backups off. The \
            rule cannot tell a pure cache from a data store, hence the low severity.",
        remediation: Remediation {
            console: "ElastiCache console > Redis OSS caches > GROUP > Modify > Backup > Enable \
                automatic backups, retention 7 days or more.\naws elasticache \
                modify-replication-group --replication-group-id ID --snapshot-retention-limit 7 \
                --snapshot-window 05:00-06:00 --apply-immediately",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  snapshot_retention_limit = 7\n  snapshot_window          = \"05:00-06:00\"\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    SnapshotRetentionLimit: 7\n    SnapshotWindow: \"05:00-06:00\"",
        },
        examples: &[
            Example {
                name: "seven days of backups",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "snapshot_retention_days": 7}]"#,
            },
            Example {
                name: "backups off",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "redis", "snapshot_retention_days": 0}]"#,
            },
            Example {
                name: "memcached",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:cluster:mc",
                    "engine": "memcached", "snapshot_retention_days": 0}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    if is_memcached(rg)? {
        return Ok(Outcome::not_applicable(MEMCACHED_NA));
    }
    let days = *rg.snapshot_retention_days.need("snapshot_retention_days")?;
    Ok(if days > 0 {
        Outcome::pass(format!(
            "automatic backups kept for {days} day{}",
            if days == 1 { "" } else { "s" }
        ))
    } else {
        Outcome::fail("automatic backups are disabled (snapshot retention limit is 0)")
    })
}
