//! KMS-003: key policies do not grant access to everyone.

use crate::prelude::*;
use serde_json::Value as Json;

/// Condition keys that tie a `"Principal": "*"` statement in a key policy to known
/// accounts, organisations, principals or networks.
const NARROWING_KEYS: &[&str] = &[
    "kms:calleraccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:userid",
];

pub static RULE: RuleDef<KmsKey> = RuleDef {
    meta: RuleMeta {
        id: "KMS-003",
        name: "kms-key-policy-not-public",
        title: "KMS key policies do not grant access to every AWS principal without a narrowing condition",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.312(a)(2)(iv)", "164.308(a)(4)(ii)(B)"],
        source: "Whitepaper: Using AWS KMS for Encryption of PHI (\"a highly auditable key hierarchy\"); Encryption and protection of PHI in AWS",
        rationale: "Encryption protects PHI only while the key is controlled. A key policy \
            statement allowing `\"Principal\": \"*\"` with no condition naming an account, \
            organisation or principal lets any AWS account in the world use or manage the key: \
            decrypt ciphertext it obtains, re-encrypt data under its own key, or schedule the \
            key for deletion. That defeats the encryption mechanism of 164.312(a)(2)(iv) and the \
            access control of 164.312(a)(1). The AWS default key policy (granting the owning \
            account) and statements narrowed by kms:CallerAccount, aws:PrincipalOrgID and \
            similar keys pass. AWS-managed keys have AWS-written policies and are not \
            applicable.",
        remediation: Remediation {
            console: "KMS console > Customer managed keys > KEY > Key policy > Edit: replace \
                `\"Principal\": \"*\"` with the account or role ARNs that need the key, or add a \
                condition such as StringEquals kms:CallerAccount = ACCOUNT_ID or \
                aws:PrincipalOrgID = o-xxxxxxxxxx.\n\
                aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://key-policy.json",
            terraform: "data \"aws_caller_identity\" \"current\" {}\n\ndata \"aws_iam_policy_document\" \"phi_key\" {\n  statement {\n    sid       = \"AccountAdmin\"\n    actions   = [\"kms:*\"]\n    resources = [\"*\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\"]\n    }\n  }\n}\n\nresource \"aws_kms_key_policy\" \"phi\" {\n  key_id = aws_kms_key.phi.id\n  policy = data.aws_iam_policy_document.phi_key.json\n}",
            cloudformation: "PhiKey:\n  Type: AWS::KMS::Key\n  Properties:\n    EnableKeyRotation: true\n    KeyPolicy:\n      Version: '2012-10-17'\n      Statement:\n        - Sid: AccountAdmin\n          Effect: Allow\n          Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n          Action: 'kms:*'\n          Resource: '*'",
        },
        examples: &[
            Example {
                name: "default key policy",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}]"#,
            },
            Example {
                name: "star principal limited to the calling account",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                        "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                        "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}}]"#,
            },
            Example {
                name: "no policy declared in terraform",
                expect: Status::Pass,
                resources: r#"[{"type": "kms_key", "id": "aws_kms_key.phi", "key_manager": "CUSTOMER", "policy": null}]"#,
            },
            Example {
                name: "open to everyone",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "policy": {"Version": "2012-10-17", "Statement": [
                        {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                        {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}}]"#,
            },
            Example {
                name: "only the service is named",
                expect: Status::Fail,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                        "Action": "kms:Decrypt", "Resource": "*",
                        "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}}]"#,
            },
            Example {
                name: "aws managed key",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/aaaa1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "AWS"}]"#,
            },
            Example {
                name: "key policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "kms_key", "id": "arn:aws:kms:us-east-1:111122223333:key/dddd1111-22bb-33cc-44dd-555555eeeeee",
                    "account": "111122223333", "region": "us-east-1", "key_manager": "CUSTOMER",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "kms:GetKeyPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(key: &KmsKey, _cx: &Context) -> Check {
    if key.key_manager.need("key_manager")? != "CUSTOMER" {
        return Ok(Outcome::not_applicable(
            "AWS-managed key: AWS writes and maintains its policy",
        ));
    }
    let Some(policy) = key.policy.need("policy")? else {
        return Ok(Outcome::pass(
            "no key policy declared: KMS applies the default policy, which grants only the owning account",
        ));
    };
    let open: Vec<String> = policy
        .statements()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.allow && s.is_public_principal() && !narrowed(&s.condition))
        .map(|(i, s)| {
            let which = if s.sid.is_empty() {
                format!("statement {}", i + 1)
            } else {
                format!("statement {}", s.sid)
            };
            let actions = if s.actions.is_empty() {
                "all actions but those in NotAction".to_string()
            } else {
                s.actions.join(", ")
            };
            format!("{which} allows any principal {actions}")
        })
        .collect();
    Ok(if open.is_empty() {
        Outcome::pass("the key policy grants no unconditioned access to every principal")
    } else {
        Outcome::fail(open.join("; "))
    })
}

/// A positive condition (not negated, not `...IfExists`, not `Null`, which pass when the key
/// is absent) on a key that names accounts, organisations, principals or networks.
fn narrowed(condition: &Json) -> bool {
    let Json::Object(ops) = condition else {
        return false;
    };
    ops.iter()
        .filter(|(op, _)| {
            let op = op.to_ascii_lowercase();
            !(op.contains("not") || op.ends_with("ifexists") || op == "null")
        })
        .filter_map(|(_, keys)| keys.as_object())
        .flat_map(|keys| keys.keys())
        .any(|k| NARROWING_KEYS.contains(&k.to_ascii_lowercase().as_str()))
}
