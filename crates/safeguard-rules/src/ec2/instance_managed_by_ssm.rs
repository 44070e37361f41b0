//! EC2-013: instances are managed by AWS Systems Manager (patching, inventory).

use crate::prelude::*;

pub static RULE: RuleDef<Ec2Instance> = RuleDef {
    meta: RuleMeta {
        id: "EC2-013",
        name: "ec2-instance-managed-by-ssm",
        title: "EC2 instances are managed by AWS Systems Manager",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: Amazon Elastic Compute Cloud; AWS Systems Manager",
        rationale: "EC2 is an infrastructure service: AWS patches the hypervisor, the customer \
            patches the operating system and everything on it. The whitepaper presents Systems \
            Manager as the way to see and manage that fleet; an instance that is not a managed \
            node gets no Patch Manager baseline, no inventory and no Session Manager access, so \
            missing security updates go unnoticed. Keeping known vulnerabilities out of systems \
            holding PHI is part of risk management (164.308(a)(1)(ii)(B)) and of protection \
            from malicious software (164.308(a)(5)(ii)(B)). Stopped instances are checked as \
            well: they are patched only if they are managed when they start.",
        remediation: Remediation {
            console: "Give the instance a role with AmazonSSMManagedInstanceCore (or turn on Default Host Management Configuration), make sure the SSM Agent runs and can reach the SSM endpoints, then add a Patch Manager patch policy via Quick Setup.\n\
                aws ssm update-service-setting --setting-id arn:aws:ssm:REGION:ACCOUNT_ID:servicesetting/ssm/managed-instance/default-ec2-instance-management-role --setting-value service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole\n\
                aws ssm describe-instance-information --filters Key=InstanceIds,Values=INSTANCE_ID",
            terraform: "resource \"aws_iam_role_policy_attachment\" \"ssm\" {\n  role       = aws_iam_role.app.name\n  policy_arn = \"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\"\n}",
            cloudformation: "AppRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: \"2012-10-17\"\n      Statement:\n        - Effect: Allow\n          Principal: { Service: ec2.amazonaws.com }\n          Action: sts:AssumeRole\n    ManagedPolicyArns:\n      - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        },
        examples: &[
            Example {
                name: "managed node",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0e1", "state": "running", "ssm_managed": true}]"#,
            },
            Example {
                name: "not registered with systems manager",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0e2", "state": "running", "ssm_managed": false}]"#,
            },
            Example {
                name: "ssm inventory not readable",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0e3", "state": "running",
                    "ssm_managed": {"$unknown": {"reason": "access_denied", "detail": "ssm:DescribeInstanceInformation"}}}]"#,
            },
        ],
    },
    check,
};

fn check(instance: &Ec2Instance, _cx: &Context) -> Check {
    if let Some(na) = super::gone(instance) {
        return Ok(na);
    }
    Ok(if *instance.ssm_managed.need("ssm_managed")? {
        Outcome::pass("instance is a Systems Manager managed node")
    } else {
        Outcome::fail("instance is not registered with Systems Manager")
    })
}
