//! RDS-020: SQL Server Express edition is not used.

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-020",
        name: "rds-sqlserver-not-express-edition",
        title: "RDS for SQL Server instances do not run Express edition",
        severity: Severity::High,
        hipaa: &["164.308(b)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon RDS for SQL Server (\"SQL Server Express edition is not supported and should never be used for the storage of PHI\")",
        rationale: "The whitepaper lists the SQL Server editions supported for PHI and states \
            that Express edition is not supported and should never be used to store PHI. \
            Running PHI on a configuration outside what the AWS BAA arrangement supports \
            undermines the business associate assurances of 164.308(b)(1) and is a risk the \
            risk management process must remove (164.308(a)(1)(ii)(B)). Express instances that \
            provably hold no PHI can be excluded by scope tags. Other engines are not \
            applicable.",
        remediation: Remediation {
            console: "Express cannot be upgraded in place to another edition: back up the databases to S3 with the SQLSERVER_BACKUP_RESTORE option (exec msdb.dbo.rds_backup_database), create a Standard, Web or Enterprise instance and restore them there (exec msdb.dbo.rds_restore_database).",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  engine         = \"sqlserver-se\" # not sqlserver-ex\n  license_model  = \"license-included\"\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: sqlserver-se\n    LicenseModel: license-included",
        },
        examples: &[
            Example {
                name: "standard edition",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ss", "engine": "sqlserver-se"}]"#,
            },
            Example {
                name: "express edition",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ssx", "engine": "sqlserver-ex"}]"#,
            },
            Example {
                name: "mysql instance",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:m", "engine": "mysql"}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    let engine = db.engine.need("engine")?;
    if super::family(engine) != Family::SqlServer {
        return Ok(Outcome::not_applicable(format!(
            "engine {engine} is not SQL Server"
        )));
    }
    Ok(if engine.eq_ignore_ascii_case("sqlserver-ex") {
        Outcome::fail("instance runs SQL Server Express edition, which is not supported for PHI")
    } else {
        Outcome::pass(format!("instance runs {engine}"))
    })
}
