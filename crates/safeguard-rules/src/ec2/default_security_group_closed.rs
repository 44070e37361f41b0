//! EC2-012: the default security group of every VPC allows no traffic.

use crate::prelude::*;

pub static RULE: RuleDef<SecurityGroup> = RuleDef {
    meta: RuleMeta {
        id: "EC2-012",
        name: "vpc-default-security-group-closed",
        title: "The default security group of each VPC has no inbound or outbound rules",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"Security groups configured (least privilege)\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "Every VPC has a default security group that resources join when nobody picks \
            one, and out of the box it lets members talk to each other and to anywhere. \
            Least-privilege groups, as the playbook asks, only work if the fallback grants \
            nothing: then a database or instance launched without an explicit group is \
            isolated instead of silently sharing a network with everything else that was \
            forgotten (164.312(a)(1) access control, 164.308(a)(4)(ii)(B) access \
            authorisation). Any ingress or egress rule fails. Groups that are not a VPC's \
            default are not applicable.",
        remediation: Remediation {
            console: "VPC console > Security groups > the group named default > Inbound rules and Outbound rules > delete every rule. Move resources that use it to purpose-made groups first.\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions '[{\"IpProtocol\":\"-1\",\"UserIdGroupPairs\":[{\"GroupId\":\"SG_ID\"}]}]'\n\
                aws ec2 revoke-security-group-egress --group-id SG_ID --ip-permissions '[{\"IpProtocol\":\"-1\",\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]'",
            terraform: "# Adopting the default group with no ingress/egress blocks removes all of its rules.\nresource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n}",
            cloudformation: "The default security group is created by the VPC and cannot be managed by CloudFormation; \
                remove its rules with the CLI (or a custom resource) after creating the AWS::EC2::VPC.",
        },
        examples: &[
            Example {
                name: "default group emptied",
                expect: Status::Pass,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-def1", "name": "default",
                    "is_default": true, "ingress": [], "egress": []}]"#,
            },
            Example {
                name: "default group with its original rules",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-def2", "name": "default",
                    "is_default": true,
                    "ingress": [{"protocol": "-1", "source_security_groups": ["sg-def2"]}],
                    "egress": [{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "not a default group",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-app", "is_default": false,
                    "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["10.0.0.0/16"]}], "egress": []}]"#,
            },
        ],
    },
    check,
};

fn check(sg: &SecurityGroup, _cx: &Context) -> Check {
    if !*sg.is_default.need("is_default")? {
        return Ok(Outcome::not_applicable("not a VPC default security group"));
    }
    let ingress = sg.ingress.need("ingress")?.len();
    let egress = sg.egress.need("egress")?.len();
    Ok(if ingress == 0 && egress == 0 {
        Outcome::pass("default security group has no rules")
    } else {
        Outcome::fail(format!(
            "default security group has {ingress} inbound and {egress} outbound rule(s)"
        ))
    })
}
