//! VPC-001: every VPC has an active flow log capturing rejected or all traffic.

use crate::prelude::*;

pub static RULE: RuleDef<Vpc> = RuleDef {
    meta: RuleMeta {
        id: "VPC-001",
        name: "vpc-flow-logs-enabled",
        title: "VPCs have an active flow log capturing all or rejected traffic",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
        source: "Whitepaper: Amazon Virtual Private Cloud (\"VPC Flow Logs provide an audit trail of accepted and rejected connections\")",
        rationale: "The whitepaper names VPC Flow Logs as the audit trail of accepted and \
            rejected connections to instances processing, transmitting or storing PHI. Without \
            them there is no record of which hosts talked to a database, or of a scan or \
            exfiltration attempt, when an incident has to be investigated (164.312(b) audit \
            controls, 164.308(a)(1)(ii)(D) information system activity review, \
            164.308(a)(6)(ii) incident response). A flow log passes when it is ACTIVE and its \
            traffic type is ALL or REJECT; ALL is recommended because accepted connections are \
            what show data leaving. A log capturing only ACCEPT does not pass.",
        remediation: Remediation {
            console: "VPC console > VPC > Flow logs > Create flow log > Filter: All > destination CloudWatch Logs or S3.\n\
                aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC_ID --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::flow-log-bucket/vpc/",
            terraform: "resource \"aws_flow_log\" \"main\" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = \"ALL\"\n  log_destination_type = \"cloud-watch-logs\"\n  log_destination      = aws_cloudwatch_log_group.flow.arn\n  iam_role_arn         = aws_iam_role.flow_logs.arn\n}",
            cloudformation: "VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: cloud-watch-logs\n    LogGroupName: /vpc/flow-logs\n    DeliverLogsPermissionArn: !GetAtt FlowLogsRole.Arn",
        },
        examples: &[
            Example {
                name: "active flow log of all traffic",
                expect: Status::Pass,
                resources: r#"[{"type": "vpc", "id": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1",
                    "flow_logs": [{"id": "fl-1", "traffic_type": "ALL", "destination_type": "s3", "status": "ACTIVE"}]}]"#,
            },
            Example {
                name: "reject-only flow log",
                expect: Status::Pass,
                resources: r#"[{"type": "vpc", "id": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-2",
                    "flow_logs": [{"id": "fl-2", "traffic_type": "REJECT", "destination_type": "cloud-watch-logs"}]}]"#,
            },
            Example {
                name: "no flow logs",
                expect: Status::Fail,
                resources: r#"[{"type": "vpc", "id": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-3", "flow_logs": []}]"#,
            },
            Example {
                name: "accept-only or failing flow logs",
                expect: Status::Fail,
                resources: r#"[{"type": "vpc", "id": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-4",
                    "flow_logs": [{"id": "fl-3", "traffic_type": "ACCEPT", "status": "ACTIVE"},
                                  {"id": "fl-4", "traffic_type": "ALL", "status": "FAILED"}]}]"#,
            },
            Example {
                name: "flow logs not readable",
                expect: Status::Unknown,
                resources: r#"[{"type": "vpc", "id": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-5",
                    "flow_logs": {"$unknown": {"reason": "access_denied", "detail": "ec2:DescribeFlowLogs"}}}]"#,
            },
        ],
    },
    check,
};

fn check(vpc: &Vpc, _cx: &Context) -> Check {
    let logs = vpc.flow_logs.need("flow_logs")?;
    let good = logs.iter().find(|l| {
        l.status.eq_ignore_ascii_case("ACTIVE")
            && (l.traffic_type.eq_ignore_ascii_case("ALL")
                || l.traffic_type.eq_ignore_ascii_case("REJECT"))
    });
    Ok(match good {
        Some(l) => Outcome::pass(format!(
            "flow log {} captures {} traffic",
            l.id,
            l.traffic_type.to_ascii_uppercase()
        )),
        None if logs.is_empty() => Outcome::fail("VPC has no flow log"),
        None => {
            let found: Vec<String> = logs
                .iter()
                .map(|l| format!("{} ({}, {})", l.id, l.traffic_type, l.status))
                .collect();
            Outcome::fail(format!(
                "no active flow log of ALL or REJECT traffic; found {}",
                found.join(", ")
            ))
        }
    })
}
