//! CFG-002: configuration recorders record all supported resource types.

use crate::prelude::*;

pub static RULE: RuleDef<ConfigRecorder> = RuleDef {
    meta: RuleMeta {
        id: "CFG-002",
        name: "config-recorder-records-all-resource-types",
        title: "AWS Config recorders record all supported resource types",
        severity: Severity::Low,
        hipaa: &["164.308(a)(1)(ii)(D)", "164.312(b)"],
        source: "Whitepaper: AWS Config; Playbook: Step 7: Initial Configuration Checklist (\"AWS Config enabled\")",
        rationale: "A recorder limited to a hand-picked list of resource types silently misses \
            everything else, including the resource types AWS adds later. The whitepaper's AWS \
            Config section relies on Config to evaluate whether architectures that handle PHI \
            remain as designed, which only works for resources it records; the activity review \
            of 164.308(a)(1)(ii)(D) needs the configuration history of every resource that could \
            hold or expose ePHI.",
        remediation: Remediation {
            console: "AWS Config console > Settings > Edit > Recording strategy: All resource types \
                with customizable overrides > Save.\n\
                aws configservice put-configuration-recorder --configuration-recorder \
                name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=false",
            terraform: super::TERRAFORM_RECORDER,
            cloudformation: super::CLOUDFORMATION_RECORDER,
        },
        examples: &[
            Example {
                name: "all supported types",
                expect: Status::Pass,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "all_supported": true}]"#,
            },
            Example {
                name: "hand-picked resource types",
                expect: Status::Fail,
                resources: r#"[{"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default",
                    "name": "default", "all_supported": false}]"#,
            },
            Example {
                name: "recording group unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "config_recorder", "id": "aws_config_configuration_recorder.main", "name": "main",
                    "all_supported": {"$unknown": {"reason": "unresolved", "detail": "var.record_all"}}}]"#,
            },
        ],
    },
    check,
};

fn check(recorder: &ConfigRecorder, _cx: &Context) -> Check {
    Ok(if *recorder.all_supported.need("all_supported")? {
        Outcome::pass("records all supported resource types")
    } else {
        Outcome::fail("records only a selected list of resource types")
    })
}
