//! GD-001: GuardDuty is enabled in every region.

use crate::prelude::*;
use crate::rule::Missing;

pub static RULE: RuleDef<RegionSettings> = RuleDef {
    meta: RuleMeta {
        id: "GD-001",
        name: "guardduty-enabled-in-every-region",
        title: "GuardDuty has an enabled detector in every region",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(6)(ii)", "164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: Amazon GuardDuty; Playbook: Step 6: Enable Core Security Services (\"Enable GuardDuty in all regions\")",
        rationale: "164.308(a)(6)(ii) requires that security incidents be identified and \
            responded to. The whitepaper's Amazon GuardDuty section describes it as continuous \
            monitoring of CloudTrail events, VPC Flow Logs and DNS logs for unusual API calls, \
            compromised instances and reconnaissance, and notes that it does not itself see PHI. \
            The playbook's Step 6 asks for it in all regions: a detector runs per region, and an \
            attacker with stolen credentials is free to use a region nobody watches (crypto \
            mining in an unused region is the classic case).",
        remediation: Remediation {
            console: "GuardDuty console (in each region) > Get started > Enable GuardDuty; in an \
                organisation, designate a delegated administrator and auto-enable all members.\n\
                aws guardduty create-detector --enable --finding-publishing-frequency FIFTEEN_MINUTES --region REGION",
            terraform: super::TERRAFORM,
            cloudformation: super::CLOUDFORMATION,
        },
        examples: &[
            Example {
                name: "detector enabled",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333", "region": "us-east-1"},
                    {"type": "guardduty_detector", "id": "arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0",
                     "account": "111122223333", "region": "us-east-1", "enabled": true}]"#,
            },
            Example {
                name: "no detector in the region",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/ap-southeast-2", "account": "111122223333", "region": "ap-southeast-2"},
                    {"type": "guardduty_detector", "id": "arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0",
                     "account": "111122223333", "region": "us-east-1", "enabled": true}]"#,
            },
            Example {
                name: "detector suspended",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333", "region": "us-east-1"},
                    {"type": "guardduty_detector", "id": "arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0",
                     "account": "111122223333", "region": "us-east-1", "enabled": false}]"#,
            },
            Example {
                name: "detector status unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333", "region": "us-east-1"},
                    {"type": "guardduty_detector", "id": "arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0",
                     "account": "111122223333", "region": "us-east-1",
                     "enabled": {"$unknown": {"reason": "access_denied", "detail": "guardduty:GetDetector"}}}]"#,
            },
        ],
    },
    check,
};

fn check(region: &RegionSettings, cx: &Context) -> Check {
    let (account, name) = (&region.meta.account, &region.meta.region);
    let detectors = cx.in_region::<GuardDutyDetector>(account, name);
    let mut missing = None;
    for d in &detectors {
        let enabled = d.enabled.need("enabled").map_err(|m| Missing {
            field: format!("state of GuardDuty detector {}", d.meta.id).into(),
            unknown: m.unknown,
        });
        match enabled {
            Ok(true) => {
                return Ok(Outcome::pass(format!(
                    "GuardDuty detector is enabled in {name}"
                )))
            }
            Ok(false) => {}
            Err(m) => {
                missing.get_or_insert(m);
            }
        }
    }
    if let Some(m) = missing {
        return Err(m);
    }
    cx.listed("guardduty", account, Some(name))?;
    Ok(if detectors.is_empty() {
        Outcome::fail(format!("GuardDuty is not enabled in {name} (no detector)"))
    } else {
        Outcome::fail(format!("the GuardDuty detector in {name} is suspended"))
    })
}
