//! IAM-009: no inline policy on an IAM role grants full administrative access.

use crate::prelude::*;

pub static RULE: RuleDef<IamRole> = RuleDef {
    meta: RuleMeta {
        id: "IAM-009",
        name: "iam-role-inline-policy-no-full-admin",
        title: "Inline policies on IAM roles do not allow every action on every resource",
        severity: Severity::High,
        hipaa: &["164.308(a)(4)(ii)(B)", "164.308(a)(4)(i)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Identity and Access Management (\"custom policies to attach to a role\", \"least privilege principles\"); Playbook: Step 4: IAM Best Practices, Service Roles (\"Fine-grained permissions per service\")",
        rationale: "Roles are how workloads reach PHI: an ECS task, a Lambda function or an EC2 \
            instance profile. An inline `*`-on-`*` policy on such a role means any code flaw in \
            that workload hands an attacker every PHI store, key and audit log in the account, \
            and the grant is invisible in the list of managed policies that access reviews \
            read. The playbook asks for fine-grained permissions per service role; access \
            authorisation (164.308(a)(4)(ii)(B)) asks access to match the function. \
            Service-linked roles are written by AWS and are not applicable.",
        remediation: Remediation {
            console: "IAM > Roles > ROLE > Permissions > select the inline policy > Edit: list the \
                actions and resource ARNs the workload needs (IAM Access Analyzer > Generate \
                policy helps), or Remove it.\n\
                aws iam put-role-policy --role-name ROLE --policy-name POLICY_NAME --policy-document file://scoped.json",
            terraform: "resource \"aws_iam_role_policy\" \"task\" {\n  role = aws_iam_role.task.id\n  name = \"phi-bucket-rw\"\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = [\"s3:GetObject\", \"s3:PutObject\"]\n      Resource = \"${aws_s3_bucket.phi.arn}/*\"\n    }]\n  })\n}",
            cloudformation: "TaskRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: {Service: ecs-tasks.amazonaws.com}\n          Action: sts:AssumeRole\n    Policies:\n      - PolicyName: phi-bucket-rw\n        PolicyDocument:\n          Version: '2012-10-17'\n          Statement:\n            - Effect: Allow\n              Action: [s3:GetObject, s3:PutObject]\n              Resource: !Sub '${PhiBucket.Arn}/*'",
        },
        examples: &[
            Example {
                name: "scoped task role",
                expect: Status::Pass,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/api-task", "name": "api-task", "account": "111122223333",
                    "service_linked": false,
                    "inline_policies": [{"name": "phi-bucket-rw", "document": {"Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::clinic-phi/*"}]}}]}]"#,
            },
            Example {
                name: "admin inline on a lambda role",
                expect: Status::Fail,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/etl-lambda", "name": "etl-lambda", "account": "111122223333",
                    "service_linked": false,
                    "inline_policies": [{"name": "quick-fix", "document": {"Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}}]}]"#,
            },
            Example {
                name: "service-linked role",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
                    "name": "AWSServiceRoleForRDS", "account": "111122223333", "service_linked": true, "inline_policies": []}]"#,
            },
            Example {
                name: "inline policies unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "iam_role", "id": "arn:aws:iam::111122223333:role/x", "name": "x", "account": "111122223333",
                    "service_linked": false,
                    "inline_policies": {"$unknown": {"reason": "access_denied", "detail": "iam:GetRolePolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(role: &IamRole, _cx: &Context) -> Check {
    if *role.service_linked.need("service_linked")? {
        return Ok(Outcome::not_applicable(
            "service-linked role: its policies are managed by AWS",
        ));
    }
    let inline = role.inline_policies.need("inline_policies")?;
    let admin: Vec<&str> = inline
        .iter()
        .filter(|p| p.document.allows_full_admin())
        .map(|p| p.name.as_str())
        .collect();
    Ok(if inline.is_empty() {
        Outcome::pass("the role has no inline policies")
    } else if admin.is_empty() {
        Outcome::pass(format!(
            "none of the role's {} inline policies allows every action on every resource",
            inline.len()
        ))
    } else {
        Outcome::fail(format!(
            "inline policy {} allows every action on every resource",
            admin.join(", ")
        ))
    })
}
