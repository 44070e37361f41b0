//! S3-002: Block Public Access (all four settings) applies to every bucket.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-002",
        name: "s3-bucket-block-public-access",
        title: "S3 buckets have all four Block Public Access settings on (bucket or account level)",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(i)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3); Playbook: Step 7: Initial Configuration Checklist (\"No public-facing databases/storage\")",
        rationale: "Public S3 buckets are the most common way PHI leaks from AWS. Block Public \
            Access overrides any ACL or bucket policy that would grant anonymous access, so a \
            mistaken policy edit cannot expose the data. 164.312(a)(1) requires that only \
            authorised persons and software reach ePHI; the playbook's Step 7 asks for no \
            public-facing storage and Step 5 shows blocking public buckets organisation-wide. \
            The bucket passes when all four settings are on for the bucket itself or for its \
            whole account (the effective setting is the union of both).",
        remediation: Remediation {
            console: "S3 console > bucket > Permissions > Block public access (bucket settings) > \
                Edit > Block all public access > Save (or the same at account level under \
                Block Public Access settings for this account).\n\
                aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration \
                BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            terraform: "resource \"aws_s3_bucket_public_access_block\" \"phi\" {\n  bucket                  = aws_s3_bucket.phi.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true",
        },
        examples: &[
            Example {
                name: "all four on the bucket",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "public_access_block":
                    {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}]"#,
            },
            Example {
                name: "bucket has none, account blocks everything",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333", "s3_public_access_block":
                     {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "account": "111122223333", "public_access_block": null}]"#,
            },
            Example {
                name: "no block public access anywhere",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "public_access_block": null}]"#,
            },
            Example {
                name: "policy switches off, account level off too",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333", "s3_public_access_block": null},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "account": "111122223333", "public_access_block":
                     {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": false, "restrict_public_buckets": false}}]"#,
            },
            Example {
                name: "bucket off, account setting unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333",
                     "s3_public_access_block": {"$unknown": {"reason": "access_denied", "detail": "s3:GetAccountPublicAccessBlock"}}},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "account": "111122223333", "public_access_block": null}]"#,
            },
        ],
    },
    check,
};

fn off_switches(p: &PublicAccessBlock) -> Vec<&'static str> {
    let mut off = Vec::new();
    if !p.block_public_acls {
        off.push("BlockPublicAcls");
    }
    if !p.ignore_public_acls {
        off.push("IgnorePublicAcls");
    }
    if !p.block_public_policy {
        off.push("BlockPublicPolicy");
    }
    if !p.restrict_public_buckets {
        off.push("RestrictPublicBuckets");
    }
    off
}

fn check(bucket: &S3Bucket, cx: &Context) -> Check {
    let own = bucket.public_access_block.need("public_access_block");
    if let Ok(Some(p)) = own {
        if p.all_enabled() {
            return Ok(Outcome::pass(
                "all four Block Public Access settings are on for the bucket",
            ));
        }
    }
    let account =
        super::account_block(bucket, cx).map(|v| v.need("account s3_public_access_block"));
    if let Some(Ok(Some(p))) = account {
        if p.all_enabled() {
            return Ok(Outcome::pass(
                "all four Block Public Access settings are on for the account",
            ));
        }
    }
    let own = own?;
    if let Some(account) = account {
        account?;
    }
    Ok(match own {
        None => Outcome::fail("no Block Public Access on the bucket or its account"),
        Some(p) => Outcome::fail(format!(
            "Block Public Access is partial: {} off, and not all on at account level",
            off_switches(p).join(", ")
        )),
    })
}
