//! CT-006: a trail that exists is logging.

use crate::prelude::*;

pub static RULE: RuleDef<CloudTrailTrail> = RuleDef {
    meta: RuleMeta {
        id: "CT-006",
        name: "cloudtrail-trail-is-logging",
        title: "CloudTrail trails that exist are logging",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: AWS CloudTrail; Playbook: Step 7: Initial Configuration Checklist (\"CloudTrail enabled (all regions)\")",
        rationale: "A trail that has been created but stopped records nothing, while its presence \
            suggests to reviewers that activity is being audited. StopLogging is also a common \
            first step of an intruder covering their tracks. 164.312(b) requires audit \
            mechanisms that actually record activity; the whitepaper's AWS CloudTrail section \
            relies on trails to log account activity. CT-001 asks that the account be covered; \
            this rule flags each trail that is not running, whatever its coverage.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > TRAIL > Start logging. Then look in CloudTrail \
                event history for the StopLogging call to learn who stopped it and why.\n\
                aws cloudtrail start-logging --name TRAIL",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  # ...\n  enable_logging = true\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    # ...\n    IsLogging: true",
        },
        examples: &[
            Example {
                name: "logging",
                expect: Status::Pass,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "logging": true}]"#,
            },
            Example {
                name: "stopped",
                expect: Status::Fail,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "logging": false}]"#,
            },
            Example {
                name: "trail status unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                    "logging": {"$unknown": {"reason": "access_denied", "detail": "cloudtrail:GetTrailStatus"}}}]"#,
            },
        ],
    },
    check,
};

fn check(trail: &CloudTrailTrail, _cx: &Context) -> Check {
    Ok(if *trail.logging.need("logging")? {
        Outcome::pass("trail is logging")
    } else {
        Outcome::fail("trail exists but logging is stopped")
    })
}
