//! RDS-014: RDS for SQL Server instances have SQL Server Audit (SQLSERVER_AUDIT option).

use super::Family;
use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-014",
        name: "rds-sqlserver-audit-enabled",
        title: "RDS for SQL Server instances have SQL Server Audit enabled",
        severity: Severity::High,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon RDS for SQL Server (Auditing: \"RDS for SQL Server instances that contain PHI must have auditing enabled\")",
        rationale: "The whitepaper is explicit: SQL Server instances that contain PHI must have \
            auditing enabled. On RDS this is SQL Server Audit, made available by the \
            SQLSERVER_AUDIT option in the instance's option group, which delivers the audit \
            files to an S3 bucket; the server and database audit specifications are then \
            created inside SQL Server. Without the option there is no durable record of who \
            read or changed PHI (164.312(b) audit controls, 164.308(a)(1)(ii)(D) activity \
            review). This rule sees the option; the audit specifications inside the database \
            need to be reviewed there. Other engines are not applicable.",
        remediation: Remediation {
            console: "RDS console > Option groups > create a group for the engine/version > Add option SQLSERVER_AUDIT (S3 bucket and IAM role) > modify the instance to use it. Then CREATE SERVER AUDIT ... TO FILE (FILEPATH = 'D:\\rdsdbdata\\SQLAudit') and an audit specification in SQL Server.\n\
                aws rds add-option-to-option-group --option-group-name OG --apply-immediately --options 'OptionName=SQLSERVER_AUDIT,OptionSettings=[{Name=IAM_ROLE_ARN,Value=ROLE_ARN},{Name=S3_BUCKET_ARN,Value=arn:aws:s3:::audit-bucket/sqlserver}]'",
            terraform: "resource \"aws_db_option_group\" \"sqlserver\" {\n  name                 = \"phi-sqlserver-se-15\"\n  engine_name          = \"sqlserver-se\"\n  major_engine_version = \"15.00\"\n  option {\n    option_name = \"SQLSERVER_AUDIT\"\n    option_settings {\n      name  = \"IAM_ROLE_ARN\"\n      value = aws_iam_role.sqlserver_audit.arn\n    }\n    option_settings {\n      name  = \"S3_BUCKET_ARN\"\n      value = \"${aws_s3_bucket.audit.arn}/sqlserver\"\n    }\n  }\n}",
            cloudformation: "SqlServerOptions:\n  Type: AWS::RDS::OptionGroup\n  Properties:\n    EngineName: sqlserver-se\n    MajorEngineVersion: \"15.00\"\n    OptionGroupDescription: PHI - SQL Server Audit\n    OptionConfigurations:\n      - OptionName: SQLSERVER_AUDIT\n        OptionSettings:\n          - Name: IAM_ROLE_ARN\n            Value: !GetAtt SqlAuditRole.Arn\n          - Name: S3_BUCKET_ARN\n            Value: !Sub \"${AuditBucket.Arn}/sqlserver\"",
        },
        examples: &[
            Example {
                name: "audit option present",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ss", "engine": "sqlserver-se",
                    "options": [{"name": "SQLSERVER_AUDIT", "settings": {"S3_BUCKET_ARN": "arn:aws:s3:::audit/sqlserver"}}]}]"#,
            },
            Example {
                name: "no audit option",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ss2", "engine": "sqlserver-ee", "options": [{"name": "TDE"}]}]"#,
            },
            Example {
                name: "postgres instance",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "options": []}]"#,
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
    let options = db.options.need("options")?;
    Ok(
        if options
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case("SQLSERVER_AUDIT"))
        {
            Outcome::pass("SQLSERVER_AUDIT option is in the option group")
        } else {
            Outcome::fail("option group has no SQLSERVER_AUDIT option: SQL Server Audit cannot deliver audit files")
        },
    )
}
