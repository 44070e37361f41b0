//! SM-004: secrets that nobody reads any more are removed.

use crate::prelude::*;

pub static RULE: RuleDef<Secret> = RuleDef {
    meta: RuleMeta {
        id: "SM-004",
        name: "secret-recently-used",
        title: "Secrets have been read within the unused-credential window (90 days by default)",
        severity: Severity::Low,
        hipaa: &["164.308(a)(4)(ii)(C)", "164.308(a)(3)(ii)(C)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Secrets Manager",
        rationale: "A secret nobody has retrieved for months usually belongs to a retired \
            integration, a former vendor or a decommissioned environment, yet its credential \
            may still open a PHI system. Access establishment and modification \
            (164.308(a)(4)(ii)(C)) and termination procedures (164.308(a)(3)(ii)(C)) expect \
            access that is no longer needed to be removed. The rule fails a secret whose last \
            access (Secrets Manager records the date only) is older than \
            `unused_credential_days` (default 90), or that has never been read since it was \
            created that long ago. Review it, revoke the credential it holds, then delete it \
            (with a recovery window).",
        remediation: Remediation {
            console: "Secrets Manager console > select the secret > check Last retrieved > revoke \
                the credential at its source > Actions > Delete secret (7 to 30 day recovery window).\n\
                aws secretsmanager delete-secret --secret-id SECRET_ARN --recovery-window-in-days 30",
            terraform: "Remove the aws_secretsmanager_secret resource (and its rotation and \
                version resources) from the configuration; set recovery_window_in_days = 30 on \
                it beforehand so that terraform apply schedules deletion with a recovery window.",
            cloudformation: "Remove the AWS::SecretsManager::Secret resource from the template \
                (add DeletionPolicy: Retain first if the value must be kept for a while) and \
                update the stack.",
        },
        examples: &[
            Example {
                name: "read yesterday",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "last_accessed": "2026-11-19T00:00:00Z", "created_date": "2024-02-01T10:00:00Z"}]"#,
            },
            Example {
                name: "not read since spring",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/old-clearinghouse-Zz9Yy8",
                    "last_accessed": "2026-04-01T00:00:00Z", "created_date": "2023-01-15T10:00:00Z"}]"#,
            },
            Example {
                name: "never read in a year",
                expect: Status::Fail,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:stage/fax-api-key-Qw12Er",
                    "last_accessed": null, "created_date": "2025-10-01T09:00:00Z"}]"#,
            },
            Example {
                name: "new and not read yet",
                expect: Status::Pass,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/fax-api-key-Qw12Er",
                    "last_accessed": null, "created_date": "2026-11-10T09:00:00Z"}]"#,
            },
            Example {
                name: "last access unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "secretsmanager_secret", "id": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ehr-db-AbCdEf",
                    "last_accessed": {"$unknown": {"reason": "access_denied", "detail": "secretsmanager:DescribeSecret"}}}]"#,
            },
        ],
    },
    check,
};

fn check(secret: &Secret, cx: &Context) -> Check {
    let window = cx.settings.unused_credential_days;
    Ok(match secret.last_accessed.need("last_accessed")? {
        Some(at) => {
            let idle = cx.days_since(*at);
            if idle <= window {
                Outcome::pass(format!("last read {idle} days ago"))
            } else {
                Outcome::fail(format!(
                    "not read for {idle} days; unused after {window} days"
                ))
            }
        }
        None => {
            let age = cx.days_since(*secret.created_date.need("created_date")?);
            if age <= window {
                Outcome::pass(format!("not read yet, created {age} days ago"))
            } else {
                Outcome::fail(format!(
                    "never read in the {age} days since creation; unused after {window} days"
                ))
            }
        }
    })
}
