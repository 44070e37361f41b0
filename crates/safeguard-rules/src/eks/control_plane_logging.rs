//! EKS-002: EKS clusters send API server, audit and authenticator logs to CloudWatch.

use crate::prelude::*;

const REQUIRED: [&str; 3] = ["api", "audit", "authenticator"];

pub static RULE: RuleDef<EksCluster> = RuleDef {
    meta: RuleMeta {
        id: "EKS-002",
        name: "eks-control-plane-logging-enabled",
        title: "EKS clusters log API server, audit and authenticator events to CloudWatch",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(C)"],
        source: "Whitepaper: Amazon Elastic Kubernetes Service (Amazon EKS) (refers to \"Architecting for HIPAA Security and Compliance on Amazon EKS\"); Auditing, backups, and disaster recovery",
        rationale: "Control plane logs are off by default. Without the audit and authenticator \
            logs there is no record of who read a secret, opened a shell in a pod holding PHI or \
            changed an RBAC binding: the audit controls of 164.312(b) and the log-in monitoring \
            of 164.308(a)(5)(ii)(C). The whitepaper's auditing section asks that such activity \
            be tracked, logged and kept centrally.",
        remediation: Remediation {
            console: "aws eks update-cluster-config --name C --logging \
                '{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\"],\"enabled\":true}]}'",
            terraform: "resource \"aws_eks_cluster\" \"phi\" {\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]\n  # ...\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::EKS::Cluster\n  Properties:\n    Logging:\n      ClusterLogging:\n        EnabledTypes:\n          - Type: api\n          - Type: audit\n          - Type: authenticator",
        },
        examples: &[
            Example {
                name: "all three",
                expect: Status::Pass,
                resources: r#"[{"type": "eks_cluster", "id": "arn:aws:eks:us-east-1:111122223333:cluster/clinical", "enabled_log_types": ["api", "audit", "authenticator", "scheduler"]}]"#,
            },
            Example {
                name: "audit missing",
                expect: Status::Fail,
                resources: r#"[{"type": "eks_cluster", "id": "arn:aws:eks:us-east-1:111122223333:cluster/clinical", "enabled_log_types": ["api"]}]"#,
            },
        ],
    },
    check,
};

fn check(c: &EksCluster, _cx: &Context) -> Check {
    let on = c.enabled_log_types.need("enabled_log_types")?;
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|t| !on.iter().any(|o| o.eq_ignore_ascii_case(t)))
        .collect();
    Ok(if missing.is_empty() {
        Outcome::pass("api, audit and authenticator logs are sent to CloudWatch Logs")
    } else {
        Outcome::fail(format!(
            "control plane log types not enabled: {}",
            missing.join(", ")
        ))
    })
}
