//! S3 buckets: encryption, Block Public Access, policy, ACL, ownership, versioning, logging,
//! Object Lock, replication and lifecycle. The bucket list is account-wide (one call in the
//! home region); each bucket is then read in its own region. Objects are never listed or read.

use super::client;
use crate::runtime::{absent_or, known, opt_policy, tags, Out, Scope};
use aws_sdk_s3::Client;
use safeguard_model::{
    BucketEncryption, BucketLogging, ObjectLockRetention, PublicAccessBlock, S3Bucket, Value,
    Versioning,
};
use std::collections::BTreeMap;

pub(crate) const ACTIONS: &[&str] = &[
    "s3:GetBucketAcl",
    "s3:GetBucketLocation",
    "s3:GetBucketLogging",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:ListAllMyBuckets",
];

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

fn s3_client(s: &Scope, region: Option<&str>) -> Client {
    // Emulators answer path-style only; AWS itself prefers virtual-hosted style.
    let path_style = s.sdk.endpoint_url().is_some();
    client!(s, aws_sdk_s3, |b| {
        let b = b.force_path_style(path_style);
        match region {
            Some(r) => b.region(aws_config::Region::new(r.to_string())),
            None => b,
        }
    })
}

pub(crate) async fn collect(s: &Scope, out: &mut Out) {
    let home = s3_client(s, None);
    let buckets = out.list(
        s.pages(
            "s3:ListAllMyBuckets",
            home.list_buckets()
                .max_buckets(1000)
                .into_paginator()
                .send(),
        )
        .await,
    );
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    for page in &buckets {
        for b in page.buckets() {
            if let Some(name) = b.name() {
                found.push((name.to_string(), b.bucket_region().map(str::to_string)));
            }
        }
    }

    // Region of each bucket: from ListBuckets (AWS includes `BucketRegion` when the request
    // sets `max-buckets`), else GetBucketLocation.
    let located: Vec<(String, Result<String, crate::error::CallError>)> = s
        .each(found, |(name, region)| {
            let home = &home;
            async move {
                if let Some(r) = region {
                    return (name, Ok(r));
                }
                let r = s
                    .call(
                        "s3:GetBucketLocation",
                        home.get_bucket_location().bucket(&name).send(),
                    )
                    .await;
                let r = r.map(
                    |o| match o.location_constraint().map(|c| c.as_str().to_string()) {
                        None => "us-east-1".to_string(),
                        Some(c) if c.is_empty() => "us-east-1".to_string(),
                        Some(c) if c == "EU" => "eu-west-1".to_string(),
                        Some(c) => c,
                    },
                );
                (name, r)
            }
        })
        .await;

    let mut clients: BTreeMap<String, Client> = BTreeMap::new();
    for (_, r) in &located {
        if let Ok(region) = r {
            clients
                .entry(region.clone())
                .or_insert_with(|| s3_client(s, Some(region)));
        }
    }
    let results = s
        .each(located, |(name, region)| {
            let clients = &clients;
            let home = &home;
            async move {
                match region {
                    Ok(r) => bucket(s, &clients[&r], name, r).await,
                    Err(e) => {
                        // Without its region the bucket's settings cannot be read reliably.
                        let _ = home;
                        unreadable(s, name, e)
                    }
                }
            }
        })
        .await;
    for b in results {
        out.push(b);
    }
}

fn unreadable(s: &Scope, name: String, e: crate::error::CallError) -> S3Bucket {
    let mut meta = s.meta(format!("arn:{}:s3:::{name}", s.partition), name, e.value());
    meta.region = String::new();
    S3Bucket {
        meta,
        default_encryption: e.value(),
        public_access_block: e.value(),
        policy: e.value(),
        acl_public_read: e.value(),
        acl_public_write: e.value(),
        object_ownership: e.value(),
        versioning: e.value(),
        logging: e.value(),
        object_lock: e.value(),
        object_lock_default_retention: e.value(),
        replication: e.value(),
        lifecycle_rules: e.value(),
    }
}

async fn bucket(s: &Scope, c: &Client, name: String, region: String) -> S3Bucket {
    let n = name.as_str();
    let (tagging, enc, pab, pol, acl, own, ver, logging, lock, repl, life) = tokio::join!(
        s.call_in(
            &region,
            "s3:GetBucketTagging",
            c.get_bucket_tagging().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetEncryptionConfiguration",
            c.get_bucket_encryption().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketPublicAccessBlock",
            c.get_public_access_block().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketPolicy",
            c.get_bucket_policy().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketAcl",
            c.get_bucket_acl().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketOwnershipControls",
            c.get_bucket_ownership_controls().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketVersioning",
            c.get_bucket_versioning().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketLogging",
            c.get_bucket_logging().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetBucketObjectLockConfiguration",
            c.get_object_lock_configuration().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetReplicationConfiguration",
            c.get_bucket_replication().bucket(n).send()
        ),
        s.call_in(
            &region,
            "s3:GetLifecycleConfiguration",
            c.get_bucket_lifecycle_configuration().bucket(n).send()
        ),
    );

    let tags = match tagging {
        Ok(t) => Value::Known(tags(t.tag_set().iter().map(|t| (t.key(), t.value())))),
        Err(e) if e.is(&["NoSuchTagSet", "NoSuchTagSetError"]) => Value::Known(Default::default()),
        Err(e) => e.value(),
    };

    let default_encryption = absent_or(
        enc,
        &["ServerSideEncryptionConfigurationNotFoundError"],
        |o| {
            let rule = o
                .server_side_encryption_configuration()?
                .rules()
                .iter()
                .find_map(|r| {
                    r.apply_server_side_encryption_by_default()
                        .map(|d| (d, r.bucket_key_enabled()))
                })?;
            let (d, bucket_key) = rule;
            Some(BucketEncryption {
                algorithm: d.sse_algorithm().as_str().to_string(),
                kms_key_id: d.kms_master_key_id().map(str::to_string),
                bucket_key: bucket_key.unwrap_or(false),
            })
        },
    );

    let public_access_block = absent_or(pab, &["NoSuchPublicAccessBlockConfiguration"], |o| {
        o.public_access_block_configuration()
            .map(|c| PublicAccessBlock {
                block_public_acls: c.block_public_acls().unwrap_or(false),
                ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                block_public_policy: c.block_public_policy().unwrap_or(false),
                restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
            })
    });

    let what = format!("s3:GetBucketPolicy {n}");
    let policy = match pol {
        Ok(o) => opt_policy(o.policy(), &what),
        Err(e) if e.is(&["NoSuchBucketPolicy"]) => Value::Known(None),
        Err(e) => e.value(),
    };

    let (acl_public_read, acl_public_write) = match acl {
        Ok(o) => {
            let mut read = false;
            let mut write = false;
            for g in o.grants() {
                let public = g
                    .grantee()
                    .and_then(|g| g.uri())
                    .is_some_and(|u| u == ALL_USERS || u == AUTHENTICATED_USERS);
                if !public {
                    continue;
                }
                match g.permission().map(|p| p.as_str()) {
                    Some("READ") => read = true,
                    Some("WRITE" | "WRITE_ACP") => write = true,
                    Some("FULL_CONTROL") => {
                        read = true;
                        write = true;
                    }
                    _ => {}
                }
            }
            (Value::Known(read), Value::Known(write))
        }
        Err(e) => (e.value(), e.value()),
    };

    let object_ownership = absent_or(own, &["OwnershipControlsNotFoundError"], |o| {
        o.ownership_controls()?
            .rules()
            .first()
            .map(|r| r.object_ownership().as_str().to_string())
    });

    let versioning = known(ver, |o| Versioning {
        enabled: o.status().is_some_and(|s| s.as_str() == "Enabled"),
        mfa_delete: o.mfa_delete().is_some_and(|m| m.as_str() == "Enabled"),
    });

    let logging = known(logging, |o| {
        o.logging_enabled().map(|l| BucketLogging {
            target_bucket: l.target_bucket().to_string(),
            target_prefix: l.target_prefix().to_string(),
        })
    });

    let (object_lock, object_lock_default_retention) = match lock {
        Ok(o) => {
            let conf = o.object_lock_configuration();
            let enabled = conf
                .and_then(|c| c.object_lock_enabled())
                .is_some_and(|e| e.as_str() == "Enabled");
            let retention = conf
                .and_then(|c| c.rule())
                .and_then(|r| r.default_retention())
                .map(|d| {
                    let days = d.days().unwrap_or(0).max(0) as u32
                        + d.years().unwrap_or(0).max(0) as u32 * 365;
                    ObjectLockRetention {
                        mode: d.mode().map(|m| m.as_str().to_string()).unwrap_or_default(),
                        days,
                    }
                });
            (Value::Known(enabled), Value::Known(retention))
        }
        Err(e) if e.is(&["ObjectLockConfigurationNotFoundError"]) => {
            (Value::Known(false), Value::Known(None))
        }
        Err(e) => (e.value(), e.value()),
    };

    let replication = match repl {
        Ok(o) => Value::Known(
            o.replication_configuration()
                .is_some_and(|c| c.rules().iter().any(|r| r.status().as_str() == "Enabled")),
        ),
        Err(e) if e.is(&["ReplicationConfigurationNotFoundError"]) => Value::Known(false),
        Err(e) => e.value(),
    };

    let lifecycle_rules = match life {
        Ok(o) => Value::Known(
            o.rules()
                .iter()
                .filter(|r| r.status().as_str() == "Enabled")
                .count() as u32,
        ),
        Err(e) if e.is(&["NoSuchLifecycleConfiguration"]) => Value::Known(0),
        Err(e) => e.value(),
    };

    let mut meta = s.meta(format!("arn:{}:s3:::{n}", s.partition), n, tags);
    meta.region = region;
    S3Bucket {
        meta,
        default_encryption,
        public_access_block,
        policy,
        acl_public_read,
        acl_public_write,
        object_ownership,
        versioning,
        logging,
        object_lock,
        object_lock_default_retention,
        replication,
        lifecycle_rules,
    }
}
