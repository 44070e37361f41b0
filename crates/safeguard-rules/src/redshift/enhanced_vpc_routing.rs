//! RS-006: Redshift uses enhanced VPC routing.

use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-006",
        name: "redshift-enhanced-vpc-routing-enabled",
        title: "Redshift clusters use enhanced VPC routing",
        severity: Severity::Low,
        hipaa: &["164.312(e)(1)", "164.312(b)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "COPY and UNLOAD move PHI between the cluster and S3 (and Redshift Spectrum, \
            which the whitepaper's Amazon Redshift section brings into BAA scope, reads it from \
            S3). Without enhanced VPC routing that traffic leaves the VPC over the public \
            network path, bypassing VPC endpoints, endpoint policies, security groups and VPC \
            flow logs. With it, the traffic is subject to the network controls and logging \
            (164.312(e)(1), 164.312(b)) of the VPC. The traffic is TLS-protected either way, \
            hence the low severity.",
        remediation: Remediation {
            console: "Redshift console > Clusters > CLUSTER > Properties > Network and security \
                settings > Edit > Enhanced VPC routing: Turn on.\naws redshift modify-cluster \
                --cluster-identifier ID --enhanced-vpc-routing",
            terraform: "resource \"aws_redshift_cluster\" \"phi\" {\n  # ...\n  enhanced_vpc_routing = true\n}",
            cloudformation: "PhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    EnhancedVpcRouting: true",
        },
        examples: &[
            Example {
                name: "enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims", "enhanced_vpc_routing": true}]"#,
            },
            Example {
                name: "disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics", "enhanced_vpc_routing": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    Ok(
        if *cluster.enhanced_vpc_routing.need("enhanced_vpc_routing")? {
            Outcome::pass("enhanced VPC routing is enabled")
        } else {
            Outcome::fail(
                "enhanced VPC routing is disabled; COPY/UNLOAD traffic bypasses VPC controls",
            )
        },
    )
}
