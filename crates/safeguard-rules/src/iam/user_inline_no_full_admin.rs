//! IAM-006: no inline policy on an IAM user grants full administrative access.

use crate::prelude::*;

pub static RULE: RuleDef<IamUser> = RuleDef {
    meta: RuleMeta {
        id: "IAM-006",
        name: "iam-user-inline-policy-no-full-admin",
        title: "Inline policies on IAM users do not allow every action on every resource",
        severity: Severity::High,
        hipaa: &["164.308(a)(4)(ii)(B)", "164.308(a)(4)(i)", "164.308(a)(3)(ii)(A)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Identity and Access Management (\"least privilege principles\"); Playbook: Step 4: IAM Best Practices (\"Least privilege access\")",
        rationale: "An inline `*`-on-`*` policy makes one person an administrator of every PHI \
            store, key and log, outside any group or role where access reviews would see it, and \
            it lives and dies with the user. Access authorisation (164.308(a)(4)(ii)(B)) and \
            minimum necessary access (164.308(a)(4)(i)) require access to follow a job function; \
            the whitepaper's AWS Identity and Access Management section asks for least \
            privilege. IAM-004 flags any policy on a user; this rule singles out the dangerous \
            ones at a higher severity.",
        remediation: Remediation {
            console: "IAM > Users > USER > Permissions > select the inline policy > Remove. If the \
                person needs administration, have them assume an MFA-protected admin role \
                instead.\n\
                aws iam delete-user-policy --user-name USER --policy-name POLICY_NAME",
            terraform: "# remove the aws_iam_user_policy resource; grant admin through an assumable role:\nresource \"aws_iam_role_policy_attachment\" \"breakglass_admin\" {\n  role       = aws_iam_role.breakglass.name\n  policy_arn = \"arn:aws:iam::aws:policy/AdministratorAccess\"\n}",
            cloudformation: "# remove the Policies entry from the AWS::IAM::User (or the AWS::IAM::Policy naming it); use a role:\nBreakGlassRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n          Action: sts:AssumeRole\n          Condition: {Bool: {aws:MultiFactorAuthPresent: 'true'}}\n    ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]",
        },
        examples: &[
            Example {
                name: "scoped inline policy",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/alice", "name": "alice", "account": "111122223333",
                    "inline_policies": [{"name": "read-logs", "document": {"Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}]}}]}]"#,
            },
            Example {
                name: "no inline policies",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/bob", "name": "bob", "account": "111122223333",
                    "inline_policies": []}]"#,
            },
            Example {
                name: "inline admin",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/ops", "name": "ops", "account": "111122223333",
                    "inline_policies": [{"name": "god-mode", "document": {"Version": "2012-10-17",
                        "Statement": {"Effect": "Allow", "Action": "*:*", "Resource": "*"}}}]}]"#,
            },
            Example {
                name: "inline policies unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/carol", "name": "carol", "account": "111122223333",
                    "inline_policies": {"$unknown": {"reason": "access_denied", "detail": "iam:GetUserPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(user: &IamUser, _cx: &Context) -> Check {
    let inline = user.inline_policies.need("inline_policies")?;
    let admin: Vec<&str> = inline
        .iter()
        .filter(|p| p.document.allows_full_admin())
        .map(|p| p.name.as_str())
        .collect();
    Ok(if inline.is_empty() {
        Outcome::pass("the user has no inline policies")
    } else if admin.is_empty() {
        Outcome::pass(format!(
            "none of the user's {} inline policies allows every action on every resource",
            inline.len()
        ))
    } else {
        Outcome::fail(format!(
            "inline policy {} allows every action on every resource",
            admin.join(", ")
        ))
    })
}
