//! EFS file systems: encryption, file system policy, automatic backups and tags.

use super::client;
use crate::runtime::{opt_policy, tags, Out, Scope};
use safeguard_model::{EfsFileSystem, Value};

pub(crate) const ACTIONS: &[&str] = &[
    "elasticfilesystem:DescribeBackupPolicy",
    "elasticfilesystem:DescribeFileSystemPolicy",
    "elasticfilesystem:DescribeFileSystems",
];

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let c = client!(s, aws_sdk_efs);
    let c = &c;
    let systems = out.list(
        s.pages(
            "elasticfilesystem:DescribeFileSystems",
            c.describe_file_systems().into_paginator().items().send(),
        )
        .await,
    );
    let found = s
        .each(systems, |fs| async move {
            let id = fs.file_system_id().to_string();
            let (policy, backup) = tokio::join!(
                s.call(
                    "elasticfilesystem:DescribeFileSystemPolicy",
                    c.describe_file_system_policy().file_system_id(&id).send()
                ),
                s.call(
                    "elasticfilesystem:DescribeBackupPolicy",
                    c.describe_backup_policy().file_system_id(&id).send()
                ),
            );
            let policy = match policy {
                Ok(o) => opt_policy(
                    o.policy(),
                    &format!("elasticfilesystem:DescribeFileSystemPolicy {id}"),
                ),
                Err(e) if e.is(&["PolicyNotFound"]) => Value::Known(None),
                Err(e) => e.value(),
            };
            let automatic_backups = match backup {
                Ok(o) => Value::Known(
                    o.backup_policy()
                        .is_some_and(|b| b.status().as_str() == "ENABLED"),
                ),
                Err(e) if e.is(&["PolicyNotFound"]) => Value::Known(false),
                Err(e) => e.value(),
            };
            let arn = fs
                .file_system_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("elasticfilesystem", &format!("file-system/{id}")));
            let tags = Value::Known(tags(fs.tags().iter().map(|t| (t.key(), t.value()))));
            EfsFileSystem {
                meta: s.meta(arn, fs.name().unwrap_or(&id), tags),
                encrypted: Value::Known(fs.encrypted().unwrap_or(false)),
                kms_key_id: Value::Known(fs.kms_key_id().map(str::to_string)),
                policy,
                automatic_backups,
            }
        })
        .await;
    for f in found {
        out.push(f);
    }
}
