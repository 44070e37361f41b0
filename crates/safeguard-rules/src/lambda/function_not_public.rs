//! LMB-001: Lambda function resource policies do not let anyone invoke the function.

use crate::prelude::*;

pub static RULE: RuleDef<LambdaFunction> = RuleDef {
    meta: RuleMeta {
        id: "LMB-001",
        name: "lambda-function-policy-not-public",
        title: "Lambda function resource policies do not allow access by anyone",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.308(a)(4)(ii)(B)", "164.312(d)"],
        source: "Whitepaper: AWS Lambda",
        rationale: "A function's resource-based policy decides who may invoke it. A statement \
            that allows `\"Principal\": \"*\"` with no condition tying it to an account, \
            organisation or source ARN lets any AWS customer (or, through a function URL with \
            no authentication, anyone on the internet) run code that reads or writes PHI with \
            the function's role. Access control (164.312(a)(1)) and person or entity \
            authentication (164.312(d)) require that only identified, authorised callers reach \
            ePHI. Service grants restricted with aws:SourceArn or aws:SourceAccount (the usual \
            way S3, SNS or EventBridge are allowed to invoke) are not public.",
        remediation: Remediation {
            console: "Lambda console > function > Configuration > Permissions > Resource-based \
                policy statements > delete the statement with principal * (or edit it to name the \
                account or service and add a SourceArn condition).\n\
                aws lambda get-policy --function-name FUNCTION\n\
                aws lambda remove-permission --function-name FUNCTION --statement-id STATEMENT_ID",
            terraform: "resource \"aws_lambda_permission\" \"from_bucket\" {\n  statement_id   = \"AllowS3Invoke\"\n  action         = \"lambda:InvokeFunction\"\n  function_name  = aws_lambda_function.ingest.function_name\n  principal      = \"s3.amazonaws.com\"\n  source_arn     = aws_s3_bucket.inbox.arn\n  source_account = data.aws_caller_identity.current.account_id\n}",
            cloudformation: "IngestInvokePermission:\n  Type: AWS::Lambda::Permission\n  Properties:\n    Action: lambda:InvokeFunction\n    FunctionName: !Ref IngestFunction\n    Principal: s3.amazonaws.com\n    SourceArn: !GetAtt InboxBucket.Arn\n    SourceAccount: !Ref AWS::AccountId",
        },
        examples: &[
            Example {
                name: "s3 may invoke, restricted by source arn",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "AllowS3Invoke", "Effect": "Allow",
                        "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction",
                        "Resource": "arn:aws:lambda:us-east-1:111122223333:function:ingest-lab-results",
                        "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::clinic-inbox"}}}]}}]"#,
            },
            Example {
                name: "no resource policy",
                expect: Status::Pass,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:nightly-export", "policy": null}]"#,
            },
            Example {
                name: "anyone may invoke",
                expect: Status::Fail,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "public", "Effect": "Allow",
                        "Principal": "*", "Action": "lambda:InvokeFunction",
                        "Resource": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup"}]}}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "lambda_function", "id": "arn:aws:lambda:us-east-1:111122223333:function:patient-lookup",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "lambda:GetPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(function: &LambdaFunction, _cx: &Context) -> Check {
    let Some(policy) = function.policy.need("policy")? else {
        return Ok(Outcome::pass("function has no resource-based policy"));
    };
    let open = policy.public_statements();
    Ok(if open.is_empty() {
        Outcome::pass("no statement allows access by anyone")
    } else {
        let sids: Vec<&str> = open
            .iter()
            .map(|s| {
                if s.sid.is_empty() {
                    "(no Sid)"
                } else {
                    s.sid.as_str()
                }
            })
            .collect();
        Outcome::fail(format!(
            "policy allows anyone: statement(s) {}",
            sids.join(", ")
        ))
    })
}
