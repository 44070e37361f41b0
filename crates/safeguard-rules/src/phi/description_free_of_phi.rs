//! PHI-002: descriptions hold no PHI.

use super::{scan_all, verdict};
use crate::prelude::*;

pub static RULE: RuleDef<Resource> = RuleDef {
    meta: RuleMeta {
        id: "PHI-002",
        name: "resource-description-free-of-phi",
        title: "Resource descriptions hold no PHI",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Service Catalog (\"PHI should not be placed in any metadata for Service Catalog items or within any item description\"); Amazon Simple Workflow Service (\"or within any task description\"); AWS Elastic Beanstalk (\"free-form fields\"); Amazon Comprehend (\"avoiding placement of sensitive information into tags or free-form fields\")",
        rationale: "Descriptions are free text and so attract exactly the details that should \
            not be there (\"export for J. Smith, DOB 03/12/1985\"). The whitepaper forbids PHI \
            in item and task descriptions and in free-form fields; like names, they are stored \
            and shown without the encryption that protects content. The rule scans the \
            descriptions the model records: KMS keys, security group rules, Athena workgroups, \
            CodeBuild projects, Systems Manager parameters and Glue connections. Other types are \
            not applicable until their collectors record a description.",
        remediation: Remediation {
            console: "Edit the description (aws kms update-key-description, aws ec2 \
                update-security-group-rule-descriptions-ingress, aws ssm put-parameter \
                --overwrite --description, ...) to say what the resource is for without naming \
                patients or their identifiers.",
            terraform: "resource \"aws_kms_key\" \"export\" {\n  description = \"Encrypts nightly claims exports\" # purpose, not patients\n}",
            cloudformation: "ExportKey:\n  Type: AWS::KMS::Key\n  Properties:\n    Description: Encrypts nightly claims exports",
        },
        examples: &[
            Example {
                name: "neutral descriptions",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/k1", "description": "Key for PHI buckets, rotated yearly"},
                    {"type": "security_group", "id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "description": "HTTPS from the load balancer"}], "egress": []}]"#,
            },
            Example {
                name: "date of birth in a key description",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/k2", "description": "Export for Robert Brown, DOB 02/27/1958"}]"#,
            },
            Example {
                name: "phone number in a rule description",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "sg-2", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "description": "temp access for patient callback 617-555-0142"}], "egress": []}]"#,
            },
            Example {
                name: "no description recorded for the type",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::b"}]"#,
            },
        ],
    },
    check,
};

fn check(r: &Resource, _cx: &Context) -> Check {
    let single =
        |v: &Value<String>, field: &'static str| -> Result<Vec<(String, String)>, Missing> {
            Ok(vec![(field.to_string(), v.need(field)?.clone())])
        };
    let texts: Vec<(String, String)> = match r {
        Resource::KmsKey(k) => single(&k.description, "description")?,
        Resource::AthenaWorkgroup(w) => single(&w.description, "description")?,
        Resource::CodeBuildProject(p) => single(&p.description, "description")?,
        Resource::SsmParameter(p) => single(&p.description, "description")?,
        Resource::GlueConnection(c) => single(&c.description, "description")?,
        Resource::SecurityGroup(g) => {
            let mut out = Vec::new();
            for (dir, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
                for (i, rule) in rules.need(dir)?.iter().enumerate() {
                    out.push((
                        format!("{dir} rule {} description", i + 1),
                        rule.description.clone(),
                    ));
                }
            }
            out
        }
        other => {
            return Ok(Outcome::not_applicable(format!(
                "the model records no description for {}",
                other.kind()
            )))
        }
    };
    let findings = scan_all(texts.iter().map(|(l, t)| (l.clone(), t.as_str())));
    Ok(verdict(findings, "the description"))
}

use crate::rule::Missing;
