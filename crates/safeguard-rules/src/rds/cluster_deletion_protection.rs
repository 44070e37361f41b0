//! RDS-016: DB clusters have deletion protection.

use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-016",
        name: "rds-cluster-deletion-protection",
        title: "Aurora and Multi-AZ DB clusters have deletion protection enabled",
        severity: Severity::Medium,
        hipaa: &["164.312(c)(1)", "164.308(a)(7)(i)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon Aurora",
        rationale: "Deleting a DB cluster removes its storage and, unless a final snapshot is \
            taken and automated backups are retained, every copy of the PHI in it. Deletion \
            protection turns that into a deliberate change instead of a stray API call or \
            `terraform destroy` (164.312(c)(1) protection from improper destruction, \
            164.308(a)(7)(i) contingency plan). This is the cluster-level counterpart of \
            RDS-006.",
        remediation: Remediation {
            console: "RDS console > cluster > Modify > Deletion protection: Enable.\n\
                aws rds modify-db-cluster --db-cluster-identifier CLUSTER --deletion-protection --apply-immediately",
            terraform: "resource \"aws_rds_cluster\" \"phi\" {\n  # ...\n  deletion_protection = true\n}",
            cloudformation: "PhiCluster:\n  Type: AWS::RDS::DBCluster\n  DeletionPolicy: Snapshot\n  Properties:\n    DeletionProtection: true",
        },
        examples: &[
            Example {
                name: "protected cluster",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "deletion_protection": true}]"#,
            },
            Example {
                name: "unprotected cluster",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "deletion_protection": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    Ok(
        if *cluster.deletion_protection.need("deletion_protection")? {
            Outcome::pass("deletion protection is enabled")
        } else {
            Outcome::fail("deletion protection is disabled")
        },
    )
}
