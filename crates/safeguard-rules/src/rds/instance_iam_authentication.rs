//! RDS-015: DB instances accept IAM database authentication (instances outside clusters).

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-015",
        name: "rds-instance-iam-authentication",
        title: "RDS DB instances have IAM database authentication enabled",
        severity: Severity::Low,
        hipaa: &["164.312(d)", "164.312(a)(2)(i)", "164.308(a)(5)(ii)(D)"],
        source: "Playbook: Step 4 IAM Best Practices (\"Unique credentials per person\", \"No long-term credentials\"); Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB",
        rationale: "With IAM database authentication, people and services log in to MySQL, \
            MariaDB and PostgreSQL with short-lived tokens tied to their own IAM identity \
            instead of shared, long-lived database passwords. That gives unique user \
            identification (164.312(a)(2)(i)), authentication through the organisation's MFA \
            and federation (164.312(d)) and no passwords to rotate or leak \
            (164.308(a)(5)(ii)(D)), in line with the playbook's unique-credentials rule. It is \
            one good option among others (Kerberos, a secrets manager with rotation), hence \
            the low severity. Oracle, SQL Server and Db2 do not support it and are not \
            applicable; cluster members are judged by RDS-019.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Database authentication > Password and IAM database authentication > Apply immediately. Then create database users with the rds_iam role (PostgreSQL) or AWSAuthenticationPlugin (MySQL/MariaDB).\n\
                aws rds modify-db-instance --db-instance-identifier DB --enable-iam-database-authentication --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  iam_database_authentication_enabled = true\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    EnableIAMDatabaseAuthentication: true",
        },
        examples: &[
            Example {
                name: "iam authentication on",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "iam_database_authentication": true}]"#,
            },
            Example {
                name: "passwords only",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "iam_database_authentication": false}]"#,
            },
            Example {
                name: "oracle",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ora", "engine": "oracle-ee", "iam_database_authentication": false}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    if let Some(na) = super::cluster_member(db, "RDS-019") {
        return Ok(na);
    }
    let engine = db.engine.need("engine")?;
    if !matches!(
        super::family(engine),
        Family::Postgres | Family::MySql | Family::MariaDb
    ) {
        return Ok(Outcome::not_applicable(format!(
            "engine {engine} does not support IAM database authentication"
        )));
    }
    Ok(
        if *db
            .iam_database_authentication
            .need("iam_database_authentication")?
        {
            Outcome::pass("IAM database authentication is enabled")
        } else {
            Outcome::fail("IAM database authentication is disabled")
        },
    )
}
