//! RS-007: Redshift records the queries users run.

use super::parameter::parameter;
use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-007",
        name: "redshift-user-activity-logging-enabled",
        title: "Redshift clusters log user activity (enable_user_activity_logging = true)",
        severity: Severity::Low,
        hipaa: &["164.312(b)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "Audit logging (RS-004) records connections and user changes; the queries \
            each user runs against PHI appear only in the user activity log, which Redshift \
            writes only when the parameter enable_user_activity_logging is true. Knowing which \
            PHI a user queried is what 164.312(b) audit controls exist for. The whitepaper's \
            Amazon Redshift section places the cluster in scope for PHI.",
        remediation: Remediation {
            console: "Redshift console > Configurations > Workload management > PARAMETER GROUP > \
                Parameters > enable_user_activity_logging = true, then reboot the cluster.\n\
                aws redshift modify-cluster-parameter-group --parameter-group-name PG \
                --parameters ParameterName=enable_user_activity_logging,ParameterValue=true",
            terraform: "resource \"aws_redshift_parameter_group\" \"phi\" {\n  name   = \"phi\"\n  family = \"redshift-1.0\"\n  parameter {\n    name  = \"enable_user_activity_logging\"\n    value = \"true\"\n  }\n}",
            cloudformation: "PhiParameters:\n  Type: AWS::Redshift::ClusterParameterGroup\n  Properties:\n    Description: PHI cluster parameters\n    ParameterGroupFamily: redshift-1.0\n    Parameters:\n      - ParameterName: enable_user_activity_logging\n        ParameterValue: \"true\"",
        },
        examples: &[
            Example {
                name: "enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims",
                    "parameters": {"require_ssl": "true", "enable_user_activity_logging": "true"}}]"#,
            },
            Example {
                name: "disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics",
                    "parameters": {"require_ssl": "true", "enable_user_activity_logging": "false"}}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    let value = parameter(cluster, "enable_user_activity_logging")?;
    Ok(if value == "true" {
        Outcome::pass("user activity logging is enabled")
    } else {
        Outcome::fail(format!(
            "enable_user_activity_logging is {value}; queries are not logged"
        ))
    })
}
