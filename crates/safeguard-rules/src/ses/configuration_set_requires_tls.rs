//! SES-001: SES configuration sets require TLS for delivery.

use crate::prelude::*;

pub static RULE: RuleDef<SesConfigurationSet> = RuleDef {
    meta: RuleMeta {
        id: "SES-001",
        name: "ses-configuration-set-requires-tls",
        title: "SES configuration sets require TLS when delivering to receiving mail servers",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Simple Email Service (Amazon SES) (\"To require encryption for delivery to a receiver, customers must create a configuration set in Amazon SES and use the AWS CLI to set the TlsPolicy property to Require\")",
        rationale: "SES tries TLS when it hands a message to the receiving mail server but, by \
            default, falls back to plaintext when TLS cannot be negotiated. The whitepaper says \
            that to require encryption customers must send through a configuration set whose \
            TlsPolicy is Require; otherwise a message with PHI can cross the internet \
            unencrypted (164.312(e)(1)).",
        remediation: Remediation {
            console: "aws sesv2 put-configuration-set-delivery-options --configuration-set-name SET \
                --tls-policy REQUIRE; send PHI only with that configuration set (or make it the \
                identity's default configuration set).",
            terraform: "resource \"aws_sesv2_configuration_set\" \"phi\" {\n  configuration_set_name = \"phi\"\n  delivery_options {\n    tls_policy = \"REQUIRE\"\n  }\n}",
            cloudformation: "PhiMail:\n  Type: AWS::SES::ConfigurationSet\n  Properties:\n    Name: phi\n    DeliveryOptions:\n      TlsPolicy: REQUIRE",
        },
        examples: &[
            Example {
                name: "tls required",
                expect: Status::Pass,
                resources: r#"[{"type": "ses_configuration_set", "id": "arn:aws:ses:us-east-1:111122223333:configuration-set/appointment-reminders", "tls_policy": "REQUIRE"}]"#,
            },
            Example {
                name: "tls optional",
                expect: Status::Fail,
                resources: r#"[{"type": "ses_configuration_set", "id": "arn:aws:ses:us-east-1:111122223333:configuration-set/newsletter", "tls_policy": "OPTIONAL"}]"#,
            },
        ],
    },
    check,
};

fn check(c: &SesConfigurationSet, _cx: &Context) -> Check {
    let policy = c.tls_policy.need("tls_policy")?;
    Ok(if policy.eq_ignore_ascii_case("REQUIRE") {
        Outcome::pass("TLS policy is REQUIRE: SES refuses to deliver without TLS")
    } else {
        Outcome::fail(format!(
            "TLS policy is {policy}: SES falls back to plaintext when the receiving server does not offer TLS"
        ))
    })
}
