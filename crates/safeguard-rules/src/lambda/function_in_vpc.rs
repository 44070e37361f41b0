//! LMB-003: Lambda functions run attached to a VPC.

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-003",
        name: "lambda-function-in-vpc",
        title: "Lambda functions that handle PHI are attached to a VPC",
        severity: Severity::Low,
        hipaa: &["164.312(e)(1)", "164.312(a)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: AWS Lambda (\"connections to external resources should use an encrypted protocol\")",
        rationale: "A function not attached to a VPC reaches databases, caches and other \
            services through the public internet side of AWS, so those PHI stores must accept \
            connections from outside the VPC, and the function's outbound traffic cannot be \
            limited by security groups, network ACLs or VPC endpoint policies. Attaching it to \
            private subnets lets PHI stay on private addresses and keeps egress under the same \
            network controls as the rest of the workload (transmission security, \
            164.312(e)(1); access control, 164.312(a)(1)). This is meaningful only for \
            functions that handle PHI: glue functions that never touch it gain little and pay \
            for NAT or endpoints. Mark PHI resources with the scan scope (tags) so that findings \
            on other functions do not count, and treat this as a low-severity hardening measure.",
        remediation: Remediation {
            console: "Lambda console > function > Configuration > VPC > Edit > choose the VPC, \
                private subnets in at least two Availability Zones and a security group > Save \
                (the execution role needs AWSLambdaVPCAccessExecutionRole).\n\
                aws lambda update-function-configuration --function-name FUNCTION \
                --vpc-config SubnetIds=subnet-aaa,subnet-bbb,SecurityGroupIds=sg-ccc",
            terraform: "resource \"aws_lambda_function\" \"ingest\" {\n  # ...\n  vpc_config {\n    subnet_ids         = aws_subnet.private[*].id\n    security_group_ids = [aws_security_group.ingest.id]\n  }\n}",
            cloudformation: "IngestFunction:\n  Type: AWS::Lambda::Function\n  Properties:\n    # ...\n    VpcConfig:\n      SubnetIds:\n        - !Ref PrivateSubnetA\n        - !Ref PrivateSubnetB\n      SecurityGroupIds:\n        - !Ref IngestSecurityGroup",
        },
        examples: &[
            Example {
                name: "in a vpc",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "vpc_id": "vpc-0a1b2c3d4e5f60718"}]"#,
            },
            Example {
                name: "not in a vpc",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results", "vpc_id": null}]"#,
            },
            Example {
                name: "vpc config unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "lambda_function", "id": "aws_lambda_function.ingest",
                    "vpc_id": {"$unknown": {"reason": "unresolved", "detail": "module.network.vpc_id"}}}]"#,
            },
        ],
    },
    check,
};

fn check(function: &LambdaFunction, _cx: &Context) -> Check {
    Ok(match function.vpc_id.need("vpc_id")? {
        Some(vpc) => Outcome::pass(format!("attached to {vpc}")),
        None => Outcome::fail("function is not attached to a VPC"),
    })
}
