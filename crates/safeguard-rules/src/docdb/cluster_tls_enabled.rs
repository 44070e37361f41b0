//! DOCDB-002: DocumentDB clusters accept only TLS connections.

use crate::prelude::*;

pub static RULE: RuleDef<DocDbCluster> = RuleDef {
    meta: RuleMeta {
        id: "DOCDB-002",
        name: "docdb-cluster-tls-required",
        title: "DocumentDB clusters accept only TLS connections",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon DocumentDB (with MongoDB compatibility) (\"Connections to Amazon DocumentDB containing PHI must use endpoints that accept encrypted transport\")",
        rationale: "The whitepaper says connections to DocumentDB carrying PHI must be \
            encrypted. A new cluster accepts only TLS because its cluster parameter group's \
            `tls` parameter defaults to `enabled`; setting it to `disabled` lets clients connect \
            in plaintext. The values `enabled`, `tls1.2+` and `tls1.3+` all refuse plaintext.",
        remediation: Remediation {
            console: "aws docdb modify-db-cluster-parameter-group --db-cluster-parameter-group-name PG \
                --parameters ParameterName=tls,ParameterValue=tls1.2+,ApplyMethod=pending-reboot; \
                then reboot the instances.",
            terraform: "resource \"aws_docdb_cluster_parameter_group\" \"phi\" {\n  family = \"docdb5.0\"\n  parameter {\n    name  = \"tls\"\n    value = \"tls1.2+\"\n  }\n}",
            cloudformation: "PhiDocsParams:\n  Type: AWS::DocDB::DBClusterParameterGroup\n  Properties:\n    Family: docdb5.0\n    Description: TLS required\n    Parameters:\n      tls: tls1.2+",
        },
        examples: &[
            Example {
                name: "tls enabled",
                expect: Status::Pass,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "parameters": {"tls": "enabled"}}]"#,
            },
            Example {
                name: "tls 1.2+",
                expect: Status::Pass,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "parameters": {"tls": "tls1.2+"}}]"#,
            },
            Example {
                name: "tls disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "parameters": {"tls": "disabled"}}]"#,
            },
            Example {
                name: "parameter not reported",
                expect: Status::Unknown,
                resources: r#"[{"type": "docdb_cluster", "id": "arn:aws:rds:us-east-1:111122223333:cluster:notes", "parameters": {}}]"#,
            },
        ],
    },
    check,
};

fn check(c: &DocDbCluster, _cx: &Context) -> Check {
    let params = c.parameters.need("parameters")?;
    let Some(tls) = params.get("tls") else {
        return Ok(Outcome::unknown(
            UnknownReason::NotCollected,
            "the cluster parameter group's `tls` value was not reported",
        ));
    };
    Ok(match tls.trim().to_ascii_lowercase().as_str() {
        "disabled" => Outcome::fail(
            "cluster parameter `tls` is `disabled`: plaintext connections are accepted",
        ),
        v @ ("enabled" | "tls1.2+" | "tls1.3+" | "fips-140-3") => Outcome::pass(format!(
            "cluster parameter `tls` is `{v}`: only TLS connections are accepted"
        )),
        other => Outcome::unknown(
            UnknownReason::ParseError,
            format!("cluster parameter `tls` has an unrecognised value {other:?}"),
        ),
    })
}
