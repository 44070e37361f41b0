//! ACCT-005: account-level S3 Block Public Access has all four switches on.

use crate::prelude::*;

pub static RULE: RuleDef<Account> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-005",
        name: "s3-account-public-access-blocked",
        title: "Account-level S3 Block Public Access has all four settings on",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.308(a)(1)(ii)(B)"],
        source: "Playbook: Step 5: Multi-Account Strategy (Optional), example SCP \"Block Public S3 Buckets\"; Common Mistakes (\"Public RDS/S3 resources: always private subnets, block public access\")",
        rationale: "One public bucket policy or ACL is enough to publish PHI to the internet. \
            Account-level Block Public Access overrides every bucket and access point in the \
            account, so a later mistake on a single bucket cannot expose it. It is the \
            account-wide access control (164.312(a)(1)) and risk-management measure \
            (164.308(a)(1)(ii)(B)) the playbook asks for when it says to block public access and \
            to keep storage off the internet. All four settings are needed: BlockPublicAcls and \
            IgnorePublicAcls cover ACLs, BlockPublicPolicy and RestrictPublicBuckets cover bucket \
            policies.",
        remediation: Remediation {
            console: "S3 console > Block Public Access settings for this account > Edit > tick \
                \"Block all public access\" > Save.\n\
                aws s3control put-public-access-block --account-id ACCOUNT_ID \
                --public-access-block-configuration \
                BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            terraform: "resource \"aws_s3_account_public_access_block\" \"this\" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
            cloudformation: "CloudFormation has no resource type for account-level Block Public \
                Access; run the CLI command above once per account (or in a StackSets-deployed \
                custom resource), and set PublicAccessBlockConfiguration on every \
                AWS::S3::Bucket as well:\nPublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  IgnorePublicAcls: true\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: true",
        },
        examples: &[
            Example {
                name: "all four on",
                expect: Status::Pass,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "s3_public_access_block": {"block_public_acls": true, "ignore_public_acls": true,
                    "block_public_policy": true, "restrict_public_buckets": true}}]"#,
            },
            Example {
                name: "policies not blocked",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "s3_public_access_block": {"block_public_acls": true, "ignore_public_acls": true,
                    "block_public_policy": false, "restrict_public_buckets": false}}]"#,
            },
            Example {
                name: "not configured",
                expect: Status::Fail,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333", "s3_public_access_block": null}]"#,
            },
            Example {
                name: "setting unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "account", "id": "111122223333", "account": "111122223333",
                    "s3_public_access_block": {"$unknown": {"reason": "access_denied", "detail": "s3:GetAccountPublicAccessBlock"}}}]"#,
            },
        ],
    },
    check,
};

fn check(account: &Account, _cx: &Context) -> Check {
    let Some(block) = account
        .s3_public_access_block
        .need("s3_public_access_block")?
    else {
        return Ok(Outcome::fail(
            "account-level S3 Block Public Access is not configured",
        ));
    };
    let off: Vec<&str> = [
        (block.block_public_acls, "BlockPublicAcls"),
        (block.ignore_public_acls, "IgnorePublicAcls"),
        (block.block_public_policy, "BlockPublicPolicy"),
        (block.restrict_public_buckets, "RestrictPublicBuckets"),
    ]
    .into_iter()
    .filter(|(on, _)| !on)
    .map(|(_, name)| name)
    .collect();
    Ok(if off.is_empty() {
        Outcome::pass("all four account-level Block Public Access settings are on")
    } else {
        Outcome::fail(format!(
            "account-level Block Public Access is off for {}",
            off.join(", ")
        ))
    })
}
