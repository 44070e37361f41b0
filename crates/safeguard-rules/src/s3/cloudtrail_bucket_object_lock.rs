//! S3-010: buckets that receive CloudTrail logs lock them with Object Lock default retention.

use crate::prelude::*;
use crate::rule::Missing;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-010",
        name: "s3-cloudtrail-bucket-object-lock",
        title: "S3 buckets that receive CloudTrail logs lock them with an Object Lock default retention",
        severity: Severity::Low,
        hipaa: &["164.312(c)(1)", "164.312(b)", "164.316(b)(2)(i)"],
        source: "Whitepaper: AWS CloudTrail; Playbook: Step 6: Enable Core Security Services (\"Store logs in dedicated S3 bucket\", \"Set retention: 7+ years\")",
        rationale: "The whitepaper's AWS CloudTrail section calls CloudTrail the final destination \
            for AWS log entries and a critical component of any architecture handling PHI. Log \
            file validation (CT-002) proves whether logs were altered; it cannot bring back a log \
            file that someone with access to the bucket deleted. An Object Lock default \
            retention on the trail's bucket makes each delivered log file undeletable for the \
            retention period, protecting the audit records of 164.312(b) from destruction \
            (164.312(c)(1)) for the six years of 164.316(b)(2)(i). Object Lock without a \
            default retention does not lock CloudTrail's files, since CloudTrail sets no \
            retention on the objects it writes. The rule applies to buckets that a trail in the \
            inventory names as its destination.",
        remediation: Remediation {
            console: "S3 console > log bucket > Properties > Object Lock > Edit > Enable (versioning \
                must be on) > Default retention: Governance or Compliance, 2192 days.\n\
                aws s3api put-object-lock-configuration --bucket TRAIL_BUCKET --object-lock-configuration \
                '{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":2192}}}'",
            terraform: "resource \"aws_s3_bucket\" \"trail\" {\n  bucket              = \"clinic-cloudtrail-logs\"\n  object_lock_enabled = true\n}\n\nresource \"aws_s3_bucket_object_lock_configuration\" \"trail\" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    default_retention {\n      mode = \"GOVERNANCE\"\n      days = 2192\n    }\n  }\n}",
            cloudformation: "TrailBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration:\n      Status: Enabled\n    ObjectLockEnabled: true\n    ObjectLockConfiguration:\n      ObjectLockEnabled: Enabled\n      Rule:\n        DefaultRetention:\n          Mode: GOVERNANCE\n          Days: 2192",
        },
        examples: &[
            Example {
                name: "trail bucket with default retention",
                expect: Status::Pass,
                resources: r#"[
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "s3_bucket": "clinic-cloudtrail-logs"},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-cloudtrail-logs", "object_lock": true,
                     "object_lock_default_retention": {"mode": "COMPLIANCE", "days": 2192}}]"#,
            },
            Example {
                name: "trail bucket without object lock",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "s3_bucket": "clinic-cloudtrail-logs"},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-cloudtrail-logs", "object_lock": false, "object_lock_default_retention": null}]"#,
            },
            Example {
                name: "object lock on but no default retention",
                expect: Status::Fail,
                resources: r#"[
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "s3_bucket": "clinic-cloudtrail-logs"},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-cloudtrail-logs", "object_lock": true, "object_lock_default_retention": null}]"#,
            },
            Example {
                name: "bucket no trail writes to",
                expect: Status::NotApplicable,
                resources: r#"[
                    {"type": "cloudtrail_trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit", "name": "audit", "s3_bucket": "clinic-cloudtrail-logs"},
                    {"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "object_lock": false}]"#,
            },
            Example {
                name: "a trail's destination is unresolved",
                expect: Status::Unknown,
                resources: r#"[
                    {"type": "cloudtrail_trail", "id": "aws_cloudtrail.audit", "name": "audit",
                     "s3_bucket": {"$unknown": {"reason": "unresolved", "detail": "aws_s3_bucket.trail.id"}}},
                    {"type": "s3_bucket", "id": "aws_s3_bucket.phi", "name": "clinic-phi", "object_lock": false}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, cx: &Context) -> Check {
    let name = super::bucket_name(bucket);
    let mut trails = Vec::new();
    let mut missing = None;
    for t in cx.all::<CloudTrailTrail>() {
        let trail = if t.meta.name.is_empty() {
            &t.meta.id
        } else {
            &t.meta.name
        };
        match t.s3_bucket.as_result() {
            Ok(Some(target)) if super::strip_arn(target) == name => trails.push(trail.as_str()),
            Ok(_) => {}
            Err(u) => {
                missing.get_or_insert(Missing {
                    field: format!("the destination bucket of trail {trail}").into(),
                    unknown: u.clone(),
                });
            }
        }
    }
    if trails.is_empty() {
        if let Some(m) = missing {
            return Err(m);
        }
        return Ok(Outcome::not_applicable(
            "no trail in the inventory delivers logs to this bucket",
        ));
    }
    let trails = trails.join(", ");
    if !*bucket.object_lock.need("object_lock")? {
        return Ok(Outcome::fail(format!(
            "receives logs of trail {trails} but Object Lock is off, so log files can be deleted"
        )));
    }
    Ok(
        match bucket
            .object_lock_default_retention
            .need("object_lock_default_retention")?
        {
            Some(r) => Outcome::pass(format!(
                "receives logs of trail {trails}; Object Lock {} retention of {} days",
                r.mode, r.days
            )),
            None => Outcome::fail(format!(
            "receives logs of trail {trails}; Object Lock is on but has no default retention, so \
             CloudTrail's log files are not locked"
        )),
        },
    )
}
