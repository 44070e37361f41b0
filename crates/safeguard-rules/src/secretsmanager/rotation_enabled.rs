//! SM-001: secrets rotate automatically, at least as often as the configured maximum.

use crate::prelude::*;

pub static RULE: RuleDef<Secret> = RuleDef {
    meta: RuleMeta {
        id: "SM-001",
        name: "secret-automatic-rotation-enabled",
        title: "Secrets rotate automatically at an interval no longer than the maximum (90 days by default)",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(5)(ii)(D)", "164.312(a)(1)", "164.312(d)"],
        source: "Whitepaper: AWS Secrets Manager; Playbook: Step 4: IAM Best Practices (\"Access keys rotation policy (90 days)\")",
        rationale: "Secrets Manager holds the database passwords, API keys and other credentials \
            that open PHI systems, and the whitepaper notes it may hold PHI itself. A credential \
            that never changes stays valid after it leaks into a log, a laptop or a former \
            employee's notes. Procedures for changing passwords are part of password management \
            (164.308(a)(5)(ii)(D)), and the playbook sets 90 days as the rotation period for \
            long-lived credentials. The rule requires automatic rotation with an interval of at \
            most `secret_rotation_max_days` (default 90). A rotation schedule written as a cron \
            or rate expression without a day count is reported unknown.",
        remediation: Remediation {
            console: "Secrets Manager console > select the secret > Rotation > Edit rotation > \
                Automatic rotation on, schedule every 30 days, choose or create the rotation \
                function > Save.\n\
                aws secretsmanager rotate-secret --secret-id SECRET_ARN --rotation-lambda-arn FUNCTION_ARN \
                --rotation-rules AutomaticallyAfterDays=30",
            terraform: "resource \"aws_secretsmanager_secret_rotation\" \"ehr_db\" {\n  secret_id           = aws_secretsmanager_secret.ehr_db.id\n  rotation_lambda_arn = aws_lambda_function.rotate_postgres.arn\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
            cloudformation: "EhrDbRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref EhrDbSecret\n    RotationLambdaARN: !GetAtt RotatePostgres.Arn\n    RotationRules:\n      AutomaticallyAfterDays: 30",
        },
        examples: &[
            Example {
                name: "rotates every 30 days",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "rotation_enabled": true, "rotation_interval_days": 30}]"#,
            },
            Example {
                name: "rotation off",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "rotation_enabled": false, "rotation_interval_days": null}]"#,
            },
            Example {
                name: "rotates only yearly",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/lab-api-key-9Zx1Qw",
                    "rotation_enabled": true, "rotation_interval_days": 365}]"#,
            },
            Example {
                name: "schedule expression without a day count",
                expect: Status::Unknown,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "rotation_enabled": true, "rotation_interval_days": null}]"#,
            },
        ],
    },
    check,
};

fn check(secret: &Secret, cx: &Context) -> Check {
    if !*secret.rotation_enabled.need("rotation_enabled")? {
        return Ok(Outcome::fail("automatic rotation is off"));
    }
    let max = cx.settings.secret_rotation_max_days;
    Ok(
        match secret
            .rotation_interval_days
            .need("rotation_interval_days")?
        {
            Some(days) if i64::from(*days) <= max => Outcome::pass(format!(
                "rotates automatically every {days} days (at most {max} allowed)"
            )),
            Some(days) => Outcome::fail(format!(
                "rotates automatically every {days} days; at most {max} allowed"
            )),
            None => Outcome::unknown(
                UnknownReason::NotCollected,
                "rotation is on, but its schedule gives no interval in days",
            ),
        },
    )
}
