//! DDB-002: DynamoDB tables have point-in-time recovery.

use crate::prelude::*;

pub static RULE: RuleDef<DynamoDbTable> = RuleDef {
    meta: RuleMeta {
        id: "DDB-002",
        name: "dynamodb-table-point-in-time-recovery-enabled",
        title: "DynamoDB tables have point-in-time recovery enabled",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon DynamoDB",
        rationale: "164.308(a)(7)(ii)(A) requires retrievable exact copies of ePHI and \
            164.308(a)(7)(ii)(B) the ability to restore lost data. The whitepaper's Amazon \
            DynamoDB section notes that encryption extends to backups; point-in-time recovery \
            is the DynamoDB feature that produces them continuously, letting a table be \
            restored to any second of the last 1 to 35 days after an accidental or malicious \
            write or delete (164.312(c)(1) integrity). Without it only on-demand or AWS Backup \
            copies exist, which are taken at most once an hour.",
        remediation: Remediation {
            console: "DynamoDB console > Tables > TABLE > Backups > Point-in-time recovery > Edit > \
                Turn on.\naws dynamodb update-continuous-backups --table-name TABLE \
                --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
            terraform: "resource \"aws_dynamodb_table\" \"phi\" {\n  # ...\n  point_in_time_recovery {\n    enabled = true\n  }\n}",
            cloudformation: "PhiTable:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    # ...\n    PointInTimeRecoverySpecification:\n      PointInTimeRecoveryEnabled: true",
        },
        examples: &[
            Example {
                name: "pitr on",
                expect: Status::Pass,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/patients",
                    "point_in_time_recovery": true}]"#,
            },
            Example {
                name: "pitr off",
                expect: Status::Fail,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/claims",
                    "point_in_time_recovery": false}]"#,
            },
            Example {
                name: "continuous backups unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/claims",
                    "point_in_time_recovery": {"$unknown": {"reason": "access_denied", "detail": "dynamodb:DescribeContinuousBackups"}}}]"#,
            },
        ],
    },
    check,
};

fn check(table: &DynamoDbTable, _cx: &Context) -> Check {
    Ok(
        if *table
            .point_in_time_recovery
            .need("point_in_time_recovery")?
        {
            Outcome::pass("point-in-time recovery is enabled")
        } else {
            Outcome::fail("point-in-time recovery is disabled")
        },
    )
}
