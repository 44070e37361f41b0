//! SM-003: secret values were last changed within the maximum age.

use crate::prelude::*;

pub static RULE: RuleDef<Secret> = RuleDef {
    meta: RuleMeta {
        id: "SM-003",
        name: "secret-rotated-within-max-age",
        title: "Secrets were rotated within the maximum age (90 days by default)",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(5)(ii)(D)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Secrets Manager; Playbook: Step 4: IAM Best Practices (\"Access keys rotation policy (90 days)\")",
        rationale: "A rotation schedule (SM-001) says what should happen; the last rotation date \
            says what did. Rotation functions fail silently more often than anyone likes \
            (a changed database password policy, a network path removed from the function), and \
            the secret then keeps its old value indefinitely while the console still shows \
            rotation as enabled. Password management (164.308(a)(5)(ii)(D)) needs credentials \
            that actually change. The rule fails a secret whose value is older than \
            `secret_rotation_max_days` (default 90): measured from the last rotation, or from \
            creation for a secret never rotated.",
        remediation: Remediation {
            console: "Secrets Manager console > select the secret > Rotation > Rotate secret \
                immediately; if it fails, read the rotation function's CloudWatch Logs.\n\
                aws secretsmanager rotate-secret --secret-id SECRET_ARN",
            terraform: "Rotation itself is operational; declare the schedule so it recurs:\nresource \"aws_secretsmanager_secret_rotation\" \"ehr_db\" {\n  secret_id           = aws_secretsmanager_secret.ehr_db.id\n  rotation_lambda_arn = aws_lambda_function.rotate_postgres.arn\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
            cloudformation: "Rotation itself is operational; declare the schedule so it recurs:\nEhrDbRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref EhrDbSecret\n    RotationLambdaARN: !GetAtt RotatePostgres.Arn\n    RotateImmediatelyOnUpdate: true\n    RotationRules:\n      AutomaticallyAfterDays: 30",
        },
        examples: &[
            Example {
                name: "rotated last month",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "last_rotated": "2026-10-25T03:00:00Z", "created_date": "2024-02-01T10:00:00Z"}]"#,
            },
            Example {
                name: "new secret not yet rotated",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/fax-api-key-Qw12Er",
                    "last_rotated": null, "created_date": "2026-11-01T09:00:00Z"}]"#,
            },
            Example {
                name: "rotation stalled months ago",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "last_rotated": "2026-03-02T03:00:00Z", "created_date": "2024-02-01T10:00:00Z"}]"#,
            },
            Example {
                name: "never rotated since 2024",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/lab-api-key-9Zx1Qw",
                    "last_rotated": null, "created_date": "2024-05-10T10:00:00Z"}]"#,
            },
            Example {
                name: "creation date not collected",
                expect: Status::Unknown,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/lab-api-key-9Zx1Qw",
                    "last_rotated": null}]"#,
            },
        ],
    },
    check,
};

fn check(secret: &Secret, cx: &Context) -> Check {
    let max = cx.settings.secret_rotation_max_days;
    Ok(match secret.last_rotated.need("last_rotated")? {
        Some(at) => {
            let age = cx.days_since(*at);
            if age <= max {
                Outcome::pass(format!(
                    "last rotated {age} days ago (at most {max} allowed)"
                ))
            } else {
                Outcome::fail(format!(
                    "last rotated {age} days ago; at most {max} allowed"
                ))
            }
        }
        None => {
            let age = cx.days_since(*secret.created_date.need("created_date")?);
            if age <= max {
                Outcome::pass(format!(
                    "never rotated, but created only {age} days ago (at most {max} allowed)"
                ))
            } else {
                Outcome::fail(format!(
                    "never rotated in the {age} days since creation; at most {max} allowed"
                ))
            }
        }
    })
}
