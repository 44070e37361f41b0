//! WS-001: WorkSpaces encrypt their root and user volumes.

use crate::prelude::*;

pub static RULE: RuleDef<Workspace> = RuleDef {
    meta: RuleMeta {
        id: "WS-001",
        name: "workspaces-volumes-encrypted",
        title: "WorkSpaces encrypt their root and user volumes",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon WorkSpaces (\"Customers can encrypt customer's WorkSpaces storage volumes using keys that customers manage through AWS Key Management Service\")",
        rationale: "A virtual desktop used by clinical or billing staff caches documents, \
            downloads and application data with PHI on its volumes. The whitepaper's WorkSpaces \
            section describes KMS encryption of the storage volumes, which then also covers the \
            automated EBS snapshots. Encryption is chosen when the WorkSpace is launched; an \
            unencrypted WorkSpace must be rebuilt.",
        remediation: Remediation {
            console: "Launch a replacement WorkSpace with root and user volume encryption and the \
                KMS key selected, migrate the user, then remove the old one.",
            terraform: "resource \"aws_workspaces_workspace\" \"frontdesk\" {\n  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n  volume_encryption_key          = aws_kms_key.phi.arn\n  # ...\n}",
            cloudformation: "FrontDesk:\n  Type: AWS::WorkSpaces::Workspace\n  Properties:\n    RootVolumeEncryptionEnabled: true\n    UserVolumeEncryptionEnabled: true\n    VolumeEncryptionKey: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "both encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "workspaces_workspace", "id": "arn:aws:workspaces:us-east-1:111122223333:workspace/ws-3f8k2m9qz", "root_volume_encrypted": true, "user_volume_encrypted": true}]"#,
            },
            Example {
                name: "user volume unencrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "workspaces_workspace", "id": "arn:aws:workspaces:us-east-1:111122223333:workspace/ws-3f8k2m9qz", "root_volume_encrypted": true, "user_volume_encrypted": false}]"#,
            },
        ],
    },
    check,
};

fn check(w: &Workspace, _cx: &Context) -> Check {
    let root = *w.root_volume_encrypted.need("root_volume_encrypted")?;
    let user = *w.user_volume_encrypted.need("user_volume_encrypted")?;
    Ok(match (root, user) {
        (true, true) => Outcome::pass("root and user volumes are encrypted"),
        (false, false) => Outcome::fail("neither the root nor the user volume is encrypted"),
        (false, true) => Outcome::fail("the root volume is not encrypted"),
        (true, false) => Outcome::fail("the user volume is not encrypted"),
    })
}
