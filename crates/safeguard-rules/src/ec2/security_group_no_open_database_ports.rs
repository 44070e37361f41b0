//! EC2-010: no security group admits database or cache ports from the whole internet.

use crate::prelude::*;

/// SQL Server, Oracle, MySQL/MariaDB/Aurora MySQL, PostgreSQL/Aurora PostgreSQL, Redshift,
/// Redis, Elasticsearch/OpenSearch, Memcached, MongoDB/DocumentDB.
const PORTS: &[i32] = &[1433, 1521, 3306, 5432, 5439, 6379, 9200, 11211, 27017];

pub static RULE: RuleDef<SecurityGroup> = RuleDef {
    meta: RuleMeta {
        id: "EC2-010",
        name: "security-group-no-open-database-ports",
        title: "Security groups do not allow database or cache ports from 0.0.0.0/0 or ::/0",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"No public-facing databases/storage\", \"Security groups configured (least privilege)\"); Whitepaper: Amazon Virtual Private Cloud",
        rationale: "The playbook's Network Foundation says no database may face the public and \
            lists public RDS among the common mistakes. Databases and caches are where PHI \
            lives; a listener reachable from the whole internet is exposed to credential \
            stuffing, unauthenticated defaults (Redis, Memcached, Elasticsearch) and protocol \
            exploits, and many clients fall back to unencrypted connections. The ports checked \
            are TCP 1433 (SQL Server), 1521 (Oracle), 3306 (MySQL/MariaDB), 5432 (PostgreSQL), \
            5439 (Redshift), 6379 (Redis), 9200 (Elasticsearch/OpenSearch), 11211 (Memcached) \
            and 27017 (MongoDB/DocumentDB). Only application tiers and administrators should \
            reach them (164.312(a)(1), 164.312(e)(1), 164.308(a)(1)(ii)(B)). Rules allowing all \
            protocols or covering port ranges count as open.",
        remediation: Remediation {
            console: "EC2 console > Security groups > group > Inbound rules > Edit: replace 0.0.0.0/0 and ::/0 sources on database ports with the application tier's security group.\n\
                aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=0.0.0.0/0}]'\n\
                aws ec2 authorize-security-group-ingress --group-id SG_ID --protocol tcp --port 5432 --source-group APP_SG_ID",
            terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"db_from_app\" {\n  security_group_id            = aws_security_group.db.id\n  ip_protocol                  = \"tcp\"\n  from_port                    = 5432\n  to_port                      = 5432\n  referenced_security_group_id = aws_security_group.app.id\n}",
            cloudformation: "DbIngressFromApp:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n    GroupId: !Ref DbSecurityGroup\n    IpProtocol: tcp\n    FromPort: 5432\n    ToPort: 5432\n    SourceSecurityGroupId: !Ref AppSecurityGroup",
        },
        examples: &[
            Example {
                name: "database reachable from the app tier only",
                expect: Status::Pass,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-7",
                    "ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "source_security_groups": ["sg-app"]},
                                {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"]}]}]"#,
            },
            Example {
                name: "mysql and redis open to the internet",
                expect: Status::Fail,
                resources: r#"[{"type": "security_group", "id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-8",
                    "ingress": [{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": ["0.0.0.0/0"]},
                                {"protocol": "6", "from_port": 6379, "to_port": 6379, "cidr_ipv6": ["::/0"]}]}]"#,
            },
        ],
    },
    check,
};

fn check(sg: &SecurityGroup, _cx: &Context) -> Check {
    super::no_world_tcp(
        sg,
        PORTS,
        "database or cache ports (1433, 1521, 3306, 5432, 5439, 6379, 9200, 11211, 27017)",
    )
}
