//! ACCT-002: the root user has no access keys.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-002",
        name: "root-user-no-access-keys",
        title: "The root user has no access keys",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.312(a)(2)(i)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 1: AWS Account Setup, Root Account Security (\"Delete root access keys (if any exist)\"); Step 7: Initial Configuration Checklist",
        rationale: "A root access key is a long-lived secret with unrestricted power over the \
            account: it can read every PHI store, disable encryption and delete the audit trail, \
            and no IAM policy or permission boundary can narrow it. It identifies no person, so \
            calls made with it defeat unique user identification (164.312(a)(2)(i)) and access \
            control (164.312(a)(1)). The playbook's Step 1 and Step 7 checklists both require root \
            access keys to be deleted before any PHI arrives.",
        remediation: Remediation {
            console: "Sign in as the root user > account menu > Security credentials > Access keys > \
                Actions > Deactivate, confirm nothing breaks, then Delete. Give workloads IAM roles \
                and people IAM Identity Center or IAM users instead.\n\
                Check: aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'",
            terraform: "Root access keys cannot be managed by Terraform. Delete them in the console \
                and, in an AWS Organization, centralise root access from the management account \
                (with trusted access for IAM enabled) so member accounts have no root \
                credentials:\nresource \"aws_iam_organizations_features\" \"root\" {\n  enabled_features = [\n    \"RootCredentialsManagement\",\n    \"RootSessions\",\n  ]\n}",
            cloudformation: "Root access keys cannot be managed by CloudFormation; delete them in the \
                console as root (Security credentials > Access keys > Delete).",
        },
        examples: &[
            Example {
                name: "no root access keys",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "root_access_keys_present": false}]"#,
            },
            Example {
                name: "root access key present",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "root_access_keys_present": true}]"#,
            },
            Example {
                name: "account summary unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "root_access_keys_present": {"$unknown": {"reason": "access_denied", "detail": "iam:GetAccountSummary"}}}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, _cx: &Context) -> Check {
    Ok(
        if *account
            .root_access_keys_present
            .need("root_access_keys_present")?
        {
            Outcome::fail("the root user has an access key")
        } else {
            Outcome::pass("the root user has no access keys")
        },
    )
}
