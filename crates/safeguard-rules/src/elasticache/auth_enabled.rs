//! ECACHE-003: Redis AUTH or RBAC authenticates clients.

use super::engine::{is_memcached, MEMCACHED_NA};
use crate::prelude::*;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-003",
        name: "elasticache-redis-auth-enabled",
        title: "ElastiCache for Redis replication groups authenticate clients (Redis AUTH or RBAC)",
        severity: Severity::High,
        hipaa: &["164.312(d)", "164.312(a)(1)"],
        source: "Whitepaper: Amazon ElastiCache for Redis (Authentication)",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section says clusters that \
            contain PHI must require a Redis AUTH token (16 to 128 printable characters) so \
            that Redis commands are authenticated. Role-based access control with user groups \
            is the newer form of the same control and also satisfies it. Without either, \
            anything that can reach the port can read every key: 164.312(d) person or entity \
            authentication and 164.312(a)(1) access control are not met.",
        remediation: Remediation {
            console: "ElastiCache console > Redis OSS caches > GROUP > Modify > Access control: \
                Redis AUTH default user access or User group access control list.\n\
                aws elasticache modify-replication-group --replication-group-id ID \
                --auth-token TOKEN --auth-token-update-strategy ROTATE --apply-immediately \
                (or --user-group-ids-to-add GROUP_ID)",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  transit_encryption_enabled = true\n  auth_token                 = var.redis_auth_token # from a secret store\n  # or: user_group_ids = [aws_elasticache_user_group.phi.id]\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    TransitEncryptionEnabled: true\n    AuthToken: '{{resolve:secretsmanager:phi-redis-auth:SecretString:token}}'\n    # or: UserGroupIds: [!Ref PhiUserGroup]",
        },
        examples: &[
            Example {
                name: "auth on",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "auth_enabled": true}]"#,
            },
            Example {
                name: "no auth",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "redis", "auth_enabled": false}]"#,
            },
            Example {
                name: "memcached",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:cluster:mc",
                    "engine": "memcached", "auth_enabled": false}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    if is_memcached(rg)? {
        return Ok(Outcome::not_applicable(MEMCACHED_NA));
    }
    Ok(if *rg.auth_enabled.need("auth_enabled")? {
        Outcome::pass("clients must authenticate (Redis AUTH or RBAC)")
    } else {
        Outcome::fail("neither Redis AUTH nor an RBAC user group is configured")
    })
}
