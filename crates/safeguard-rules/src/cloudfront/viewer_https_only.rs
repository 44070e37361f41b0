//! CF-001: every CloudFront cache behaviour requires HTTPS from viewers.

use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-001",
        name: "cloudfront-viewer-https-required",
        title: "CloudFront cache behaviours require HTTPS from viewers (https-only or redirect-to-https)",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)", "164.312(e)(2)(i)"],
        source: "Whitepaper: Amazon CloudFront (\"customers must configure CloudFront to use HTTPS end-to-end from the origin to the viewer\")",
        rationale: "The whitepaper requires HTTPS end to end for PHI delivered through \
            CloudFront, starting with the connection between CloudFront and the viewer. A cache \
            behaviour with viewer protocol policy `allow-all` serves content, and accepts \
            requests, over plain HTTP, so PHI in responses, cookies or query strings crosses \
            the internet unencrypted (164.312(e)(1)). Every behaviour counts, the default one \
            and each path pattern: one `allow-all` behaviour is enough to expose the paths it \
            matches. `redirect-to-https` passes because the only thing sent over HTTP is the \
            redirect.",
        remediation: Remediation {
            console: "CloudFront console > distribution > Behaviors > select each behaviour > \
                Edit > Viewer protocol policy: Redirect HTTP to HTTPS (or HTTPS only) > Save.\n\
                aws cloudfront get-distribution-config --id DIST_ID > dist.json; set \
                ViewerProtocolPolicy to redirect-to-https in DefaultCacheBehavior and every \
                CacheBehaviors item; aws cloudfront update-distribution --id DIST_ID \
                --if-match ETAG --distribution-config file://config.json",
            terraform: "resource \"aws_cloudfront_distribution\" \"portal\" {\n  # ...\n  default_cache_behavior {\n    # ...\n    viewer_protocol_policy = \"redirect-to-https\"\n  }\n\n  ordered_cache_behavior {\n    path_pattern           = \"/api/*\"\n    # ...\n    viewer_protocol_policy = \"https-only\"\n  }\n}",
            cloudformation: "PortalDistribution:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      # ...\n      DefaultCacheBehavior:\n        # ...\n        ViewerProtocolPolicy: redirect-to-https\n      CacheBehaviors:\n        - PathPattern: /api/*\n          # ...\n          ViewerProtocolPolicy: https-only",
        },
        examples: &[
            Example {
                name: "redirect and https-only",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"},
                                        {"path_pattern": "/api/*", "viewer_protocol_policy": "https-only"}]}]"#,
            },
            Example {
                name: "one behaviour allows http",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"},
                                        {"path_pattern": "/reports/*", "viewer_protocol_policy": "allow-all"}]}]"#,
            },
            Example {
                name: "configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "cache_behaviors": {"$unknown": {"reason": "access_denied", "detail": "cloudfront:GetDistributionConfig"}}}]"#,
            },
        ],
    },
    check,
};

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    let behaviors = distribution.cache_behaviors.need("cache_behaviors")?;
    if behaviors.is_empty() {
        return Ok(Outcome::unknown(
            UnknownReason::NotCollected,
            "no cache behaviour recorded, not even the default",
        ));
    }
    let open: Vec<String> = behaviors
        .iter()
        .filter(|b| !requires_https(&b.viewer_protocol_policy))
        .map(|b| format!("{} ({})", b.path_pattern, b.viewer_protocol_policy))
        .collect();
    Ok(if open.is_empty() {
        Outcome::pass(format!(
            "all {} cache behaviour(s) require HTTPS",
            behaviors.len()
        ))
    } else {
        Outcome::fail(format!(
            "behaviour(s) accepting plain HTTP: {}",
            open.join(", ")
        ))
    })
}

/// True for the viewer protocol policies that keep viewers on HTTPS.
pub(super) fn requires_https(policy: &str) -> bool {
    policy.eq_ignore_ascii_case("https-only") || policy.eq_ignore_ascii_case("redirect-to-https")
}
