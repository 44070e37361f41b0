//! EC2-011: no security group admits all traffic or all ports from the whole internet.

use crate::prelude::*;

pub static RULE: RuleDef<SecurityGroup> = RuleDef {
    meta: RuleMeta {
        id: "EC2-011",
        name: "security-group-no-open-all-traffic",
        title: "Security groups do not allow all traffic or all ports from 0.0.0.0/0 or ::/0",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"Security groups configured (least privilege)\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "A security group that admits every protocol, or every TCP or UDP port, from \
            the whole internet removes the network layer the whitepaper counts on to protect \
            instances processing PHI: every service the instances run, including ones nobody \
            knows are listening, is exposed. The playbook asks for least-privilege security \
            groups before development. This is the widest possible opening, hence critical \
            (164.312(a)(1), 164.312(e)(1), 164.308(a)(1)(ii)(B)). A rule counts when its \
            protocol is -1 (all) or it covers ports 0-65535 of TCP or UDP.",
        remediation: Remediation {
            console: "EC2 console > Security groups > group > Inbound rules > Edit: delete the All traffic / All TCP / All UDP rule from 0.0.0.0/0 and ::/0 and add only the ports the service needs.\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'",
            terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"https\" {\n  security_group_id = aws_security_group.web.id\n  ip_protocol       = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n# and no rule with ip_protocol = \"-1\" from 0.0.0.0/0",
            cloudformation: "WebSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: web\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 443\n        ToPort: 443\n        CidrIp: 0.0.0.0/0",
        },
        examples: &[
            Example {
                name: "only https open",
                expect: Status::Pass,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-9",
                    "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"]},
                                {"protocol": "-1", "source_security_groups": ["sg-9"]},
                                {"protocol": "icmp", "from_port": -1, "to_port": -1, "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "all traffic from the internet",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-10",
                    "ingress": [{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "all udp ports over ipv6",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-11",
                    "ingress": [{"protocol": "udp", "from_port": 0, "to_port": 65535, "cidr_ipv6": ["::/0"]}]}]"#,
            },
        ],
    },
    check,
};

/// The permission covers every port of TCP or UDP (missing ports mean all).
fn all_ports(rule: &SecurityGroupRule) -> bool {
    matches!(
        rule.protocol.to_ascii_lowercase().as_str(),
        "tcp" | "udp" | "6" | "17"
    ) && rule.from_port.unwrap_or(0) <= 0
        && rule.to_port.is_none_or(|to| to >= 65535 || to == -1)
}

fn check(sg: &SecurityGroup, _cx: &Context) -> Check {
    let open = super::world_open_ingress(sg)?;
    let wide: Vec<String> = open
        .iter()
        .filter(|r| super::all_protocols(r) || all_ports(r))
        .map(|r| {
            let what = if super::all_protocols(r) {
                "all traffic".to_string()
            } else {
                let proto = match r.protocol.as_str() {
                    "6" => "tcp",
                    "17" => "udp",
                    p => p,
                };
                format!("all {proto} ports")
            };
            format!("{what} from {}", super::world_sources(r))
        })
        .collect();
    Ok(if wide.is_empty() {
        Outcome::pass("no all-traffic or all-ports ingress from 0.0.0.0/0 or ::/0")
    } else {
        Outcome::fail(format!("ingress allows {}", wide.join("; ")))
    })
}
