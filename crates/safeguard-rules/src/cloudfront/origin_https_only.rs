//! CF-002: CloudFront reaches custom origins over HTTPS only.

use super::viewer_https_only::requires_https;
use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-002",
        name: "cloudfront-custom-origin-https-only",
        title: "CloudFront connects to custom origins over HTTPS only",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon CloudFront (\"This includes traffic between CloudFront and the viewer, CloudFront re-distributing from a custom origin, and CloudFront distributing from an Amazon S3 origin\")",
        rationale: "HTTPS between the viewer and CloudFront is only half of the whitepaper's \
            end-to-end requirement: the fetch from CloudFront to a custom origin (a load \
            balancer, an EC2 host, an S3 website endpoint) usually crosses the public internet. \
            Origin protocol policy `http-only` sends every request and PHI response in clear \
            text (164.312(e)(1)). `match-viewer` follows the viewer's protocol; it passes here \
            only when every cache behaviour forces viewers onto HTTPS, and `https-only` is still \
            the safer setting. S3 REST-endpoint origins have no origin protocol policy (they \
            follow the viewer's protocol, which CF-001 covers) and are skipped; distributions \
            with only such origins are not applicable. S3 website endpoints cannot serve HTTPS \
            and always fail.",
        remediation: Remediation {
            console: "CloudFront console > distribution > Origins > select the custom origin > \
                Edit > Protocol: HTTPS only, Minimum origin SSL protocol: TLSv1.2 > Save. The \
                origin must present a certificate valid for its domain name.",
            terraform: "resource \"aws_cloudfront_distribution\" \"portal\" {\n  origin {\n    domain_name = aws_lb.app.dns_name\n    origin_id   = \"portal-alb\"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n  # ...\n}",
            cloudformation: "PortalDistribution:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      Origins:\n        - Id: portal-alb\n          DomainName: !GetAtt AppLoadBalancer.DNSName\n          CustomOriginConfig:\n            OriginProtocolPolicy: https-only\n            OriginSSLProtocols:\n              - TLSv1.2\n      # ...",
        },
        examples: &[
            Example {
                name: "https-only custom origin and an s3 origin",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com", "origin_protocol_policy": "https-only"},
                                {"id": "assets", "domain_name": "clinic-assets.s3.us-east-1.amazonaws.com", "origin_protocol_policy": null}]}]"#,
            },
            Example {
                name: "match-viewer with https-only viewers",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com", "origin_protocol_policy": "match-viewer"}],
                    "cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"}]}]"#,
            },
            Example {
                name: "http-only custom origin",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "legacy-web", "domain_name": "ehr-web.example.org", "origin_protocol_policy": "http-only"}]}]"#,
            },
            Example {
                name: "match-viewer while viewers may use http",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com", "origin_protocol_policy": "match-viewer"}],
                    "cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "allow-all"}]}]"#,
            },
            Example {
                name: "only s3 origins",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E9Z8Y7X6W5V4U3",
                    "origins": [{"id": "assets", "domain_name": "clinic-assets.s3.us-east-1.amazonaws.com"}]}]"#,
            },
            Example {
                name: "match-viewer, behaviours unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "origins": [{"id": "portal-alb", "domain_name": "portal-123.us-east-1.elb.amazonaws.com", "origin_protocol_policy": "match-viewer"}]}]"#,
            },
        ],
    },
    check,
};

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    let origins = distribution.origins.need("origins")?;
    let custom: Vec<(&Origin, &str)> = origins
        .iter()
        .filter_map(|o| o.origin_protocol_policy.as_deref().map(|p| (o, p)))
        .collect();
    if custom.is_empty() {
        return Ok(Outcome::not_applicable(
            "distribution has no custom origins",
        ));
    }
    let mut plain = Vec::new();
    for (origin, policy) in &custom {
        if policy.eq_ignore_ascii_case("https-only") {
            continue;
        }
        if policy.eq_ignore_ascii_case("match-viewer") {
            let behaviors = distribution.cache_behaviors.need("cache_behaviors")?;
            if !behaviors.is_empty()
                && behaviors
                    .iter()
                    .all(|b| requires_https(&b.viewer_protocol_policy))
            {
                continue;
            }
            plain.push(format!(
                "{} (match-viewer, and some viewers may use HTTP)",
                origin.id
            ));
        } else {
            plain.push(format!("{} ({policy})", origin.id));
        }
    }
    Ok(if plain.is_empty() {
        Outcome::pass(format!(
            "all {} custom origin(s) are reached over HTTPS",
            custom.len()
        ))
    } else {
        Outcome::fail(format!(
            "origin(s) reachable over plain HTTP: {}",
            plain.join(", ")
        ))
    })
}
