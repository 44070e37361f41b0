//! RDS-019: DB clusters accept IAM database authentication.

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-019",
        name: "rds-cluster-iam-authentication",
        title: "Aurora and Multi-AZ DB clusters have IAM database authentication enabled",
        severity: Severity::Low,
        hipaa: &["164.312(d)", "164.312(a)(2)(i)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 4 IAM Best Practices (\"Unique credentials per person\", \"No long-term credentials\"); Whitepaper: Amazon Aurora",
        rationale: "The cluster-level counterpart of RDS-015: with IAM database authentication, \
            users and services connect with short-lived tokens tied to their own IAM identity \
            rather than shared database passwords, which gives unique user identification \
            (164.312(a)(2)(i)), authentication through the organisation's MFA and federation \
            (164.312(d)) and removes long-lived passwords (164.308(a)(5)(ii)(D)). Other \
            options such as Kerberos or rotated secrets are acceptable, hence low severity. \
            Supported by Aurora MySQL, Aurora PostgreSQL and Multi-AZ DB clusters of MySQL and \
            PostgreSQL.",
        remediation: Remediation {
            console: "RDS console > cluster > Modify > Database authentication > Password and IAM database authentication.\n\
                aws rds modify-db-cluster --db-cluster-identifier CLUSTER --enable-iam-database-authentication --apply-immediately",
            terraform: "resource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  iam_database_authentication_enabled = true\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    EnableIAMDatabaseAuthentication: true",
        },
        examples: &[
            Example {
                name: "iam authentication on",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "engine": "aurora-postgresql", "iam_database_authentication": true}]"#,
            },
            Example {
                name: "passwords only",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "engine": "aurora-mysql", "iam_database_authentication": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    let engine = cluster.engine.need("engine")?;
    if !matches!(
        super::family(engine),
        Family::AuroraPostgres | Family::AuroraMySql | Family::Postgres | Family::MySql
    ) {
        return Ok(Outcome::not_applicable(format!(
            "engine {engine} does not support IAM database authentication"
        )));
    }
    Ok(
        if *cluster
            .iam_database_authentication
            .need("iam_database_authentication")?
        {
            Outcome::pass("IAM database authentication is enabled")
        } else {
            Outcome::fail("IAM database authentication is disabled")
        },
    )
}
