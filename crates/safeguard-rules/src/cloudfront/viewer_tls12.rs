//! CF-003: CloudFront requires TLS 1.2 or later from viewers.

use crate::prelude::*;

pub static RULE: RuleDef<CloudFrontDistribution> = RuleDef {
    meta: RuleMeta {
        id: "CF-003",
        name: "cloudfront-viewer-minimum-tls12",
        title: "CloudFront distributions use a viewer security policy of TLSv1.2_2019 or later",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)", "164.312(e)(2)(i)"],
        source: "Whitepaper: Amazon CloudFront; AWS Certificate Manager",
        rationale: "HTTPS to viewers only protects PHI as well as the protocol versions and \
            ciphers CloudFront will negotiate. The HHS Guidance points to NIST SP 800-52, which \
            requires TLS 1.2 or later. A distribution using the default *.cloudfront.net \
            certificate always allows TLSv1 and fails; so do the security policies SSLv3, TLSv1, \
            TLSv1_2016 and TLSv1.1_2016. TLSv1.2_2018 requires TLS 1.2 but keeps older cipher \
            suites that later policies dropped, so the rule asks for TLSv1.2_2019 or later \
            (TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025). A custom certificate \
            (from ACM, in us-east-1) is needed to choose the policy.",
        remediation: Remediation {
            console: "Request or import a certificate in ACM (us-east-1) > CloudFront console > \
                distribution > General > Settings > Edit > Custom SSL certificate: choose it, \
                Security policy: TLSv1.2_2021 (recommended) > Save.",
            terraform: "resource \"aws_cloudfront_distribution\" \"portal\" {\n  # ...\n  aliases = [\"portal.example.org\"]\n\n  viewer_certificate {\n    acm_certificate_arn      = aws_acm_certificate.portal_us_east_1.arn\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}",
            cloudformation: "PortalDistribution:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      # ...\n      Aliases:\n        - portal.example.org\n      ViewerCertificate:\n        AcmCertificateArn: !Ref PortalCertificateUsEast1\n        SslSupportMethod: sni-only\n        MinimumProtocolVersion: TLSv1.2_2021",
        },
        examples: &[
            Example {
                name: "tlsv1.2_2021",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "minimum_protocol_version": "TLSv1.2_2021"}]"#,
            },
            Example {
                name: "default cloudfront certificate",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "minimum_protocol_version": null}]"#,
            },
            Example {
                name: "tlsv1.1_2016",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "minimum_protocol_version": "TLSv1.1_2016"}]"#,
            },
            Example {
                name: "tlsv1.2_2018",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudfront_distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7",
                    "minimum_protocol_version": "TLSv1.2_2018"}]"#,
            },
            Example {
                name: "viewer certificate unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudfront_distribution", "id": "aws_cloudfront_distribution.portal",
                    "minimum_protocol_version": {"$unknown": {"reason": "unresolved", "detail": "var.tls_policy"}}}]"#,
            },
        ],
    },
    check,
};

/// Verdict on a CloudFront viewer security policy name: `Some(true)` for TLSv1.2_2019 or
/// later, `Some(false)` for older policies, `None` for names this rule does not know.
fn acceptable(policy: &str) -> Option<bool> {
    let (version, year) = policy.split_once('_').unwrap_or((policy, ""));
    let year: Option<u32> = year.parse().ok();
    match version.to_ascii_lowercase().as_str() {
        "sslv3" | "tlsv1" | "tlsv1.1" => Some(false),
        "tlsv1.2" => year.map(|y| y >= 2019),
        "tlsv1.3" => Some(true),
        _ => None,
    }
}

fn check(distribution: &CloudFrontDistribution, _cx: &Context) -> Check {
    let Some(policy) = distribution
        .minimum_protocol_version
        .need("minimum_protocol_version")?
    else {
        return Ok(Outcome::fail(
            "uses the default CloudFront certificate, which allows TLSv1; attach a custom certificate with TLSv1.2_2021",
        ));
    };
    Ok(match acceptable(policy) {
        Some(true) => Outcome::pass(format!("viewer security policy {policy}")),
        Some(false) => Outcome::fail(format!(
            "viewer security policy {policy} is older than TLSv1.2_2019"
        )),
        None => Outcome::unknown(
            UnknownReason::NotCollected,
            format!("unrecognised viewer security policy {policy}"),
        ),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn policies() {
        for (name, want) in [
            ("SSLv3", Some(false)),
            ("TLSv1", Some(false)),
            ("TLSv1_2016", Some(false)),
            ("TLSv1.1_2016", Some(false)),
            ("TLSv1.2_2018", Some(false)),
            ("TLSv1.2_2019", Some(true)),
            ("TLSv1.2_2021", Some(true)),
            ("TLSv1.2_2025", Some(true)),
            ("TLSv1.3_2025", Some(true)),
            ("TLSv9", None),
        ] {
            assert_eq!(super::acceptable(name), want, "{name}");
        }
    }
}
