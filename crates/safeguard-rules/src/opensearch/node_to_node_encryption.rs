//! OS-002: OpenSearch domains encrypt traffic between nodes.

use crate::prelude::*;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-002",
        name: "opensearch-node-to-node-encryption-enabled",
        title: "OpenSearch Service domains have node-to-node encryption enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section says customers should \
            enable node-to-node encryption (available in all OpenSearch versions and in \
            Elasticsearch 6.0 or later): it keeps PHI encrypted with TLS while OpenSearch \
            distributes and redistributes it across the cluster, after it arrived over HTTPS. \
            Without it PHI travels between nodes unencrypted inside the VPC, short of \
            164.312(e)(2)(ii). The traffic stays on the AWS network, hence medium severity.",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Security configuration > Edit > \
                Encryption > Node-to-node encryption.\naws opensearch update-domain-config \
                --domain-name DOMAIN --node-to-node-encryption-options Enabled=true",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  node_to_node_encryption {\n    enabled = true\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    NodeToNodeEncryptionOptions:\n      Enabled: true",
        },
        examples: &[
            Example {
                name: "enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "node_to_node_encryption": true}]"#,
            },
            Example {
                name: "disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs", "node_to_node_encryption": false}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    Ok(
        if *domain
            .node_to_node_encryption
            .need("node_to_node_encryption")?
        {
            Outcome::pass("node-to-node encryption is enabled")
        } else {
            Outcome::fail("node-to-node encryption is disabled")
        },
    )
}
