//! ELB-004: application, network and gateway load balancers have deletion protection.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-004",
        name: "elb-deletion-protection-enabled",
        title: "Load balancers have deletion protection enabled",
        severity: Severity::Low,
        hipaa: &["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
        source: "Whitepaper: Elastic Load Balancing; Auditing, backups, and disaster recovery",
        rationale: "A load balancer is the front door of the application that serves PHI. \
            Deleting it by mistake (a stray console click, a Terraform plan applied to the wrong \
            workspace) takes the application offline and loses its DNS name, listeners and \
            rules. HIPAA's contingency plan standard (164.308(a)(7)(i)) and its emergency mode \
            operation specification expect access to ePHI systems to survive such events. \
            Deletion protection makes deletion a deliberate two-step act. Classic load \
            balancers have no such setting and are not applicable. This is a low-severity \
            availability safeguard, not a confidentiality control.",
        remediation: Remediation {
            console: "EC2 console > Load Balancers > select > Attributes > Edit > Deletion \
                protection: on.\n\
                aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB_ARN --attributes \
                Key=deletion_protection.enabled,Value=true",
            terraform: "resource \"aws_lb\" \"app\" {\n  # ...\n  enable_deletion_protection = true\n}",
            cloudformation: "AppLoadBalancer:\n  Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n  Properties:\n    # ...\n    LoadBalancerAttributes:\n      - Key: deletion_protection.enabled\n        Value: \"true\"",
        },
        examples: &[
            Example {
                name: "protected",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "deletion_protection": true}]"#,
            },
            Example {
                name: "unprotected",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/hl7/7f3c",
                    "lb_type": "network", "deletion_protection": false}]"#,
            },
            Example {
                name: "classic load balancer",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic"}]"#,
            },
            Example {
                name: "attribute unresolved in terraform",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "aws_lb.portal", "lb_type": "application",
                    "deletion_protection": {"$unknown": {"reason": "unresolved", "detail": "var.protect"}}}]"#,
            },
        ],
    },
    check,
};

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if lb.lb_type.need("lb_type")?.eq_ignore_ascii_case("classic") {
        return Ok(Outcome::not_applicable(
            "classic load balancers have no deletion protection setting",
        ));
    }
    Ok(if *lb.deletion_protection.need("deletion_protection")? {
        Outcome::pass("deletion protection is enabled")
    } else {
        Outcome::fail("deletion protection is disabled")
    })
}
