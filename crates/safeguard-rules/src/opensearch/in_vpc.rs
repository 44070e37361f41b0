//! OS-005: OpenSearch domains are deployed in a VPC.

use crate::prelude::*;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-005",
        name: "opensearch-domain-in-vpc",
        title: "OpenSearch Service domains are deployed inside a VPC",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)", "164.308(a)(4)(ii)(C)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section describes running the \
            domain in a dedicated Amazon VPC. A domain with VPC access has no internet-facing \
            endpoint: only clients inside the VPC and allowed by its security groups reach it. \
            A public-endpoint domain relies solely on its access policy (and fine-grained \
            access control), so one over-broad policy statement exposes the PHI index to the \
            internet. Network isolation supports 164.312(a)(1) access control and \
            164.312(e)(1) transmission security. VPC access can only be chosen at creation.",
        remediation: Remediation {
            console: "Network access cannot be changed after creation: create a new domain with \
                VPC access (OpenSearch console > Create domain > Network > VPC access), restore a \
                snapshot into it, and retire the public domain.\naws opensearch create-domain \
                --domain-name DOMAIN --vpc-options SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1 ...",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  vpc_options {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.search.id]\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    VPCOptions:\n      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n      SecurityGroupIds: [!Ref SearchSecurityGroup]",
        },
        examples: &[
            Example {
                name: "vpc domain",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "in_vpc": true}]"#,
            },
            Example {
                name: "public endpoint",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs", "in_vpc": false}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    Ok(if *domain.in_vpc.need("in_vpc")? {
        Outcome::pass("domain is deployed in a VPC")
    } else {
        Outcome::fail("domain has a public endpoint")
    })
}
