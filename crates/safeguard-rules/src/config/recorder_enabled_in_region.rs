//! CFG-001: an AWS Config recorder is recording in every region.

use crate::prelude::*;
use crate::rule::Missing;

pub static RULE: RuleDef<RegionSettings> = RuleDef {
    meta: RuleMeta {
        id: "CFG-001",
        name: "config-recorder-recording-in-every-region",
        title: "An AWS Config configuration recorder is recording in every region",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(D)", "164.312(b)", "164.308(a)(8)"],
        source: "Whitepaper: AWS Config; Playbook: Step 6: Enable Core Security Services (\"Enable AWS Config in all regions\")",
        rationale: "The whitepaper's AWS Config section presents Config as the way to monitor and \
            evaluate architectures that handle PHI and determine whether they remain compliant \
            with their design; the playbook's Step 6 asks for it in all regions. Its \
            configuration history answers the questions an activity review \
            (164.308(a)(1)(ii)(D)) and a periodic evaluation (164.308(a)(8)) ask: when did this \
            bucket become public, who opened this port, how long was this database unencrypted. \
            A region without a recorder is a region where resources can be created and changed \
            with no configuration record.",
        remediation: Remediation {
            console: "AWS Config console (in each region) > Get started / Settings > Record all \
                resource types, choose a delivery bucket > Confirm; or deploy across accounts and \
                regions with Systems Manager Quick Setup or a CloudFormation StackSet.\n\
                aws configservice put-configuration-recorder --configuration-recorder \
                name=default,roleARN=arn:aws:iam::ACCOUNT:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig \
                --recording-group allSupported=true,includeGlobalResourceTypes=false --region REGION\n\
                aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=CONFIG_BUCKET --region REGION\n\
                aws configservice start-configuration-recorder --configuration-recorder-name default --region REGION",
            terraform: super::TERRAFORM_RECORDER,
            cloudformation: super::CLOUDFORMATION_RECORDER,
        },
        examples: &[
            Example {
                name: "recorder recording",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                    {"type": "config_recorder", "id": "arn:aws:config:eu-west-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "eu-west-1", "recording": true}]"#,
            },
            Example {
                name: "recorder in another region only",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                    {"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "us-east-1", "recording": true}]"#,
            },
            Example {
                name: "recorder stopped",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                    {"type": "config_recorder", "id": "arn:aws:config:eu-west-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "eu-west-1", "recording": false}]"#,
            },
            Example {
                name: "recorder status unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                    {"type": "config_recorder", "id": "arn:aws:config:eu-west-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "eu-west-1",
                     "recording": {"$unknown": {"reason": "access_denied", "detail": "config:DescribeConfigurationRecorderStatus"}}}]"#,
            },
        ],
    },
    check,
};

fn check(region: &RegionSettings, cx: &Context) -> Check {
    let (account, name) = (&region.meta.account, &region.meta.region);
    let recorders = cx.in_region::<ConfigRecorder>(account, name);
    let mut missing = None;
    for r in &recorders {
        let recording = r.recording.need("recording").map_err(|m| Missing {
            field: format!("recording state of recorder {}", super::recorder_name(r)).into(),
            unknown: m.unknown,
        });
        match recording {
            Ok(true) => {
                return Ok(Outcome::pass(format!(
                    "recorder {} is recording",
                    super::recorder_name(r)
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
    cx.listed("config", account, Some(name))?;
    Ok(if recorders.is_empty() {
        Outcome::fail(format!("no AWS Config recorder in {name}"))
    } else {
        let names: Vec<&str> = recorders.iter().map(|r| super::recorder_name(r)).collect();
        Outcome::fail(format!(
            "AWS Config recorder {} in {name} is not recording",
            names.join(", ")
        ))
    })
}
