//! IAM-010: customer-managed policies do not allow decrypting with every KMS key.

use crate::prelude::*;
use serde_json::Value as Json;

/// Actions that turn ciphertext back into plaintext (or into ciphertext under another key).
const DECRYPT_ACTIONS: &[&str] = &["kms:Decrypt", "kms:ReEncryptFrom"];

pub static RULE: RuleDef<IamPolicy> = RuleDef {
    meta: RuleMeta {
        id: "IAM-010",
        name: "iam-policy-no-decrypt-all-keys",
        title: "Customer-managed IAM policies do not allow kms:Decrypt or kms:ReEncryptFrom on all keys",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
        source: "Whitepaper: Using AWS KMS for Encryption of PHI (\"a highly auditable key hierarchy\"); Whitepaper: AWS Identity and Access Management",
        rationale: "Encryption at rest (164.312(a)(2)(iv)) protects PHI only as far as access to \
            the keys is limited. The whitepaper's Using AWS KMS for Encryption of PHI section \
            builds on customer keys that protect data keys; a policy allowing kms:Decrypt on \
            `*` lets its holder decrypt whatever any key in the account protects, including \
            keys created later for other workloads, and erases the separation the key \
            hierarchy was meant to provide. Statements narrowed by a KMS condition \
            (kms:ViaService, kms:EncryptionContext..., kms:CallerAccount) or by resource tags \
            are accepted. Full-administrator policies are reported by IAM-005 as well.",
        remediation: Remediation {
            console: "IAM > Policies > POLICY > Edit: replace `\"Resource\": \"*\"` in the statement \
                allowing kms:Decrypt with the ARNs of the keys the workload uses, or add a \
                condition such as StringEquals kms:ViaService = s3.us-east-1.amazonaws.com.\n\
                aws iam create-policy-version --policy-arn POLICY_ARN --policy-document file://scoped.json --set-as-default",
            terraform: "data \"aws_iam_policy_document\" \"phi_decrypt\" {\n  statement {\n    actions   = [\"kms:Decrypt\", \"kms:GenerateDataKey\"]\n    resources = [aws_kms_key.phi.arn]\n  }\n}",
            cloudformation: "PhiDecrypt:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Action: [kms:Decrypt, kms:GenerateDataKey]\n          Resource: !GetAtt PhiKey.Arn",
        },
        examples: &[
            Example {
                name: "decrypt on one key",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/phi-decrypt", "name": "phi-decrypt", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                        "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}}]"#,
            },
            Example {
                name: "decrypt on all keys through one service",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/s3-kms", "name": "s3-kms", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                        "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}}]"#,
            },
            Example {
                name: "decrypt on every key",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/app", "name": "app", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Sid": "Kms", "Effect": "Allow",
                        "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "arn:aws:kms:*:111122223333:key/*"}]}}]"#,
            },
            Example {
                name: "kms wildcard action on star",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/ops", "name": "ops", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}}]"#,
            },
            Example {
                name: "document unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/x", "name": "x", "account": "111122223333",
                    "document": {"$unknown": {"reason": "access_denied", "detail": "iam:GetPolicyVersion"}}}]"#,
            },
        ],
    },
    check,
};

fn check(policy: &IamPolicy, _cx: &Context) -> Check {
    let document = policy.document.need("document")?;
    let mut found: Vec<String> = Vec::new();
    for (i, st) in document.statements().iter().enumerate() {
        if !st.allow || narrowed_to_keys(&st.condition) {
            continue;
        }
        let actions: Vec<&str> = DECRYPT_ACTIONS
            .iter()
            .copied()
            .filter(|a| st.covers_action(a))
            .collect();
        if actions.is_empty()
            || !st.not_resources.is_empty()
            || !st.resources.iter().any(|r| all_keys(r))
        {
            continue;
        }
        let which = if st.sid.is_empty() {
            format!("statement {}", i + 1)
        } else {
            format!("statement {}", st.sid)
        };
        found.push(format!(
            "{which} allows {} on all keys",
            actions.join(" and ")
        ));
    }
    Ok(if found.is_empty() {
        Outcome::pass("the policy does not allow decrypting with every KMS key")
    } else {
        Outcome::fail(found.join("; "))
    })
}

/// A resource pattern that covers every KMS key: `*`, `arn:aws:kms:*:ACCOUNT:key/*`,
/// `arn:aws:kms:REGION:ACCOUNT:*`.
fn all_keys(resource: &str) -> bool {
    resource == "*"
        || resource.ends_with(":key/*")
        || (resource.contains(":kms:") && resource.ends_with(":*"))
}

/// A condition on a KMS key (`kms:ViaService`, `kms:EncryptionContext:...`,
/// `kms:CallerAccount`) or on the key's tags narrows the statement to some keys or uses.
fn narrowed_to_keys(condition: &Json) -> bool {
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
        .map(|k| k.to_ascii_lowercase())
        .any(|k| k.starts_with("kms:") || k.starts_with("aws:resourcetag/"))
}
