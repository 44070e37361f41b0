//! ECACHE-005: security service updates are applied by their recommended date.

use crate::prelude::*;

pub static RULE: RuleDef<ElastiCacheReplicationGroup> = RuleDef {
    meta: RuleMeta {
        id: "ECACHE-005",
        name: "elasticache-security-updates-applied",
        title: "ElastiCache security service updates are applied by their recommended apply-by date",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: Amazon ElastiCache for Redis (Applying ElastiCache Service Updates)",
        rationale: "The whitepaper's \"Applying ElastiCache Service Updates\" section says \
            clusters containing PHI must receive the latest security service updates on or \
            before their Recommended Apply by Date, and that ElastiCache will not apply them \
            itself if the customer does not. An overdue security update leaves a known \
            vulnerability in a PHI store, which risk management (164.308(a)(1)(ii)(B)) and \
            protection from malicious software (164.308(a)(5)(ii)(B)) are meant to prevent. \
            Updates whose apply-by date has not passed yet are reported but do not fail.",
        remediation: Remediation {
            console: "ElastiCache console > Service updates > select the update > Apply now \
                (choose the affected replication groups).\naws elasticache \
                batch-apply-update-action --service-update-name UPDATE_NAME \
                --replication-group-ids ID",
            terraform: "Service updates are applied outside Terraform: run `aws elasticache \
                batch-apply-update-action` (or keep auto_minor_version_upgrade = true and a \
                maintenance_window so engine patches land promptly).",
            cloudformation: "Service updates are applied outside CloudFormation: run `aws elasticache \
                batch-apply-update-action --service-update-name UPDATE_NAME --replication-group-ids ID`.",
        },
        examples: &[
            Example {
                name: "no pending updates",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "pending_service_updates": []}]"#,
            },
            Example {
                name: "pending update not yet due",
                expect: Status::Pass,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions",
                    "engine": "redis", "pending_service_updates": [
                        {"name": "elasticache-patch-update-2026-11", "severity": "important", "recommended_apply_by": "2026-12-15T00:00:00Z"}]}]"#,
            },
            Example {
                name: "overdue security update",
                expect: Status::Fail,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "redis", "pending_service_updates": [
                        {"name": "elasticache-patch-update-2026-09", "severity": "critical", "recommended_apply_by": "2026-10-01T00:00:00Z"}]}]"#,
            },
            Example {
                name: "updates unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "elasticache_replication_group", "id": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:queue",
                    "engine": "redis", "pending_service_updates": {"$unknown": {"reason": "access_denied", "detail": "elasticache:DescribeUpdateActions"}}}]"#,
            },
        ],
    },
    check,
};

fn check(rg: &ElastiCacheReplicationGroup, cx: &Context) -> Check {
    let updates = rg.pending_service_updates.need("pending_service_updates")?;
    let overdue: Vec<String> = updates
        .iter()
        .filter_map(|u| {
            let due = u.recommended_apply_by?;
            (due < cx.now).then(|| {
                format!(
                    "{} (due {}, {} days ago)",
                    u.name,
                    due.format("%Y-%m-%d"),
                    cx.days_since(due)
                )
            })
        })
        .collect();
    Ok(if !overdue.is_empty() {
        Outcome::fail(format!(
            "security updates past their recommended apply-by date: {}",
            overdue.join(", ")
        ))
    } else if updates.is_empty() {
        Outcome::pass("no pending security service updates")
    } else {
        Outcome::pass(format!(
            "{} pending security update(s), none past its recommended apply-by date",
            updates.len()
        ))
    })
}
