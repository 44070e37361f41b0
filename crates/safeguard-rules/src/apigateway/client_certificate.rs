//! APIGW-004: API Gateway stages present a client certificate to their back ends.

use crate::prelude::*;

pub static RULE: RuleDef<ApiGatewayStage> = RuleDef {
    meta: RuleMeta {
        id: "APIGW-004",
        name: "apigateway-stage-client-certificate",
        title: "API Gateway stages present a client certificate to HTTP back ends",
        severity: Severity::Low,
        hipaa: &["164.312(d)", "164.312(e)(1)"],
        source: "Whitepaper: Amazon API Gateway (\"Customers can integrate with any service that is connected to API Gateway, provided that when PHI is involved, the service is configured consistent with the Guidance\")",
        rationale: "An HTTP integration endpoint is usually reachable from the internet, so \
            without further proof it cannot tell API Gateway's requests from anyone else's. A \
            stage client certificate lets the back end verify that a request really comes from \
            this API (person or entity authentication, 164.312(d)) over a TLS connection it can \
            pin (164.312(e)(1)). Stages whose integrations are all Lambda or AWS service \
            integrations authenticate with IAM instead and do not need one; the inventory does \
            not record integration types, so suppress the finding for them. Low severity.",
        remediation: Remediation {
            console: "API Gateway console > Client certificates > Generate > then Stages > stage \
                > Stage details > Edit > Client certificate: choose it > Save; configure the back \
                end to require that certificate.\n\
                aws apigateway generate-client-certificate --description portal-backend\n\
                aws apigateway update-stage --rest-api-id API_ID --stage-name prod \
                --patch-operations op=replace,path=/clientCertificateId,value=CERT_ID",
            terraform: "resource \"aws_api_gateway_client_certificate\" \"backend\" {\n  description = \"portal-backend\"\n}\n\nresource \"aws_api_gateway_stage\" \"prod\" {\n  # ...\n  client_certificate_id = aws_api_gateway_client_certificate.backend.id\n}",
            cloudformation: "BackendCertificate:\n  Type: AWS::ApiGateway::ClientCertificate\n  Properties:\n    Description: portal-backend\nProdStage:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    # ...\n    ClientCertificateId: !Ref BackendCertificate",
        },
        examples: &[
            Example {
                name: "client certificate",
                expect: Status::Pass,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "client_certificate_id": "x1y2z3"}]"#,
            },
            Example {
                name: "no client certificate",
                expect: Status::Fail,
                resources: r#"[{"type": "apigateway_stage", "id": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", "client_certificate_id": null}]"#,
            },
        ],
    },
    check,
};

fn check(stage: &ApiGatewayStage, _cx: &Context) -> Check {
    Ok(
        match stage.client_certificate_id.need("client_certificate_id")? {
            Some(id) => Outcome::pass(format!("client certificate {id}")),
            None => Outcome::fail("stage has no client certificate for back-end authentication"),
        },
    )
}
