//! EC2-014: launch templates require IMDSv2 (session tokens) for the instance metadata service.

use crate::prelude::*;

pub static RULE: RuleDef<LaunchTemplate> = RuleDef {
    meta: RuleMeta {
        id: "EC2-014",
        name: "ec2-launch-template-imdsv2-required",
        title: "EC2 launch templates require IMDSv2 for the instance metadata service",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 4 IAM Best Practices, Service Roles (\"EC2 Instance Profiles\", \"No long-term credentials\"); Whitepaper: Amazon Elastic Compute Cloud",
        rationale: "Every instance an Auto Scaling group or a launch request starts from a \
            template takes its metadata options. With IMDSv1 allowed, any server-side request \
            forgery or open proxy on those instances can read the instance-profile credentials \
            with a plain GET and use the role's access to PHI from anywhere; IMDSv2 requires a \
            session token obtained with a PUT that such requests cannot make (164.312(a)(1)). \
            Fixing the template fixes every future instance, where fixing instances one by one \
            is undone by the next scale-out. Unset http_tokens means optional unless the AMI is \
            registered as IMDSv2-only, which a template cannot show; a template with the \
            metadata endpoint disabled passes.",
        remediation: Remediation {
            console: "EC2 console > Launch templates > template > Actions > Modify template (Create new version) > Advanced details > Metadata version: V2 only (token required); then set the new version as default.\n\
                aws ec2 create-launch-template-version --launch-template-id LT_ID --source-version '$Latest' --launch-template-data '{\"MetadataOptions\":{\"HttpTokens\":\"required\",\"HttpEndpoint\":\"enabled\"}}'\n\
                aws ec2 modify-launch-template --launch-template-id LT_ID --default-version NEW_VERSION",
            terraform: "resource \"aws_launch_template\" \"app\" {\n  # ...\n  metadata_options {\n    http_endpoint               = \"enabled\"\n    http_tokens                 = \"required\"\n    http_put_response_hop_limit = 1\n  }\n}",
            cloudformation: "AppLaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpEndpoint: enabled\n        HttpTokens: required\n        HttpPutResponseHopLimit: 1",
        },
        examples: &[
            Example {
                name: "imdsv2 required",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0a1",
                    "metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"}}]"#,
            },
            Example {
                name: "metadata endpoint disabled",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0a2",
                    "metadata_options": {"http_tokens": "optional", "http_endpoint": "disabled"}}]"#,
            },
            Example {
                name: "imdsv1 allowed",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0a3",
                    "metadata_options": {"http_tokens": "optional", "http_endpoint": "enabled"}}]"#,
            },
            Example {
                name: "metadata options unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0a4",
                    "metadata_options": {"$unknown": {"reason": "unresolved", "detail": "var.metadata"}}}]"#,
            },
        ],
    },
    check,
};

fn check(template: &LaunchTemplate, _cx: &Context) -> Check {
    let md = template.metadata_options.need("metadata_options")?;
    Ok(if md.http_endpoint.eq_ignore_ascii_case("disabled") {
        Outcome::pass("instance metadata endpoint is disabled")
    } else if md.http_tokens.eq_ignore_ascii_case("required") {
        Outcome::pass("IMDSv2 session tokens are required")
    } else {
        Outcome::fail(format!(
            "http_tokens is \"{}\": instances launched from the template accept IMDSv1 requests",
            md.http_tokens
        ))
    })
}
