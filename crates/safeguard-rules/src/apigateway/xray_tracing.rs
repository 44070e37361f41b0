//! APIGW-005: API Gateway stages have X-Ray tracing enabled.

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-005",
        name: "apigateway-stage-xray-tracing",
        title: "API Gateway stages have AWS X-Ray tracing enabled",
        severity: Severity::Low,
        hipaa: &["164.312(b)"],
        source: "Whitepaper: Amazon API Gateway; AWS X-Ray",
        rationale: "X-Ray traces follow a request from the stage through Lambda functions, \
            databases and downstream services, which makes it possible to reconstruct what a \
            request that touched PHI actually did and where it failed, a complement to the \
            stage's logs for audit controls (164.312(b)). Low severity. The whitepaper says X-Ray \
            should not store or process PHI and that no PHI may be placed in segment \
            annotations or metadata: before enabling tracing, make sure request paths and query \
            strings of the API carry no PHI (identifiers belong in bodies or headers that X-Ray \
            does not record) and that custom instrumentation annotates nothing sensitive.",
        remediation: Remediation {
            console: "API Gateway console > API > Stages > stage > Logs and tracing > Edit > \
                X-Ray tracing on > Save.\n\
                aws apigateway update-stage --rest-api-id API_ID --stage-name prod \
                --patch-operations op=replace,path=/tracingEnabled,value=true",
            terraform: "resource \"aws_api_gateway_stage\" \"prod\" {\n  # ...\n  xray_tracing_enabled = true\n}",
            cloudformation: "ProdStage:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    # ...\n    TracingEnabled: true",
        },
        examples: &[
            Example {
                name: "tracing on",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "xray_tracing": true}]"#,
            },
            Example {
                name: "tracing off",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "xray_tracing": false}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    Ok(if *stage.xray_tracing.need("xray_tracing")? {
        Outcome::pass("X-Ray tracing is enabled")
    } else {
        Outcome::fail("X-Ray tracing is disabled")
    })
}
