//! ECS-002: EFS volumes of ECS task definitions are mounted with TLS.

use crate::prelude::*;

pub static RULE: RuleDef<EcsTaskDefinition> = RuleDef {
    meta: RuleMeta {
        id: "ECS-002",
        name: "ecs-task-definition-efs-volumes-encrypted-in-transit",
        title: "ECS task definitions mount EFS volumes with encryption in transit",
        severity: Severity::High,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Elastic Container Service (\"PHI should be encrypted in transit and at-rest when accessed by containers launched with ECS\"); Amazon Elastic File System (Amazon EFS) (\"By default, TLS is not used and must be enabled when mounting the file system\")",
        rationale: "Containers reach EFS over NFS. The whitepaper's EFS section warns that TLS is \
            not used by default and must be asked for when mounting, and its ECS section asks \
            that PHI be encrypted in transit when containers access it. In a task definition the \
            switch is the EFS volume's transitEncryption, which defaults to DISABLED. Encryption \
            at rest of the file system itself is checked by EFS-001.",
        remediation: Remediation {
            console: "Create a new task definition revision: Volumes > EFS volume > Transit \
                encryption: Enabled (and IAM authorization where used); update the service.",
            terraform: "volume {\n  name = \"documents\"\n  efs_volume_configuration {\n    file_system_id     = aws_efs_file_system.docs.id\n    transit_encryption = \"ENABLED\"\n    authorization_config {\n      iam = \"ENABLED\"\n    }\n  }\n}",
            cloudformation: "Volumes:\n  - Name: documents\n    EFSVolumeConfiguration:\n      FilesystemId: !Ref DocsFs\n      TransitEncryption: ENABLED\n      AuthorizationConfig:\n        IAM: ENABLED",
        },
        examples: &[
            Example {
                name: "efs with tls",
                expect: Status::Pass,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/scanner:3",
                    "volumes": [{"name": "documents", "efs_file_system_id": "fs-0a1b2c3d", "efs_transit_encryption": "ENABLED"}]}]"#,
            },
            Example {
                name: "efs without tls",
                expect: Status::Fail,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/scanner:2",
                    "volumes": [{"name": "documents", "efs_file_system_id": "fs-0a1b2c3d", "efs_transit_encryption": null}]}]"#,
            },
            Example {
                name: "no efs volumes",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/api:9", "volumes": []}]"#,
            },
        ],
    },
    check,
};

fn check(t: &EcsTaskDefinition, _cx: &Context) -> Check {
    let volumes = t.volumes.need("volumes")?;
    let efs: Vec<_> = volumes
        .iter()
        .filter(|v| v.efs_file_system_id.is_some())
        .collect();
    if efs.is_empty() {
        return Ok(Outcome::not_applicable(
            "the task definition mounts no EFS volume",
        ));
    }
    let plain: Vec<&str> = efs
        .iter()
        .filter(|v| {
            !v.efs_transit_encryption
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case("ENABLED"))
        })
        .map(|v| v.name.as_str())
        .collect();
    Ok(if plain.is_empty() {
        Outcome::pass(format!("{} EFS volume(s) mounted with TLS", efs.len()))
    } else {
        Outcome::fail(format!(
            "EFS volumes mounted without TLS: {}",
            plain.join(", ")
        ))
    })
}
