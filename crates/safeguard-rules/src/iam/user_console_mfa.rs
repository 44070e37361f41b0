//! IAM-001: every IAM user with a console password has MFA.

use crate::prelude::*;

pub static RULE: RuleDef<IamUser> = RuleDef {
    meta: RuleMeta {
        id: "IAM-001",
        name: "iam-user-console-mfa",
        title: "IAM users who can sign in to the console have MFA",
        severity: Severity::High,
        hipaa: &["164.312(d)", "164.312(a)(1)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 4: IAM Best Practices, User Management (\"MFA enforcement\") and MFA Enforcement; Whitepaper: AWS Identity and Access Management",
        rationale: "A console password alone is one phishing e-mail away from an attacker \
            browsing PHI with the user's permissions. 164.312(d) requires verifying that a person \
            seeking access to ePHI is who they claim to be; the playbook's Step 4 makes MFA \
            mandatory for every user with access to ePHI systems, and the whitepaper's AWS \
            Identity and Access Management section describes requiring MFA for users who \
            authenticate to AWS. Users without a console password are not applicable here (their \
            access keys are covered by IAM-002 and IAM-003).",
        remediation: Remediation {
            console: "IAM > Users > USER > Security credentials > Multi-factor authentication > \
                Assign MFA device (passkey/security key preferred). Then attach to the user's groups \
                the playbook's policy that denies everything unless \
                aws:MultiFactorAuthPresent is true, so a user without MFA can do nothing but enrol.\n\
                aws iam list-mfa-devices --user-name USER",
            terraform: "# MFA devices are enrolled by the user; enforce MFA through group policy:\ndata \"aws_iam_policy_document\" \"require_mfa\" {\n  statement {\n    sid         = \"DenyAllWithoutMFA\"\n    effect      = \"Deny\"\n    not_actions = [\"iam:CreateVirtualMFADevice\", \"iam:EnableMFADevice\", \"iam:ListMFADevices\", \"iam:ResyncMFADevice\", \"iam:GetUser\", \"sts:GetSessionToken\"]\n    resources   = [\"*\"]\n    condition {\n      test     = \"BoolIfExists\"\n      variable = \"aws:MultiFactorAuthPresent\"\n      values   = [\"false\"]\n    }\n  }\n}\n\nresource \"aws_iam_group_policy\" \"require_mfa\" {\n  group  = aws_iam_group.staff.name\n  policy = data.aws_iam_policy_document.require_mfa.json\n}",
            cloudformation: "RequireMfa:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    Groups: [!Ref StaffGroup]\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Sid: DenyAllWithoutMFA\n          Effect: Deny\n          NotAction: [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, iam:ResyncMFADevice, iam:GetUser, sts:GetSessionToken]\n          Resource: '*'\n          Condition:\n            BoolIfExists:\n              aws:MultiFactorAuthPresent: 'false'",
        },
        examples: &[
            Example {
                name: "console user with a security key",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/alice", "name": "alice",
                    "account": "111122223333", "console_password": true,
                    "mfa_devices": [{"serial": "arn:aws:iam::111122223333:u2f/user/alice/key-1", "kind": "fido"}]}]"#,
            },
            Example {
                name: "console user without mfa",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/bob", "name": "bob",
                    "account": "111122223333", "console_password": true, "mfa_devices": []}]"#,
            },
            Example {
                name: "programmatic-only user",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/ci", "name": "ci",
                    "account": "111122223333", "console_password": false, "mfa_devices": []}]"#,
            },
            Example {
                name: "mfa devices unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_user", "id": "arn:aws:iam::111122223333:user/carol", "name": "carol",
                    "account": "111122223333", "console_password": true,
                    "mfa_devices": {"$unknown": {"reason": "access_denied", "detail": "iam:ListMFADevices"}}}]"#,
            },
        ],
    },
    check,
};

fn check(user: &IamUser, _cx: &Context) -> Check {
    if !*user.console_password.need("console_password")? {
        return Ok(Outcome::not_applicable("the user has no console password"));
    }
    let devices = user.mfa_devices.need("mfa_devices")?;
    Ok(match devices.len() {
        0 => Outcome::fail(
            "the user can sign in to the console with a password and has no MFA device",
        ),
        1 => Outcome::pass("the console user has an MFA device"),
        n => Outcome::pass(format!("the console user has {n} MFA devices")),
    })
}
