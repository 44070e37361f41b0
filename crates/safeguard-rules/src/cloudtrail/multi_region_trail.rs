//! CT-001: every account has a multi-region trail that is logging management events.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "CT-001",
        name: "cloudtrail-multi-region-trail-logging",
        title: "Every account has a multi-region CloudTrail trail that is logging management events",
        severity: Severity::High,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: AWS CloudTrail; Playbook: Step 6: Enable Core Security Services (\"Enable CloudTrail in ALL regions\")",
        rationale: "164.312(b) requires mechanisms that record and examine activity in systems \
            that contain ePHI, and 164.308(a)(1)(ii)(D) requires that the records be reviewed. \
            In AWS the record of who changed what (IAM, key policies, bucket policies, database \
            settings) is CloudTrail. The whitepaper's AWS CloudTrail section says specific trails \
            should be created for audit logging, and the playbook's Step 6 asks for a trail in \
            every region. Event history alone keeps 90 days and only management events; a trail \
            that is multi-region, logging and recording management events keeps them in S3 for \
            as long as the organisation needs and also covers regions nobody meant to use, which \
            is where an intruder would act. An organisation trail from the management account \
            counts for every member account.",
        remediation: Remediation {
            console: "CloudTrail console > Trails > Create trail (apply to all regions, management \
                events Read and Write, log file validation and SSE-KMS on), or from the management \
                account create it as an organisation trail.\n\
                aws cloudtrail create-trail --name audit --s3-bucket-name TRAIL_BUCKET \
                --is-multi-region-trail --enable-log-file-validation --kms-key-id KEY_ARN\n\
                aws cloudtrail start-logging --name audit",
            terraform: "resource \"aws_cloudtrail\" \"audit\" {\n  name                          = \"audit\"\n  s3_bucket_name                = aws_s3_bucket.trail.id\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  is_organization_trail         = true # from the management account\n  enable_log_file_validation    = true\n  kms_key_id                    = aws_kms_key.trail.arn\n  enable_logging                = true\n\n  event_selector {\n    read_write_type           = \"All\"\n    include_management_events = true\n  }\n}",
            cloudformation: "AuditTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    TrailName: audit\n    S3BucketName: !Ref TrailBucket\n    IsLogging: true\n    IsMultiRegionTrail: true\n    IncludeGlobalServiceEvents: true\n    EnableLogFileValidation: true\n    KMSKeyId: !GetAtt TrailKey.Arn\n    EventSelectors:\n      - ReadWriteType: All\n        IncludeManagementEvents: true",
        },
        examples: &[
            Example {
                name: "multi-region trail logging management events",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "multi_region": true, "organization_trail": false,
                     "logging": true, "management_events": true}]"#,
            },
            Example {
                name: "member account covered by the organisation trail of the management account",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "account", "id": "444455556666", "account": "444455556666"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-audit", "name": "org-audit",
                     "account": "111122223333", "region": "us-east-1", "multi_region": true, "organization_trail": true,
                     "logging": true, "management_events": true}]"#,
            },
            Example {
                name: "no trail at all",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333"}]"#,
            },
            Example {
                name: "only a single-region trail, and a multi-region trail that is stopped",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/app", "name": "app",
                     "account": "111122223333", "region": "us-east-1", "multi_region": false, "organization_trail": false,
                     "logging": true, "management_events": true},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "multi_region": true, "organization_trail": false,
                     "logging": false, "management_events": true}]"#,
            },
            Example {
                name: "another account's trail that is not an organisation trail does not count",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "account", "id": "444455556666", "account": "444455556666"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "multi_region": true, "organization_trail": false,
                     "logging": true, "management_events": true}]"#,
            },
            Example {
                name: "trail status unreadable",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "account", "id": "111122223333", "account": "111122223333"},
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit",
                     "account": "111122223333", "region": "us-east-1", "multi_region": true, "organization_trail": false,
                     "logging": {"$unknown": {"reason": "access_denied", "detail": "cloudtrail:GetTrailStatus"}},
                     "management_events": true}]"#,
            },
        ],
    },
    check,
};

fn check(acct: &Account, cx: &Context) -> Check {
    let found = super::find_trail(cx, &acct.meta.account, |t| {
        vec![
            ("multi_region", "is single-region", &t.multi_region),
            ("logging", "is not logging", &t.logging),
            (
                "management_events",
                "records no management events",
                &t.management_events,
            ),
        ]
    })?;
    Ok(match found {
        Ok(trail) => Outcome::pass(format!(
            "{trail} is multi-region, logging and records management events"
        )),
        Err(shortfalls) if shortfalls.is_empty() => {
            Outcome::fail("the account has no CloudTrail trail")
        }
        Err(shortfalls) => Outcome::fail(format!(
            "no trail is multi-region, logging and recording management events ({})",
            shortfalls.join("; ")
        )),
    })
}
