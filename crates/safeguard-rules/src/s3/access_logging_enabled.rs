//! S3-007: buckets have server access logging enabled.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-007",
        name: "s3-bucket-access-logging-enabled",
        title: "S3 buckets have server access logging enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Auditing, backups, and disaster recovery; Amazon Simple Storage Service (Amazon S3)",
        rationale: "The whitepaper's auditing section says customers should be able to see who had \
            access, from which IP address and what data was accessed. S3 server access logs \
            record every request to the bucket (requester, source IP, key, result), including \
            anonymous and denied requests that CloudTrail data events may not show. They are \
            the activity records 164.312(b) asks for and 164.308(a)(1)(ii)(D) reviews. Deliver \
            them to a separate log bucket, not to the bucket itself.",
        remediation: Remediation {
            console: "S3 console > bucket > Properties > Server access logging > Edit > Enable, \
                destination s3://LOG_BUCKET/s3/BUCKET/.\n\
                aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \
                '{\"LoggingEnabled\":{\"TargetBucket\":\"LOG_BUCKET\",\"TargetPrefix\":\"s3/BUCKET/\"}}'",
            terraform: "resource \"aws_s3_bucket_logging\" \"phi\" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = \"s3/phi/\"\n}",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: !Ref AccessLogBucket\n      LogFilePrefix: s3/phi/",
        },
        examples: &[
            Example {
                name: "logs to a log bucket",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "logging": {"target_bucket": "clinic-access-logs", "target_prefix": "s3/clinic-phi/"}}]"#,
            },
            Example {
                name: "logging off",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "logging": null}]"#,
            },
            Example {
                name: "logging configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "logging": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketLogging"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    Ok(match bucket.logging.need("logging")? {
        Some(l) => Outcome::pass(format!(
            "access logs go to s3://{}/{}",
            l.target_bucket, l.target_prefix
        )),
        None => Outcome::fail("server access logging is off"),
    })
}
