//! VPC-002: subnets do not assign public IPv4 addresses automatically.

use crate::prelude::*;

pub static RULE: RuleDef<Subnet> = RuleDef {
    meta: RuleMeta {
        id: "VPC-002",
        name: "vpc-subnet-no-auto-public-ip",
        title: "Subnets do not auto-assign public IPv4 addresses",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"VPC created with private subnets\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "The playbook builds the network from private subnets and warns against public \
            resources (\"Always private subnets\"). A subnet with MapPublicIpOnLaunch gives \
            every instance, and every network interface a service creates in it, a public \
            address unless someone remembers to refuse one; a PHI workload launched there is \
            internet-addressable by default (164.312(a)(1), 164.312(e)(1)). Public-facing load \
            balancers and NAT gateways do not need the setting; only subnets meant for \
            internet-facing instances should have it, as a documented exception. The default \
            VPC's subnets have it turned on.",
        remediation: Remediation {
            console: "VPC console > Subnets > subnet > Actions > Edit subnet settings > clear \"Enable auto-assign public IPv4 address\".\n\
                aws ec2 modify-subnet-attribute --subnet-id SUBNET_ID --no-map-public-ip-on-launch",
            terraform: "resource \"aws_subnet\" \"private_a\" {\n  vpc_id                  = aws_vpc.main.id\n  cidr_block              = \"10.0.1.0/24\"\n  availability_zone       = \"us-east-1a\"\n  map_public_ip_on_launch = false\n}",
            cloudformation: "PrivateSubnetA:\n  Type: AWS::EC2::Subnet\n  Properties:\n    VpcId: !Ref Vpc\n    CidrBlock: 10.0.1.0/24\n    AvailabilityZone: us-east-1a\n    MapPublicIpOnLaunch: false",
        },
        examples: &[
            Example {
                name: "private subnet",
                expect: Status::Pass,
                resources: r#"[{"type": "subnet", "id": "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-1", "vpc_id": "vpc-1", "map_public_ip_on_launch": false}]"#,
            },
            Example {
                name: "auto-assigning subnet",
                expect: Status::Fail,
                resources: r#"[{"type": "subnet", "id": "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-2", "vpc_id": "vpc-1", "map_public_ip_on_launch": true}]"#,
            },
        ],
    },
    check,
};

fn check(subnet: &Subnet, _cx: &Context) -> Check {
    Ok(
        if *subnet
            .map_public_ip_on_launch
            .need("map_public_ip_on_launch")?
        {
            Outcome::fail("subnet assigns a public IPv4 address to every instance launched in it")
        } else {
            Outcome::pass("subnet does not auto-assign public IPv4 addresses")
        },
    )
}
