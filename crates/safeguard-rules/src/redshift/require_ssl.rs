//! RS-003: Redshift clusters refuse connections without TLS.

use super::parameter::parameter;
use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-003",
        name: "redshift-cluster-requires-ssl",
        title: "Redshift clusters require SSL/TLS connections (require_ssl = true)",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "The whitepaper's Amazon Redshift section says connections containing PHI \
            must use transport encryption. Redshift accepts unencrypted connections unless the \
            cluster's parameter group sets require_ssl to true (the default parameter group \
            leaves it false), so query results full of PHI can cross the network in clear text \
            (164.312(e)(1), 164.312(e)(2)(ii)). A value missing from the parameters read is \
            reported as unknown rather than assumed.",
        remediation: Remediation {
            console: "Redshift console > Configurations > Workload management > create a parameter \
                group, set require_ssl = true, assign it to the cluster and reboot.\n\
                aws redshift modify-cluster-parameter-group --parameter-group-name PG \
                --parameters ParameterName=require_ssl,ParameterValue=true",
            terraform: "resource \"aws_redshift_parameter_group\" \"phi\" {\n  name   = \"phi\"\n  family = \"redshift-1.0\"\n  parameter {\n    name  = \"require_ssl\"\n    value = \"true\"\n  }\n}\n\nresource \"aws_redshift_cluster\" \"phi\" {\n  # ...\n  cluster_parameter_group_name = aws_redshift_parameter_group.phi.name\n}",
            cloudformation: "PhiParameters:\n  Type: AWS::Redshift::ClusterParameterGroup\n  Properties:\n    Description: PHI cluster parameters\n    ParameterGroupFamily: redshift-1.0\n    Parameters:\n      - ParameterName: require_ssl\n        ParameterValue: \"true\"\nPhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    ClusterParameterGroupName: !Ref PhiParameters",
        },
        examples: &[
            Example {
                name: "require_ssl true",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims",
                    "parameters": {"require_ssl": "true", "enable_user_activity_logging": "true"}}]"#,
            },
            Example {
                name: "require_ssl false",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics",
                    "parameters": {"require_ssl": "false"}}]"#,
            },
            Example {
                name: "require_ssl not among the values read",
                expect: Status::Unknown,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics",
                    "parameters": {"enable_user_activity_logging": "true"}}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    let value = parameter(cluster, "require_ssl")?;
    Ok(if value == "true" {
        Outcome::pass("require_ssl is true")
    } else {
        Outcome::fail(format!(
            "require_ssl is {value}, so unencrypted connections are accepted"
        ))
    })
}
