//! S3-003: bucket policies deny requests that do not use TLS.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-003",
        name: "s3-bucket-denies-insecure-transport",
        title: "S3 bucket policies deny requests that do not use TLS",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3)",
        rationale: "The whitepaper's Amazon S3 section says connections to S3 containing PHI must \
            use endpoints that accept encrypted transport (HTTPS). S3 still answers plain HTTP, \
            so the only way to make sure no client, script or misconfigured tool ever moves PHI \
            in clear text is a bucket policy that denies every request where aws:SecureTransport \
            is false. That is the transmission security standard 164.312(e)(1) and its \
            encryption specification 164.312(e)(2)(ii).",
        remediation: Remediation {
            console: "S3 console > bucket > Permissions > Bucket policy > Edit, add the statement:\n\
                {\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\
                \"Resource\":[\"arn:aws:s3:::BUCKET\",\"arn:aws:s3:::BUCKET/*\"],\
                \"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}\n\
                (aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json replaces the \
                whole policy: merge with the existing statements first.)",
            terraform: "data \"aws_iam_policy_document\" \"phi\" {\n  statement {\n    sid     = \"DenyInsecureTransport\"\n    effect  = \"Deny\"\n    actions = [\"s3:*\"]\n    resources = [\n      aws_s3_bucket.phi.arn,\n      \"${aws_s3_bucket.phi.arn}/*\",\n    ]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}\n\nresource \"aws_s3_bucket_policy\" \"phi\" {\n  bucket = aws_s3_bucket.phi.id\n  policy = data.aws_iam_policy_document.phi.json\n}",
            cloudformation: "PhiBucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref PhiBucket\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: \"*\"\n          Action: \"s3:*\"\n          Resource:\n            - !GetAtt PhiBucket.Arn\n            - !Sub \"${PhiBucket.Arn}/*\"\n          Condition:\n            Bool:\n              aws:SecureTransport: \"false\"",
        },
        examples: &[
            Example {
                name: "deny on aws:SecureTransport false",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": {"Version": "2012-10-17", "Statement": [{
                    "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*",
                    "Resource": ["arn:aws:s3:::clinic-phi", "arn:aws:s3:::clinic-phi/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "no bucket policy",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": null}]"#,
            },
            Example {
                name: "policy denies plain http for uploads only",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": {"Statement": [{
                    "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::clinic-phi/*",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    Ok(match bucket.policy.need("policy")? {
        None => Outcome::fail("bucket has no policy, so plain-HTTP requests are not denied"),
        Some(doc) => {
            let uncovered: Vec<&str> = ["s3:GetObject", "s3:PutObject"]
                .into_iter()
                .filter(|a| !doc.denies_insecure_transport(a))
                .collect();
            if uncovered.is_empty() {
                Outcome::pass("policy denies requests with aws:SecureTransport false")
            } else {
                Outcome::fail(format!(
                    "policy does not deny plain-HTTP requests for {}",
                    uncovered.join(", ")
                ))
            }
        }
    })
}
