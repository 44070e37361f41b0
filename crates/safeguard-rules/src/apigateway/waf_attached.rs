//! APIGW-006: API Gateway stages are protected by a WAF web ACL.

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-006",
        name: "apigateway-stage-waf-attached",
        title: "API Gateway stages are associated with a WAF web ACL",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.312(a)(1)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: AWS WAF – Web Application Firewall; Amazon API Gateway",
        rationale: "The whitepaper describes placing AWS WAF between applications that operate \
            with or exchange PHI and their users. A REST API stage is reachable by anyone who \
            knows its URL; a regional web ACL with the AWS managed rule groups and rate limits \
            blocks injection attempts, known bad inputs and credential-stuffing bursts before \
            they reach the integrations that read PHI. That is a risk management measure \
            (164.308(a)(1)(ii)(B)) supporting access control (164.312(a)(1)) and protection \
            from malicious software (164.308(a)(5)(ii)(B)). An API fronted by a CloudFront \
            distribution with its own web ACL is protected there; waive the finding for such \
            stages if the stage cannot be reached directly.",
        remediation: Remediation {
            console: "WAF & Shield console > Web ACLs > Create web ACL (Regional) with the \
                AWSManagedRulesCommonRuleSet and a rate-based rule > Associated AWS resources > \
                Add > API Gateway stage.\n\
                aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN \
                --resource-arn arn:aws:apigateway:REGION::/restapis/API_ID/stages/prod",
            terraform: "resource \"aws_wafv2_web_acl_association\" \"api\" {\n  resource_arn = aws_api_gateway_stage.prod.arn\n  web_acl_arn  = aws_wafv2_web_acl.regional.arn\n}",
            cloudformation: "ApiWafAssociation:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${PortalApi}/stages/prod\n    WebACLArn: !GetAtt RegionalWebAcl.Arn",
        },
        examples: &[
            Example {
                name: "web acl",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "web_acl": "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/c3d4"}]"#,
            },
            Example {
                name: "no web acl",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "web_acl": null}]"#,
            },
            Example {
                name: "web acl unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
                    "web_acl": {"$unknown": {"reason": "access_denied", "detail": "apigateway:GET"}}}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    Ok(match stage.web_acl.need("web_acl")? {
        Some(acl) => Outcome::pass(format!("protected by web ACL {acl}")),
        None => Outcome::fail("stage has no WAF web ACL"),
    })
}
