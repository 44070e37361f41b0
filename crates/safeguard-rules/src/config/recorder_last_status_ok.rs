//! CFG-004: a recording recorder's last recording attempt did not fail.

use crate::prelude::*;

pub static RULE: RuleDef<ConfigRecorder> = RuleDef {
    meta: RuleMeta {
        id: "CFG-004",
        name: "config-recorder-not-failing",
        title: "AWS Config recorders that are on are not failing to record",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(D)", "164.312(b)"],
        source: "Whitepaper: AWS Config",
        rationale: "A recorder can be switched on and still record nothing: its service role lost \
            permissions, the delivery bucket policy changed, or the KMS key for delivery was \
            disabled. AWS Config then reports the last recording attempt as FAILURE and the \
            configuration history the whitepaper's AWS Config section relies on has a gap. \
            164.312(b) asks for audit mechanisms that work, not ones that are merely enabled.",
        remediation: Remediation {
            console: "AWS Config console > Settings: read the recorder's last error; fix the \
                service role, the delivery channel's bucket policy or its KMS key.\n\
                aws configservice describe-configuration-recorder-status\n\
                aws configservice describe-delivery-channel-status",
            terraform: super::TERRAFORM_RECORDER,
            cloudformation: super::CLOUDFORMATION_RECORDER,
        },
        examples: &[
            Example {
                name: "last attempt succeeded",
                expect: Status::Pass,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "recording": true, "last_status": "SUCCESS"}]"#,
            },
            Example {
                name: "last attempt failed",
                expect: Status::Fail,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "recording": true, "last_status": "FAILURE"}]"#,
            },
            Example {
                name: "recorder stopped (CFG-001 reports it)",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "recording": false, "last_status": "FAILURE"}]"#,
            },
            Example {
                name: "status unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "recording": true,
                    "last_status": {"$unknown": {"reason": "throttled", "detail": "config:DescribeConfigurationRecorderStatus"}}}]"#,
            },
        ],
    },
    check,
};

fn check(recorder: &ConfigRecorder, _cx: &Context) -> Check {
    if !*recorder.recording.need("recording")? {
        return Ok(Outcome::not_applicable(
            "recorder is not recording; CFG-001 reports that",
        ));
    }
    Ok(match recorder.last_status.need("last_status")?.as_deref() {
        Some(s) if s.eq_ignore_ascii_case("SUCCESS") => {
            Outcome::pass("last recording attempt succeeded")
        }
        Some(s) if s.eq_ignore_ascii_case("PENDING") => {
            Outcome::pass("recording has started; first attempt pending")
        }
        Some(s) if s.eq_ignore_ascii_case("FAILURE") => {
            Outcome::fail("last recording attempt failed")
        }
        Some(other) => Outcome::unknown(
            UnknownReason::ParseError,
            format!("last_status {other:?} is not one AWS Config reports"),
        ),
        None => Outcome::unknown(
            UnknownReason::NotCollected,
            "recorder is on but has no recording status yet",
        ),
    })
}
