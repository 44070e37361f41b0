//! DDB-003: DynamoDB tables have deletion protection.

use crate::prelude::*;

pub static RULE: RuleDef<DynamoDbTable> = RuleDef {
    meta: RuleMeta {
        id: "DDB-003",
        name: "dynamodb-table-deletion-protection-enabled",
        title: "DynamoDB tables have deletion protection enabled",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(ii)(B)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon DynamoDB",
        rationale: "Deleting a table destroys its ePHI and its point-in-time recovery history \
            at once; only separate backups survive. Deletion protection makes DeleteTable fail \
            until the setting is turned off, guarding against a mistaken script or console \
            click (164.312(c)(1) integrity: protecting ePHI from improper destruction) and \
            limiting what a disaster recovery plan (164.308(a)(7)(ii)(B)) has to restore. The \
            whitepaper's Amazon DynamoDB section covers tables holding PHI. Severity is low \
            because backups remain the primary safeguard.",
        remediation: Remediation {
            console: "DynamoDB console > Tables > TABLE > Additional settings > Deletion protection > \
                Turn on.\naws dynamodb update-table --table-name TABLE --deletion-protection-enabled",
            terraform: "resource \"aws_dynamodb_table\" \"phi\" {\n  # ...\n  deletion_protection_enabled = true\n}",
            cloudformation: "PhiTable:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    # ...\n    DeletionProtectionEnabled: true",
        },
        examples: &[
            Example {
                name: "protected",
                expect: Status::Pass,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/patients",
                    "deletion_protection": true}]"#,
            },
            Example {
                name: "unprotected",
                expect: Status::Fail,
                resources: r#"[{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/claims",
                    "deletion_protection": false}]"#,
            },
        ],
    },
    check,
};

fn check(table: &DynamoDbTable, _cx: &Context) -> Check {
    Ok(if *table.deletion_protection.need("deletion_protection")? {
        Outcome::pass("deletion protection is enabled")
    } else {
        Outcome::fail("deletion protection is disabled")
    })
}
