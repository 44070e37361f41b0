//! EFS-003: EFS file systems are backed up by AWS Backup.

use crate::backup::coverage::{assignment, covered_message, Target};
use crate::prelude::*;
use std::borrow::Cow;

pub static RULE: RuleDef<EfsFileSystem> = RuleDef {
    meta: RuleMeta {
        id: "EFS-003",
        name: "efs-file-system-backed-up",
        title: "EFS file systems are backed up (automatic backups or an AWS Backup plan)",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: Amazon Elastic File System (Amazon EFS); AWS Backup",
        rationale: "EFS keeps no snapshots of its own: its backups are made by AWS Backup, \
            either through EFS automatic backups (a daily backup plan the service manages) or \
            through a backup plan that selects the file system. The whitepaper's AWS Backup \
            section names Amazon EFS among the resources it protects and notes that EFS \
            backups are encrypted independently of the source. Without either, ePHI on the \
            file system has no retrievable exact copy (164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)) \
            and cannot be restored after a disaster (164.308(a)(7)(ii)(B)).",
        remediation: Remediation {
            console: "EFS console > File systems > FS > General > Edit > Automatic backups > Enable, \
                or add the file system to a backup plan in the AWS Backup console.\n\
                aws efs put-backup-policy --file-system-id FS_ID --backup-policy Status=ENABLED",
            terraform: "resource \"aws_efs_backup_policy\" \"phi\" {\n  file_system_id = aws_efs_file_system.phi.id\n  backup_policy {\n    status = \"ENABLED\"\n  }\n}",
            cloudformation: "PhiFileSystem:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    Encrypted: true\n    BackupPolicy:\n      Status: ENABLED",
        },
        examples: &[
            Example {
                name: "automatic backups on",
                expect: Status::Pass,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1",
                    "account": "111122223333", "region": "us-east-1", "automatic_backups": true}]"#,
            },
            Example {
                name: "automatic backups off but selected by tag in a backup plan",
                expect: Status::Pass,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0b2",
                    "account": "111122223333", "region": "us-east-1", "tags": {"backup": "daily"}, "automatic_backups": false},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "tagged", "resources": [], "tags": [["backup", "daily"]], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "no automatic backups and no plan selects it",
                expect: Status::Fail,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0c3",
                    "account": "111122223333", "region": "us-east-1", "tags": {}, "automatic_backups": false},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "rds-only",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "databases", "resources": ["arn:aws:rds:*:*:db:*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "automatic backups off and backup plans could not be listed",
                expect: Status::Unknown,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0c3",
                    "account": "111122223333", "region": "us-east-1", "tags": {}, "automatic_backups": false},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "p1",
                    "account": "111122223333", "region": "us-east-1",
                    "selections": {"$unknown": {"reason": "access_denied", "detail": "backup:ListBackupSelections"}}}]"#,
            },
        ],
    },
    check,
};

fn check(fs: &EfsFileSystem, cx: &Context) -> Check {
    if fs.automatic_backups.known() == Some(&true) {
        return Ok(Outcome::pass("EFS automatic backups are enabled"));
    }
    let target = Target {
        id: Cow::Borrowed(fs.meta.id.as_str()),
        tags: &fs.meta.tags,
    };
    let found = assignment(&fs.meta, std::slice::from_ref(&target), cx);
    if let Ok(Some(a)) = &found {
        return Ok(Outcome::pass(covered_message(a, &fs.meta.id)));
    }
    fs.automatic_backups.need("automatic_backups")?;
    Ok(match found? {
        Some(a) => Outcome::pass(covered_message(&a, &fs.meta.id)),
        None => Outcome::fail(
            "automatic backups are off and no backup plan in this region selects the file system",
        ),
    })
}
