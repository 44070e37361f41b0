//! CFG-003: global resources (IAM) are recorded in at least one region of each account.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "CFG-003",
        name: "config-records-global-resources",
        title: "AWS Config records global resource types (IAM) in at least one region of every account",
        severity: Severity::Low,
        hipaa: &["164.308(a)(1)(ii)(D)", "164.308(a)(4)(ii)(C)", "164.312(b)"],
        source: "Whitepaper: AWS Config; Playbook: Step 6: Enable Core Security Services",
        rationale: "IAM users, roles, groups and policies are global resources: a regional \
            recorder records them only when told to include global resource types. They decide \
            who can reach ePHI, so their configuration history is the record of access \
            establishment and modification (164.308(a)(4)(ii)(C)) that an activity review \
            (164.308(a)(1)(ii)(D)) looks at. The whitepaper's AWS Config section relies on \
            Config to show how resources are configured and how that changed over time. AWS \
            recommends recording global types in one region only, so this rule is per account.",
        remediation: Remediation {
            console: "AWS Config console in the home region > Settings > Edit > Include global \
                resources (e.g., AWS IAM resources) > Save.\n\
                aws configservice put-configuration-recorder --configuration-recorder \
                name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true --region HOME_REGION",
            terraform: super::TERRAFORM_RECORDER,
            cloudformation: super::CLOUDFORMATION_RECORDER,
        },
        examples: &[
            Example {
                name: "home region records global types",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "us-east-1", "recording": true, "include_global_resources": true},
                    {"type": "config_recorder", "id": "arn:aws:config:eu-west-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "eu-west-1", "recording": true, "include_global_resources": false}]"#,
            },
            Example {
                name: "no recorder includes global types",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "us-east-1", "recording": true, "include_global_resources": false}]"#,
            },
            Example {
                name: "the recorder with global types is stopped",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "us-east-1", "recording": false, "include_global_resources": true}]"#,
            },
            Example {
                name: "recording group unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "config_recorder", "id": "arn:aws:config:us-east-1:111122223333:config-recorder/default", "name": "default",
                     "account": "111122223333", "region": "us-east-1", "recording": true,
                     "include_global_resources": {"$unknown": {"reason": "access_denied", "detail": "config:DescribeConfigurationRecorders"}}}]"#,
            },
        ],
    },
    check,
};

fn check(acct: &Account, cx: &Context) -> Check {
    let account = &acct.meta.account;
    let mut missing = None;
    let mut seen = 0usize;
    for r in cx.in_account::<ConfigRecorder>(account) {
        seen += 1;
        let recording = r.recording.need("recording");
        let global = r.include_global_resources.need("include_global_resources");
        match (recording, global) {
            (Ok(true), Ok(true)) => {
                return Ok(Outcome::pass(format!(
                    "recorder {} in {} records global resource types",
                    super::recorder_name(r),
                    r.meta.region
                )))
            }
            (Ok(false), _) | (_, Ok(false)) => {}
            (Err(m), _) | (_, Err(m)) => {
                missing.get_or_insert(m);
            }
        }
    }
    if let Some(m) = missing {
        return Err(m);
    }
    cx.listed("config", account, None)?;
    Ok(if seen == 0 {
        Outcome::fail("the account has no AWS Config recorder, so IAM changes are not recorded")
    } else {
        Outcome::fail("no recording AWS Config recorder includes global resource types, so IAM changes are not recorded")
    })
}
