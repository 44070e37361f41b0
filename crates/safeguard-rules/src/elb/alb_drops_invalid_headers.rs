//! ELB-005: application load balancers drop HTTP headers with invalid names.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-005",
        name: "alb-drops-invalid-http-headers",
        title: "Application load balancers drop HTTP headers with invalid names",
        severity: Severity::Low,
        hipaa: &["164.312(c)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Elastic Load Balancing",
        rationale: "By default an application load balancer forwards headers whose names are not \
            valid HTTP tokens (for example names with underscores or other unusual characters). \
            Back ends and proxies disagree on how to read such headers, which is the root of HTTP \
            request-smuggling and header-injection attacks that can let one user's request read \
            or alter another's PHI response. Dropping them at the load balancer is a cheap risk \
            management measure (164.308(a)(1)(ii)(B)) that protects the integrity of what reaches \
            the PHI application (164.312(c)(1)). Only application load balancers have this \
            setting; other types are not applicable.",
        remediation: Remediation {
            console: "EC2 console > Load Balancers > select the ALB > Attributes > Edit > Packet \
                handling: Drop invalid header fields on.\n\
                aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB_ARN --attributes \
                Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
            terraform: "resource \"aws_lb\" \"app\" {\n  load_balancer_type         = \"application\"\n  drop_invalid_header_fields = true\n  # ...\n}",
            cloudformation: "AppLoadBalancer:\n  Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n  Properties:\n    Type: application\n    LoadBalancerAttributes:\n      - Key: routing.http.drop_invalid_header_fields.enabled\n        Value: \"true\"",
        },
        examples: &[
            Example {
                name: "drops invalid headers",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "drop_invalid_headers": true}]"#,
            },
            Example {
                name: "forwards invalid headers",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "drop_invalid_headers": false}]"#,
            },
            Example {
                name: "network load balancer",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/hl7/7f3c",
                    "lb_type": "network"}]"#,
            },
        ],
    },
    check,
};

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if !lb
        .lb_type
        .need("lb_type")?
        .eq_ignore_ascii_case("application")
    {
        return Ok(Outcome::not_applicable(
            "only application load balancers parse HTTP headers",
        ));
    }
    Ok(if *lb.drop_invalid_headers.need("drop_invalid_headers")? {
        Outcome::pass("invalid header fields are dropped")
    } else {
        Outcome::fail("invalid header fields are forwarded to targets")
    })
}
