//! ELB-008: load balancers reach their targets over an encrypted protocol.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-008",
        name: "elb-backend-connections-encrypted",
        title: "Load balancers connect to their targets over HTTPS or TLS",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Elastic Load Balancing (\"Sessions containing PHI must encrypt both front-end and backend listeners for transport encryption\")",
        rationale: "The whitepaper requires PHI to be encrypted in transit end-to-end: a session \
            that is decrypted at the load balancer and forwarded to the instances in plain HTTP \
            or TCP travels unencrypted inside the VPC, where a compromised host, a mirrored \
            interface or a misrouted packet exposes it. Transmission security (164.312(e)(1)) and \
            its encryption specification apply to that leg too. Target groups of Lambda functions \
            (no network protocol) are skipped; gateway load balancers are not applicable. Plain \
            TCP target groups fail even behind TCP listeners, because the load balancer cannot \
            show that the application wraps them in TLS; document and waive that design if it \
            is yours. Severity is medium because the leg stays inside the VPC.",
        remediation: Remediation {
            console: "EC2 console > Target Groups > Create target group with protocol HTTPS (or \
                TLS for network load balancers) on the port where the targets terminate TLS, \
                register the targets, then point the listener's forward action at it.\n\
                aws elbv2 create-target-group --name portal-https --protocol HTTPS --port 443 --vpc-id VPC_ID \
                --health-check-protocol HTTPS",
            terraform: "resource \"aws_lb_target_group\" \"app\" {\n  name     = \"portal-https\"\n  port     = 443\n  protocol = \"HTTPS\"\n  vpc_id   = aws_vpc.main.id\n\n  health_check {\n    protocol = \"HTTPS\"\n  }\n}",
            cloudformation: "AppTargetGroup:\n  Type: AWS::ElasticLoadBalancingV2::TargetGroup\n  Properties:\n    Name: portal-https\n    Port: 443\n    Protocol: HTTPS\n    VpcId: !Ref Vpc\n    HealthCheckProtocol: HTTPS",
        },
        examples: &[
            Example {
                name: "https and lambda targets",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application",
                    "target_groups": [{"name": "portal-https", "protocol": "HTTPS", "port": 443},
                                      {"name": "export-fn", "protocol": null}]}]"#,
            },
            Example {
                name: "http target group",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application",
                    "target_groups": [{"name": "portal-http", "protocol": "HTTP", "port": 8080}]}]"#,
            },
            Example {
                name: "classic load balancer forwarding ssl to tcp",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic", "target_groups": [{"name": "listener 443", "protocol": "TCP", "port": 8443}]}]"#,
            },
            Example {
                name: "gateway load balancer",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/gwy/inspection/1a2b",
                    "lb_type": "gateway", "target_groups": [{"name": "appliances", "protocol": "GENEVE", "port": 6081}]}]"#,
            },
            Example {
                name: "target groups unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application",
                    "target_groups": {"$unknown": {"reason": "access_denied", "detail": "elasticloadbalancing:DescribeTargetGroups"}}}]"#,
            },
        ],
    },
    check,
};

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if lb.lb_type.need("lb_type")?.eq_ignore_ascii_case("gateway") {
        return Ok(Outcome::not_applicable(
            "gateway load balancers forward packets transparently",
        ));
    }
    let groups = lb.target_groups.need("target_groups")?;
    let networked: Vec<(&TargetGroup, &str)> = groups
        .iter()
        .filter_map(|g| g.protocol.as_deref().map(|p| (g, p)))
        .collect();
    if networked.is_empty() {
        return Ok(Outcome::not_applicable(
            "load balancer has no network targets",
        ));
    }
    let plain: Vec<String> = networked
        .iter()
        .filter(|(_, p)| !matches!(p.to_ascii_uppercase().as_str(), "HTTPS" | "TLS" | "SSL"))
        .map(|(g, p)| match g.port {
            Some(port) => format!("{} ({}:{port})", g.name, p.to_ascii_uppercase()),
            None => format!("{} ({})", g.name, p.to_ascii_uppercase()),
        })
        .collect();
    Ok(if plain.is_empty() {
        Outcome::pass(format!(
            "all {} target group(s) use HTTPS or TLS",
            networked.len()
        ))
    } else {
        Outcome::fail(format!(
            "targets reached without encryption: {}",
            plain.join(", ")
        ))
    })
}
