//! RDS-017: DB clusters span more than one Availability Zone.

use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "RDS-017",
        name: "rds-cluster-multi-az",
        title: "Aurora and Multi-AZ DB clusters have instances in more than one Availability Zone",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)"],
        source: "Playbook: Next Steps, Backups (\"Configure backup and DR\"); Whitepaper: Amazon Aurora",
        rationale: "Aurora storage is replicated across three Availability Zones, but a cluster \
            with a single instance has nothing to fail over to: when that instance or its zone \
            fails, the database is down until a new instance is created. A reader in another \
            zone is promoted automatically, keeping PHI available during an outage \
            (164.308(a)(7)(ii)(B) disaster recovery, 164.308(a)(7)(ii)(C) emergency mode \
            operation). This is the cluster-level counterpart of RDS-007.",
        remediation: Remediation {
            console: "RDS console > cluster > Actions > Add reader, in a different Availability Zone from the writer.\n\
                aws rds create-db-instance --db-cluster-identifier CLUSTER --db-instance-identifier CLUSTER-reader-b --engine aurora-postgresql --db-instance-class db.r6g.large --availability-zone us-east-1b",
            terraform: "resource \"aws_rds_cluster_instance\" \"phi\" {\n  count              = 2\n  identifier         = \"phi-${count.index}\"\n  cluster_identifier = aws_rds_cluster.phi.id\n  instance_class     = \"db.r6g.large\"\n  engine             = aws_rds_cluster.phi.engine\n}\n# with availability_zones on the cluster spanning at least two zones",
            cloudformation: "PhiReaderB:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    DBClusterIdentifier: !Ref PhiCluster\n    DBInstanceClass: db.r6g.large\n    Engine: aurora-postgresql\n    AvailabilityZone: us-east-1b",
        },
        examples: &[
            Example {
                name: "writer and reader in two zones",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr-aurora", "multi_az": true}]"#,
            },
            Example {
                name: "single-instance cluster",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:claims", "multi_az": false}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RdsCluster, _cx: &Context) -> Check {
    Ok(if *cluster.multi_az.need("multi_az")? {
        Outcome::pass("cluster instances span more than one Availability Zone")
    } else {
        Outcome::fail("cluster instances are all in one Availability Zone")
    })
}
