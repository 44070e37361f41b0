//! MSK-001: MSK clusters use TLS between clients and brokers and between brokers.

use crate::prelude::*;

pub static RULE: RuleDef<MskCluster> = RuleDef {
    meta: RuleMeta {
        id: "MSK-001",
        name: "msk-cluster-tls-in-transit",
        title: "MSK clusters accept only TLS from clients and encrypt traffic between brokers",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Managed Streaming for Apache Kafka (Amazon MSK) (\"Customers can change the default encryption setting by selecting the TLS/plaintext settings\")",
        rationale: "The whitepaper notes that MSK encrypts inter-broker traffic with TLS and that \
            in-transit encryption defaults to TLS, but that customers can choose TLS_PLAINTEXT \
            or PLAINTEXT for client connections. Either lets producers and consumers exchange \
            PHI unencrypted inside the VPC, which the whitepaper's EC2 guidance forbids \
            (\"network traffic containing PHI must also be encrypted\" within a VPC).",
        remediation: Remediation {
            console: "aws kafka update-security --cluster-arn ARN --current-version VERSION \
                --encryption-info 'EncryptionInTransit={ClientBroker=TLS}' (in-cluster \
                encryption is fixed at creation: recreate the cluster if it is off).",
            terraform: "resource \"aws_msk_cluster\" \"events\" {\n  encryption_info {\n    encryption_in_transit {\n      client_broker = \"TLS\"\n      in_cluster    = true\n    }\n  }\n  # ...\n}",
            cloudformation: "Events:\n  Type: AWS::MSK::Cluster\n  Properties:\n    EncryptionInfo:\n      EncryptionInTransit:\n        ClientBroker: TLS\n        InCluster: true",
        },
        examples: &[
            Example {
                name: "tls only",
                expect: Status::Pass,
                resources: r#"[{"type": "msk_cluster", "id": "arn:aws:kafka:us-east-1:111122223333:cluster/hl7-events/1", "client_broker_encryption": "TLS", "in_cluster_encryption": true}]"#,
            },
            Example {
                name: "tls and plaintext",
                expect: Status::Fail,
                resources: r#"[{"type": "msk_cluster", "id": "arn:aws:kafka:us-east-1:111122223333:cluster/hl7-events/1", "client_broker_encryption": "TLS_PLAINTEXT", "in_cluster_encryption": true}]"#,
            },
            Example {
                name: "in-cluster encryption off",
                expect: Status::Fail,
                resources: r#"[{"type": "msk_cluster", "id": "arn:aws:kafka:us-east-1:111122223333:cluster/hl7-events/1", "client_broker_encryption": "TLS", "in_cluster_encryption": false}]"#,
            },
        ],
    },
    check,
};

fn check(c: &MskCluster, _cx: &Context) -> Check {
    let client = c
        .client_broker_encryption
        .need("client_broker_encryption")?;
    if !client.eq_ignore_ascii_case("TLS") {
        return Ok(Outcome::fail(format!(
            "client-broker encryption is {client}: clients may connect in plaintext"
        )));
    }
    Ok(if *c.in_cluster_encryption.need("in_cluster_encryption")? {
        Outcome::pass("clients must use TLS and traffic between brokers is encrypted")
    } else {
        Outcome::fail("traffic between brokers is not encrypted")
    })
}
