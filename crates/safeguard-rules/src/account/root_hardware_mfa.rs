//! ACCT-003: the root user's MFA is a hardware device.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-003",
        name: "root-user-hardware-mfa",
        title: "The root user's MFA is a hardware device",
        severity: Severity::Medium,
        hipaa: &["164.312(d)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 1: AWS Account Setup, Root Account Security (\"Enable MFA on root account (hardware token recommended)\")",
        rationale: "A virtual MFA app lives on a phone that is also used for mail, chat and \
            browsing; its seed can be copied or phished along with the password. A hardware \
            token or FIDO security key kept in a safe is a much stronger second factor for the \
            one identity that can override every other control over PHI. The playbook recommends \
            a hardware token for root; 164.312(d) asks for person authentication strong enough \
            for the access it protects. Having some MFA on root is checked by ACCT-001; this rule \
            asks for the stronger kind.",
        remediation: Remediation {
            console: "Sign in as root > account menu > Security credentials > Multi-factor \
                authentication (MFA) > Assign MFA device > Passkey or security key / Hardware TOTP \
                token. Then remove the virtual device. Keep the key (and a second backup key) in a \
                safe with documented custody.",
            terraform: "Root MFA devices cannot be managed by Terraform; register the hardware or \
                FIDO device in the console while signed in as root.",
            cloudformation: "Root MFA devices cannot be managed by CloudFormation; register the \
                hardware or FIDO device in the console while signed in as root.",
        },
        examples: &[
            Example {
                name: "root uses a hardware device",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "root_mfa_enabled": true, "root_hardware_mfa": true}]"#,
            },
            Example {
                name: "root uses a virtual MFA app",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "root_mfa_enabled": true, "root_hardware_mfa": false}]"#,
            },
            Example {
                name: "root has no MFA at all",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "root_mfa_enabled": false, "root_hardware_mfa": false}]"#,
            },
            Example {
                name: "virtual MFA list unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "root_mfa_enabled": true,
                    "root_hardware_mfa": {"$unknown": {"reason": "access_denied", "detail": "iam:ListVirtualMFADevices"}}}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, _cx: &Context) -> Check {
    if *account.root_hardware_mfa.need("root_hardware_mfa")? {
        return Ok(Outcome::pass("the root user's MFA is a hardware device"));
    }
    // Only to word the finding: whether root has a virtual device or none at all.
    Ok(match account.root_mfa_enabled.known() {
        Some(true) => Outcome::fail("the root user's MFA is a virtual device, not a hardware one"),
        Some(false) => {
            Outcome::fail("the root user has no MFA device at all; a hardware one is expected")
        }
        None => Outcome::fail("the root user has no hardware MFA device"),
    })
}
