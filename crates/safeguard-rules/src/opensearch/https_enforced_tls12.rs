//! OS-003: OpenSearch domains accept only HTTPS with TLS 1.2 or later.

use crate::prelude::*;
use safeguard_model::UnknownReason;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-003",
        name: "opensearch-https-enforced-tls12",
        title: "OpenSearch Service domains require HTTPS with a TLS 1.2 minimum policy",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section says any PHI that enters \
            a domain should be sent over HTTPS; data arriving over HTTP is only encrypted after \
            it reaches the cluster. Enforcing HTTPS on the endpoint makes plain HTTP impossible, \
            and a Policy-Min-TLS-1-2 security policy refuses TLS 1.0 and 1.1, which current \
            guidance (NIST SP 800-52r2, referenced by the HHS Guidance) no longer accepts. \
            Together they give 164.312(e)(1) and 164.312(e)(2)(ii) their meaning for the \
            domain's REST API.",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Actions > Edit security configuration > \
                Require HTTPS for all traffic; TLS security policy: Policy-Min-TLS-1-2-PFS-2023-10.\n\
                aws opensearch update-domain-config --domain-name DOMAIN \
                --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    DomainEndpointOptions:\n      EnforceHTTPS: true\n      TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10",
        },
        examples: &[
            Example {
                name: "https with tls 1.2",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records",
                    "enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]"#,
            },
            Example {
                name: "https with tls 1.0 allowed",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/legacy",
                    "enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]"#,
            },
            Example {
                name: "http allowed",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs",
                    "enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]"#,
            },
            Example {
                name: "policy not declared in code",
                expect: Status::Unknown,
                resources: r#"[{"type": "opensearch_domain", "id": "aws_opensearch_domain.search",
                    "enforce_https": true, "tls_security_policy": null}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    if !*domain.enforce_https.need("enforce_https")? {
        return Ok(Outcome::fail(
            "HTTPS is not enforced; the endpoint accepts plain HTTP",
        ));
    }
    Ok(match domain.tls_security_policy.need("tls_security_policy")? {
        Some(p) if p.contains("TLS-1-2") || p.contains("TLS-1-3") => Outcome::pass(format!("HTTPS enforced with {p}")),
        Some(p) => Outcome::fail(format!("HTTPS enforced but {p} still accepts TLS versions below 1.2")),
        None => Outcome::unknown(
            UnknownReason::NotCollected,
            "no TLS security policy is recorded, so the minimum TLS version is whatever AWS defaults to",
        ),
    })
}
