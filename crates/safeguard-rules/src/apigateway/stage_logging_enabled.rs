//! APIGW-001: API Gateway stages log requests (execution logging and/or access logging).

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-001",
        name: "apigateway-stage-logging-enabled",
        title: "API Gateway stages have execution logging (ERROR or INFO) or access logging enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon API Gateway (\"Customers can use AWS CloudTrail and Amazon CloudWatch to enable logging that is consistent with their logging requirements\")",
        rationale: "CloudTrail records changes to an API, not the calls made through it. Who \
            called which method, when, from where and with what result is only recorded by the \
            stage's CloudWatch execution logs (level ERROR or INFO) or its access logs. Without \
            either, the audit controls standard (164.312(b)) and information system activity \
            review (164.308(a)(1)(ii)(D)) have no record of access to the PHI behind the API. \
            Either kind of logging passes. The whitepaper warns that PHI in headers, URLs and \
            bodies must only be captured by HIPAA-eligible services configured per the Guidance: \
            send logs to an encrypted CloudWatch Logs group and avoid full request/response data \
            logging unless it is needed.",
        remediation: Remediation {
            console: "API Gateway console > API > Stages > stage > Logs and tracing > Edit > \
                CloudWatch logs: Errors only (or Errors and info logs); Custom access logging on \
                with a log group ARN and a JSON format > Save. (The account needs a CloudWatch \
                Logs role ARN under Settings.)\n\
                aws apigateway update-stage --rest-api-id API_ID --stage-name prod --patch-operations \
                op=replace,path=/*/*/logging/loglevel,value=ERROR \
                op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN \
                'op=replace,path=/accessLogSettings/format,value=$context.identity.sourceIp $context.identity.caller [$context.requestTime] \"$context.httpMethod $context.resourcePath\" $context.status $context.requestId'",
            terraform: "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = aws_api_gateway_rest_api.portal.id\n  deployment_id = aws_api_gateway_deployment.portal.id\n  stage_name    = \"prod\"\n\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api_access.arn\n    format = jsonencode({\n      requestId   = \"$context.requestId\"\n      ip          = \"$context.identity.sourceIp\"\n      caller      = \"$context.identity.caller\"\n      requestTime = \"$context.requestTime\"\n      httpMethod  = \"$context.httpMethod\"\n      resource    = \"$context.resourcePath\"\n      status      = \"$context.status\"\n    })\n  }\n}\n\nresource \"aws_api_gateway_method_settings\" \"all\" {\n  rest_api_id = aws_api_gateway_rest_api.portal.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = \"*/*\"\n\n  settings {\n    logging_level = \"ERROR\"\n  }\n}",
            cloudformation: "ProdStage:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    RestApiId: !Ref PortalApi\n    DeploymentId: !Ref PortalDeployment\n    StageName: prod\n    AccessLogSetting:\n      DestinationArn: !GetAtt ApiAccessLogs.Arn\n      Format: '{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"caller\":\"$context.identity.caller\",\"requestTime\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"resource\":\"$context.resourcePath\",\"status\":\"$context.status\"}'\n    MethodSettings:\n      - ResourcePath: /*\n        HttpMethod: \"*\"\n        LoggingLevel: ERROR",
        },
        examples: &[
            Example {
                name: "execution and access logging",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "execution_logging_level": "ERROR",
                    "access_log_destination": "arn:aws:logs:us-east-1:111122223333:log-group:api-access"}]"#,
            },
            Example {
                name: "access logging only, execution logging unreadable",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "execution_logging_level": {"$unknown": {"reason": "not_collected"}},
                    "access_log_destination": "arn:aws:logs:us-east-1:111122223333:log-group:api-access"}]"#,
            },
            Example {
                name: "logging off",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "execution_logging_level": "OFF", "access_log_destination": null}]"#,
            },
            Example {
                name: "execution logging off, access logging unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "execution_logging_level": null,
                    "access_log_destination": {"$unknown": {"reason": "access_denied", "detail": "apigateway:GET"}}}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    let execution = stage.execution_logging_level.known().map(|level| {
        level
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("ERROR") || l.eq_ignore_ascii_case("INFO"))
    });
    let access = stage.access_log_destination.known().map(Option::is_some);
    if execution == Some(true) || access == Some(true) {
        let mut on = Vec::new();
        if execution == Some(true) {
            let level = stage
                .execution_logging_level
                .known()
                .cloned()
                .flatten()
                .unwrap_or_default();
            on.push(format!(
                "execution logging at {}",
                level.to_ascii_uppercase()
            ));
        }
        if access == Some(true) {
            on.push("access logging".to_string());
        }
        return Ok(Outcome::pass(format!("{} enabled", on.join(" and "))));
    }
    // Neither is known to be on: both must be known to be off before failing.
    stage
        .execution_logging_level
        .need("execution_logging_level")?;
    stage
        .access_log_destination
        .need("access_log_destination")?;
    Ok(Outcome::fail(
        "neither execution logging (ERROR/INFO) nor access logging is enabled",
    ))
}
