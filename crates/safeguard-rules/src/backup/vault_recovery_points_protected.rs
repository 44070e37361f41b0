//! BKP-003: recovery points cannot be deleted early.

use crate::prelude::*;

pub static RULE: RuleDef<BackupVault> = RuleDef {
    meta: RuleMeta {
        id: "BKP-003",
        name: "backup-vault-recovery-points-protected",
        title: "AWS Backup vaults protect recovery points from deletion (Vault Lock or a deny policy)",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: AWS Backup",
        rationale: "Backups of ePHI are only retrievable (164.308(a)(7)(ii)(A), \
            164.310(d)(2)(iv)) if they survive the incident they exist for: ransomware and \
            attackers with stolen administrator credentials delete recovery points first. AWS \
            Backup Vault Lock stops anyone, the root user included in compliance mode, from \
            deleting recovery points before their retention ends or shortening it; at minimum a \
            vault access policy that denies backup:DeleteRecoveryPoint to every principal \
            guards against accidental or casual deletion (164.312(c)(1) integrity). The \
            whitepaper's AWS Backup section covers the vaults that hold these copies.",
        remediation: Remediation {
            console: "AWS Backup console > Backup vaults > VAULT > Vault lock > Create vault lock \
                (compliance mode, minimum retention matching the plans).\naws backup \
                put-backup-vault-lock-configuration --backup-vault-name VAULT \
                --min-retention-days 35 --changeable-for-days 3",
            terraform: "resource \"aws_backup_vault_lock_configuration\" \"phi\" {\n  backup_vault_name   = aws_backup_vault.phi.name\n  min_retention_days  = 35\n  changeable_for_days = 3\n}",
            cloudformation: "PhiVault:\n  Type: AWS::Backup::BackupVault\n  Properties:\n    BackupVaultName: phi\n    EncryptionKeyArn: !GetAtt BackupKey.Arn\n    LockConfiguration:\n      MinRetentionDays: 35\n      ChangeableForDays: 3",
        },
        examples: &[
            Example {
                name: "vault lock",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:phi", "locked": true, "policy": null}]"#,
            },
            Example {
                name: "deny delete policy",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:phi", "locked": false,
                    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"},
                        "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], "Resource": "*"}]}}]"#,
            },
            Example {
                name: "unprotected",
                expect: Status::Fail,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:Default", "locked": false, "policy": null}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:phi", "locked": false,
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "backup:GetBackupVaultAccessPolicy"}}}]"#,
            },
        ],
    },
    check,
};

/// A Deny for every principal covering `backup:DeleteRecoveryPoint`.
fn denies_deletion(policy: &PolicyDocument) -> bool {
    policy.statements().iter().any(|s| {
        !s.allow && s.is_public_principal() && s.covers_action("backup:DeleteRecoveryPoint")
    })
}

fn check(vault: &BackupVault, _cx: &Context) -> Check {
    if vault.locked.known() == Some(&true) {
        return Ok(Outcome::pass("Vault Lock is configured"));
    }
    if let Some(Some(p)) = vault.policy.known() {
        if denies_deletion(p) {
            return Ok(Outcome::pass(
                "vault access policy denies backup:DeleteRecoveryPoint to everyone",
            ));
        }
    }
    vault.locked.need("locked")?;
    vault.policy.need("policy")?;
    Ok(Outcome::fail(
        "no Vault Lock and no access policy denying deletion of recovery points",
    ))
}
