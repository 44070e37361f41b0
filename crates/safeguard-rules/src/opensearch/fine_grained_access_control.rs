//! OS-007: OpenSearch fine-grained access control is on.

use crate::prelude::*;

pub static RULE: RuleDef<OpenSearchDomain> = RuleDef {
    meta: RuleMeta {
        id: "OS-007",
        name: "opensearch-fine-grained-access-control-enabled",
        title: "OpenSearch Service domains have fine-grained access control enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.312(a)(2)(i)"],
        source: "Whitepaper: Amazon OpenSearch Service",
        rationale: "A domain access policy decides who reaches the endpoint, not which indices, \
            documents or fields they may read. Fine-grained access control adds per-user roles \
            at index, document and field level, so PHI can be limited to the workforce members \
            who need it (164.308(a)(4)(ii)(B), 164.312(a)(1)) and each request carries a unique \
            user identity (164.312(a)(2)(i)). It is also a prerequisite for the audit logs of \
            OS-006. The whitepaper's Amazon OpenSearch Service section covers domains holding PHI.",
        remediation: Remediation {
            console: "OpenSearch console > Domains > DOMAIN > Actions > Edit security configuration > \
                Enable fine-grained access control, set a master user (IAM ARN recommended).\n\
                aws opensearch update-domain-config --domain-name DOMAIN \
                --advanced-security-options 'Enabled=true,MasterUserOptions={MasterUserARN=ROLE_ARN}'",
            terraform: "resource \"aws_opensearch_domain\" \"phi\" {\n  # ...\n  advanced_security_options {\n    enabled                        = true\n    internal_user_database_enabled = false\n    master_user_options {\n      master_user_arn = aws_iam_role.search_admin.arn\n    }\n  }\n}",
            cloudformation: "PhiSearch:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    # ...\n    AdvancedSecurityOptions:\n      Enabled: true\n      InternalUserDatabaseEnabled: false\n      MasterUserOptions:\n        MasterUserARN: !GetAtt SearchAdminRole.Arn",
        },
        examples: &[
            Example {
                name: "enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/records", "fine_grained_access_control": true}]"#,
            },
            Example {
                name: "disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "opensearch_domain", "id": "arn:aws:es:us-east-1:111122223333:domain/logs", "fine_grained_access_control": false}]"#,
            },
        ],
    },
    check,
};

fn check(domain: &OpenSearchDomain, _cx: &Context) -> Check {
    Ok(
        if *domain
            .fine_grained_access_control
            .need("fine_grained_access_control")?
        {
            Outcome::pass("fine-grained access control is enabled")
        } else {
            Outcome::fail("fine-grained access control is disabled")
        },
    )
}
