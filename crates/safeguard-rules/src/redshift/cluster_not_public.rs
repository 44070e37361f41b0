//! RS-002: Redshift clusters are not publicly accessible.

use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-002",
        name: "redshift-cluster-not-publicly-accessible",
        title: "Redshift clusters are not publicly accessible",
        severity: Severity::High,
        hipaa: &["164.312(a)(1)", "164.312(e)(1)", "164.308(a)(4)(ii)(C)"],
        source: "Whitepaper: Amazon Redshift; Playbook: Step 7 Initial Configuration Checklist (\"No public-facing databases/storage\")",
        rationale: "A publicly accessible cluster gets a public IP address and DNS name that \
            resolves to it, so the only thing between the internet and the PHI warehouse is a \
            security group rule and a password. The setup playbook's checklist asks for no \
            public-facing databases, and the whitepaper's Amazon Redshift section treats the \
            cluster as a PHI store. Keeping it private supports 164.312(a)(1) access control \
            and 164.312(e)(1) transmission security.",
        remediation: Remediation {
            console: "Redshift console > Clusters > CLUSTER > Actions > Modify publicly accessible \
                setting > Disable.\naws redshift modify-cluster --cluster-identifier ID \
                --no-publicly-accessible",
            terraform: "resource \"aws_redshift_cluster\" \"phi\" {\n  # ...\n  publicly_accessible = false\n}",
            cloudformation: "PhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    PubliclyAccessible: false",
        },
        examples: &[
            Example {
                name: "private",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims", "publicly_accessible": false}]"#,
            },
            Example {
                name: "public",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics", "publicly_accessible": true}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, _cx: &Context) -> Check {
    Ok(
        if *cluster.publicly_accessible.need("publicly_accessible")? {
            Outcome::fail("cluster is publicly accessible")
        } else {
            Outcome::pass("cluster is not publicly accessible")
        },
    )
}
