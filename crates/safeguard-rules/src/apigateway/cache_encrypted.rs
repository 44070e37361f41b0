//! APIGW-003: when an API Gateway stage caches responses, the cache is encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-003",
        name: "apigateway-stage-cache-encrypted",
        title: "API Gateway stage caches, where enabled, are encrypted",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)"],
        source: "Whitepaper: Amazon API Gateway; Encryption and protection of PHI in AWS",
        rationale: "Caching should not be used for PHI at all (APIGW-002: it is outside API \
            Gateway's HIPAA eligibility). Where a stage caches anyway, for example for an API \
            that has been shown to return no PHI, the cached responses are data at rest and \
            should be encrypted (164.312(a)(2)(iv)); the cache-data-encrypted method setting is \
            off by default. Passing this rule does not make caching acceptable for PHI. Stages \
            without a cache are not applicable.",
        remediation: Remediation {
            console: "API Gateway console > API > Stages > stage > Cache settings > Edit > \
                Encrypt cache data on > Save.\n\
                aws apigateway update-stage --rest-api-id API_ID --stage-name prod \
                --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true",
            terraform: "resource \"aws_api_gateway_method_settings\" \"all\" {\n  rest_api_id = aws_api_gateway_rest_api.portal.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = \"*/*\"\n\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}",
            cloudformation: "ProdStage:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    # ...\n    CacheClusterEnabled: true\n    MethodSettings:\n      - ResourcePath: /*\n        HttpMethod: \"*\"\n        CachingEnabled: true\n        CacheDataEncrypted: true",
        },
        examples: &[
            Example {
                name: "encrypted cache",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/f6g7h8i9j0/stages/prod",
                    "cache_enabled": true, "cache_encrypted": true}]"#,
            },
            Example {
                name: "unencrypted cache",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/f6g7h8i9j0/stages/prod",
                    "cache_enabled": true, "cache_encrypted": false}]"#,
            },
            Example {
                name: "no cache",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "cache_enabled": false, "cache_encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    if !*stage.cache_enabled.need("cache_enabled")? {
        return Ok(Outcome::not_applicable("stage has no API cache"));
    }
    Ok(if *stage.cache_encrypted.need("cache_encrypted")? {
        Outcome::pass("cache data is encrypted")
    } else {
        Outcome::fail("cache is enabled and its data is not encrypted")
    })
}
