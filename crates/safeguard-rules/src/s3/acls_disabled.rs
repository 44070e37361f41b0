//! S3-008: bucket ACLs are disabled (Object Ownership BucketOwnerEnforced).

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-008",
        name: "s3-bucket-acls-disabled",
        title: "S3 buckets have ACLs disabled (Object Ownership: bucket owner enforced)",
        severity: Severity::Low,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3)",
        rationale: "With ACLs enabled, access to a PHI object can be granted by an object ACL that \
            no bucket policy or IAM review shows, and objects uploaded by another account stay \
            owned by that account. Setting Object Ownership to BucketOwnerEnforced turns ACLs \
            off, so access is decided only by policies that can be reviewed in one place: the \
            access authorisation of 164.308(a)(4)(ii)(B) and the access control standard \
            164.312(a)(1). It is the default for buckets created since April 2023; low severity \
            because ACLs are a second path, not an exposure by themselves.",
        remediation: Remediation {
            console: "S3 console > bucket > Permissions > Object Ownership > Edit > ACLs disabled \
                (recommended) > Save. Move any access the ACLs granted into the bucket policy first.\n\
                aws s3api put-bucket-ownership-controls --bucket BUCKET \
                --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
            terraform: "resource \"aws_s3_bucket_ownership_controls\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = \"BucketOwnerEnforced\"\n  }\n}",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    OwnershipControls:\n      Rules:\n        - ObjectOwnership: BucketOwnerEnforced",
        },
        examples: &[
            Example {
                name: "bucket owner enforced",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "object_ownership": "BucketOwnerEnforced"}]"#,
            },
            Example {
                name: "object writer",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "object_ownership": "ObjectWriter"}]"#,
            },
            Example {
                name: "no ownership controls declared",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "aws_s3_bucket.phi", "name": "clinic-phi", "object_ownership": null}]"#,
            },
            Example {
                name: "ownership controls unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "object_ownership": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketOwnershipControls"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    Ok(
        match bucket.object_ownership.need("object_ownership")?.as_deref() {
            Some("BucketOwnerEnforced") => Outcome::pass("ACLs are disabled (BucketOwnerEnforced)"),
            Some(other) => Outcome::fail(format!(
                "Object Ownership is {other}, so ACLs still grant access"
            )),
            None => Outcome::fail("no Object Ownership setting, so ACLs still grant access"),
        },
    )
}
