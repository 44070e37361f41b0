//! IAM-004: IAM users get their permissions from groups or roles, not direct policies.

use crate::prelude::*;

pub static RULE: RuleDef<IamUser> = RuleDef {
    meta: RuleMeta {
        id: "IAM-004",
        name: "iam-user-no-direct-policies",
        title: "IAM users have no directly attached or inline policies",
        severity: Severity::Low,
        hipaa: &["164.308(a)(4)(i)", "164.308(a)(4)(ii)(B)", "164.308(a)(4)(ii)(C)", "164.308(a)(3)(ii)(A)"],
        source: "Whitepaper: AWS Identity and Access Management (\"attach policies to the users or groups\", \"organization-defined role-based access and least privilege principles\"); Playbook: Step 4: IAM Best Practices",
        rationale: "Information access management (164.308(a)(4)) asks that access to ePHI be \
            granted through a documented authorisation process and be reviewable when people \
            change jobs. Permissions granted through groups and roles follow job functions: one \
            place to review, one place to change, and removing someone from a group removes the \
            access. Policies attached to individual users drift out of sight, survive role \
            changes and make access reviews incomplete. The whitepaper's AWS Identity and Access \
            Management section calls for role-based access under least privilege.",
        remediation: Remediation {
            console: "IAM > User groups > Create group for the job function, attach the policies; \
                IAM > Users > USER > Groups > Add user to groups; then Permissions > remove each \
                directly attached and inline policy.\n\
                aws iam add-user-to-group --group-name GROUP --user-name USER\n\
                aws iam detach-user-policy --user-name USER --policy-arn POLICY_ARN\n\
                aws iam delete-user-policy --user-name USER --policy-name POLICY_NAME",
            terraform: "resource \"aws_iam_group\" \"clinicians\" {\n  name = \"clinicians\"\n}\n\nresource \"aws_iam_group_policy_attachment\" \"clinicians\" {\n  group      = aws_iam_group.clinicians.name\n  policy_arn = aws_iam_policy.phi_read.arn\n}\n\nresource \"aws_iam_user_group_membership\" \"alice\" {\n  user   = aws_iam_user.alice.name\n  groups = [aws_iam_group.clinicians.name]\n}\n# and remove aws_iam_user_policy / aws_iam_user_policy_attachment resources",
            cloudformation: "Clinicians:\n  Type: AWS::IAM::Group\n  Properties:\n    ManagedPolicyArns: [!Ref PhiReadPolicy]\nAliceInClinicians:\n  Type: AWS::IAM::UserToGroupAddition\n  Properties:\n    GroupName: !Ref Clinicians\n    Users: [!Ref Alice]\n# and remove Policies / ManagedPolicyArns from the AWS::IAM::User",
        },
        examples: &[
            Example {
                name: "permissions through groups only",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/alice", "name": "alice", "account": "111122223333",
                    "attached_policies": [], "inline_policies": [], "groups": ["clinicians"]}]"#,
            },
            Example {
                name: "directly attached and inline policies",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/bob", "name": "bob", "account": "111122223333",
                    "attached_policies": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
                    "inline_policies": [{"name": "temp-debug", "document": {"Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}]}}],
                    "groups": []}]"#,
            },
            Example {
                name: "inline policies unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/carol", "name": "carol", "account": "111122223333",
                    "attached_policies": [],
                    "inline_policies": {"$unknown": {"reason": "access_denied", "detail": "iam:ListUserPolicies"}}}]"#,
            },
        ],
    },
    check,
};

fn check(user: &IamUser, _cx: &Context) -> Check {
    let attached = user.attached_policies.need("attached_policies")?;
    let inline = user.inline_policies.need("inline_policies")?;
    let mut found: Vec<String> = Vec::new();
    if !attached.is_empty() {
        let names: Vec<&str> = attached.iter().map(|arn| policy_name(arn)).collect();
        found.push(format!("attached: {}", names.join(", ")));
    }
    if !inline.is_empty() {
        let names: Vec<&str> = inline.iter().map(|p| p.name.as_str()).collect();
        found.push(format!("inline: {}", names.join(", ")));
    }
    Ok(if found.is_empty() {
        Outcome::pass("the user has no directly attached or inline policies")
    } else {
        Outcome::fail(format!(
            "the user has policies of its own ({})",
            found.join("; ")
        ))
    })
}

/// `arn:aws:iam::aws:policy/service-role/X` -> `X`.
fn policy_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
