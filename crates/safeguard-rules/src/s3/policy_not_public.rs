//! S3-004: bucket policies grant no access to anonymous principals.

use crate::prelude::*;

pub static RULE: RuleDef<S3Bucket> = RuleDef {
    meta: RuleMeta {
        id: "S3-004",
        name: "s3-bucket-policy-not-public",
        title: "S3 bucket policies grant no access to everyone",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(i)"],
        source: "Whitepaper: Amazon Simple Storage Service (Amazon S3); Playbook: Step 7: Initial Configuration Checklist (\"No public-facing databases/storage\")",
        rationale: "A statement that allows \"Principal\": \"*\" without a condition tying it to \
            an account, organisation, VPC endpoint or source lets anyone on the internet perform \
            its actions: reading every PHI object, or writing and deleting them. That is the \
            opposite of 164.312(a)(1)'s requirement that access go only to those granted it. \
            The playbook's Step 7 says no public-facing storage. Block Public Access can \
            neutralise such a grant for now, which the message says, but the grant still fails: \
            it takes effect the day the block is lifted.",
        remediation: Remediation {
            console: "S3 console > bucket > Permissions > Bucket policy > Edit: remove the statement \
                with Principal \"*\" or add a condition such as aws:PrincipalOrgID or \
                aws:SourceVpce; then turn on Block Public Access.\n\
                aws s3api get-bucket-policy --bucket BUCKET --query Policy --output text > policy.json\n\
                (edit policy.json) aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json",
            terraform: "data \"aws_iam_policy_document\" \"phi\" {\n  statement {\n    sid       = \"OrgReadOnly\"\n    actions   = [\"s3:GetObject\"]\n    resources = [\"${aws_s3_bucket.phi.arn}/*\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"StringEquals\"\n      variable = \"aws:PrincipalOrgID\"\n      values   = [var.org_id]\n    }\n  }\n}",
            cloudformation: "PhiBucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref PhiBucket\n    PolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: OrgReadOnly\n          Effect: Allow\n          Principal: \"*\"\n          Action: s3:GetObject\n          Resource: !Sub \"${PhiBucket.Arn}/*\"\n          Condition:\n            StringEquals:\n              aws:PrincipalOrgID: !Ref OrgId",
        },
        examples: &[
            Example {
                name: "no policy",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": null}]"#,
            },
            Example {
                name: "wildcard principal narrowed to the organisation",
                expect: Status::Pass,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": {"Statement": [{
                    "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::clinic-phi/*",
                    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}}]"#,
            },
            Example {
                name: "anyone may read objects",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi", "policy": {"Statement": [{
                    "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::clinic-phi/*"}]}}]"#,
            },
            Example {
                name: "public grant neutralised by block public access still fails",
                expect: Status::Fail,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true},
                    "policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::clinic-phi/*"}]}}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::clinic-phi",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "s3:GetBucketPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(bucket: &S3Bucket, cx: &Context) -> Check {
    let Some(doc) = bucket.policy.need("policy")? else {
        return Ok(Outcome::pass("bucket has no policy"));
    };
    let public = doc.public_statements();
    if public.is_empty() {
        return Ok(Outcome::pass(
            "policy grants nothing to anonymous principals",
        ));
    }
    let mut actions: Vec<String> = public
        .iter()
        .flat_map(|s| {
            if s.not_actions.is_empty() {
                s.actions.clone()
            } else {
                vec![format!("all but {}", s.not_actions.join(", "))]
            }
        })
        .collect();
    actions.sort();
    actions.dedup();
    let note = if super::known_blocked(bucket, cx, |p| p.restrict_public_buckets) {
        "; RestrictPublicBuckets blocks it for now"
    } else {
        ""
    };
    Ok(Outcome::fail(format!(
        "policy allows anyone (Principal \"*\", no restricting condition) {}{note}",
        actions.join(", ")
    )))
}
