//! PHI-003: environment variable names hold no PHI.

use super::{scan_all, verdict};
use crate::prelude::*;

pub static RULE: RuleDef<Resource> = RuleDef {
    meta: RuleMeta {
        id: "PHI-003",
        name: "environment-variable-names-free-of-phi",
        title: "Environment variable names of functions, tasks and builds hold no PHI",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: AWS Lambda (\"the event data should not contain (in and of itself) PHI\"); AWS Batch (\"PHI should not be placed directly into the job definition\"); Amazon Elastic Container Service",
        rationale: "Function configurations, task definitions and build projects are \
            configuration, shown in consoles and returned by Describe calls to anyone with read \
            access; the whitepaper keeps PHI out of job definitions and function triggers. \
            safeguard never collects environment variable values, but their names are \
            configuration too, and a name such as PATIENT_536_22_8714 or JANE_DOE_DOB_19850312 \
            puts an identifier where no encryption covers it. Lambda functions, ECS task \
            definitions and CodeBuild projects are scanned.",
        remediation: Remediation {
            console: "Rename the variable to describe its role (PATIENT_TABLE, not a patient) and \
                deploy a new function version, task definition revision or project update.",
            terraform: "environment {\n  variables = {\n    PATIENT_TABLE = aws_dynamodb_table.patients.name # a role, not a patient\n  }\n}",
            cloudformation: "Environment:\n  Variables:\n    PATIENT_TABLE: !Ref PatientsTable",
        },
        examples: &[
            Example {
                name: "neutral names",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:intake-ocr",
                    "environment_variable_names": ["PATIENT_TABLE", "MRN_PREFIX", "DB_HOST"]}]"#,
            },
            Example {
                name: "ssn in a variable name",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:fix-record",
                    "environment_variable_names": ["OVERRIDE_SSN_536228714"]}]"#,
            },
            Example {
                name: "member id in a task definition",
                expect: Status::Fail,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/claims:4",
                    "containers": [{"name": "claims", "environment_variable_names": ["MEMBER_ID_XJH448120937"]}]}]"#,
            },
            Example {
                name: "type without environment variables",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "s3_bucket", "id": "arn:aws:s3:::b"}]"#,
            },
        ],
    },
    check,
};

fn check(r: &Resource, _cx: &Context) -> Check {
    let names: Vec<(String, String)> = match r {
        Resource::LambdaFunction(f) => f
            .environment_variable_names
            .need("environment_variable_names")?
            .iter()
            .map(|n| ("environment variable name".to_string(), n.clone()))
            .collect(),
        Resource::CodeBuildProject(p) => p
            .environment_variable_names
            .need("environment_variable_names")?
            .iter()
            .map(|n| ("environment variable name".to_string(), n.clone()))
            .collect(),
        Resource::EcsTaskDefinition(t) => t
            .containers
            .need("containers")?
            .iter()
            .flat_map(|c| {
                c.environment_variable_names.iter().map(move |n| {
                    (
                        format!("container {} environment variable name", c.name),
                        n.clone(),
                    )
                })
            })
            .collect(),
        other => {
            return Ok(Outcome::not_applicable(format!(
                "{} has no environment variables",
                other.kind()
            )))
        }
    };
    // Underscores join words in variable names; read them as spaces so `SSN_536228714` keeps
    // its context and `DOB_19850312` its date.
    let readable: Vec<(String, String)> = names
        .into_iter()
        .map(|(l, n)| (l, n.replace('_', " ")))
        .collect();
    let findings = scan_all(readable.iter().map(|(l, t)| (l.clone(), t.as_str())));
    Ok(verdict(findings, "the environment variable names"))
}
