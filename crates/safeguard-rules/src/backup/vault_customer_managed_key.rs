//! BKP-002: backup vaults are encrypted with a customer managed KMS key.

use crate::prelude::*;

pub static RULE: RuleDef<BackupVault> = RuleDef {
    meta: RuleMeta {
        id: "BKP-002",
        name: "backup-vault-customer-managed-key",
        title: "AWS Backup vaults are encrypted with a customer managed KMS key",
        severity: Severity::Low,
        hipaa: &["164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: AWS Backup",
        rationale: "The whitepaper's AWS Backup section says encryption of recovery points is \
            configured at the vault: the default vault is encrypted, and every new vault needs \
            an encryption key. The AWS managed key aws/backup satisfies 164.312(a)(2)(iv), but \
            its key policy cannot be changed, so the covered entity cannot limit who may \
            decrypt the copies of ePHI, cannot share them with a recovery account, and cannot \
            revoke access to them as a risk management measure (164.308(a)(1)(ii)(B)). A \
            customer managed key gives that control over the backup copies \
            (164.310(d)(2)(iv)). The data is encrypted either way, hence low severity.",
        remediation: Remediation {
            console: "A vault's key cannot be changed. Create a vault with a customer managed key \
                (AWS Backup console > Backup vaults > Create > Encryption key), point the backup \
                plan rules at it, and let old recovery points expire.\naws backup \
                create-backup-vault --backup-vault-name phi --encryption-key-arn KEY_ARN",
            terraform: "resource \"aws_backup_vault\" \"phi\" {\n  name        = \"phi\"\n  kms_key_arn = aws_kms_key.backup.arn\n}",
            cloudformation: "PhiVault:\n  Type: AWS::Backup::BackupVault\n  Properties:\n    BackupVaultName: phi\n    EncryptionKeyArn: !GetAtt BackupKey.Arn",
        },
        examples: &[
            Example {
                name: "customer managed key",
                expect: Status::Pass,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:phi", "name": "phi",
                    "account": "111122223333", "region": "us-east-1",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-2222-bbbb-3333-cccc4444dddd"},
                  {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-2222-bbbb-3333-cccc4444dddd",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER"}]"#,
            },
            Example {
                name: "aws managed aws/backup key",
                expect: Status::Fail,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:Default", "name": "Default",
                    "account": "111122223333", "region": "us-east-1",
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc"},
                  {"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "AWS"}]"#,
            },
            Example {
                name: "no key declared (default key)",
                expect: Status::Fail,
                resources: r#"[{"type": "backup_vault", "id": "aws_backup_vault.phi", "name": "phi", "kms_key_id": null}]"#,
            },
            Example {
                name: "key not in the inventory",
                expect: Status::Unknown,
                resources: r#"[{"type": "backup_vault", "id": "arn:aws:backup:us-east-1:111122223333:backup-vault:phi", "name": "phi",
                    "account": "111122223333", "region": "us-east-1",
                    "kms_key_id": "arn:aws:kms:us-east-1:444455556666:key/0000aaaa-1111-bbbb-2222-cccc3333dddd"}]"#,
            },
        ],
    },
    check,
};

fn check(vault: &BackupVault, cx: &Context) -> Check {
    let Some(key) = vault.kms_key_id.need("kms_key_id")? else {
        return Ok(Outcome::fail(
            "no key specified, so the AWS managed key aws/backup is used",
        ));
    };
    if key.contains("alias/aws/") {
        return Ok(Outcome::fail(format!(
            "encrypted with the AWS managed key {key}"
        )));
    }
    let found = cx.all::<KmsKey>().find(|k| {
        k.meta.id == *key
            || (!k.meta.name.is_empty() && key.ends_with(&format!("/{}", k.meta.name)))
    });
    let Some(kms) = found else {
        return Ok(Outcome::unknown(
            UnknownReason::NotCollected,
            format!(
                "key {key} is not in the inventory, so whether it is customer managed is unknown"
            ),
        ));
    };
    Ok(match kms.key_manager.need("key_manager")?.as_str() {
        "CUSTOMER" => Outcome::pass("encrypted with a customer managed KMS key"),
        other => Outcome::fail(format!("encrypted with a {other}-managed key ({key})")),
    })
}
