//! CF-005: CloudFront distributions are protected by a WAF web ACL.

use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-005",
        name: "cloudfront-waf-attached",
        title: "CloudFront distributions are associated with a WAF web ACL",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.312(a)(1)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: AWS WAF – Web Application Firewall; Amazon CloudFront",
        rationale: "The whitepaper describes placing AWS WAF between applications that operate \
            with or exchange PHI and their end users. A distribution is the public edge of the \
            application; a global web ACL with the AWS managed rule groups, IP reputation lists \
            and rate limits stops injection attempts, scanners and credential stuffing at the \
            edge, before they reach the origin that reads PHI. That is a risk management measure \
            (164.308(a)(1)(ii)(B)) supporting access control (164.312(a)(1)) and protection \
            from malicious software (164.308(a)(5)(ii)(B)). Distributions that serve only \
            public static assets gain little; scope them out.",
        remediation: Remediation {
            console: "WAF & Shield console > Web ACLs > Create web ACL (Global, CloudFront) with \
                AWSManagedRulesCommonRuleSet, AWSManagedRulesAmazonIpReputationList and a \
                rate-based rule > Associated AWS resources > Add the distribution (or CloudFront \
                console > distribution > Security > Edit).\n\
                aws cloudfront update-distribution --id DIST_ID --if-match ETAG \
                --distribution-config file://config.json  (with \"WebACLId\": \"WEB_ACL_ARN\")",
            terraform: "resource \"aws_cloudfront_distribution\" \"portal\" {\n  # ...\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n}",
            cloudformation: "PortalDistribution:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      # ...\n      WebACLId: !GetAtt EdgeWebAcl.Arn",
        },
        examples: &[
            Example {
                name: "web acl",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "web_acl": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/e5f6"}]"#,
            },
            Example {
                name: "no web acl",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7", "web_acl": null}]"#,
            },
        ],
    },
    check,
};

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    Ok(match distribution.web_acl.need("web_acl")? {
        Some(acl) => Outcome::pass(format!("protected by web ACL {acl}")),
        None => Outcome::fail("distribution has no WAF web ACL"),
    })
}
