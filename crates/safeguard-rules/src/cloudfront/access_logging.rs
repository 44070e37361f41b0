//! CF-004: CloudFront distributions write access logs.

use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-004",
        name: "cloudfront-access-logging-enabled",
        title: "CloudFront distributions write access logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon CloudFront; Auditing, backups, and disaster recovery",
        rationale: "CloudFront answers many requests from its edge caches without the origin \
            ever seeing them, so the origin's own logs miss them. Standard access logs record \
            each viewer request (time, client address, path, status, TLS protocol and cipher, \
            edge location) and are the record of who retrieved content through the \
            distribution: the audit controls standard (164.312(b)) and information system \
            activity review (164.308(a)(1)(ii)(D)) need it for distributions that deliver PHI. \
            Paths and query strings can contain PHI, so deliver logs to an encrypted, \
            access-restricted S3 bucket or CloudWatch Logs group.",
        remediation: Remediation {
            console: "CloudFront console > distribution > Logging tab (or General > Settings > \
                Edit > Standard logging) > add a destination: an S3 bucket with ACLs enabled \
                for log delivery, or CloudWatch Logs > Save.",
            terraform: "resource \"aws_cloudfront_distribution\" \"portal\" {\n  # ...\n  logging_config {\n    bucket          = aws_s3_bucket.cdn_logs.bucket_domain_name\n    prefix          = \"portal/\"\n    include_cookies = false\n  }\n}",
            cloudformation: "PortalDistribution:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      # ...\n      Logging:\n        Bucket: !GetAtt CdnLogBucket.DomainName\n        Prefix: portal/\n        IncludeCookies: false",
        },
        examples: &[
            Example {
                name: "logging on",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7", "access_logging": true}]"#,
            },
            Example {
                name: "logging off",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7", "access_logging": false}]"#,
            },
        ],
    },
    check,
};

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    Ok(if *distribution.access_logging.need("access_logging")? {
        Outcome::pass("access logging is enabled")
    } else {
        Outcome::fail("access logging is disabled")
    })
}
