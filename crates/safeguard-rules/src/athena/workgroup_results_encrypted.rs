//! ATH-001: Athena workgroups encrypt query results and enforce it.

use crate::prelude::*;

pub static RULE: RuleDef<AthenaWorkgroup> = RuleDef {
    meta: RuleMeta {
        id: "ATH-001",
        name: "athena-workgroup-results-encrypted",
        title: "Athena workgroups encrypt query results and enforce their configuration",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Athena (\"Encryption of query results from and within Amazon Athena, including staged results, should be enabled\")",
        rationale: "Query results are written to S3 and repeat whatever PHI the query selected. \
            The whitepaper asks that query results, including staged results, be encrypted \
            with SSE-S3, SSE-KMS or CSE-KMS. Setting it on the workgroup and enforcing the \
            workgroup configuration makes it hold for every client, instead of depending on \
            each client's own result settings.",
        remediation: Remediation {
            console: "aws athena update-work-group --work-group WG --configuration-updates \
                'EnforceWorkGroupConfiguration=true,ResultConfigurationUpdates={EncryptionConfiguration={EncryptionOption=SSE_KMS,KmsKey=KEY_ARN}}'",
            terraform: "resource \"aws_athena_workgroup\" \"phi\" {\n  name = \"phi\"\n  configuration {\n    enforce_workgroup_configuration = true\n    result_configuration {\n      encryption_configuration {\n        encryption_option = \"SSE_KMS\"\n        kms_key_arn       = aws_kms_key.phi.arn\n      }\n    }\n  }\n}",
            cloudformation: "PhiQueries:\n  Type: AWS::Athena::WorkGroup\n  Properties:\n    Name: phi\n    WorkGroupConfiguration:\n      EnforceWorkGroupConfiguration: true\n      ResultConfiguration:\n        EncryptionConfiguration:\n          EncryptionOption: SSE_KMS\n          KmsKey: !GetAtt PhiKey.Arn",
        },
        examples: &[
            Example {
                name: "sse-kms enforced",
                expect: Status::Pass,
                resources: r#"[{"type": "athena_workgroup", "id": "arn:aws:athena:us-east-1:111122223333:workgroup/claims", "result_encryption": "SSE_KMS", "enforce_configuration": true}]"#,
            },
            Example {
                name: "no result encryption",
                expect: Status::Fail,
                resources: r#"[{"type": "athena_workgroup", "id": "arn:aws:athena:us-east-1:111122223333:workgroup/primary", "result_encryption": null, "enforce_configuration": true}]"#,
            },
            Example {
                name: "encrypted but clients may override",
                expect: Status::Fail,
                resources: r#"[{"type": "athena_workgroup", "id": "arn:aws:athena:us-east-1:111122223333:workgroup/adhoc", "result_encryption": "SSE_S3", "enforce_configuration": false}]"#,
            },
        ],
    },
    check,
};

fn check(w: &AthenaWorkgroup, _cx: &Context) -> Check {
    let Some(option) = w.result_encryption.need("result_encryption")? else {
        return Ok(Outcome::fail(
            "the workgroup does not encrypt query results",
        ));
    };
    Ok(if *w.enforce_configuration.need("enforce_configuration")? {
        Outcome::pass(format!(
            "query results are encrypted with {option} and clients cannot override it"
        ))
    } else {
        Outcome::fail(format!(
            "query results default to {option}, but the workgroup configuration is not enforced, so clients may write unencrypted results"
        ))
    })
}
