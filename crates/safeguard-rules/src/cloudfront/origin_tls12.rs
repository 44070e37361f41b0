//! CF-006: CloudFront negotiates only TLS 1.2 with custom origins.

use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-006",
        name: "cloudfront-origin-tls12-only",
        title: "CloudFront allows only TLSv1.2 when connecting to custom origins",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon CloudFront (\"configure CloudFront to use HTTPS end-to-end from the origin to the viewer\")",
        rationale: "A custom origin's minimum origin SSL protocol lists the protocol versions \
            CloudFront may use for HTTPS to that origin (SSLv3, TLSv1, TLSv1.1, TLSv1.2). If an \
            origin's TLS configuration is downgraded or misconfigured, CloudFront falls back to \
            any version still allowed here, and SSLv3, TLS 1.0 and TLS 1.1 do not meet the NIST \
            SP 800-52 baseline behind the HHS Guidance for data in motion (164.312(e)(1)). The \
            rule fails a custom origin that allows anything but TLSv1.2. S3 REST-endpoint origins \
            have no such setting and are skipped; distributions without custom origins are not \
            applicable.",
        remediation: Remediation {
            console: "CloudFront console > distribution > Origins > select the custom origin > \
                Edit > Minimum origin SSL protocol: TLSv1.2 > Save.",
            terraform: "custom_origin_config {\n  http_port              = 80\n  https_port             = 443\n  origin_protocol_policy = \"https-only\"\n  origin_ssl_protocols   = [\"TLSv1.2\"]\n}",
            cloudformation: "CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols:\n    - TLSv1.2",
        },
        examples: &[
            Example {
                name: "tls 1.2 only",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com",
                                 "origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]},
                                {"id": "assets", "domain_name": "clinic-assets.s3.us-east-1.amazonaws.com"}]}]"#,
            },
            Example {
                name: "tls 1.0 still allowed",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com",
                                 "origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2"]}]}]"#,
            },
            Example {
                name: "only s3 origins",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E9Z8Y7X6W5V4U3",
                    "origins": [{"id": "assets", "domain_name": "clinic-assets.s3.us-east-1.amazonaws.com"}]}]"#,
            },
            Example {
                name: "origin protocols not collected",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com", "origin_protocol_policy": "https-only"}]}]"#,
            },
        ],
    },
    check,
};

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    let origins = distribution.origins.need("origins")?;
    let custom: Vec<&Origin> = origins
        .iter()
        .filter(|o| o.origin_protocol_policy.is_some())
        .collect();
    if custom.is_empty() {
        return Ok(Outcome::not_applicable(
            "distribution has no custom origins",
        ));
    }
    let mut weak = Vec::new();
    for origin in &custom {
        let protocols = origin
            .origin_ssl_protocols
            .need("origins[].origin_ssl_protocols")?;
        let old: Vec<&str> = protocols
            .iter()
            .map(String::as_str)
            .filter(|p| !p.eq_ignore_ascii_case("TLSv1.2") && !p.eq_ignore_ascii_case("TLSv1.3"))
            .collect();
        if !old.is_empty() {
            weak.push(format!("{} allows {}", origin.id, old.join(", ")));
        }
    }
    Ok(if weak.is_empty() {
        Outcome::pass(format!(
            "all {} custom origin(s) allow only TLSv1.2",
            custom.len()
        ))
    } else {
        Outcome::fail(weak.join("; "))
    })
}
