//! RDS-008: DB instances refuse unencrypted client connections (engine-specific settings).

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-008",
        name: "rds-instance-transport-encryption-enforced",
        title: "RDS DB instances enforce encrypted client connections",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon RDS for PostgreSQL; Amazon RDS for MySQL; Amazon RDS for MariaDB; Amazon RDS for SQL Server (Transport Encryption); Amazon RDS for Oracle",
        rationale: "Every RDS section of the whitepaper says connections to a database \
            containing PHI must use transport encryption; offering TLS is not enough, because \
            clients fall back to plain text unless the server refuses it (164.312(e)(1) \
            transmission security, 164.312(e)(2)(ii) encryption). What enforces it depends on \
            the engine:\n\n\
            * PostgreSQL and SQL Server: parameter `rds.force_ssl` = 1 (SQL Server: \"Forced \
            SSL\"). Left at the default it is 1 from RDS for PostgreSQL 15 on and 0 before, and \
            0 for SQL Server.\n\
            * MySQL and MariaDB: `require_secure_transport` = ON/1. The default is OFF (ON only \
            from RDS for MySQL 9.7 and MariaDB 11.8); MariaDB before 10.5 cannot enforce it.\n\
            * Oracle: an option group with NATIVE_NETWORK_ENCRYPTION and \
            `SQLNET.ENCRYPTION_SERVER` = REQUIRED (its default, REQUESTED, lets clients opt \
            out), or the SSL option. With the SSL option the plain listener port must also be \
            closed in the security group, which this rule does not see.\n\n\
            A parameter absent from the inventory is taken to be at its engine default; when \
            that default depends on an unknown version the result is unknown. Aurora and \
            Multi-AZ cluster members are judged by RDS-009 on the cluster parameter group; RDS \
            Custom and engines the whitepaper does not cover are not applicable and need a \
            manual review.",
        remediation: Remediation {
            console: "Use a custom DB parameter group (default groups cannot be edited) and set the engine's parameter, or for Oracle add NATIVE_NETWORK_ENCRYPTION to a custom option group.\n\
                aws rds modify-db-parameter-group --db-parameter-group-name PG --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate\n\
                aws rds modify-db-parameter-group --db-parameter-group-name PG --parameters ParameterName=require_secure_transport,ParameterValue=1,ApplyMethod=immediate\n\
                aws rds add-option-to-option-group --option-group-name OG --apply-immediately --options 'OptionName=NATIVE_NETWORK_ENCRYPTION,OptionSettings=[{Name=SQLNET.ENCRYPTION_SERVER,Value=REQUIRED}]'",
            terraform: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"phi-postgres16\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"rds.force_ssl\"\n    value = \"1\"\n  }\n}\n\nresource \"aws_db_option_group\" \"oracle\" {\n  name                 = \"phi-oracle\"\n  engine_name          = \"oracle-ee\"\n  major_engine_version = \"19\"\n  option {\n    option_name = \"NATIVE_NETWORK_ENCRYPTION\"\n    option_settings {\n      name  = \"SQLNET.ENCRYPTION_SERVER\"\n      value = \"REQUIRED\"\n    }\n  }\n}",
            cloudformation: "PhiParams:\n  Type: AWS::RDS::DBParameterGroup\n  Properties:\n    Family: mysql8.0\n    Description: PHI - TLS required\n    Parameters:\n      require_secure_transport: \"1\"\nOracleOptions:\n  Type: AWS::RDS::OptionGroup\n  Properties:\n    EngineName: oracle-ee\n    MajorEngineVersion: \"19\"\n    OptionGroupDescription: PHI - native network encryption\n    OptionConfigurations:\n      - OptionName: NATIVE_NETWORK_ENCRYPTION\n        OptionSettings:\n          - Name: SQLNET.ENCRYPTION_SERVER\n            Value: REQUIRED",
        },
        examples: &[
            Example {
                name: "postgres 14 with rds.force_ssl on",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "engine_version": "14.10",
                    "parameters": {"rds.force_ssl": "1"}}]"#,
            },
            Example {
                name: "postgres 16 at the default",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr16", "engine": "postgres", "engine_version": "16.3", "parameters": {}}]"#,
            },
            Example {
                name: "mysql with require_secure_transport on, oracle requiring native network encryption",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "engine_version": "8.0.39",
                    "parameters": {"require_secure_transport": "ON"}},
                  {"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:pharmacy", "engine": "oracle-ee", "engine_version": "19.0.0.0.ru-2024-07.rur-2024-07.r1",
                    "options": [{"name": "NATIVE_NETWORK_ENCRYPTION", "settings": {"SQLNET.ENCRYPTION_SERVER": "REQUIRED"}}]}]"#,
            },
            Example {
                name: "postgres 13 at the default",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:legacy", "engine": "postgres", "engine_version": "13.15", "parameters": {}}]"#,
            },
            Example {
                name: "mysql, mariadb and sql server at their defaults",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:m", "engine": "mysql", "engine_version": "8.0.39", "parameters": {}},
                  {"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:mdb", "engine": "mariadb", "engine_version": "10.11.8", "parameters": {}},
                  {"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ss", "engine": "sqlserver-se", "engine_version": "15.00.4385.2.v1", "parameters": {}}]"#,
            },
            Example {
                name: "oracle with encryption only requested",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ora", "engine": "oracle-se2", "engine_version": "19.0.0.0",
                    "options": [{"name": "NATIVE_NETWORK_ENCRYPTION", "settings": {"SQLNET.ENCRYPTION_SERVER": "REQUESTED"}}]}]"#,
            },
            Example {
                name: "postgres parameter at default and version unknown",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_instance", "id": "aws_db_instance.ehr", "engine": "postgres",
                    "engine_version": {"$unknown": {"reason": "unresolved", "detail": "var.pg_version"}}, "parameters": {}}]"#,
            },
            Example {
                name: "aurora member",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr-aurora-1", "engine": "aurora-postgresql", "cluster_id": "ehr-aurora"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-009") {
        return Ok(na);
    }
    let engine = db.engine.need("engine")?;
    let fam = super::family(engine);
    match fam {
        Family::Oracle => oracle(db),
        Family::Custom => Ok(Outcome::not_applicable(format!(
            "RDS Custom ({engine}): transport encryption is configured inside the database; review it manually"
        ))),
        _ => {
            let params = db.parameters.need("parameters")?;
            match super::tls_by_parameters(fam, &db.engine_version, params) {
                Some(check) => check,
                None => Ok(Outcome::not_applicable(format!(
                    "the whitepaper gives no transport setting for engine {engine}; review it manually"
                ))),
            }
        }
    }
}

/// Oracle: NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER = REQUIRED, or the SSL
/// option.
fn oracle(db: &RdsInstance) -> Check {
    let options = db.options.need("options")?;
    let nne = options
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case("NATIVE_NETWORK_ENCRYPTION"));
    if let Some(nne) = nne {
        let server = nne
            .settings
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("SQLNET.ENCRYPTION_SERVER"))
            .map(|(_, v)| v.as_str());
        if server.is_some_and(|v| v.eq_ignore_ascii_case("REQUIRED")) {
            return Ok(Outcome::pass(
                "NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER = REQUIRED",
            ));
        }
        if !options.iter().any(|o| o.name.eq_ignore_ascii_case("SSL")) {
            let shown = server.unwrap_or("REQUESTED (the default)");
            return Ok(Outcome::fail(format!(
                "SQLNET.ENCRYPTION_SERVER is {shown}: clients may connect unencrypted; set REQUIRED"
            )));
        }
    }
    Ok(
        if options.iter().any(|o| o.name.eq_ignore_ascii_case("SSL")) {
            Outcome::pass("SSL option is in the option group (clients must use the TCPS port)")
        } else {
            Outcome::fail("option group has neither NATIVE_NETWORK_ENCRYPTION nor SSL")
        },
    )
}
