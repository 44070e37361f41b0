//! BKP-005: DynamoDB tables are assigned to an AWS Backup plan.

use super::coverage::{assignment, covered_message, Target};
use crate::prelude::*;
use std::borrow::Cow;

pub static RULE: RuleDef<DynamoDbTable> = RuleDef {
    meta: RuleMeta {
        id: "BKP-005",
        name: "dynamodb-table-in-backup-plan",
        title: "DynamoDB tables are protected by an AWS Backup plan",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "The whitepaper's AWS Backup section names Amazon DynamoDB tables among the \
            resources a backup plan protects. Point-in-time recovery (DDB-002) reaches back at \
            most 35 days and lives and dies with the table's account and region; a backup plan \
            keeps recovery points as long as policy requires, in a vault that can be locked and \
            copied to another region or account. Those are the retrievable exact copies and \
            restore capability of 164.308(a)(7)(ii)(A) and (B) and 164.310(d)(2)(iv). Low \
            severity, because point-in-time recovery already gives a baseline. Assignments are \
            matched by ARN patterns, legacy tag lists and tag conditions as AWS Backup \
            evaluates them.",
        remediation: Remediation {
            console: "AWS Backup console > Backup plans > PLAN > Assign resources > resource type \
                DynamoDB (all tables or specific ones), or tag the table with the plan's selection tag.\n\
                aws backup create-backup-selection --backup-plan-id PLAN_ID --backup-selection \
                '{\"SelectionName\":\"dynamodb\",\"IamRoleArn\":\"ROLE_ARN\",\"Resources\":[\"arn:aws:dynamodb:*:*:table/*\"]}'",
            terraform: "resource \"aws_backup_selection\" \"dynamodb\" {\n  name         = \"dynamodb\"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_dynamodb_table.phi.arn]\n}",
            cloudformation: "DynamoSelection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref PhiBackupPlan\n    BackupSelection:\n      SelectionName: dynamodb\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources:\n        - !GetAtt PhiTable.Arn",
        },
        examples: &[
            Example {
                name: "selected by exact arn",
                expect: Status::Pass,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/Patients", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "tables", "resources": ["arn:aws:dynamodb:us-east-1:111122223333:table/Patients"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "plan selects a different table name (case matters)",
                expect: Status::Fail,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/patients", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "tables", "resources": ["arn:aws:dynamodb:us-east-1:111122223333:table/Patients"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "plan in another region does not count",
                expect: Status::Fail,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/visits", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-west-2:111122223333:backup-plan:p9", "name": "west",
                    "account": "111122223333", "region": "us-west-2",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "all", "resources": ["*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "tag selection but the table's tags are unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/visits", "account": "111122223333", "region": "us-east-1",
                    "tags": {"$unknown": {"reason": "access_denied", "detail": "dynamodb:ListTagsOfResource"}}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "tagged",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "tagged", "resources": [], "tags": [["aws:ResourceTag/backup", "daily"]], "conditions": [], "not_resources": []}]}]"#,
            },
        ],
    },
    check,
};

fn check(table: &DynamoDbTable, cx: &Context) -> Check {
    let target = Target {
        id: Cow::Borrowed(table.meta.id.as_str()),
        tags: &table.meta.tags,
    };
    Ok(
        match assignment(&table.meta, std::slice::from_ref(&target), cx)? {
            Some(a) => Outcome::pass(covered_message(&a, &table.meta.id)),
            None => Outcome::fail("no backup plan in this account and region selects the table"),
        },
    )
}
