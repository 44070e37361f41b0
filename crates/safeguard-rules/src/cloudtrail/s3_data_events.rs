//! CT-005: S3 object-level (data) events are recorded by a trail covering the account.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "CT-005",
        name: "cloudtrail-s3-data-events-recorded",
        title: "A logging CloudTrail trail records S3 object-level data events for the account",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: AWS CloudTrail; Auditing, backups, and disaster recovery",
        rationale: "Management events show who changed a bucket, not who read or wrote the PHI \
            files in it. 164.312(b) asks for mechanisms that record activity in systems holding \
            ePHI, and the whitepaper's auditing section says analysts should be able to see who \
            had access and what data was accessed. For objects in S3 that record is CloudTrail \
            data events (GetObject, PutObject, DeleteObject), which no trail records unless it \
            is told to. Server access logs (S3-007) are best-effort; data events are delivered \
            with the trail's integrity validation and encryption. A trail of this account or an \
            organisation trail covering it counts; one selecting only the PHI buckets is enough.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > TRAIL > Data events > Edit > Add data event type: \
                S3, log all events (or selectors for the PHI buckets).\n\
                aws cloudtrail put-event-selectors --trail-name TRAIL --advanced-event-selectors \
                '[{\"Name\":\"Management events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]},\
                {\"Name\":\"S3 data events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},\
                {\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}]}]'",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  # ...\n  event_selector {\n    read_write_type           = \"All\"\n    include_management_events = true\n\n    data_resource {\n      type   = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"] # or [\"${aws_s3_bucket.phi.arn}/\"]\n    }\n  }\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    # ...\n    EventSelectors:\n      - ReadWriteType: All\n        IncludeManagementEvents: true\n        DataResources:\n          - Type: AWS::S3::Object\n            Values:\n              - arn:aws:s3",
        },
        examples: &[
            Example {
                name: "trail records s3 data events",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "logging": true, "s3_data_events": true}]"#,
            },
            Example {
                name: "management events only",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "logging": true, "s3_data_events": false}]"#,
            },
            Example {
                name: "the trail with data events is stopped",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/objects", "name": "objects",
                     "account": "111122223333", "region": "us-east-1", "logging": false, "s3_data_events": true}]"#,
            },
            Example {
                name: "event selectors unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "logging": true,
                     "s3_data_events": {"$unknown": {"reason": "access_denied", "detail": "cloudtrail:GetEventSelectors"}}}]"#,
            },
        ],
    },
    check,
};

fn check(acct: &Account, cx: &Context) -> Check {
    let found = super::find_trail(cx, &acct.meta.account, |t| {
        vec![
            (
                "s3_data_events",
                "records no S3 data events",
                &t.s3_data_events,
            ),
            ("logging", "is not logging", &t.logging),
        ]
    })?;
    Ok(match found {
        Ok(trail) => Outcome::pass(format!("{trail} records S3 data events")),
        Err(shortfalls) if shortfalls.is_empty() => Outcome::fail(
            "the account has no CloudTrail trail, so S3 object access is not recorded",
        ),
        Err(shortfalls) => Outcome::fail(format!(
            "no logging trail records S3 data events ({})",
            shortfalls.join("; ")
        )),
    })
}
