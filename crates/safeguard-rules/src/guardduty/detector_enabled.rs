//! GD-002: a declared GuardDuty detector is enabled.

use crate::prelude::*;

pub static RULE: RuleDef<GuardDutyDetector> = RuleDef {
    meta: RuleMeta {
        id: "GD-002",
        name: "guardduty-detector-enabled",
        title: "GuardDuty detectors are enabled, not suspended",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(6)(ii)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon GuardDuty; Playbook: Step 7: Initial Configuration Checklist (\"GuardDuty activated\")",
        rationale: "A suspended detector analyses nothing and produces no findings, while its \
            existence suggests the region is monitored. The whitepaper's Amazon GuardDuty \
            section describes the continuous threat detection that identifying security \
            incidents under 164.308(a)(6)(ii) relies on. In infrastructure as code this is the \
            check that can be made before deployment (a detector declared with enable = false); \
            GD-001 checks live regions.",
        remediation: Remediation {
            console: "GuardDuty console > Settings > Suspend GuardDuty: re-enable.\n\
                aws guardduty update-detector --detector-id DETECTOR_ID --enable --region REGION",
            terraform: super::TERRAFORM,
            cloudformation: super::CLOUDFORMATION,
        },
        examples: &[
            Example {
                name: "enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "guardduty_detector", "id": "aws_guardduty_detector.main", "name": "main", "enabled": true}]"#,
            },
            Example {
                name: "declared disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "guardduty_detector", "id": "aws_guardduty_detector.main", "name": "main", "enabled": false}]"#,
            },
            Example {
                name: "enable flag from a variable",
                expect: Status::Unknown,
                resources: r#"[{"type": "guardduty_detector", "id": "aws_guardduty_detector.main", "name": "main",
                    "enabled": {"$unknown": {"reason": "unresolved", "detail": "var.guardduty_enabled"}}}]"#,
            },
        ],
    },
    check,
};

fn check(detector: &GuardDutyDetector, _cx: &Context) -> Check {
    Ok(if *detector.enabled.need("enabled")? {
        Outcome::pass("detector is enabled")
    } else {
        Outcome::fail("detector is disabled (suspended)")
    })
}
