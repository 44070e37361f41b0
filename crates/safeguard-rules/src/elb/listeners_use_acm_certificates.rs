//! ELB-007: encrypted listeners use certificates from AWS Certificate Manager.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-007",
        name: "elb-listeners-use-acm-certificates",
        title: "Encrypted load balancer listeners use certificates managed by AWS Certificate Manager",
        severity: Severity::Low,
        hipaa: &["164.312(e)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: AWS Certificate Manager; Elastic Load Balancing",
        rationale: "The whitepaper lists AWS Certificate Manager as the service for provisioning \
            and deploying the SSL/TLS certificates that AWS services use. Certificates uploaded \
            to IAM are not renewed by anyone; when one expires, clients refuse the connection \
            and the usual emergency fix is to fall back to a path without TLS, exposing PHI in \
            transit (164.312(e)(1)). ACM renews the certificates it issues automatically and \
            tracks imported ones. This is a low-severity operational safeguard: an IAM server \
            certificate that is current encrypts just as well.",
        remediation: Remediation {
            console: "ACM console > Request certificate (DNS validation) > then EC2 console > \
                Load Balancers > Listeners > edit the listener's default certificate.\n\
                aws acm request-certificate --domain-name portal.example.org --validation-method DNS\n\
                aws elbv2 modify-listener --listener-arn LISTENER_ARN --certificates CertificateArn=ACM_CERT_ARN",
            terraform: "resource \"aws_acm_certificate\" \"portal\" {\n  domain_name       = \"portal.example.org\"\n  validation_method = \"DNS\"\n}\n\nresource \"aws_lb_listener\" \"https\" {\n  # ...\n  certificate_arn = aws_acm_certificate.portal.arn\n}",
            cloudformation: "PortalCertificate:\n  Type: AWS::CertificateManager::Certificate\n  Properties:\n    DomainName: portal.example.org\n    ValidationMethod: DNS\nHttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    # ...\n    Certificates:\n      - CertificateArn: !Ref PortalCertificate",
        },
        examples: &[
            Example {
                name: "acm certificate",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                   "certificate_arns": ["arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d"]},
                                  {"port": 80, "protocol": "HTTP", "redirects_to_https": true}]}]"#,
            },
            Example {
                name: "iam server certificate",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01",
                                   "certificate_arns": ["arn:aws:iam::111122223333:server-certificate/emr-2019"]}]}]"#,
            },
            Example {
                name: "no encrypted listener",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/mllp/1c1c",
                    "lb_type": "network", "listeners": [{"port": 2575, "protocol": "TCP"}]}]"#,
            },
            Example {
                name: "certificate not recorded",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "aws_lb.portal", "lb_type": "application",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}]"#,
            },
        ],
    },
    check,
};

fn is_acm(arn: &str) -> bool {
    arn.split(':').nth(2) == Some("acm")
}

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    let listeners = lb.listeners.need("listeners")?;
    let encrypted: Vec<&Listener> = listeners.iter().filter(|l| l.is_encrypted()).collect();
    if encrypted.is_empty() {
        return Ok(Outcome::not_applicable(
            "load balancer has no HTTPS, TLS or SSL listener",
        ));
    }
    let mut other = Vec::new();
    let mut missing = Vec::new();
    for l in &encrypted {
        let at = format!("{}:{}", l.protocol.to_ascii_uppercase(), l.port);
        if l.certificate_arns.is_empty() {
            missing.push(at);
        } else {
            other.extend(
                l.certificate_arns
                    .iter()
                    .filter(|a| !is_acm(a))
                    .map(|a| format!("{at} uses {a}")),
            );
        }
    }
    Ok(if !other.is_empty() {
        Outcome::fail(format!(
            "certificate(s) not managed by ACM: {}",
            other.join("; ")
        ))
    } else if !missing.is_empty() {
        Outcome::unknown(
            UnknownReason::NotCollected,
            format!("no certificate recorded for {}", missing.join(", ")),
        )
    } else {
        Outcome::pass("every encrypted listener uses an ACM certificate")
    })
}
