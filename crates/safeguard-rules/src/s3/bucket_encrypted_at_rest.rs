//! S3-001: S3 buckets encrypt objects at rest by default.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-001",
        name: "s3-bucket-encrypted-at-rest",
        title: "S3 buckets encrypt objects at rest by default",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Encryption and protection of PHI in AWS; Amazon Simple Storage Service (Amazon S3)",
        rationale: "The AWS BAA requires PHI stored in HIPAA-eligible services to be encrypted \
            as HHS guidance describes. The whitepaper's S3 section lists the options: SSE-S3, \
            SSE-KMS or client-side encryption. A bucket without default encryption relies on \
            every writer remembering to ask for it. Since January 2023 AWS applies SSE-S3 to new \
            objects by default, so a live bucket normally passes; in infrastructure as code the \
            rule asks that encryption be declared and controlled.",
        remediation: Remediation {
            console: "S3 console > bucket > Properties > Default encryption > Edit > SSE-KMS.\n\
                aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration \
                '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"KEY_ARN\"},\"BucketKeyEnabled\":true}]}'",
            terraform: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.phi.arn\n    }\n    bucket_key_enabled = true\n  }\n}",
            cloudformation: "BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: !GetAtt PhiKey.Arn\n      BucketKeyEnabled: true",
        },
        examples: &[
            Example {
                name: "sse-kms default encryption",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "default_encryption": {"algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}}]"#,
            },
            Example {
                name: "sse-s3 default encryption",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-logs",
                    "default_encryption": {"algorithm": "AES256"}}]"#,
            },
            Example {
                name: "no default encryption",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-scans", "default_encryption": null}]"#,
            },
            Example {
                name: "encryption configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-scans",
                    "default_encryption": {"$unknown": {"reason": "access_denied", "detail": "s3:GetEncryptionConfiguration"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    Ok(
        match bucket.default_encryption.need("default_encryption")? {
            Some(enc) if enc.uses_kms() => Outcome::pass("default encryption is SSE-KMS"),
            Some(enc) => Outcome::pass(format!("default encryption is {}", enc.algorithm)),
            None => Outcome::fail("bucket has no default encryption"),
        },
    )
}
