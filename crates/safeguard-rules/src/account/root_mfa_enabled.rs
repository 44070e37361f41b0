//! ACCT-001: the root user has MFA.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-001",
        name: "root-user-mfa-enabled",
        title: "The root user is protected by multi-factor authentication",
        severity: Severity::Critical,
        hipaa: &["164.312(d)", "164.312(a)(1)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 1 AWS Account Setup, Root Account Security (\"Enable MFA on root account\")",
        rationale: "The root user can do anything in the account, including reading every PHI \
            store and deleting the audit trail. The setup playbook makes root MFA the first thing \
            to do after creating the account, before any PHI arrives; 164.312(d) requires that a \
            person be authenticated as who they claim to be.",
        remediation: Remediation {
            console: "Sign in as root > IAM > Security credentials > Multi-factor authentication > \
                Assign MFA device (a hardware key is recommended).",
            terraform: "Root MFA cannot be managed by Terraform; enable it in the console and \
                enforce it organisation-wide with AWS Organizations root access management.",
            cloudformation: "Root MFA cannot be managed by CloudFormation; enable it in the console.",
        },
        examples: &[
            Example {
                name: "root has mfa",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "root_mfa_enabled": true}]"#,
            },
            Example {
                name: "root without mfa",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "root_mfa_enabled": false}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, _cx: &Context) -> Check {
    Ok(if *account.root_mfa_enabled.need("root_mfa_enabled")? {
        Outcome::pass("root user has MFA")
    } else {
        Outcome::fail("root user has no MFA device")
    })
}
