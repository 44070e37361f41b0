//! EC2-002: instances have no public IPv4 address.

use crate::prelude::*;

pub static RULE: RuleDef<Ec2Instance> = RuleDef {
    meta: RuleMeta {
        id: "EC2-002",
        name: "ec2-instance-no-public-ip",
        title: "EC2 instances have no public IPv4 address",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"VPC created with private subnets\", \"No public-facing databases/storage\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "The playbook puts workloads in private subnets and lists public resources \
            among the common mistakes (\"Always private subnets\"). An instance with a public \
            IPv4 address is one security-group change away from the internet; instances that \
            process PHI should be reached through a load balancer, a VPN or Session Manager. \
            This limits who can reach systems holding ePHI (164.312(a)(1)) and the paths PHI can \
            travel over (164.312(e)(1)). Instances meant to face the internet (bastions, NAT \
            instances) should be the documented exception, not the default.",
        remediation: Remediation {
            console: "Launch instances into private subnets behind a load balancer or NAT gateway; use Session Manager instead of SSH/RDP.\n\
                Release an Elastic IP: aws ec2 disassociate-address --association-id EIPASSOC_ID\n\
                Stop new auto-assigned addresses: aws ec2 modify-subnet-attribute --subnet-id SUBNET_ID --no-map-public-ip-on-launch",
            terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  subnet_id                   = aws_subnet.private_a.id\n  associate_public_ip_address = false\n}",
            cloudformation: "AppInstance:\n  Type: AWS::EC2::Instance\n  Properties:\n    NetworkInterfaces:\n      - DeviceIndex: \"0\"\n        SubnetId: !Ref PrivateSubnetA\n        AssociatePublicIpAddress: false\n        GroupSet: [!Ref AppSecurityGroup]",
        },
        examples: &[
            Example {
                name: "private instance",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0b1", "state": "running", "public_ip": null}]"#,
            },
            Example {
                name: "instance with public ip",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0b2", "state": "running", "public_ip": "54.210.10.20"}]"#,
            },
            Example {
                name: "public ip known only after apply",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_instance", "id": "aws_instance.app", "public_ip": {"$unknown": {"reason": "unresolved", "detail": "associate_public_ip_address = var.public"}}}]"#,
            },
        ],
    },
    check,
};

fn check(instance: &Ec2Instance, _cx: &Context) -> Check {
    if let Some(na) = super::gone(instance) {
        return Ok(na);
    }
    Ok(match instance.public_ip.need("public_ip")? {
        None => Outcome::pass("instance has no public IPv4 address"),
        Some(ip) => Outcome::fail(format!("instance has public IPv4 address {ip}")),
    })
}
