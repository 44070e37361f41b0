//! ELB-003: load balancers write access logs.

use crate::prelude::*;

pub static RULE: RuleDef<LoadBalancer> = RuleDef {
    meta: RuleMeta {
        id: "ELB-003",
        name: "elb-access-logs-enabled",
        title: "Load balancers write access logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Elastic Load Balancing (\"customers should implement a level of logging which they determine to be consistent with HIPAA and HITECH requirements\")",
        rationale: "Access logs record every request a load balancer received: the client \
            address, the time, the request line, the TLS protocol and cipher negotiated and the \
            target that served it. They are the only record of who reached a PHI application \
            through the load balancer, and the whitepaper's Elastic Load Balancing section asks \
            for logging consistent with HIPAA in both of its architectures. Without them the \
            audit controls (164.312(b)) and information system activity review \
            (164.308(a)(1)(ii)(D)) have nothing to review for this entry point. Gateway load \
            balancers have no access logs and are not applicable. Request lines can carry PHI in \
            URLs, so the log bucket must itself be encrypted and access-controlled.",
        remediation: Remediation {
            console: "EC2 console > Load Balancers > select > Attributes > Edit > Monitoring: \
                Access logs on, S3 URI s3://LOG_BUCKET/PREFIX.\n\
                aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB_ARN --attributes \
                Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=LOG_BUCKET \
                Key=access_logs.s3.prefix,Value=PREFIX\n\
                Classic: aws elb modify-load-balancer-attributes --load-balancer-name NAME \
                --load-balancer-attributes '{\"AccessLog\":{\"Enabled\":true,\"S3BucketName\":\"LOG_BUCKET\",\"EmitInterval\":5}}'",
            terraform: "resource \"aws_lb\" \"app\" {\n  # ...\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    prefix  = \"portal\"\n    enabled = true\n  }\n}",
            cloudformation: "AppLoadBalancer:\n  Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n  Properties:\n    # ...\n    LoadBalancerAttributes:\n      - Key: access_logs.s3.enabled\n        Value: \"true\"\n      - Key: access_logs.s3.bucket\n        Value: !Ref LbLogBucket\n      - Key: access_logs.s3.prefix\n        Value: portal",
        },
        examples: &[
            Example {
                name: "access logs on",
                expect: Status::Pass,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application", "access_logs": true}]"#,
            },
            Example {
                name: "access logs off",
                expect: Status::Fail,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy-emr",
                    "lb_type": "classic", "access_logs": false}]"#,
            },
            Example {
                name: "gateway load balancer",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/gwy/inspection/1a2b",
                    "lb_type": "gateway", "access_logs": false}]"#,
            },
            Example {
                name: "attributes unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "load_balancer", "id": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/50dc",
                    "lb_type": "application",
                    "access_logs": {"$unknown": {"reason": "access_denied", "detail": "elasticloadbalancing:DescribeLoadBalancerAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(lb: &LoadBalancer, _cx: &Context) -> Check {
    if lb.lb_type.need("lb_type")?.eq_ignore_ascii_case("gateway") {
        return Ok(Outcome::not_applicable(
            "gateway load balancers do not produce access logs",
        ));
    }
    Ok(if *lb.access_logs.need("access_logs")? {
        Outcome::pass("access logs are enabled")
    } else {
        Outcome::fail("access logs are disabled")
    })
}
