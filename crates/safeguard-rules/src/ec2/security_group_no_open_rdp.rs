//! EC2-009: no security group admits RDP (TCP 3389) from the whole internet.

use crate::prelude::*;

pub static RULE: RuleDef<SecurityGroup> = RuleDef {
    meta: RuleMeta {
        id: "EC2-009",
        name: "security-group-no-open-rdp",
        title: "Security groups do not allow RDP (port 3389) from 0.0.0.0/0 or ::/0",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"Security groups configured (least privilege)\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "The whitepaper relies on security groups to keep unauthorised network access \
            away from instances that process PHI, and the playbook asks for least-privilege \
            groups before development starts. Remote Desktop open to the internet is among the \
            most exploited entry points for ransomware, which encrypts or exfiltrates PHI and \
            is itself a reportable breach under HHS guidance. Administrative access belongs \
            behind a VPN, a narrow source range or Fleet Manager / Session Manager \
            (164.312(a)(1), 164.308(a)(1)(ii)(B), 164.308(a)(5)(ii)(B)). Rules allowing all \
            protocols or port ranges that include 3389 count as open.",
        remediation: Remediation {
            console: "EC2 console > Security groups > group > Inbound rules > Edit: remove the 0.0.0.0/0 and ::/0 sources for port 3389; use Fleet Manager Remote Desktop or a VPN range.\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=0.0.0.0/0}]'",
            terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"rdp_from_vpn\" {\n  security_group_id = aws_security_group.win.id\n  ip_protocol       = \"tcp\"\n  from_port         = 3389\n  to_port           = 3389\n  cidr_ipv4         = \"10.20.0.0/16\"\n}",
            cloudformation: "WinSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: windows hosts\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 3389\n        ToPort: 3389\n        CidrIp: 10.20.0.0/16",
        },
        examples: &[
            Example {
                name: "rdp from a private range",
                expect: Status::Pass,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-5",
                    "ingress": [{"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": ["10.20.0.0/16"]}]}]"#,
            },
            Example {
                name: "rdp open to the internet",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-6",
                    "ingress": [{"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": ["::/0"]}]}]"#,
            },
        ],
    },
    check,
};

fn check(sg: &SecurityGroup, _cx: &Context) -> Check {
    super::no_world_tcp(sg, &[3389], "RDP (3389)")
}
