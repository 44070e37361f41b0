//! ELB-006: internet-facing application load balancers are protected by a WAF web ACL.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-006",
        name: "alb-internet-facing-waf-attached",
        title: "Internet-facing application load balancers are associated with a WAF web ACL",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.312(a)(1)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: AWS WAF – Web Application Firewall; Elastic Load Balancing",
        rationale: "The whitepaper describes placing AWS WAF between web applications that \
            operate with or exchange PHI and their end users. An internet-facing application \
            load balancer receives requests from anyone; a web ACL with the AWS managed rule \
            groups blocks SQL injection, cross-site scripting, known bad inputs and abusive \
            sources before they reach the PHI application. That is a risk management measure \
            (164.308(a)(1)(ii)(B)) supporting access control (164.312(a)(1)) and protection \
            from malicious software (164.308(a)(5)(ii)(B)). Internal load balancers and \
            non-application types (WAF cannot be attached to them) are not applicable.",
        remediation: Remediation {
            console: "WAF & Shield console > Web ACLs > Create web ACL (Regional, same region) \
                with the AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet \
                groups > Associated AWS resources > Add the load balancer.\n\
                aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn LB_ARN",
            terraform: "resource \"aws_wafv2_web_acl_association\" \"portal\" {\n  resource_arn = aws_lb.app.arn\n  web_acl_arn  = aws_wafv2_web_acl.regional.arn\n}",
            cloudformation: "PortalWafAssociation:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Ref AppLoadBalancer\n    WebACLArn: !GetAtt RegionalWebAcl.Arn",
        },
        examples: &[
            Example {
                name: "internet-facing alb with a web acl",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "scheme": "internet-facing",
                    "web_acl": "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/portal/a1b2"}]"#,
            },
            Example {
                name: "internet-facing alb without a web acl",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "scheme": "internet-facing", "web_acl": null}]"#,
            },
            Example {
                name: "internal alb",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/admin/77aa",
                    "lb_type": "application", "scheme": "internal", "web_acl": null}]"#,
            },
            Example {
                name: "web acl lookup denied",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "scheme": "internet-facing",
                    "web_acl": {"$unknown": {"reason": "access_denied", "detail": "wafv2:GetWebACLForResource"}}}]"#,
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
            "WAF web ACLs attach only to application load balancers",
        ));
    }
    if !lb
        .scheme
        .need("scheme")?
        .eq_ignore_ascii_case("internet-facing")
    {
        return Ok(Outcome::not_applicable("load balancer is internal"));
    }
    Ok(match lb.web_acl.need("web_acl")? {
        Some(acl) => Outcome::pass(format!("protected by web ACL {acl}")),
        None => Outcome::fail("internet-facing application load balancer has no WAF web ACL"),
    })
}
