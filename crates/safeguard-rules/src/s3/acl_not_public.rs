//! S3-005: bucket ACLs grant nothing to AllUsers or AuthenticatedUsers.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-005",
        name: "s3-bucket-acl-not-public",
        title: "S3 bucket ACLs grant no public read or write access",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(i)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3); Playbook: Step 7: Initial Configuration Checklist (\"No public-facing databases/storage\")",
        rationale: "An ACL grant to AllUsers (anyone on the internet) or AuthenticatedUsers (anyone \
            with any AWS account) lets strangers list, read or write the bucket. For a bucket \
            holding PHI that is an unauthorised disclosure waiting to happen, contrary to \
            164.312(a)(1). The playbook's Step 7 asks for no public-facing storage. \
            IgnorePublicAcls neutralises such grants, which the message says, but the grant \
            still fails: it returns the day the setting is turned off.",
        remediation: Remediation {
            console: "S3 console > bucket > Permissions > Object Ownership > Edit > ACLs disabled \
                (this removes every ACL grant); or Access control list > Edit and remove the \
                Everyone and Authenticated users grants.\n\
                aws s3api put-bucket-acl --bucket BUCKET --acl private",
            terraform: "resource \"aws_s3_bucket_ownership_controls\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = \"BucketOwnerEnforced\"\n  }\n}\n# and delete any aws_s3_bucket_acl with acl = \"public-read\", \"public-read-write\" or \"authenticated-read\"",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    # remove AccessControl: PublicRead / PublicReadWrite / AuthenticatedRead\n    OwnershipControls:\n      Rules:\n        - ObjectOwnership: BucketOwnerEnforced",
        },
        examples: &[
            Example {
                name: "private acl",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "acl_public_read": false, "acl_public_write": false}]"#,
            },
            Example {
                name: "public read acl",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "acl_public_read": true, "acl_public_write": false}]"#,
            },
            Example {
                name: "public write acl, read unknown",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "acl_public_write": true,
                    "acl_public_read": {"$unknown": {"reason": "throttled", "detail": "s3:GetBucketAcl"}}}]"#,
            },
            Example {
                name: "acl unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "acl_public_write": false,
                    "acl_public_read": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketAcl"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, cx: &Context) -> Check {
    let read = bucket.acl_public_read.need("acl_public_read");
    let write = bucket.acl_public_write.need("acl_public_write");
    let granted: Vec<&str> = [(&read, "read"), (&write, "write")]
        .into_iter()
        .filter(|(v, _)| matches!(v, Ok(true)))
        .map(|(_, what)| what)
        .collect();
    if granted.is_empty() {
        read?;
        write?;
        return Ok(Outcome::pass(
            "ACL grants nothing to AllUsers or AuthenticatedUsers",
        ));
    }
    let note = if super::known_blocked(bucket, cx, |p| p.ignore_public_acls) {
        "; IgnorePublicAcls blocks it for now"
    } else {
        ""
    };
    Ok(Outcome::fail(format!(
        "ACL grants public {} (AllUsers or AuthenticatedUsers){note}",
        granted.join(" and ")
    )))
}
