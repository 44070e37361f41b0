//! ELB-002: encrypted listeners use a security policy whose minimum protocol is TLS 1.2.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-002",
        name: "elb-listeners-tls12-policy",
        title: "Encrypted load balancer listeners use a security policy that requires TLS 1.2 or later",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)", "164.312(e)(2)(i)"],
        source: "Whitepaper: Elastic Load Balancing (\"evaluate their certificates and session negotiation policies and maintain them consistent to the Guidance\")",
        rationale: "The whitepaper asks customers to keep ELB session negotiation policies \
            consistent with the HHS Guidance, which points to NIST SP 800-52 for data in motion; \
            current NIST guidance requires TLS 1.2 or later. Policies such as \
            ELBSecurityPolicy-2016-08 (the long-time default), ELBSecurityPolicy-TLS-1-1-2017-01 \
            or ELBSecurityPolicy-TLS13-1-0-2021-06 still accept TLS 1.0 or 1.1, so a client or \
            attacker can negotiate a protocol with known weaknesses, undermining transmission \
            security (164.312(e)(1)). \n\nHow the rule decides: the minimum version is read \
            from the AWS predefined policy name. `ELBSecurityPolicy-TLS13-1-N-*`, \
            `ELBSecurityPolicy-TLS-1-N-*` and `ELBSecurityPolicy-FS-1-N-*` accept TLS 1.N and \
            later (N ≥ 2 passes, so TLS13-1-2-*, TLS13-1-3-*, TLS-1-2-2017-01, TLS-1-2-Ext-2018-06 \
            and FS-1-2-* pass); the date-only policies (ELBSecurityPolicy-2016-08, 2015-05, \
            2015-03, 2015-02, 2014-10, 2014-01, 2011-08) and ELBSecurityPolicy-FS-2018-06 accept \
            TLS 1.0 and fail. A classic load balancer's custom negotiation policy that references \
            no predefined policy cannot be judged from its name and is reported unknown.",
        remediation: Remediation {
            console: "EC2 console > Load Balancers > select > Listeners > select the HTTPS/TLS \
                listener > Edit > Security policy: ELBSecurityPolicy-TLS13-1-2-2021-06.\n\
                aws elbv2 modify-listener --listener-arn LISTENER_ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06\n\
                Classic: aws elb set-load-balancer-policies-of-listener --load-balancer-name NAME \
                --load-balancer-port 443 --policy-names TLS12-POLICY (a policy created with \
                aws elb create-load-balancer-policy --policy-type-name SSLNegotiationPolicyType \
                --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01)",
            terraform: "resource \"aws_lb_listener\" \"https\" {\n  # ...\n  protocol   = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n}",
            cloudformation: "HttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    # ...\n    Protocol: HTTPS\n    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06",
        },
        examples: &[
            Example {
                name: "tls 1.3 and 1.2 policy",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
                                  {"port": 8443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"},
                                  {"port": 80, "protocol": "HTTP", "redirects_to_https": true}]}]"#,
            },
            Example {
                name: "classic load balancer with the tls 1.2 reference policy",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic", "scheme": "internal",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01"}]}]"#,
            },
            Example {
                name: "default 2016-08 policy accepts tls 1.0",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"}]}]"#,
            },
            Example {
                name: "tls 1.3 policy that still accepts tls 1.1",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/hl7/7f3c",
                    "lb_type": "network", "scheme": "internal",
                    "listeners": [{"port": 2575, "protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-1-2021-06"}]}]"#,
            },
            Example {
                name: "no encrypted listeners",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/redirector/9a9a",
                    "lb_type": "application", "scheme": "internet-facing",
                    "listeners": [{"port": 80, "protocol": "HTTP", "redirects_to_https": true}]}]"#,
            },
            Example {
                name: "classic custom negotiation policy",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic", "scheme": "internal",
                    "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "AWSConsole-SSLNegotiationPolicy-legacy-emr-1510000000000"}]}]"#,
            },
        ],
    },
    check,
};

/// The minimum TLS minor version (1.N) an AWS predefined ELB security policy accepts, read
/// from its name; `None` when the name is not a predefined policy's.
fn min_tls_minor(policy: &str) -> Option<u8> {
    const PREFIX: &str = "elbsecuritypolicy-";
    let lower = policy.to_ascii_lowercase();
    let rest = lower.strip_prefix(PREFIX)?;
    for family in ["tls13-1-", "tls-1-", "fs-1-"] {
        if let Some(tail) = rest.strip_prefix(family) {
            let digit = tail.chars().next()?.to_digit(10)?;
            let next = tail.chars().nth(1);
            return if next.is_none() || next == Some('-') {
                u8::try_from(digit).ok()
            } else {
                None
            };
        }
    }
    // ELBSecurityPolicy-FS-2018-06 and the date-only policies (2016-08, 2015-05, ...) accept
    // TLS 1.0 (the oldest date-only ones even SSL 3.0).
    let dated = rest.strip_prefix("fs-").unwrap_or(rest);
    let mut parts = dated.split('-');
    let year = parts.next()?;
    let month = parts.next()?;
    let is_date = year.len() == 4
        && month.len() == 2
        && parts.next().is_none()
        && year
            .chars()
            .chain(month.chars())
            .all(|c| c.is_ascii_digit());
    is_date.then_some(0)
}

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if lb.lb_type.need("lb_type")?.eq_ignore_ascii_case("gateway") {
        return Ok(Outcome::not_applicable(
            "gateway load balancers have no TLS listeners",
        ));
    }
    let listeners = lb.listeners.need("listeners")?;
    let encrypted: Vec<&Listener> = listeners.iter().filter(|l| l.is_encrypted()).collect();
    if encrypted.is_empty() {
        return Ok(Outcome::not_applicable(
            "load balancer has no HTTPS, TLS or SSL listener",
        ));
    }
    let mut weak = Vec::new();
    let mut unjudged = Vec::new();
    for l in &encrypted {
        let at = format!("{}:{}", l.protocol.to_ascii_uppercase(), l.port);
        match l.ssl_policy.as_deref() {
            None => unjudged.push(format!("{at} has no security policy recorded")),
            Some(policy) => match min_tls_minor(policy) {
                Some(minor) if minor >= 2 => {}
                Some(minor) => weak.push(format!("{at} uses {policy} (accepts TLS 1.{minor})")),
                None => unjudged.push(format!(
                    "{at} uses {policy}, not an AWS predefined policy, so its protocols cannot be read from its name"
                )),
            },
        }
    }
    Ok(if !weak.is_empty() {
        Outcome::fail(weak.join("; "))
    } else if !unjudged.is_empty() {
        Outcome::unknown(UnknownReason::NotCollected, unjudged.join("; "))
    } else {
        Outcome::pass(format!(
            "all {} encrypted listener(s) require TLS 1.2 or later",
            encrypted.len()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::min_tls_minor;

    #[test]
    fn policy_names() {
        for (name, want) in [
            ("ELBSecurityPolicy-TLS13-1-2-2021-06", Some(2)),
            ("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", Some(2)),
            ("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", Some(2)),
            ("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", Some(2)),
            ("ELBSecurityPolicy-TLS13-1-3-2021-06", Some(3)),
            ("ELBSecurityPolicy-TLS13-1-1-2021-06", Some(1)),
            ("ELBSecurityPolicy-TLS13-1-0-2021-06", Some(0)),
            ("ELBSecurityPolicy-TLS-1-2-2017-01", Some(2)),
            ("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", Some(2)),
            ("ELBSecurityPolicy-TLS-1-1-2017-01", Some(1)),
            ("ELBSecurityPolicy-FS-1-2-2019-08", Some(2)),
            ("ELBSecurityPolicy-FS-1-2-Res-2020-10", Some(2)),
            ("ELBSecurityPolicy-FS-1-1-2019-08", Some(1)),
            ("ELBSecurityPolicy-FS-2018-06", Some(0)),
            ("ELBSecurityPolicy-2016-08", Some(0)),
            ("ELBSecurityPolicy-2015-05", Some(0)),
            ("ELBSample-OpenSSLDefaultCipherPolicy", None),
            ("AWSConsole-SSLNegotiationPolicy-x-1", None),
            ("ELBSecurityPolicy-TLS13-1-22-2030-01", None),
        ] {
            assert_eq!(min_tls_minor(name), want, "{name}");
        }
    }
}
