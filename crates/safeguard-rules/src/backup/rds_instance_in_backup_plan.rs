//! BKP-004: RDS DB instances are assigned to an AWS Backup plan.

use super::coverage::{assignment, covered_message, Target};
use crate::prelude::*;
use std::borrow::Cow;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "BKP-004",
        name: "rds-instance-in-backup-plan",
        title: "RDS DB instances are protected by an AWS Backup plan",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "The whitepaper's AWS Backup section names Amazon RDS among the stores a \
            centrally managed backup plan protects. RDS automated backups expire after at most \
            35 days, are deleted with the instance unless retained, and stay in the instance's \
            account and region. A backup plan adds recovery points that outlive the instance, \
            can be kept for years, locked against deletion and copied elsewhere: the \
            retrievable exact copies and restore capability of 164.308(a)(7)(ii)(A) and (B) \
            and 164.310(d)(2)(iv). Low severity, because automated backups (checked by the RDS \
            rules) already give a baseline. Instances that belong to an Aurora or Multi-AZ DB \
            cluster are backed up through the cluster (BKP-006). Assignments are matched by ARN \
            patterns, legacy tag lists and tag conditions as AWS Backup evaluates them; \
            service opt-in settings are not read.",
        remediation: Remediation {
            console: "AWS Backup console > Backup plans > PLAN > Assign resources > Include specific \
                resource types: RDS, or tag the instance with the plan's selection tag.\n\
                aws backup create-backup-selection --backup-plan-id PLAN_ID --backup-selection \
                '{\"SelectionName\":\"rds\",\"IamRoleArn\":\"ROLE_ARN\",\"Resources\":[\"arn:aws:rds:*:*:db:*\"]}'",
            terraform: "resource \"aws_backup_selection\" \"rds\" {\n  name         = \"rds\"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_db_instance.phi.arn]\n}",
            cloudformation: "RdsSelection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref PhiBackupPlan\n    BackupSelection:\n      SelectionName: rds\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources:\n        - !Sub arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${PhiDatabase}",
        },
        examples: &[
            Example {
                name: "selected by a resource-type wildcard",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:clinic", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "databases", "resources": ["arn:aws:rds:*:*:db:*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "wildcard selection narrowed by a tag condition the instance lacks",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:scratch", "account": "111122223333", "region": "us-east-1",
                    "tags": {"env": "dev"}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "phi-only", "resources": ["*"], "tags": [],
                        "conditions": [{"operator": "StringEquals", "key": "aws:ResourceTag/phi", "value": "true"}], "not_resources": []}]}]"#,
            },
            Example {
                name: "excluded by not_resources",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:reporting", "account": "111122223333", "region": "us-east-1", "tags": {}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "databases", "resources": ["arn:aws:rds:*:*:db:*"], "tags": [], "conditions": [],
                        "not_resources": ["arn:aws:rds:us-east-1:111122223333:db:reporting"]}]}]"#,
            },
            Example {
                name: "no backup plans and the listing succeeded",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:clinic", "account": "111122223333", "region": "us-east-1", "tags": {}}]"#,
            },
            Example {
                name: "aurora member",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:aurora-1", "account": "111122223333", "region": "us-east-1",
                    "cluster_id": "aurora"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, cx: &Context) -> Check {
    if let Some(cluster) = &db.cluster_id {
        return Ok(Outcome::not_applicable(format!(
            "member of cluster {cluster}; the cluster is backed up as a whole (BKP-006)"
        )));
    }
    let target = Target {
        id: Cow::Borrowed(db.meta.id.as_str()),
        tags: &db.meta.tags,
    };
    Ok(
        match assignment(&db.meta, std::slice::from_ref(&target), cx)? {
            Some(a) => Outcome::pass(covered_message(&a, &db.meta.id)),
            None => Outcome::fail("no backup plan in this account and region selects the instance"),
        },
    )
}
