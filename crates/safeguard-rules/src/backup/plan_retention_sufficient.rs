//! BKP-001: backup plans keep recovery points long enough.

use crate::prelude::*;

/// Thirty-five days: the longest point-in-time window RDS and DynamoDB offer, and long enough
/// that damage found at a monthly review (or ransomware that waited weeks) is still
/// recoverable. A larger organisational minimum (`backup_retention_min_days`) wins.
const MIN_RETENTION_DAYS: u32 = 35;

pub static RULE: RuleDef<BackupPlan> = RuleDef {
    meta: RuleMeta {
        id: "BKP-001",
        name: "backup-plan-retention-sufficient",
        title: "AWS Backup plans keep recovery points for at least 35 days",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "The whitepaper's AWS Backup section presents backup plans as the policy that \
            protects EBS, RDS, DynamoDB, EFS and other stores. 164.308(a)(7)(ii)(A) asks for \
            retrievable exact copies of ePHI and 164.308(a)(7)(ii)(B) for the ability to \
            restore it; a copy deleted before anyone notices the damage helps with neither. \
            HIPAA sets no backup retention period, so the rule asks that the plan's longest \
            retention reach 35 days: the longest point-in-time window RDS and DynamoDB offer, \
            and enough for corruption or ransomware found at a monthly review to still be \
            recoverable. A daily rule kept 7 days next to a monthly rule kept a year passes. \
            Rules that never delete recovery points pass. A larger backup_retention_min_days \
            setting raises the threshold.",
        remediation: Remediation {
            console: "AWS Backup console > Backup plans > PLAN > Backup rules > Edit > Retention \
                period: 35 days or more (or add a monthly rule with longer retention).\n\
                aws backup update-backup-plan --backup-plan-id PLAN_ID --backup-plan file://plan.json \
                (with \"Lifecycle\": {\"DeleteAfterDays\": 35})",
            terraform: "resource \"aws_backup_plan\" \"phi\" {\n  name = \"phi\"\n  rule {\n    rule_name         = \"daily\"\n    target_vault_name = aws_backup_vault.phi.name\n    schedule          = \"cron(0 5 * * ? *)\"\n    lifecycle {\n      delete_after = 35\n    }\n  }\n}",
            cloudformation: "PhiBackupPlan:\n  Type: AWS::Backup::BackupPlan\n  Properties:\n    BackupPlan:\n      BackupPlanName: phi\n      BackupPlanRule:\n        - RuleName: daily\n          TargetBackupVault: !Ref PhiVault\n          ScheduleExpression: cron(0 5 * * ? *)\n          Lifecycle:\n            DeleteAfterDays: 35",
        },
        examples: &[
            Example {
                name: "daily kept 35 days",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}]}]"#,
            },
            Example {
                name: "short daily plus long monthly",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p2", "name": "phi-tiered",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 7},
                              {"name": "monthly", "schedule": "cron(0 5 1 * ? *)", "target_vault": "phi", "delete_after_days": 365}]}]"#,
            },
            Example {
                name: "kept forever",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p3", "name": "archive",
                    "rules": [{"name": "weekly", "schedule": "cron(0 5 ? * 1 *)", "target_vault": "phi", "delete_after_days": null}]}]"#,
            },
            Example {
                name: "kept 14 days",
                expect: Status::Fail,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p4", "name": "short",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 14}]}]"#,
            },
        ],
    },
    check,
};

fn check(plan: &BackupPlan, cx: &Context) -> Check {
    let rules = plan.rules.need("rules")?;
    let min = MIN_RETENTION_DAYS.max(cx.settings.backup_retention_min_days);
    if rules.is_empty() {
        return Ok(Outcome::fail("plan has no backup rules"));
    }
    if let Some(r) = rules.iter().find(|r| r.delete_after_days.is_none()) {
        return Ok(Outcome::pass(format!(
            "rule {} keeps recovery points indefinitely",
            r.name
        )));
    }
    let longest = rules
        .iter()
        .max_by_key(|r| r.delete_after_days)
        .expect("rules is not empty");
    let days = longest.delete_after_days.unwrap_or_default();
    Ok(if days >= min {
        Outcome::pass(format!(
            "rule {} keeps recovery points {days} days",
            longest.name
        ))
    } else {
        Outcome::fail(format!(
            "longest retention is {days} days (rule {}); at least {min} required",
            longest.name
        ))
    })
}
