//! S3-009: buckets replicate to another bucket for disaster recovery.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-009",
        name: "s3-bucket-replication-enabled",
        title: "S3 buckets replicate objects to another bucket for disaster recovery",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
        source: "Whitepaper: Auditing, backups, and disaster recovery",
        rationale: "The whitepaper's disaster recovery section describes keeping data replicated \
            off-site so it stays available in a disaster, which is what the data backup plan \
            (164.308(a)(7)(ii)(A)) and disaster recovery plan (164.308(a)(7)(ii)(B)) need. S3 \
            stores objects across Availability Zones of one region; a replication rule to a \
            bucket in another region or account also protects against a regional outage, an \
            account compromise or a mass deletion. Low severity: AWS Backup for S3 is an \
            alternative this rule does not see, and not every bucket holds data worth a copy.",
        remediation: Remediation {
            console: "S3 console > bucket > Management > Replication rules > Create replication rule \
                (versioning must be on in both buckets; for SSE-KMS objects choose a KMS key in \
                the destination region).\n\
                aws s3api put-bucket-replication --bucket BUCKET --replication-configuration file://replication.json",
            terraform: "resource \"aws_s3_bucket_replication_configuration\" \"phi\" {\n  depends_on = [aws_s3_bucket_versioning.phi]\n  role       = aws_iam_role.replication.arn\n  bucket     = aws_s3_bucket.phi.id\n\n  rule {\n    id     = \"dr\"\n    status = \"Enabled\"\n    filter {}\n    delete_marker_replication {\n      status = \"Disabled\"\n    }\n    destination {\n      bucket        = aws_s3_bucket.phi_dr.arn\n      storage_class = \"STANDARD_IA\"\n    }\n  }\n}",
            cloudformation: "PhiBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration:\n      Status: Enabled\n    ReplicationConfiguration:\n      Role: !GetAtt ReplicationRole.Arn\n      Rules:\n        - Id: dr\n          Status: Enabled\n          Priority: 1\n          Filter:\n            Prefix: \"\"\n          DeleteMarkerReplication:\n            Status: Disabled\n          Destination:\n            Bucket: !Sub arn:${AWS::Partition}:s3:::clinic-phi-dr",
        },
        examples: &[
            Example {
                name: "replicating",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "replication": true}]"#,
            },
            Example {
                name: "no replication rule",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "replication": false}]"#,
            },
            Example {
                name: "replication configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "replication": {"$unknown": {"reason": "access_denied", "detail": "s3:GetReplicationConfiguration"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, _cx: &Context) -> Check {
    Ok(if *bucket.replication.need("replication")? {
        Outcome::pass("an enabled replication rule copies objects to another bucket")
    } else {
        Outcome::fail("no enabled replication rule")
    })
}
