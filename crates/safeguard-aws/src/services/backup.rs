//! AWS Backup plans (rules and selections) and vaults (key, lock, access policy, tags).

use super::client;
use crate::runtime::{absent_or, opt_policy, tags, Out, Scope};
use safeguard_model::{
    BackupPlan, BackupRule, BackupSelection, BackupVault, SelectionCondition, Value,
};

pub(crate) const ACTIONS: &[&str] = &[
    "backup:GetBackupPlan",
    "backup:GetBackupSelection",
    "backup:GetBackupVaultAccessPolicy",
    "backup:ListBackupPlans",
    "backup:ListBackupSelections",
    "backup:ListBackupVaults",
    "backup:ListTags",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_backup);
    let c = &c;
    let (plans, vaults) = tokio::join!(
        s.pages(
            "backup:ListBackupPlans",
            c.list_backup_plans().into_paginator().items().send()
        ),
        s.pages(
            "backup:ListBackupVaults",
            c.list_backup_vaults().into_paginator().items().send()
        ),
    );
    let plans = out.list(plans);
    let vaults = out.list(vaults);

    let found = s
        .each(plans, |p| async move {
            let id = p.backup_plan_id().unwrap_or_default().to_string();
            let arn = p
                .backup_plan_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("backup", &format!("backup-plan:{id}")));
            let (plan, selections, tagged) = tokio::join!(
                s.call(
                    "backup:GetBackupPlan",
                    c.get_backup_plan().backup_plan_id(&id).send()
                ),
                s.pages(
                    "backup:ListBackupSelections",
                    c.list_backup_selections()
                        .backup_plan_id(&id)
                        .into_paginator()
                        .items()
                        .send()
                ),
                s.call("backup:ListTags", c.list_tags().resource_arn(&arn).send()),
            );
            let tags = match tagged {
                Ok(o) => Value::Known(tags(o.tags().cloned().unwrap_or_default())),
                Err(e) => e.value(),
            };
            let rules = match plan {
                Ok(o) => Value::Known(
                    o.backup_plan()
                        .map(|bp| bp.rules())
                        .unwrap_or_default()
                        .iter()
                        .map(|r| BackupRule {
                            name: r.rule_name().to_string(),
                            schedule: r.schedule_expression().unwrap_or_default().to_string(),
                            target_vault: r.target_backup_vault_name().to_string(),
                            delete_after_days: r
                                .lifecycle()
                                .and_then(|l| l.delete_after_days())
                                .map(|d| d.max(0) as u32),
                            copies_elsewhere: r
                                .copy_actions()
                                .iter()
                                .any(|a| elsewhere(s, a.destination_backup_vault_arn())),
                        })
                        .collect(),
                ),
                Err(e) => e.value(),
            };
            let selections = match selections.error {
                Some(e) => e.value(),
                None => {
                    let got = s
                        .each(selections.items, |m| {
                            let id = id.clone();
                            async move {
                                let sel = m.selection_id().unwrap_or_default().to_string();
                                s.call(
                                    "backup:GetBackupSelection",
                                    c.get_backup_selection()
                                        .backup_plan_id(&id)
                                        .selection_id(&sel)
                                        .send(),
                                )
                                .await
                            }
                        })
                        .await;
                    let mut v = Vec::new();
                    let mut failed = None;
                    for r in got {
                        match r {
                            Ok(o) => {
                                if let Some(b) = o.backup_selection() {
                                    v.push(selection(b));
                                }
                            }
                            Err(e) => {
                                failed.get_or_insert(e);
                            }
                        }
                    }
                    match failed {
                        Some(e) => e.value(),
                        None => Value::Known(v),
                    }
                }
            };
            let name = p.backup_plan_name().unwrap_or(&id).to_string();
            BackupPlan {
                meta: s.meta(arn, name, tags),
                rules,
                selections,
            }
        })
        .await;
    for p in found {
        out.push(p);
    }

    let found = s
        .each(vaults, |v| async move {
            let name = v.backup_vault_name().unwrap_or_default().to_string();
            let arn = v
                .backup_vault_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("backup", &format!("backup-vault:{name}")));
            let (policy, tagged) = tokio::join!(
                s.call(
                    "backup:GetBackupVaultAccessPolicy",
                    c.get_backup_vault_access_policy()
                        .backup_vault_name(&name)
                        .send()
                ),
                s.call("backup:ListTags", c.list_tags().resource_arn(&arn).send()),
            );
            let tags = match tagged {
                Ok(o) => Value::Known(tags(o.tags().cloned().unwrap_or_default())),
                Err(e) => e.value(),
            };
            let what = format!("backup:GetBackupVaultAccessPolicy {name}");
            let policy = match absent_or(policy, &["ResourceNotFoundException"], |o| {
                o.policy().map(str::to_string)
            }) {
                Value::Known(text) => opt_policy(text.as_deref(), &what),
                Value::Unknown(u) => Value::Unknown(u),
            };
            BackupVault {
                meta: s.meta(arn, name, tags),
                kms_key_id: Value::Known(v.encryption_key_arn().map(str::to_string)),
                locked: Value::Known(v.locked().unwrap_or(false)),
                policy,
            }
        })
        .await;
    for v in found {
        out.push(v);
    }
}

/// A copy destination in another region or account than the plan's.
fn elsewhere(s: &Scope, arn: &str) -> bool {
    let parts: Vec<&str> = arn.split(':').collect();
    parts.len() > 4 && (parts[3] != s.region || parts[4] != s.account)
}

fn selection(b: &aws_sdk_backup::types::BackupSelection) -> BackupSelection {
    let mut conditions = Vec::new();
    if let Some(c) = b.conditions() {
        for (op, list) in [
            ("StringEquals", c.string_equals()),
            ("StringNotEquals", c.string_not_equals()),
            ("StringLike", c.string_like()),
            ("StringNotLike", c.string_not_like()),
        ] {
            for p in list {
                conditions.push(SelectionCondition {
                    operator: op.to_string(),
                    key: p.condition_key().unwrap_or_default().to_string(),
                    value: p.condition_value().unwrap_or_default().to_string(),
                });
            }
        }
    }
    BackupSelection {
        name: b.selection_name().to_string(),
        resources: b.resources().to_vec(),
        tags: b
            .list_of_tags()
            .iter()
            .map(|t| {
                (
                    t.condition_key().to_string(),
                    t.condition_value().to_string(),
                )
            })
            .collect(),
        conditions: Value::Known(conditions),
        not_resources: Value::Known(b.not_resources().to_vec()),
    }
}
