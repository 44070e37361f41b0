//! LMB-006: Lambda functions use a runtime that still receives security patches.

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-006",
        name: "lambda-runtime-supported",
        title: "Lambda functions use a runtime that AWS has not deprecated",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: AWS Lambda",
        rationale: "AWS deprecates a Lambda runtime when its language version or operating \
            system stops receiving security updates; after that date AWS no longer patches it \
            and the function runs as-is on a platform with known, unfixed vulnerabilities. The \
            code and its runtime are the customer's side of the shared responsibility model the \
            whitepaper describes, and keeping software patched is part of risk management \
            (164.308(a)(1)(ii)(B)) and protection from malicious software \
            (164.308(a)(5)(ii)(B)). The rule compares the runtime with AWS's published \
            deprecation dates as of this catalog version, at the inventory's collection time; a \
            runtime not in the table is taken to be current. Container-image functions bring \
            their own runtime and are not applicable.",
        remediation: Remediation {
            console: "Lambda console > function > Code > Runtime settings > Edit > choose a \
                current runtime (test first: major versions are not backward compatible).\n\
                aws lambda update-function-configuration --function-name FUNCTION --runtime python3.13",
            terraform: "resource \"aws_lambda_function\" \"ingest\" {\n  # ...\n  runtime = \"python3.13\"\n}",
            cloudformation: "IngestFunction:\n  Type: AWS::Lambda::Function\n  Properties:\n    # ...\n    Runtime: python3.13",
        },
        examples: &[
            Example {
                name: "current runtime",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results", "runtime": "python3.13"}]"#,
            },
            Example {
                name: "runtime newer than the table",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:portal-api", "runtime": "nodejs24.x"}]"#,
            },
            Example {
                name: "python 3.9, deprecated december 2025",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results", "runtime": "python3.9"}]"#,
            },
            Example {
                name: "go1.x",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:fax-relay", "runtime": "go1.x"}]"#,
            },
            Example {
                name: "container image",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:dicom-convert", "runtime": null}]"#,
            },
        ],
    },
    check,
};

/// Deprecation dates of Lambda-managed runtimes, from AWS's runtime documentation ("Lambda
/// runtimes", supported and deprecated runtime tables). Runtimes whose deprecation is still
/// ahead are listed too, so that the verdict follows the inventory's collection date.
const DEPRECATIONS: &[(&str, &str)] = &[
    ("nodejs", "2016-10-31"),
    ("nodejs4.3", "2020-03-05"),
    ("nodejs4.3-edge", "2020-03-05"),
    ("nodejs6.10", "2019-08-12"),
    ("nodejs8.10", "2020-03-06"),
    ("nodejs10.x", "2021-07-30"),
    ("nodejs12.x", "2023-03-31"),
    ("nodejs14.x", "2023-12-04"),
    ("nodejs16.x", "2024-06-12"),
    ("nodejs18.x", "2025-09-01"),
    ("nodejs20.x", "2026-04-30"),
    ("nodejs22.x", "2027-04-30"),
    ("python2.7", "2021-07-15"),
    ("python3.6", "2022-07-18"),
    ("python3.7", "2023-12-04"),
    ("python3.8", "2024-10-14"),
    ("python3.9", "2025-12-15"),
    ("python3.10", "2026-06-30"),
    ("python3.11", "2026-06-30"),
    ("java8", "2024-01-08"),
    ("java8.al2", "2026-06-30"),
    ("java11", "2026-06-30"),
    ("java17", "2026-06-30"),
    ("dotnetcore1.0", "2019-07-27"),
    ("dotnetcore2.0", "2019-05-30"),
    ("dotnetcore2.1", "2022-01-05"),
    ("dotnetcore3.1", "2023-04-03"),
    ("dotnet5.0", "2022-05-10"),
    ("dotnet6", "2024-11-12"),
    ("dotnet7", "2024-05-14"),
    ("dotnet8", "2026-11-10"),
    ("ruby2.5", "2021-07-30"),
    ("ruby2.7", "2023-11-27"),
    ("ruby3.2", "2026-03-31"),
    ("ruby3.3", "2027-03-31"),
    ("go1.x", "2024-01-08"),
    ("provided", "2024-01-08"),
    ("provided.al2", "2026-06-30"),
];

fn deprecation(runtime: &str) -> Option<Timestamp> {
    let (_, date) = DEPRECATIONS
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(runtime))?;
    format!("{date}T00:00:00Z").parse().ok()
}

fn check(function: &LambdaFunction, cx: &Context) -> Check {
    let Some(runtime) = function.runtime.need("runtime")? else {
        return Ok(Outcome::not_applicable(
            "container-image function: the image carries its own runtime",
        ));
    };
    Ok(match deprecation(runtime) {
        Some(at) if cx.now >= at => Outcome::fail(format!(
            "runtime {runtime} was deprecated on {}",
            at.format("%Y-%m-%d")
        )),
        Some(at) => Outcome::pass(format!(
            "runtime {runtime} is supported until {}",
            at.format("%Y-%m-%d")
        )),
        None => Outcome::pass(format!("runtime {runtime} has no announced deprecation")),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_date_parses() {
        for (id, _) in super::DEPRECATIONS {
            assert!(super::deprecation(id).is_some(), "{id}");
        }
    }
}
