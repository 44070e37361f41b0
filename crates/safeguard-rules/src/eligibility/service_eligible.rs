//! ELIG-001: every resource belongs to a HIPAA-eligible service.

use super::basis;
use crate::catalog::eligible::{eligible, Caveat, Eligibility, Service};
use crate::prelude::*;

pub static RULE: RuleDef<Resource> = RuleDef {
    meta: RuleMeta {
        id: "ELIG-001",
        name: "resource-in-hipaa-eligible-service",
        title: "Resources belong to HIPAA-eligible services",
        severity: Severity::High,
        hipaa: &["164.308(b)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Introduction (\"they may only process, store and transmit PHI using the HIPAA-eligible services defined in the AWS BAA\"); Using AWS KMS for Encryption of PHI; Playbook: Step 3: HIPAA-Eligible Services (\"Only store/process PHI using HIPAA-eligible services\")",
        rationale: "A BAA covers only the services it names. The whitepaper's introduction says \
            customers may use any service in a HIPAA account but may process, store and \
            transmit PHI only in the HIPAA-eligible services, and the playbook lists services to \
            avoid (Lightsail, parts of Amplify and WorkMail). A PHI workload on a service \
            outside the BAA has no business associate assurances (164.308(b)(1)). The rule \
            judges each resource by its type against data/eligible-services.toml: eligible \
            services pass (their caveats are named and checked by the rules the message \
            lists), listed non-eligible services fail, account-wide configuration such as IAM \
            is not applicable, and a type neither catalog knows is unknown, never a pass.",
        remediation: Remediation {
            console: "Move the workload to an eligible service (Lightsail -> EC2/RDS/S3, Amplify \
                Hosting -> S3 + CloudFront), or keep PHI out of it and record that with a waiver \
                or by scoping the resource out (tag phi=false). The current list: \
                https://aws.amazon.com/compliance/hipaa-eligible-services-reference/",
            terraform: "# Replace the non-eligible resource, e.g. aws_lightsail_instance, with\nresource \"aws_instance\" \"portal\" {\n  # ... encrypted root volume, IMDSv2, private subnet\n}",
            cloudformation: "# Replace AWS::Lightsail::Instance with AWS::EC2::Instance (or a\n# managed eligible service) and keep PHI out of non-eligible services.",
        },
        examples: &[
            Example {
                name: "s3 bucket",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi"}]"#,
            },
            Example {
                name: "sagemaker resource from a template",
                expect: Status::Pass,
                resources: r#"[{"type": "other", "id": "model.tf:aws_sagemaker_model.triage", "resource_type": "aws_sagemaker_model"}]"#,
            },
            Example {
                name: "lightsail instance",
                expect: Status::Fail,
                resources: r#"[{"type": "other", "id": "arn:aws:lightsail:us-east-1:111122223333:Instance/wp", "resource_type": "AWS::Lightsail::Instance"}]"#,
            },
            Example {
                name: "amplify app in terraform",
                expect: Status::Fail,
                resources: r#"[{"type": "other", "id": "main.tf:aws_amplify_app.portal", "resource_type": "aws_amplify_app"}]"#,
            },
            Example {
                name: "pinpoint voice channel",
                expect: Status::Fail,
                resources: r#"[{"type": "other", "id": "stack.yaml:VoiceChannel", "resource_type": "AWS::Pinpoint::VoiceChannel"}]"#,
            },
            Example {
                name: "iam role",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/app"}]"#,
            },
            Example {
                name: "type no catalog knows",
                expect: Status::Unknown,
                resources: r#"[{"type": "other", "id": "main.tf:aws_made_up_widget.x", "resource_type": "aws_made_up_widget"}]"#,
            },
        ],
    },
    check,
};

/// The rules that check a service's conditions, for the pass message.
fn condition_rules(service: &Service) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |s: &str| {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    for c in &service.caveats {
        match c {
            Caveat::ExcludedFeature {
                in_force: true,
                model_field: Some(f),
                ..
            } if f.starts_with("apigateway_stage.cache") => add("API caching off (APIGW-002)"),
            Caveat::NodeGeneration { .. } => add("current-generation nodes (ECACHE-007)"),
            Caveat::NoPhiIn { .. } => add("no PHI in names, tags and metadata (PHI-001, PHI-002)"),
            _ => {}
        }
    }
    match service.key.as_str() {
        "elasticache" => add("eligible Redis engine version (ECACHE-004)"),
        "opensearch" => add("OpenSearch, or Elasticsearch 6.0 and later (OS-004)"),
        "rds" => add("an engine and version the whitepaper covers (ELIG-002, ELIG-003, RDS-020)"),
        _ => {}
    }
    out
}

/// Conditions in force that no rule can see (an edition, a feature without a resource type).
fn attested_conditions(service: &Service) -> Vec<String> {
    service
        .caveats
        .iter()
        .filter(|c| c.in_force())
        .filter_map(|c| match c {
            Caveat::ExcludedFeature {
                feature,
                model_field: None,
                cloudformation: None,
                ..
            } => Some(format!("no PHI in {feature}")),
            Caveat::Edition { edition, .. } => Some(format!("{edition} edition only")),
            _ => None,
        })
        .collect()
}

fn check(resource: &Resource, _cx: &Context) -> Check {
    let type_name = match resource {
        Resource::Other(o) => o.resource_type.trim().to_string(),
        r => r.kind().as_str().to_string(),
    };
    Ok(match eligible().for_resource(resource) {
        Eligibility::Eligible(s) => {
            let mut m = format!("{type_name}: {} is HIPAA-eligible", s.name);
            if let Some(src) = s.primary_source() {
                m.push_str(&format!(" (per {})", basis(src)));
            }
            let checked = condition_rules(s);
            if !checked.is_empty() {
                m.push_str(&format!(
                    "; conditions checked by other rules: {}",
                    checked.join("; ")
                ));
            }
            let attested = attested_conditions(s);
            if !attested.is_empty() {
                m.push_str(&format!("; conditions to attest: {}", attested.join("; ")));
            }
            Outcome::pass(m)
        }
        Eligibility::NotEligible(s) => {
            let why = s
                .primary_source()
                .map(|src| format!("listed as not eligible for PHI by {}", basis(src)))
                .unwrap_or_else(|| "not in the AWS BAA".to_string());
            let mut m = format!("{type_name}: {} is {why}", s.name);
            if !s.note.is_empty() {
                m.push_str(&format!(". {}", s.note));
            }
            m.push_str(". Keep PHI out of it, or move the workload to an eligible service");
            Outcome::fail(m)
        }
        Eligibility::AccountFeature(s) => Outcome::not_applicable(format!(
            "{type_name}: {} is account-wide configuration that holds no PHI",
            s.name
        )),
        Eligibility::Unknown => Outcome::unknown(
            UnknownReason::Unrecognized,
            if type_name.is_empty() {
                "the resource has no type name, so its eligibility cannot be judged".to_string()
            } else {
                format!(
                    "{type_name} is a type neither the eligible-services catalog nor its non-eligible list knows; check it against https://aws.amazon.com/compliance/hipaa-eligible-services-reference/"
                )
            },
        ),
    })
}
