//! ELIG-002: RDS DB instances run an engine and version the whitepaper covers for PHI.

use super::judge_engine;
use crate::catalog::eligible::eligible;
use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "ELIG-002",
        name: "rds-instance-engine-hipaa-eligible",
        title: "RDS DB instances run an engine and version the whitepaper covers for PHI",
        severity: Severity::Medium,
        hipaa: &["164.308(b)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon RDS for SQL Server (\"RDS for SQL Server supports storing PHI for the following version and edition combinations\"); Amazon RDS for MariaDB; Amazon RDS for MySQL; Amazon RDS for Oracle; Amazon RDS for PostgreSQL; Amazon Aurora; Amazon Aurora PostgreSQL",
        rationale: "The whitepaper covers RDS engine by engine, and for SQL Server only \
            certain version and edition combinations: 2008 R2 Enterprise, and 2012, 2014 and \
            2016 Web, Standard and Enterprise; Express never. An engine the whitepaper does not \
            cover (Db2, RDS Custom) has no stated basis for PHI and is reported unknown rather \
            than passed. A SQL Server version the list leaves out (2008 R2 below Enterprise) \
            fails. A version later than the whole list (2017 onwards) is reported unknown, not \
            failed: the whitepaper predates it and neither admits nor excludes it, so the current \
            AWS reference decides and a waiver records that decision.",
        remediation: Remediation {
            console: "Check the engine against https://aws.amazon.com/compliance/hipaa-eligible-services-reference/ \
                and the whitepaper's engine sections; move PHI off SQL Server Express (snapshot, \
                restore into Standard or Enterprise edition).\n\
                aws rds describe-db-instances --query 'DBInstances[].[DBInstanceIdentifier,Engine,EngineVersion]'",
            terraform: "resource \"aws_db_instance\" \"ehr\" {\n  engine         = \"sqlserver-se\" # not sqlserver-ex\n  engine_version = \"13.00.6435.1.v1\"\n  # ...\n}",
            cloudformation: "EhrDb:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: sqlserver-se   # not sqlserver-ex\n    EngineVersion: 13.00.6435.1.v1",
        },
        examples: &[
            Example {
                name: "postgres",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "engine_version": "16.4"}]"#,
            },
            Example {
                name: "sql server 2016 standard",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "sqlserver-se", "engine_version": "13.00.6435.1.v1"}]"#,
            },
            Example {
                name: "sql server express",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:scratch", "engine": "sqlserver-ex", "engine_version": "15.00.4365.2.v1"}]"#,
            },
            Example {
                name: "sql server 2008 r2 web (enterprise only)",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:legacy", "engine": "sqlserver-web", "engine_version": "10.50.6000.34.v1"}]"#,
            },
            Example {
                name: "sql server 2019 standard postdates the whitepaper's list",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:claims", "engine": "sqlserver-se", "engine_version": "15.00.4365.2.v1"}]"#,
            },
            Example {
                name: "engine the whitepaper does not cover",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:warehouse", "engine": "db2-se", "engine_version": "11.5.9.0.sb00000000.r1"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    let engine = db.engine.need("engine")?;
    let version = db.engine_version.need("engine_version")?;
    let Some(rds) = eligible().get("rds") else {
        return Ok(Outcome::unknown(
            UnknownReason::Unrecognized,
            "the catalog has no RDS entry",
        ));
    };
    Ok(judge_engine(rds, engine, version))
}
