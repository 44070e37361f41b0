//! RDS-009: DB clusters refuse unencrypted client connections (cluster parameter group).

use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-009",
        name: "rds-cluster-transport-encryption-enforced",
        title: "Aurora and Multi-AZ DB clusters enforce encrypted client connections",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Aurora; Amazon Aurora PostgreSQL (\"Connections to DB clusters ... must use transport encryption\")",
        rationale: "The whitepaper's Aurora MySQL and Aurora PostgreSQL sections say connections \
            to clusters must use SSL/TLS. Only the server can guarantee that, through the DB \
            cluster parameter group (164.312(e)(1) transmission security, 164.312(e)(2)(ii) \
            encryption):\n\n\
            * Aurora PostgreSQL: `rds.force_ssl` = 1; its default is 0.\n\
            * Aurora MySQL: `require_secure_transport` = ON/1; its default is OFF.\n\
            * Multi-AZ DB clusters of RDS for PostgreSQL and MySQL follow the RDS defaults: \
            `rds.force_ssl` is 1 from PostgreSQL 15 on, `require_secure_transport` is OFF \
            before MySQL 9.7.\n\n\
            A parameter absent from the inventory is taken to be at its engine default; when \
            that default depends on an unknown version the result is unknown.",
        remediation: Remediation {
            console: "Create a custom DB cluster parameter group, set the parameter, attach it to the cluster (RDS console > cluster > Modify > DB cluster parameter group).\n\
                aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name CPG --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate\n\
                aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name CPG --parameters ParameterName=require_secure_transport,ParameterValue=ON,ApplyMethod=immediate",
            terraform: "resource \"aws_rds_cluster_parameter_group\" \"phi\" {\n  name   = \"phi-aurora-pg16\"\n  family = \"aurora-postgresql16\"\n  parameter {\n    name  = \"rds.force_ssl\"\n    value = \"1\"\n  }\n}\n\nresource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.phi.name\n}",
            cloudformation: "PhiClusterParams:\n  Type: AWS::RDS::DBClusterParameterGroup\n  Properties:\n    Family: aurora-mysql8.0\n    Description: PHI - TLS required\n    Parameters:\n      require_secure_transport: \"ON\"\nPhiCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    DBClusterParameterGroupName: !Ref PhiClusterParams",
        },
        examples: &[
            Example {
                name: "aurora postgresql forcing ssl",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "engine": "aurora-postgresql",
                    "engine_version": "16.4", "parameters": {"rds.force_ssl": "1"}}]"#,
            },
            Example {
                name: "aurora mysql requiring secure transport",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "engine": "aurora-mysql",
                    "engine_version": "8.0.mysql_aurora.3.07.1", "parameters": {"require_secure_transport": "ON"}}]"#,
            },
            Example {
                name: "aurora postgresql at the default",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr2", "engine": "aurora-postgresql",
                    "engine_version": "16.4", "parameters": {}}]"#,
            },
            Example {
                name: "aurora mysql explicitly off",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims2", "engine": "aurora-mysql",
                    "parameters": {"require_secure_transport": "OFF"}}]"#,
            },
            Example {
                name: "parameters not readable",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr3", "engine": "aurora-postgresql",
                    "parameters": {"$unknown": {"reason": "access_denied", "detail": "rds:DescribeDBClusterParameters"}}}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    let engine = cluster.engine.need("engine")?;
    let params = cluster.parameters.need("parameters")?;
    match super::tls_by_parameters(super::family(engine), &cluster.engine_version, params) {
        Some(check) => check,
        None => Ok(Outcome::not_applicable(format!(
            "no cluster parameter enforces TLS for engine {engine}; review it manually"
        ))),
    }
}
