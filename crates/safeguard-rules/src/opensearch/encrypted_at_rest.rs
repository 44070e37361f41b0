//! OS-001: OpenSearch domains are encrypted at rest.

use crate::prelude::*;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-001",
        name: "opensearch-domain-encrypted-at-rest",
        title: "OpenSearch Service domains are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section says customers should \
            ensure PHI is encrypted at rest in their domains, using AWS KMS key encryption \
            (available for OpenSearch and Elasticsearch 5.1 or later). Encryption at rest \
            covers indices, swap files, automated snapshots and logs on the data nodes; without \
            it the indexed PHI does not meet 164.312(a)(2)(iv).",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Security configuration > Edit > \
                Encryption > Enable encryption of data at rest.\naws opensearch \
                update-domain-config --domain-name DOMAIN \
                --encryption-at-rest-options Enabled=true,KmsKeyId=KEY_ARN",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = aws_kms_key.phi.arn\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    EncryptionAtRestOptions:\n      Enabled: true\n      KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "encryption_at_rest": true}]"#,
            },
            Example {
                name: "not encrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs", "encryption_at_rest": false}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    Ok(if *domain.encryption_at_rest.need("encryption_at_rest")? {
        Outcome::pass("encrypted at rest")
    } else {
        Outcome::fail("encryption at rest is disabled")
    })
}
