//! BKP-006: RDS clusters are assigned to an AWS Backup plan.

use super::coverage::{assignment, covered_message, Target};
use crate::prelude::*;
use std::borrow::Cow;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "BKP-006",
        name: "rds-cluster-in-backup-plan",
        title: "Aurora and Multi-AZ DB clusters are protected by an AWS Backup plan",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "The whitepaper's AWS Backup section names Amazon RDS databases, including \
            Aurora clusters, among the resources a backup plan protects. Cluster automated \
            backups expire after at most 35 days and stay in the cluster's account and region; \
            a backup plan adds long-lived recovery points that can be locked and copied \
            elsewhere, giving the retrievable exact copies and restore capability of \
            164.308(a)(7)(ii)(A) and (B) and 164.310(d)(2)(iv). Low severity, because automated \
            backups already give a baseline. Note that AWS Backup only takes Aurora backups when \
            the Aurora service opt-in is on, which this rule cannot see.",
        remediation: Remediation {
            console: "AWS Backup console > Settings > Service opt-in: Aurora on. Backup plans > PLAN > \
                Assign resources > resource type Aurora (or RDS), or tag the cluster with the \
                plan's selection tag.\naws backup create-backup-selection --backup-plan-id PLAN_ID \
                --backup-selection '{\"SelectionName\":\"clusters\",\"IamRoleArn\":\"ROLE_ARN\",\"Resources\":[\"arn:aws:rds:*:*:cluster:*\"]}'",
            terraform: "resource \"aws_backup_selection\" \"aurora\" {\n  name         = \"aurora\"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_rds_cluster.phi.arn]\n}",
            cloudformation: "AuroraSelection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref PhiBackupPlan\n    BackupSelection:\n      SelectionName: aurora\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources:\n        - !GetAtt PhiCluster.DBClusterArn",
        },
        examples: &[
            Example {
                name: "selected by a legacy tag list",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr", "account": "111122223333", "region": "us-east-1",
                    "tags": {"backup": "daily"}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "tagged", "resources": [], "tags": [["backup", "daily"]], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "only instance wildcard, which does not match clusters",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "instances", "resources": ["arn:aws:rds:*:*:db:*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, cx: &Context) -> Check {
    let target = Target {
        id: Cow::Borrowed(cluster.meta.id.as_str()),
        tags: &cluster.meta.tags,
    };
    Ok(
        match assignment(&cluster.meta, std::slice::from_ref(&target), cx)? {
            Some(a) => Outcome::pass(covered_message(&a, &cluster.meta.id)),
            None => Outcome::fail("no backup plan in this account and region selects the cluster"),
        },
    )
}
