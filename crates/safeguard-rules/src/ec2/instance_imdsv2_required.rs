//! EC2-001: instances require IMDSv2 (session tokens) for the instance metadata service.

use crate::prelude::*;

pub static RULE: RuleDef<Ec2Instance> = RuleDef {
    meta: RuleMeta {
        id: "EC2-001",
        name: "ec2-instance-imdsv2-required",
        title: "EC2 instances require IMDSv2 for the instance metadata service",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 4 IAM Best Practices, Service Roles (\"EC2 Instance Profiles\", \"No long-term credentials\"); Whitepaper: Amazon Elastic Compute Cloud",
        rationale: "The playbook has workloads on EC2 reach PHI stores through instance-profile \
            roles. Those temporary credentials are served by the instance metadata service; with \
            IMDSv1 any server-side request forgery or open proxy on the instance can read them \
            with a plain GET and use the role's access to PHI from anywhere. IMDSv2 requires a \
            session token obtained with a PUT that such requests cannot make. 164.312(a)(1) asks \
            that only authorised persons and software reach ePHI; stolen role credentials defeat \
            that. An instance with the metadata endpoint disabled also passes.",
        remediation: Remediation {
            console: "EC2 console > instance > Actions > Instance settings > Modify instance metadata options > IMDSv2: Required.\n\
                aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID --http-tokens required --http-endpoint enabled\n\
                For new instances: aws ec2 modify-instance-metadata-defaults --http-tokens required (per Region).",
            terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  metadata_options {\n    http_endpoint               = \"enabled\"\n    http_tokens                 = \"required\"\n    http_put_response_hop_limit = 1\n  }\n}",
            cloudformation: "AppLaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpEndpoint: enabled\n        HttpTokens: required\n        HttpPutResponseHopLimit: 1",
        },
        examples: &[
            Example {
                name: "imdsv2 required",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1", "state": "running",
                    "metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"}}]"#,
            },
            Example {
                name: "metadata endpoint disabled",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a2", "state": "running",
                    "metadata_options": {"http_tokens": "optional", "http_endpoint": "disabled"}}]"#,
            },
            Example {
                name: "imdsv1 allowed",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a3", "state": "running",
                    "metadata_options": {"http_tokens": "optional", "http_endpoint": "enabled"}}]"#,
            },
            Example {
                name: "terminated instance",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a4", "state": "terminated",
                    "metadata_options": {"http_tokens": "optional"}}]"#,
            },
            Example {
                name: "metadata options unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a5", "state": "running",
                    "metadata_options": {"$unknown": {"reason": "unresolved", "detail": "var.metadata"}}}]"#,
            },
        ],
    },
    check,
};

fn check(instance: &Ec2Instance, _cx: &Context) -> Check {
    if let Some(na) = super::gone(instance) {
        return Ok(na);
    }
    let md = instance.metadata_options.need("metadata_options")?;
    Ok(if md.http_endpoint.eq_ignore_ascii_case("disabled") {
        Outcome::pass("instance metadata endpoint is disabled")
    } else if md.http_tokens.eq_ignore_ascii_case("required") {
        Outcome::pass("IMDSv2 session tokens are required")
    } else {
        Outcome::fail(format!(
            "http_tokens is \"{}\": IMDSv1 requests are accepted",
            md.http_tokens
        ))
    })
}
