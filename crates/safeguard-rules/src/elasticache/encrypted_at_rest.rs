//! ECACHE-001: ElastiCache (Redis OSS / Valkey) replication groups are encrypted at rest.

use super::engine::{is_memcached, MEMCACHED_NA};
use crate::prelude::*;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-001",
        name: "elasticache-redis-encrypted-at-rest",
        title: "ElastiCache for Redis replication groups are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon ElastiCache for Redis (Encryption at Rest)",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section says customers must \
            ensure the cluster and its nodes encrypt data at rest before storing PHI; with \
            encryption enabled, data on disk (swap, sync files) and automated backups are \
            encrypted. Encryption at rest can only be chosen when the replication group is \
            created, and Redis AUTH, which the same section requires, is only available when \
            it is on. 164.312(a)(2)(iv) is the encryption specification.",
        remediation: Remediation {
            console: "At-rest encryption cannot be enabled on an existing Redis replication group. \
                Take a backup, then create a new group from it with encryption (ElastiCache \
                console > Redis OSS caches > Create > Encryption at rest) and repoint clients.\n\
                aws elasticache create-replication-group --replication-group-id ID \
                --replication-group-description phi --engine redis --at-rest-encryption-enabled \
                --transit-encryption-enabled --kms-key-id KEY_ARN --snapshot-name SNAPSHOT ...",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  at_rest_encryption_enabled = true\n  kms_key_id                 = aws_kms_key.phi.arn\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    AtRestEncryptionEnabled: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "at_rest_encryption": true}]"#,
            },
            Example {
                name: "not encrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "valkey", "at_rest_encryption": false}]"#,
            },
            Example {
                name: "memcached",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:cluster:mc",
                    "engine": "memcached", "at_rest_encryption": false}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    if is_memcached(rg)? {
        return Ok(Outcome::not_applicable(MEMCACHED_NA));
    }
    Ok(if *rg.at_rest_encryption.need("at_rest_encryption")? {
        Outcome::pass("encrypted at rest")
    } else {
        Outcome::fail("encryption at rest is disabled")
    })
}
