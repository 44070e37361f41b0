//! IAM-005: no customer-managed policy grants full administrative access.

use crate::prelude::*;

pub static RULE: RuleDef<IamPolicy> = RuleDef {
    meta: RuleMeta {
        id: "IAM-005",
        name: "iam-policy-no-full-admin",
        title: "Customer-managed IAM policies do not allow every action on every resource",
        severity: Severity::High,
        hipaa: &["164.308(a)(4)(ii)(B)", "164.308(a)(4)(i)", "164.308(a)(3)(ii)(A)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Identity and Access Management (\"only the permissions necessary to fulfill their job duties\", \"least privilege principles\"); Playbook: Step 4: IAM Best Practices (\"Least privilege access\")",
        rationale: "A policy that allows `*` on `*` gives whoever holds it every PHI store, \
            every key and the audit trail itself, and usually ends up attached to far more \
            people and workloads than need it. Access authorisation (164.308(a)(4)(ii)(B)) and \
            the minimum-necessary principle behind 164.308(a)(4)(i) ask that access be granted \
            for a job function; the whitepaper's AWS Identity and Access Management section asks \
            that each user be given only the permissions necessary for their duties. A policy \
            not attached to anything today still fails: attaching it is one API call away.",
        remediation: Remediation {
            console: "IAM > Policies > POLICY > Edit: replace `\"Action\": \"*\", \"Resource\": \"*\"` \
                with the services, actions and resource ARNs the job needs (IAM Access Analyzer > \
                Generate policy from CloudTrail activity helps). Keep true administrator access \
                on a few MFA-protected, audited break-glass roles using the AWS managed \
                AdministratorAccess policy.\n\
                aws iam create-policy-version --policy-arn POLICY_ARN --policy-document file://scoped.json --set-as-default",
            terraform: "data \"aws_iam_policy_document\" \"phi_read\" {\n  statement {\n    actions   = [\"s3:GetObject\", \"s3:ListBucket\"]\n    resources = [aws_s3_bucket.phi.arn, \"${aws_s3_bucket.phi.arn}/*\"]\n  }\n}\n\nresource \"aws_iam_policy\" \"phi_read\" {\n  name   = \"phi-read\"\n  policy = data.aws_iam_policy_document.phi_read.json\n}",
            cloudformation: "PhiRead:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Action: [s3:GetObject, s3:ListBucket]\n          Resource: [!GetAtt PhiBucket.Arn, !Sub '${PhiBucket.Arn}/*']",
        },
        examples: &[
            Example {
                name: "scoped policy",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/phi-read", "name": "phi-read",
                    "account": "111122223333", "attachment_count": 2,
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:ListBucket"],
                        "Resource": ["arn:aws:s3:::clinic-phi", "arn:aws:s3:::clinic-phi/*"]}]}}]"#,
            },
            Example {
                name: "star on star",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/devops-all", "name": "devops-all",
                    "account": "111122223333", "attachment_count": 5,
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]"#,
            },
            Example {
                name: "deny star on star is fine",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/require-mfa", "name": "require-mfa",
                    "account": "111122223333", "attachment_count": 1,
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}}]"#,
            },
            Example {
                name: "policy version unreadable",
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
    if !document.allows_full_admin() {
        return Ok(Outcome::pass(
            "the policy does not allow every action on every resource",
        ));
    }
    // The attachment count only words the finding.
    Ok(Outcome::fail(match policy.attachment_count.known() {
        Some(0) => {
            "the policy allows every action on every resource (not attached to anything at present)"
                .to_string()
        }
        Some(n) => format!(
            "the policy allows every action on every resource and is attached to {n} identities"
        ),
        None => "the policy allows every action on every resource".to_string(),
    }))
}
