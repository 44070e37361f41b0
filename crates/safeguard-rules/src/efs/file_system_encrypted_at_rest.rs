//! EFS-001: EFS file systems are encrypted at rest.

use crate::prelude::*;

pub static RULE: RuleDef<EfsFileSystem> = RuleDef {
    meta: RuleMeta {
        id: "EFS-001",
        name: "efs-file-system-encrypted-at-rest",
        title: "EFS file systems are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Elastic File System (Amazon EFS)",
        rationale: "The whitepaper's Amazon EFS section says that, to satisfy the requirement \
            that PHI be encrypted at rest, \"Enable encryption of data at rest\" should be \
            selected when the file system is created (AES-256 with AWS KMS keys), or PHI must \
            be encrypted before it is written. Encryption can only be chosen at creation, so an \
            unencrypted file system holding PHI has to be copied to a new, encrypted one. \
            164.312(a)(2)(iv) is the encryption specification; 164.310(d)(1) covers the media \
            that hold ePHI.",
        remediation: Remediation {
            console: "Encryption at rest cannot be turned on for an existing file system. Create a \
                new one with encryption (EFS console > Create file system > Customize > Enable \
                encryption of data at rest), copy the data (AWS DataSync), switch clients, \
                delete the old one.\naws efs create-file-system --encrypted --kms-key-id KEY_ARN",
            terraform: "resource \"aws_efs_file_system\" \"phi\" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.phi.arn\n}",
            cloudformation: "PhiFileSystem:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    Encrypted: true\n    KmsKeyId: !GetAtt PhiKey.Arn",
        },
        examples: &[
            Example {
                name: "encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1",
                    "encrypted": true, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "not encrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0b2",
                    "encrypted": false, "kms_key_id": null}]"#,
            },
            Example {
                name: "terraform value known after apply",
                expect: Status::Unknown,
                resources: r#"[{"type": "efs_file_system", "id": "aws_efs_file_system.scans",
                    "encrypted": {"$unknown": {"reason": "unresolved", "detail": "var.encrypt"}}}]"#,
            },
        ],
    },
    check,
};

fn check(fs: &EfsFileSystem, _cx: &Context) -> Check {
    Ok(if *fs.encrypted.need("encrypted")? {
        Outcome::pass("encrypted at rest")
    } else {
        Outcome::fail("file system is not encrypted at rest")
    })
}
