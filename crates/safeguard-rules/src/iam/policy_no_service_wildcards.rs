//! IAM-007: customer-managed policies avoid `service:*` wildcards.

use crate::prelude::*;

pub static RULE: RuleDef<IamPolicy> = RuleDef {
    meta: RuleMeta {
        id: "IAM-007",
        name: "iam-policy-no-service-wildcards",
        title: "Customer-managed IAM policies do not allow all actions of a service",
        severity: Severity::Low,
        hipaa: &["164.308(a)(4)(ii)(B)", "164.308(a)(4)(i)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Identity and Access Management (\"permissions for the specific resources (such as ... API actions) users need to use\"); Playbook: Step 4: IAM Best Practices (\"Least privilege access\")",
        rationale: "`s3:*` grants not only reading and writing objects but deleting buckets, \
            rewriting bucket policies and turning off encryption; `kms:*` includes scheduling \
            key deletion. Service-wide wildcards are how least-privilege policies quietly become \
            administrator policies for the services holding PHI. The whitepaper's AWS Identity \
            and Access Management section asks for permissions on the specific API actions users \
            need, and access authorisation (164.308(a)(4)(ii)(B)) asks access to match the job. \
            Severity is low because a wildcard on a narrow resource is often tolerable; the \
            finding lists each one for review. `*` allowed on named resources (every action of \
            every service there) counts too; `*` on every resource is IAM-005's full \
            administrator access.",
        remediation: Remediation {
            console: "IAM > Policies > POLICY > Edit: replace each `service:*` with the actions \
                used (IAM > Policies > POLICY > Access Advisor, or IAM Access Analyzer policy \
                generation, shows which ones).\n\
                aws iam create-policy-version --policy-arn POLICY_ARN --policy-document file://scoped.json --set-as-default",
            terraform: "data \"aws_iam_policy_document\" \"reports\" {\n  statement {\n    # was: actions = [\"s3:*\"]\n    actions   = [\"s3:GetObject\", \"s3:PutObject\", \"s3:ListBucket\"]\n    resources = [aws_s3_bucket.reports.arn, \"${aws_s3_bucket.reports.arn}/*\"]\n  }\n}",
            cloudformation: "ReportsPolicy:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Action: [s3:GetObject, s3:PutObject, s3:ListBucket]   # was s3:*\n          Resource: [!GetAtt ReportsBucket.Arn, !Sub '${ReportsBucket.Arn}/*']",
        },
        examples: &[
            Example {
                name: "named actions",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/reports", "name": "reports", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::reports/*"}]}}]"#,
            },
            Example {
                name: "s3 and kms wildcards",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/data-eng", "name": "data-eng", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                        {"Effect": "Allow", "Action": ["kms:*", "logs:GetLogEvents"], "Resource": "*"}]}}]"#,
            },
            Example {
                name: "every action on one bucket",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/intake", "name": "intake", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::intake/*"}]}}]"#,
            },
            Example {
                name: "wildcard only in a deny",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/no-delete", "name": "no-delete", "account": "111122223333",
                    "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:*", "Resource": "*",
                        "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "security"}}}]}}]"#,
            },
            Example {
                name: "document unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_policy", "id": "arn:aws:iam::111122223333:policy/x", "name": "x", "account": "111122223333",
                    "document": {"$unknown": {"reason": "throttled", "detail": "iam:GetPolicyVersion"}}}]"#,
            },
        ],
    },
    check,
};

fn check(policy: &IamPolicy, _cx: &Context) -> Check {
    let doc = policy.document.need("document")?;
    let mut wildcards = doc.service_wildcards();
    // `*` on named resources is every action of every service there: broader than any
    // service wildcard. (`*` on `*` is IAM-005's full administrator access.)
    let scoped_all = doc.statements().into_iter().any(|s| {
        s.allow
            && s.actions.iter().any(|a| a == "*" || a == "*:*")
            && !s.resources.is_empty()
            && !s.resources.iter().any(|r| r == "*")
    });
    if scoped_all {
        wildcards.insert(0, "* (every action) on named resources".to_string());
    }
    Ok(if wildcards.is_empty() {
        Outcome::pass("the policy allows no service-wide action wildcards")
    } else {
        Outcome::fail(format!("the policy allows {}", wildcards.join(", ")))
    })
}
