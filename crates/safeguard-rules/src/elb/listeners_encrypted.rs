//! ELB-001: every load balancer listener encrypts traffic, or redirects HTTP to HTTPS.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-001",
        name: "elb-listeners-encrypted",
        title: "Load balancer listeners use HTTPS, TLS or SSL, or redirect HTTP to HTTPS",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)", "164.312(e)(2)(i)"],
        source: "Whitepaper: Elastic Load Balancing",
        rationale: "The whitepaper's Elastic Load Balancing section says that all network traffic \
            containing PHI must be encrypted in transit end-to-end and that sessions containing PHI \
            must encrypt the front-end listeners. A plain HTTP, TCP or UDP listener lets anyone on \
            the path read or alter PHI, which defeats the transmission security standard \
            (164.312(e)(1)) and its encryption and integrity specifications. An HTTP listener whose \
            default action only redirects to HTTPS carries no PHI and passes. Gateway load \
            balancers forward packets transparently over GENEVE and are not applicable. The \
            whitepaper also allows a TCP listener that passes TLS through to instances that \
            terminate it; the load balancer cannot show that, so such a listener fails here and \
            should be documented and waived if that is the design.",
        remediation: Remediation {
            console: "EC2 console > Load Balancers > select > Listeners and rules > Add listener: \
                HTTPS:443 with an ACM certificate and a TLS 1.2+ security policy; then edit the \
                HTTP:80 listener's default action to \"Redirect to URL\" HTTPS:443 (301). For TCP \
                listeners on a network load balancer use TLS instead.\n\
                aws elbv2 create-listener --load-balancer-arn LB_ARN --protocol HTTPS --port 443 \
                --certificates CertificateArn=CERT_ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \
                --default-actions Type=forward,TargetGroupArn=TG_ARN\n\
                aws elbv2 modify-listener --listener-arn HTTP_LISTENER_ARN --default-actions \
                '[{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\",\"Port\":\"443\",\"StatusCode\":\"HTTP_301\"}}]'",
            terraform: "resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = aws_acm_certificate.app.arn\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\n\nresource \"aws_lb_listener\" \"http_redirect\" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 80\n  protocol          = \"HTTP\"\n\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}",
            cloudformation: "HttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref AppLoadBalancer\n    Port: 443\n    Protocol: HTTPS\n    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n    Certificates:\n      - CertificateArn: !Ref AppCertificate\n    DefaultActions:\n      - Type: forward\n        TargetGroupArn: !Ref AppTargetGroup\nHttpRedirectListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref AppLoadBalancer\n    Port: 80\n    Protocol: HTTP\n    DefaultActions:\n      - Type: redirect\n        RedirectConfig:\n          Protocol: HTTPS\n          Port: \"443\"\n          StatusCode: HTTP_301",
        },
        examples: &[
            Example {
                name: "https listener and an http listener that redirects",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc6c495c0c9188",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": [
                        {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                         "certificate_arns": ["arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d"]},
                        {"port": 80, "protocol": "HTTP", "redirects_to_https": true}]}]"#,
            },
            Example {
                name: "network load balancer with a tls listener",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/hl7/7f3c",
                    "lb_type": "network", "scheme": "internal",
                    "listeners": [{"port": 2575, "protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}]"#,
            },
            Example {
                name: "http listener forwarding to targets",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc6c495c0c9188",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": [{"port": 80, "protocol": "HTTP", "redirects_to_https": false}]}]"#,
            },
            Example {
                name: "classic load balancer with a tcp listener",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic", "scheme": "internet-facing",
                    "listeners": [{"port": 443, "protocol": "SSL", "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01"},
                                  {"port": 5432, "protocol": "TCP"}]}]"#,
            },
            Example {
                name: "gateway load balancer",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/gwy/inspection/1a2b",
                    "lb_type": "gateway", "scheme": "internal", "listeners": [{"port": 6081, "protocol": "GENEVE"}]}]"#,
            },
            Example {
                name: "listeners unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc6c495c0c9188",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": {"$unknown": {"reason": "access_denied", "detail": "elasticloadbalancing:DescribeListeners"}}}]"#,
            },
        ],
    },
    check,
};

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if lb.lb_type.need("lb_type")?.eq_ignore_ascii_case("gateway") {
        return Ok(Outcome::not_applicable(
            "gateway load balancers forward packets transparently and have no TLS listeners",
        ));
    }
    let listeners = lb.listeners.need("listeners")?;
    if listeners.is_empty() {
        return Ok(Outcome::not_applicable("load balancer has no listeners"));
    }
    let redirects = |l: &Listener| l.protocol.eq_ignore_ascii_case("HTTP") && l.redirects_to_https;
    let plain: Vec<&Listener> = listeners
        .iter()
        .filter(|l| !l.is_encrypted() && !redirects(l))
        .collect();
    if plain.is_empty() {
        let redirecting = listeners.iter().filter(|l| redirects(l)).count();
        let encrypted = listeners.len() - redirecting;
        return Ok(Outcome::pass(if redirecting == 0 {
            format!("all {encrypted} listener(s) use HTTPS/TLS/SSL")
        } else {
            format!("{encrypted} listener(s) use HTTPS/TLS/SSL; {redirecting} HTTP listener(s) redirect to HTTPS")
        }));
    }
    let names: Vec<String> = plain
        .iter()
        .map(|l| format!("{}:{}", l.protocol.to_ascii_uppercase(), l.port))
        .collect();
    let mut message = format!("unencrypted listener(s): {}", names.join(", "));
    if plain.iter().any(|l| l.protocol.eq_ignore_ascii_case("TCP")) {
        message.push_str(
            " (a TCP listener that passes TLS through to its targets cannot be verified here)",
        );
    }
    Ok(Outcome::fail(message))
}
