//! EC2-008: no security group admits SSH (TCP 22) from the whole internet.

use crate::prelude::*;

pub static RULE: RuleDef<SecurityGroup> = RuleDef {
    meta: RuleMeta {
        id: "EC2-008",
        name: "security-group-no-open-ssh",
        title: "Security groups do not allow SSH (port 22) from 0.0.0.0/0 or ::/0",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"Security groups configured (least privilege)\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "The whitepaper relies on security groups to protect instances that process \
            PHI from unauthorised network access, and the playbook asks for least-privilege \
            security groups before any development. SSH open to the internet exposes the \
            operating system login of every instance in the group to constant password \
            guessing and exploit scanning; one weak key or unpatched daemon gives shell access \
            to the PHI on the host. Administrative access should come from a VPN, a bastion \
            with a narrow source range, or Session Manager (164.312(a)(1) access control, \
            164.308(a)(1)(ii)(B) risk management, 164.308(a)(5)(ii)(B) protection from \
            malicious software). Rules allowing all protocols or port ranges that include 22 \
            count as open.",
        remediation: Remediation {
            console: "EC2 console > Security groups > group > Inbound rules > Edit: remove the 0.0.0.0/0 and ::/0 sources for port 22; use Session Manager or a VPN range.\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]'",
            terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"ssh_from_vpn\" {\n  security_group_id = aws_security_group.app.id\n  ip_protocol       = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = \"10.20.0.0/16\" # the VPN range, never 0.0.0.0/0\n}",
            cloudformation: "AppSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: app\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 22\n        ToPort: 22\n        CidrIp: 10.20.0.0/16",
        },
        examples: &[
            Example {
                name: "ssh only from the vpn range",
                expect: Status::Pass,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1",
                    "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["10.20.0.0/16"]},
                                {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "ssh open to the internet",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-2",
                    "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "port range including 22 open over ipv6",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-3",
                    "ingress": [{"protocol": "tcp", "from_port": 0, "to_port": 1024, "cidr_ipv6": ["::/0"]}]}]"#,
            },
            Example {
                name: "ingress rules unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-4",
                    "ingress": {"$unknown": {"reason": "access_denied", "detail": "ec2:DescribeSecurityGroupRules"}}}]"#,
            },
        ],
    },
    check,
};

fn check(sg: &SecurityGroup, _cx: &Context) -> Check {
    super::no_world_tcp(sg, &[22], "SSH (22)")
}
