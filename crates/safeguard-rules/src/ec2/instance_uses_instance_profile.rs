//! EC2-007: instances run with an IAM instance profile (roles, not stored keys).

use crate::prelude::*;

pub static RULE: RuleDef<Ec2Instance> = RuleDef {
    meta: RuleMeta {
        id: "EC2-007",
        name: "ec2-instance-uses-instance-profile",
        title: "EC2 instances use an IAM instance profile for AWS access",
        severity: Severity::Low,
        hipaa: &["164.312(a)(1)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 4 IAM Best Practices, Service Roles (\"Use IAM Roles (not users) for services\", \"EC2 Instance Profiles\")",
        rationale: "The playbook tells services to use IAM roles, EC2 instance profiles among \
            them, because roles give short-lived, automatically rotated credentials instead of \
            long-term access keys copied onto servers. Keys in files or environment variables \
            leak through images, backups and source control and then reach PHI stores from \
            anywhere (164.312(a)(1), password and credential management in \
            164.308(a)(5)(ii)(D)). An instance without a profile either needs no AWS access or \
            holds keys; the rule cannot tell which, hence the low severity.",
        remediation: Remediation {
            console: "EC2 console > instance > Actions > Security > Modify IAM role.\n\
                aws ec2 associate-iam-instance-profile --instance-id INSTANCE_ID --iam-instance-profile Name=app-profile\n\
                Then remove any access keys stored on the instance and deactivate them in IAM.",
            terraform: "resource \"aws_iam_instance_profile\" \"app\" {\n  name = \"app-profile\"\n  role = aws_iam_role.app.name\n}\n\nresource \"aws_instance\" \"app\" {\n  # ...\n  iam_instance_profile = aws_iam_instance_profile.app.name\n}",
            cloudformation: "AppInstanceProfile:\n  Type: AWS::IAM::InstanceProfile\n  Properties:\n    Roles: [!Ref AppRole]\nAppInstance:\n  Type: AWS::EC2::Instance\n  Properties:\n    IamInstanceProfile: !Ref AppInstanceProfile",
        },
        examples: &[
            Example {
                name: "instance profile attached",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0d1", "state": "running",
                    "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/app-profile"}]"#,
            },
            Example {
                name: "no instance profile",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0d2", "state": "stopped", "iam_instance_profile": null}]"#,
            },
        ],
    },
    check,
};

fn check(instance: &Ec2Instance, _cx: &Context) -> Check {
    if let Some(na) = super::gone(instance) {
        return Ok(na);
    }
    Ok(
        match instance.iam_instance_profile.need("iam_instance_profile")? {
            Some(profile) => Outcome::pass(format!("instance profile {profile}")),
            None => Outcome::fail("instance has no IAM instance profile"),
        },
    )
}
