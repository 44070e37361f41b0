//! GLUE-001: Glue JDBC connections require SSL.

use crate::prelude::*;

pub static RULE: RuleDef<GlueConnection> = RuleDef {
    meta: RuleMeta {
        id: "GLUE-001",
        name: "glue-jdbc-connection-requires-ssl",
        title: "Glue JDBC connections require SSL",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: AWS Glue (\"AWS Glue should be configured to use JDBC connections to data stores with SSL/TLS\"); AWS Glue DataBrew (\"Require SSL connection\")",
        rationale: "Glue jobs and crawlers, and DataBrew through the same connections, read from \
            and write to databases over JDBC. The whitepaper asks that those connections use \
            SSL/TLS; the connection property JDBC_ENFORCE_SSL (\"Require SSL connection\") makes \
            Glue refuse to connect otherwise. Without it the driver may fall back to a \
            plaintext session.",
        remediation: Remediation {
            console: "Glue console > Data connections > CONNECTION > Edit > Require SSL connection.\n\
                aws glue update-connection --name C --connection-input file://conn.json \
                (ConnectionProperties.JDBC_ENFORCE_SSL = \"true\")",
            terraform: "resource \"aws_glue_connection\" \"ehr\" {\n  connection_type = \"JDBC\"\n  connection_properties = {\n    JDBC_CONNECTION_URL = \"jdbc:postgresql://ehr.internal:5432/ehr\"\n    JDBC_ENFORCE_SSL    = \"true\"\n    # credentials from Secrets Manager\n  }\n}",
            cloudformation: "EhrConnection:\n  Type: AWS::Glue::Connection\n  Properties:\n    CatalogId: !Ref AWS::AccountId\n    ConnectionInput:\n      ConnectionType: JDBC\n      ConnectionProperties:\n        JDBC_CONNECTION_URL: jdbc:postgresql://ehr.internal:5432/ehr\n        JDBC_ENFORCE_SSL: \"true\"",
        },
        examples: &[
            Example {
                name: "ssl enforced",
                expect: Status::Pass,
                resources: r#"[{"type": "glue_connection", "id": "arn:aws:glue:us-east-1:111122223333:connection/ehr-replica", "connection_type": "JDBC", "jdbc_enforce_ssl": true}]"#,
            },
            Example {
                name: "ssl not enforced",
                expect: Status::Fail,
                resources: r#"[{"type": "glue_connection", "id": "arn:aws:glue:us-east-1:111122223333:connection/ehr-replica", "connection_type": "JDBC", "jdbc_enforce_ssl": false}]"#,
            },
            Example {
                name: "network connection",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "glue_connection", "id": "arn:aws:glue:us-east-1:111122223333:connection/vpc", "connection_type": "NETWORK"}]"#,
            },
        ],
    },
    check,
};

fn check(c: &GlueConnection, _cx: &Context) -> Check {
    let kind = c.connection_type.need("connection_type")?;
    if !kind.eq_ignore_ascii_case("JDBC") {
        return Ok(Outcome::not_applicable(format!(
            "{kind} connection, not JDBC"
        )));
    }
    Ok(if *c.jdbc_enforce_ssl.need("jdbc_enforce_ssl")? {
        Outcome::pass("the connection requires SSL")
    } else {
        Outcome::fail("JDBC_ENFORCE_SSL is off: the connection may be made without TLS")
    })
}
