//! BKP-008: backup plans copy recovery points to another region or account.

use crate::prelude::*;

pub static RULE: RuleDef<BackupPlan> = RuleDef {
    meta: RuleMeta {
        id: "BKP-008",
        name: "backup-plan-copies-to-another-region-or-account",
        title: "AWS Backup plans copy recovery points to another region or account",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "A disaster recovery plan (164.308(a)(7)(ii)(B)) and emergency mode \
            operation (164.308(a)(7)(ii)(C)) have to work when a whole region is unavailable or \
            the account itself is compromised. Recovery points kept only in the source region \
            and account share its fate. A copy action in a backup plan rule sends each recovery \
            point to a vault in another region or account (164.310(d)(2)(iv)). The whitepaper's \
            AWS Backup section describes the centrally managed backup policies this builds on. \
            Low severity: the local copies already meet the backup plan specification.",
        remediation: Remediation {
            console: "AWS Backup console > Backup plans > PLAN > Backup rule > Edit > Generate copy - \
                optional > destination region (and account) and vault.\naws backup \
                update-backup-plan --backup-plan-id PLAN_ID --backup-plan file://plan.json \
                (rule with \"CopyActions\": [{\"DestinationBackupVaultArn\": \"arn:aws:backup:us-west-2:111122223333:backup-vault:phi-dr\"}])",
            terraform: "resource \"aws_backup_plan\" \"phi\" {\n  name = \"phi\"\n  rule {\n    rule_name         = \"daily\"\n    target_vault_name = aws_backup_vault.phi.name\n    schedule          = \"cron(0 5 * * ? *)\"\n    lifecycle {\n      delete_after = 35\n    }\n    copy_action {\n      destination_vault_arn = aws_backup_vault.phi_dr.arn\n      lifecycle {\n        delete_after = 35\n      }\n    }\n  }\n}",
            cloudformation: "PhiBackupPlan:\n  Type: AWS::Backup::BackupPlan\n  Properties:\n    BackupPlan:\n      BackupPlanName: phi\n      BackupPlanRule:\n        - RuleName: daily\n          TargetBackupVault: !Ref PhiVault\n          ScheduleExpression: cron(0 5 * * ? *)\n          CopyActions:\n            - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:phi-dr\n              Lifecycle:\n                DeleteAfterDays: 35",
        },
        examples: &[
            Example {
                name: "copies to another region",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35, "copies_elsewhere": true}]}]"#,
            },
            Example {
                name: "local copies only",
                expect: Status::Fail,
                resources: r#"[{"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p2", "name": "local",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35, "copies_elsewhere": false}]}]"#,
            },
        ],
    },
    check,
};

fn check(plan: &BackupPlan, _cx: &Context) -> Check {
    let rules = plan.rules.need("rules")?;
    Ok(match rules.iter().find(|r| r.copies_elsewhere) {
        Some(r) => Outcome::pass(format!(
            "rule {} copies recovery points to another region or account",
            r.name
        )),
        None => Outcome::fail("no rule copies recovery points out of this region and account"),
    })
}
