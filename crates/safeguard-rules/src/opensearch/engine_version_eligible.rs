//! OS-004: the engine version is one the whitepaper accepts for PHI.

use crate::prelude::*;
use safeguard_model::UnknownReason;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-004",
        name: "opensearch-engine-version-eligible",
        title: "OpenSearch Service domains run OpenSearch or Elasticsearch 6.0 and later",
        severity: Severity::Medium,
        hipaa: &["164.308(b)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "The whitepaper's Amazon OpenSearch Service section says customers using the \
            service with PHI should use OpenSearch or Elasticsearch 6.0 or later. Older \
            Elasticsearch versions lack node-to-node encryption (and, before 5.1, KMS \
            encryption at rest), so PHI on them cannot be protected as the section asks and \
            falls outside the conditions of the BAA for the service (164.308(b)(1)).",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Actions > Upgrade > a current \
                OpenSearch version.\naws opensearch upgrade-domain --domain-name DOMAIN \
                --target-version OpenSearch_2.19",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  engine_version = \"OpenSearch_2.19\"\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    EngineVersion: OpenSearch_2.19",
        },
        examples: &[
            Example {
                name: "opensearch",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "engine_version": "OpenSearch_2.11"}]"#,
            },
            Example {
                name: "elasticsearch 7.10",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/es7", "engine_version": "Elasticsearch_7.10"}]"#,
            },
            Example {
                name: "elasticsearch 5.6",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/legacy", "engine_version": "Elasticsearch_5.6"}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    let version = domain.engine_version.need("engine_version")?;
    let (engine, number) = version
        .split_once('_')
        .unwrap_or(("Elasticsearch", version.as_str()));
    let major: Option<u32> = number.split('.').next().and_then(|m| m.parse().ok());
    Ok(match (engine.to_ascii_lowercase().as_str(), major) {
        ("opensearch", _) => Outcome::pass(format!("{version} (OpenSearch)")),
        ("elasticsearch", Some(m)) if m >= 6 => Outcome::pass(format!("{version} is 6.0 or later")),
        ("elasticsearch", Some(_)) => {
            Outcome::fail(format!("{version} is older than Elasticsearch 6.0"))
        }
        _ => Outcome::unknown(
            UnknownReason::ParseError,
            format!("engine version {version:?} could not be parsed"),
        ),
    })
}
