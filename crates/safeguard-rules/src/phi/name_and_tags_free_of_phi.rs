//! PHI-001: resource names and tags hold no PHI.

use super::detector::{scan, scan_tag, Options};
use super::{describe, verdict};
use crate::prelude::*;

pub static RULE: RuleDef<Resource> = RuleDef {
    meta: RuleMeta {
        id: "PHI-001",
        name: "resource-name-and-tags-free-of-phi",
        title: "Resource names and tags hold no PHI",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3) (\"Do not use PHI in bucket names, object names, or metadata\"); Using AWS KMS for Encryption of PHI (\"PHI should not be stored in the Tags (metadata) for any keys\"); Amazon Route 53; Amazon S3 Glacier; AWS Systems Manager (\"document names and parameter names\"); AWS CloudHSM; AWS App Mesh; AWS Cloud Map; AWS Batch; AWS Auto Scaling",
        rationale: "Server-side encryption protects content, not the names and tags around it. \
            The whitepaper says so service after service: no PHI in bucket or object names \
            (S3), archive and vault names (Glacier), resource names and tags (Route 53, App \
            Mesh, Cloud Map), parameter and document names (Systems Manager), key tags (KMS, \
            CloudHSM), free-form Name fields (Auto Scaling, Elastic Beanstalk). Names and tags \
            appear in consoles, billing reports, CloudTrail events and error messages that \
            people outside the PHI workflow read. The rule scans each resource's name, id and \
            tags for Social Security numbers, medical record numbers, dates of birth next to a \
            name, phone numbers, e-mail addresses and health plan member ids, and shows only a \
            masked excerpt. E-mail addresses are not reported in IAM identity names or in \
            ownership tags (owner, contact), which name the workforce.",
        remediation: Remediation {
            console: "Rename the resource (most names are immutable: create a replacement with a \
                neutral name, e.g. a random or sequential id, migrate, delete the old one) and \
                remove or rewrite the tag: aws resourcegroupstaggingapi untag-resources \
                --resource-arn-list ARN --tag-keys KEY. Keep the mapping from neutral ids to \
                patients inside an encrypted data store.",
            terraform: "resource \"aws_s3_bucket\" \"intake\" {\n  bucket = \"clinic-intake-${random_id.suffix.hex}\" # no patient data in names\n  tags = {\n    data-classification = \"phi\" # classification, not identifiers\n  }\n}",
            cloudformation: "IntakeBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    # Let CloudFormation generate the name, or use a neutral one\n    Tags:\n      - Key: data-classification\n        Value: phi",
        },
        examples: &[
            Example {
                name: "neutral name and tags",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::harborview-scanned-intake", "name": "harborview-scanned-intake",
                    "tags": {"phi": "true", "owner": "jane.doe@harborview.org", "created": "2024-11-19"}}]"#,
            },
            Example {
                name: "ssn in a bucket name",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::intake-536-22-8714", "name": "intake-536-22-8714", "tags": {}}]"#,
            },
            Example {
                name: "mrn in a kms key tag",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/7b21e9d4-03c8-4f6a-b5e2-91a4c8d36f07",
                    "tags": {"purpose": "export for mrn 00482913"}}]"#,
            },
            Example {
                name: "patient name and birth date in a parameter name",
                expect: Status::Fail,
                resources: r#"[{"type": "ssm_parameter", "id": "arn:aws:ssm:us-east-1:111122223333:parameter/intake/john-smith-1985-03-12", "name": "/intake/john-smith-1985-03-12", "tags": {}}]"#,
            },
            Example {
                name: "tags unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "log_group", "id": "arn:aws:logs:us-east-1:111122223333:log-group:/ehr/app", "name": "/ehr/app",
                    "tags": {"$unknown": {"reason": "access_denied", "detail": "logs:ListTagsForResource"}}}]"#,
            },
        ],
    },
    check,
};

/// The part of an id worth scanning beside the name: an ARN's resource part, or the whole id.
fn id_part(id: &str) -> &str {
    if id.starts_with("arn:") {
        id.splitn(6, ':').nth(5).unwrap_or("")
    } else {
        id
    }
}

fn check(r: &Resource, _cx: &Context) -> Check {
    let meta = r.meta();
    let identity = matches!(r, Resource::IamUser(_) | Resource::IamRole(_));
    let opts = Options {
        skip_email: identity,
    };
    let mut findings = describe("name", &scan(&meta.name, opts));
    let id = id_part(&meta.id);
    if findings.is_empty() && !id.is_empty() && id != meta.name {
        findings.extend(describe("id", &scan(id, opts)));
    }
    let tags = match meta.tags.need("tags") {
        Ok(t) => t,
        // A name with PHI fails whatever the tags hold.
        Err(_) if !findings.is_empty() => return Ok(verdict(findings, "")),
        Err(missing) => return Err(missing),
    };
    for (k, v) in tags {
        let hits = scan_tag(k, v);
        if hits.is_empty() {
            continue;
        }
        let label = if scan(k, Options::default()).is_empty() {
            format!("tag `{k}`")
        } else {
            "a tag key".to_string()
        };
        findings.extend(describe(&label, &hits));
    }
    Ok(verdict(findings, "the name, id or tags"))
}
