//! APIGW-002: API Gateway stages do not use the API cache, which is outside HIPAA eligibility.

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-002",
        name: "apigateway-stage-cache-disabled",
        title: "API Gateway stages do not use API Gateway caching",
        severity: Severity::High,
        hipaa: &["164.308(b)(1)", "164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon API Gateway (\"API Gateway passes all non-cached data through memory and does not write it to disk\")",
        rationale: "AWS lists Amazon API Gateway as HIPAA eligible excluding the use of API \
            Gateway caching, and the whitepaper's assurance that data is not written to disk \
            covers only non-cached data. A stage with caching enabled stores responses, which for \
            a PHI API are PHI, in a cache cluster that the Business Associate Addendum does not \
            cover; a BAA that does not cover the service breaks the business associate \
            arrangement 164.308(b)(1) requires, whatever encryption is applied. The rule fails \
            any stage with the cache cluster enabled. If the API demonstrably never returns PHI, \
            record that and waive the finding; otherwise cache in a HIPAA-eligible store (for \
            example ElastiCache with encryption) behind the integration.",
        remediation: Remediation {
            console: "API Gateway console > API > Stages > stage > Stage details > Edit > \
                Cache settings: Provision API cache off > Save.\n\
                aws apigateway update-stage --rest-api-id API_ID --stage-name prod \
                --patch-operations op=replace,path=/cacheClusterEnabled,value=false",
            terraform: "resource \"aws_api_gateway_stage\" \"prod\" {\n  # ...\n  cache_cluster_enabled = false\n}",
            cloudformation: "ProdStage:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    # ...\n    CacheClusterEnabled: false",
        },
        examples: &[
            Example {
                name: "no cache",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "cache_enabled": false}]"#,
            },
            Example {
                name: "cache cluster enabled",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "cache_enabled": true, "cache_encrypted": true}]"#,
            },
            Example {
                name: "cache setting unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "apigateway_stage", "id": "aws_api_gateway_stage.prod",
                    "cache_enabled": {"$unknown": {"reason": "unresolved", "detail": "var.enable_cache"}}}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    Ok(if *stage.cache_enabled.need("cache_enabled")? {
        Outcome::fail("API cache is enabled; API Gateway caching is not HIPAA eligible")
    } else {
        Outcome::pass("API cache is disabled")
    })
}
