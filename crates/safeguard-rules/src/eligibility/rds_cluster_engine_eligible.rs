//! ELIG-003: Aurora and Multi-AZ DB clusters run an engine the whitepaper covers for PHI.

use super::judge_engine;
use crate::catalog::eligible::eligible;
use crate::prelude::*;

pub static RULE: RuleDef<RdsCluster> = RuleDef {
    meta: RuleMeta {
        id: "ELIG-003",
        name: "rds-cluster-engine-hipaa-eligible",
        title: "RDS and Aurora DB clusters run an engine the whitepaper covers for PHI",
        severity: Severity::Medium,
        hipaa: &["164.308(b)(1)", "164.308(a)(1)(ii)(B)"],
        source: "Whitepaper: Amazon Aurora; Amazon Aurora PostgreSQL; Amazon DocumentDB (with MongoDB compatibility); Amazon Neptune",
        rationale: "The whitepaper covers Aurora MySQL, Aurora PostgreSQL and, through the same \
            RDS API, DocumentDB and Neptune clusters. A cluster engine outside those sections \
            has no stated basis for holding PHI: it is reported unknown, never passed, so \
            someone checks it against the current AWS reference list.",
        remediation: Remediation {
            console: "aws rds describe-db-clusters --query 'DBClusters[].[DBClusterIdentifier,Engine,EngineVersion]' \
                and compare with https://aws.amazon.com/compliance/hipaa-eligible-services-reference/.",
            terraform: "resource \"aws_rds_cluster\" \"ehr\" {\n  engine = \"aurora-postgresql\"\n  # ...\n}",
            cloudformation: "EhrCluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql",
        },
        examples: &[
            Example {
                name: "aurora postgresql",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:ehr", "engine": "aurora-postgresql", "engine_version": "16.4"}]"#,
            },
            Example {
                name: "sql server express multi-az cluster",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:x", "engine": "sqlserver-ex", "engine_version": "15.00.4365.2.v1"}]"#,
            },
            Example {
                name: "engine not covered",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:lim", "engine": "aurora-limitless", "engine_version": "16.4"}]"#,
            },
        ],
    },
    check,
};

fn check(c: &RdsCluster, _cx: &Context) -> Check {
    let engine = c.engine.need("engine")?;
    let version = c.engine_version.need("engine_version")?;
    let Some(rds) = eligible().get("rds") else {
        return Ok(Outcome::unknown(
            UnknownReason::Unrecognized,
            "the catalog has no RDS entry",
        ));
    };
    Ok(judge_engine(rds, engine, version))
}
