//! OS-008: a public-endpoint domain is not open to everyone.

use crate::prelude::*;

/// Data-plane actions; a statement granting any of them to `*` opens the indices.
const DATA_ACTIONS: &[&str] = &[
    "es:ESHttpGet",
    "es:ESHttpPost",
    "es:ESHttpPut",
    "es:ESHttpDelete",
    "es:ESHttpHead",
];

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-008",
        name: "opensearch-public-domain-access-policy-restricted",
        title: "OpenSearch Service domains with a public endpoint do not grant access to everyone",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.312(d)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "A domain outside a VPC is reachable from the internet, and its resource-based \
            access policy is then the outer gate. A statement that allows es:ESHttp* to \
            Principal \"*\" with no condition on source IP, VPC endpoint or account lets anyone \
            who finds the endpoint query the PHI index without signing requests (unless \
            fine-grained access control with an internal user database stops them). That \
            defeats 164.312(a)(1) access control and 164.312(d) authentication. Domains in a \
            VPC are reachable only through their security groups and are not judged here \
            (OS-005 covers network placement). The whitepaper's Amazon OpenSearch Service \
            section covers domains holding PHI.",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Security configuration > Edit > \
                Access policy: grant specific IAM roles instead of \"*\", or add an aws:SourceIp \
                condition.\naws opensearch update-domain-config --domain-name DOMAIN \
                --access-policies file://policy.json",
            terraform: "resource \"aws_opensearch_domain_policy\" \"phi\" {\n  domain_name = aws_opensearch_domain.phi.domain_name\n  access_policies = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = { AWS = aws_iam_role.search_client.arn }\n      Action    = \"es:ESHttp*\"\n      Resource  = \"${aws_opensearch_domain.phi.arn}/*\"\n    }]\n  })\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    AccessPolicies:\n      Version: \"2012-10-17\"\n      Statement:\n        - Effect: Allow\n          Principal:\n            AWS: !GetAtt SearchClientRole.Arn\n          Action: es:ESHttp*\n          Resource: !Sub arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/phi/*",
        },
        examples: &[
            Example {
                name: "public domain, policy names a role",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "in_vpc": false,
                    "access_policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
                        "Action": "es:ESHttp*", "Resource": "arn:aws:es:us-east-1:111122223333:domain/records/*"}]}}]"#,
            },
            Example {
                name: "public domain, open to everyone",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs", "in_vpc": false,
                    "access_policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                        "Action": "es:*", "Resource": "arn:aws:es:us-east-1:111122223333:domain/logs/*"}]}}]"#,
            },
            Example {
                name: "vpc domain",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/internal", "in_vpc": true,
                    "access_policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                        "Action": "es:*", "Resource": "arn:aws:es:us-east-1:111122223333:domain/internal/*"}]}}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    if *domain.in_vpc.need("in_vpc")? {
        return Ok(Outcome::not_applicable(
            "domain is in a VPC; its security groups control who reaches it",
        ));
    }
    Ok(match domain.access_policy.need("access_policy")? {
        None => Outcome::pass(
            "no resource-based access policy; only IAM identity policies grant access",
        ),
        Some(p) => match DATA_ACTIONS.iter().find(|a| p.allows_public(a)) {
            Some(a) => Outcome::fail(format!(
                "access policy allows {a} to anyone on a public endpoint"
            )),
            None => Outcome::pass("access policy does not grant data access to everyone"),
        },
    })
}
