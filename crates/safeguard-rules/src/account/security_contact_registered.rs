//! ACCT-006: a security alternate contact is registered.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-006",
        name: "security-contact-registered",
        title: "A security alternate contact is registered for the account",
        severity: Severity::Low,
        hipaa: &["164.308(a)(6)(ii)", "164.308(a)(6)(i)", "164.308(a)(2)"],
        source: "Playbook: Step 1: AWS Account Setup, Root Account Security (\"Set up alternate contacts (security, billing, operations)\")",
        rationale: "When AWS detects abuse, a compromised credential or exposed keys in an \
            account, it notifies the security alternate contact. Without one, the notice goes \
            only to the root e-mail address, which is often an unmonitored mailbox, and a breach \
            of PHI can go unanswered. Security incident procedures (164.308(a)(6)(i)) and \
            response and reporting (164.308(a)(6)(ii)) need the warnings to reach the security \
            official assigned under 164.308(a)(2). The playbook's Step 1 asks for the security, \
            billing and operations contacts to be set right after account creation.",
        remediation: Remediation {
            console: "Account menu > Account > Alternate contacts > Edit > Security contact: a \
                monitored team address, name, title and phone.\n\
                aws account put-alternate-contact --alternate-contact-type SECURITY \
                --name \"Security Team\" --title \"Security Officer\" \
                --email-address security@example.org --phone-number +15555550100",
            terraform: "resource \"aws_account_alternate_contact\" \"security\" {\n  alternate_contact_type = \"SECURITY\"\n  name                   = \"Security Team\"\n  title                  = \"Security Officer\"\n  email_address          = \"security@example.org\"\n  phone_number           = \"+15555550100\"\n}",
            cloudformation: "CloudFormation has no resource type for alternate contacts. Use the CLI \
                command above; in an AWS Organization with trusted access for AWS Account \
                Management, the management account can set it for each member with \
                --account-id.",
        },
        examples: &[
            Example {
                name: "security contact set",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "security_contact_registered": true}]"#,
            },
            Example {
                name: "no security contact",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "security_contact_registered": false}]"#,
            },
            Example {
                name: "contact unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "security_contact_registered": {"$unknown": {"reason": "access_denied", "detail": "account:GetAlternateContact"}}}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, _cx: &Context) -> Check {
    Ok(
        if *account
            .security_contact_registered
            .need("security_contact_registered")?
        {
            Outcome::pass("a security alternate contact is registered")
        } else {
            Outcome::fail("no security alternate contact is registered; AWS security notices go only to the root e-mail")
        },
    )
}
