//! BKP-007: EBS volumes are backed up by an AWS Backup plan (directly or with their instance).

use super::coverage::{assignment, covered_message, Target};
use crate::prelude::*;
use std::borrow::Cow;

pub static RULE: RuleDef<EbsVolume> = RuleDef {
    meta: RuleMeta {
        id: "BKP-007",
        name: "ebs-volume-in-backup-plan",
        title: "EBS volumes are protected by an AWS Backup plan, directly or through their instance",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "Unlike RDS or DynamoDB, an EBS volume has no backup of its own: without a \
            snapshot schedule, ePHI on it has no retrievable exact copy \
            (164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)) and cannot be restored after a failure or \
            deletion (164.308(a)(7)(ii)(B)). The whitepaper's AWS Backup section names EBS \
            volumes and EC2 instances among the resources a backup plan protects, and notes \
            that EBS snapshots keep the volume's encryption. A volume counts as protected when \
            a plan selects it or the instance it is attached to (an instance backup snapshots \
            every attached volume). Snapshot schedules made with Amazon Data Lifecycle Manager \
            are not visible to this rule.",
        remediation: Remediation {
            console: "AWS Backup console > Backup plans > PLAN > Assign resources > resource type \
                EBS (or EC2 for whole instances), or tag the volume with the plan's selection tag.\n\
                aws backup create-backup-selection --backup-plan-id PLAN_ID --backup-selection \
                '{\"SelectionName\":\"ebs\",\"IamRoleArn\":\"ROLE_ARN\",\"Resources\":[\"arn:aws:ec2:*:*:volume/*\"]}'",
            terraform: "resource \"aws_backup_selection\" \"ebs\" {\n  name         = \"ebs\"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_ebs_volume.phi.arn]\n}",
            cloudformation: "EbsSelection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref PhiBackupPlan\n    BackupSelection:\n      SelectionName: ebs\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources:\n        - !Sub arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:volume/${PhiVolume}",
        },
        examples: &[
            Example {
                name: "attached instance is selected",
                expect: Status::Pass,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-0aa", "account": "111122223333", "region": "us-east-1",
                    "tags": {}, "attached_to": ["i-0123"]},
                  {"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0123", "name": "i-0123",
                    "account": "111122223333", "region": "us-east-1", "tags": {"backup": "daily"}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "ec2", "resources": ["arn:aws:ec2:*:*:instance/*"], "tags": [],
                        "conditions": [{"operator": "StringEquals", "key": "aws:ResourceTag/backup", "value": "daily"}], "not_resources": []}]}]"#,
            },
            Example {
                name: "volume selected directly",
                expect: Status::Pass,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-0bb", "account": "111122223333", "region": "us-east-1",
                    "tags": {}, "attached_to": []},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "volumes", "resources": ["arn:aws:ec2:*:*:volume/*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
            Example {
                name: "neither volume nor instance selected",
                expect: Status::Fail,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-0cc", "account": "111122223333", "region": "us-east-1",
                    "tags": {}, "attached_to": ["i-0456"]},
                  {"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0456", "name": "i-0456",
                    "account": "111122223333", "region": "us-east-1", "tags": {"backup": "none"}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "ec2", "resources": ["arn:aws:ec2:*:*:instance/*"], "tags": [],
                        "conditions": [{"operator": "StringEquals", "key": "aws:ResourceTag/backup", "value": "daily"}], "not_resources": []}]}]"#,
            },
            Example {
                name: "volume not selected and its attachments unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-0dd", "account": "111122223333", "region": "us-east-1",
                    "tags": {}, "attached_to": {"$unknown": {"reason": "throttled", "detail": "ec2:DescribeVolumes"}}},
                  {"type": "backup_plan", "id": "arn:aws:backup:us-east-1:111122223333:backup-plan:p1", "name": "phi-daily",
                    "account": "111122223333", "region": "us-east-1",
                    "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "target_vault": "phi", "delete_after_days": 35}],
                    "selections": [{"name": "ec2", "resources": ["arn:aws:ec2:*:*:instance/*"], "tags": [], "conditions": [], "not_resources": []}]}]"#,
            },
        ],
    },
    check,
};

fn check(volume: &EbsVolume, cx: &Context) -> Check {
    let own = Target {
        id: Cow::Borrowed(volume.meta.id.as_str()),
        tags: &volume.meta.tags,
    };
    // Try the volume alone first: if it is selected, its attachments do not matter.
    if let Ok(Some(a)) = assignment(&volume.meta, std::slice::from_ref(&own), cx) {
        return Ok(Outcome::pass(covered_message(&a, &volume.meta.id)));
    }
    let instance_ids = volume.attached_to.need("attached_to")?;
    let partition = match volume.meta.id.split(':').collect::<Vec<_>>().as_slice() {
        ["arn", p, ..] => *p,
        _ => "aws",
    };
    let not_in_inventory: Value<Tags> = Value::unknown(
        UnknownReason::NotCollected,
        "instance is not in the inventory",
    );
    let mut targets = vec![own];
    for id in instance_ids {
        let suffix = format!("/{id}");
        let instance = cx
            .in_account::<Ec2Instance>(&volume.meta.account)
            .find(|i| i.meta.id == *id || i.meta.name == *id || i.meta.id.ends_with(&suffix));
        targets.push(match instance {
            Some(i) => Target {
                id: Cow::Borrowed(i.meta.id.as_str()),
                tags: &i.meta.tags,
            },
            None => Target {
                id: Cow::Owned(format!(
                    "arn:{partition}:ec2:{}:{}:instance/{id}",
                    volume.meta.region, volume.meta.account
                )),
                tags: &not_in_inventory,
            },
        });
    }
    Ok(match assignment(&volume.meta, &targets, cx)? {
        Some(a) => Outcome::pass(covered_message(&a, &volume.meta.id)),
        None if instance_ids.is_empty() => {
            Outcome::fail("no backup plan in this account and region selects the volume")
        }
        None => Outcome::fail(format!(
            "no backup plan in this account and region selects the volume or its instance ({})",
            instance_ids.join(", ")
        )),
    })
}
