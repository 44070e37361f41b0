//! S3-006: buckets keep object versions.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-006",
        name: "s3-bucket-versioning-enabled",
        title: "S3 buckets have versioning enabled",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.312(c)(1)"],
        source: "Whitepaper: Auditing, backups, and disaster recovery; Amazon Simple Storage Service (Amazon S3)",
        rationale: "164.308(a)(7)(ii)(A) requires retrievable exact copies of ePHI, and \
            164.312(c)(1) protection against improper alteration or destruction. The \
            whitepaper's backup section relies on S3 for long-term, highly available storage, \
            but S3's redundancy copies a mistake or a ransomware overwrite just as faithfully. \
            Versioning keeps every prior version of an object, so an overwritten or deleted PHI \
            file can be restored. Pair it with a lifecycle rule that expires noncurrent \
            versions after the retention period.",
        remediation: Remediation {
            console: "S3 console > bucket > Properties > Bucket Versioning > Edit > Enable.\n\
                aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled",
            terraform: "resource \"aws_s3_bucket_versioning\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration:\n      Status: Enabled",
        },
        examples: &[
            Example {
                name: "versioning on",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "versioning": {"enabled": true, "mfa_delete": false}}]"#,
            },
            Example {
                name: "never enabled or suspended",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "versioning": {"enabled": false}}]"#,
            },
            Example {
                name: "versioning unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "versioning": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketVersioning"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    let v = bucket.versioning.need("versioning")?;
    Ok(match (v.enabled, v.mfa_delete) {
        (true, true) => Outcome::pass("versioning is enabled, with MFA delete"),
        (true, false) => Outcome::pass("versioning is enabled"),
        (false, _) => Outcome::fail(
            "versioning is not enabled; overwritten or deleted objects cannot be recovered",
        ),
    })
}
