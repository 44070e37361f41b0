//! LMB-002: Lambda function URLs require IAM authentication.

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-002",
        name: "lambda-function-url-requires-iam-auth",
        title: "Lambda function URLs require IAM authentication",
        severity: Severity::High,
        hipaa: &["164.312(d)", "164.312(a)(1)"],
        source: "Whitepaper: AWS Lambda; Amazon API Gateway (\"Customers can use AWS Signature Version 4 for authorization\")",
        rationale: "A function URL with auth type `NONE` is a public HTTPS endpoint: anyone who \
            finds the URL can invoke the function, and any authentication is left to the \
            function's own code. For a function that touches PHI that bypasses person or \
            entity authentication (164.312(d)) and access control (164.312(a)(1)) at the \
            platform level. `AWS_IAM` requires SigV4-signed requests from principals allowed by \
            policy, the same mechanism the whitepaper recommends for API Gateway. Functions \
            without a URL are not applicable. If the function must be public, put it behind API \
            Gateway or CloudFront with an authoriser instead.",
        remediation: Remediation {
            console: "Lambda console > function > Configuration > Function URL > Edit > Auth type: \
                AWS_IAM > Save (then grant lambda:InvokeFunctionUrl to the callers).\n\
                aws lambda update-function-url-config --function-name FUNCTION --auth-type AWS_IAM",
            terraform: "resource \"aws_lambda_function_url\" \"lookup\" {\n  function_name      = aws_lambda_function.lookup.function_name\n  authorization_type = \"AWS_IAM\"\n}",
            cloudformation: "LookupUrl:\n  Type: AWS::Lambda::Url\n  Properties:\n    TargetFunctionArn: !GetAtt LookupFunction.Arn\n    AuthType: AWS_IAM",
        },
        examples: &[
            Example {
                name: "iam-authenticated url",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup",
                    "function_url_auth_type": "AWS_IAM"}]"#,
            },
            Example {
                name: "public url",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup",
                    "function_url_auth_type": "NONE"}]"#,
            },
            Example {
                name: "no function url",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:nightly-export",
                    "function_url_auth_type": null}]"#,
            },
            Example {
                name: "url configuration unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup",
                    "function_url_auth_type": {"$unknown": {"reason": "access_denied", "detail": "lambda:ListFunctionUrlConfigs"}}}]"#,
            },
        ],
    },
    check,
};

fn check(function: &LambdaFunction, _cx: &Context) -> Check {
    Ok(
        match function
            .function_url_auth_type
            .need("function_url_auth_type")?
        {
            None => Outcome::not_applicable("function has no function URL"),
            Some(auth) if auth.eq_ignore_ascii_case("AWS_IAM") => {
                Outcome::pass("function URL requires IAM (SigV4) authentication")
            }
            Some(auth) => Outcome::fail(format!(
                "function URL auth type is {auth}: anyone can invoke it"
            )),
        },
    )
}
