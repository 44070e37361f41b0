//! ECACHE-002: ElastiCache replication groups require TLS.

use crate::prelude::*;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-002",
        name: "elasticache-in-transit-encryption-required",
        title: "ElastiCache replication groups require in-transit encryption (mode required, not preferred)",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon ElastiCache for Redis (Transport Encryption)",
        rationale: "The whitepaper's Amazon ElastiCache for Redis section says connections \
            containing PHI must use transport encryption (TLS). ElastiCache can enable TLS in \
            `preferred` mode, meant only for migration, in which the server still accepts \
            unencrypted connections; a single misconfigured client then sends PHI and AUTH \
            tokens in clear text. Only mode `required` guarantees 164.312(e)(2)(ii) encryption \
            in transit and 164.312(e)(1) transmission security. Groups created before the mode \
            setting existed report no mode and always required TLS once it was enabled.",
        remediation: Remediation {
            console: "ElastiCache console > Redis OSS caches > GROUP > Modify > Encryption in \
                transit: enable, Transit encryption mode: Required (from Preferred once every \
                client uses TLS).\naws elasticache modify-replication-group \
                --replication-group-id ID --transit-encryption-enabled \
                --transit-encryption-mode required --apply-immediately",
            terraform: "resource \"aws_elasticache_replication_group\" \"phi\" {\n  # ...\n  transit_encryption_enabled = true\n  transit_encryption_mode    = \"required\"\n}",
            cloudformation: "PhiCache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    # ...\n    TransitEncryptionEnabled: true\n    TransitEncryptionMode: required",
        },
        examples: &[
            Example {
                name: "tls required",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "transit_encryption": true, "transit_encryption_mode": "required"}]"#,
            },
            Example {
                name: "tls enabled on an older group that reports no mode",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:legacy",
                    "engine": "redis", "transit_encryption": true, "transit_encryption_mode": null}]"#,
            },
            Example {
                name: "tls preferred",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:migrating",
                    "engine": "redis", "transit_encryption": true, "transit_encryption_mode": "preferred"}]"#,
            },
            Example {
                name: "tls off",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "redis", "transit_encryption": false, "transit_encryption_mode": null}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, _cx: &Context) -> Check {
    if !*rg.transit_encryption.need("transit_encryption")? {
        return Ok(Outcome::fail("in-transit encryption is disabled"));
    }
    Ok(
        match rg.transit_encryption_mode.need("transit_encryption_mode")? {
            None => Outcome::pass("in-transit encryption is enabled (no preferred mode)"),
            Some(m) if m.eq_ignore_ascii_case("required") => {
                Outcome::pass("in-transit encryption is required")
            }
            Some(m) => Outcome::fail(format!(
                "transit encryption mode is {m}, so unencrypted connections are still accepted"
            )),
        },
    )
}
