//! EFS-002: EFS file system policies refuse clients that do not use TLS.

use crate::prelude::*;

pub static RULE: RuleDef<EfsFileSystem> = RuleDef {
    meta: RuleMeta {
        id: "EFS-002",
        name: "efs-file-system-policy-requires-tls",
        title: "EFS file system policies deny access without TLS (aws:SecureTransport)",
        severity: Severity::Medium,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
        source: "Whitepaper: Amazon Elastic File System (Amazon EFS)",
        rationale: "The whitepaper's Amazon EFS section notes that TLS is not used by default: \
            each client must mount with the EFS mount helper's \"-o tls\" option (or an \
            equivalent TLS tunnel) for PHI to be encrypted in transit (164.312(e)(1), \
            164.312(e)(2)(ii)). A file system policy that denies every request where \
            aws:SecureTransport is false makes that the only way in, so one client mounted \
            without TLS cannot carry PHI in clear text. The EFS console calls this \"Enforce \
            in-transit encryption for all clients\".",
        remediation: Remediation {
            console: "EFS console > File systems > FS > File system policy > Edit > tick \"Enforce \
                in-transit encryption for all clients\" > Save. Mount clients with \
                `mount -t efs -o tls FS_ID:/ /mnt/efs`.\n\
                aws efs put-file-system-policy --file-system-id FS_ID --policy \
                '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":\"FS_ARN\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}'",
            terraform: "resource \"aws_efs_file_system_policy\" \"phi\" {\n  file_system_id = aws_efs_file_system.phi.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"DenyInsecureTransport\"\n      Effect    = \"Deny\"\n      Principal = { AWS = \"*\" }\n      Action    = \"*\"\n      Resource  = aws_efs_file_system.phi.arn\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}",
            cloudformation: "PhiFileSystem:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    Encrypted: true\n    FileSystemPolicy:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal:\n            AWS: \"*\"\n          Action: \"*\"\n          Condition:\n            Bool:\n              aws:SecureTransport: \"false\"",
        },
        examples: &[
            Example {
                name: "policy denies insecure transport",
                expect: Status::Pass,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1",
                    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",
                        "Principal": {"AWS": "*"}, "Action": "*",
                        "Resource": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]"#,
            },
            Example {
                name: "no file system policy",
                expect: Status::Fail,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0b2",
                    "policy": null}]"#,
            },
            Example {
                name: "policy without a transport condition",
                expect: Status::Fail,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0c3",
                    "policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
                        "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": "*"}]}}]"#,
            },
            Example {
                name: "policy unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "efs_file_system", "id": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0c3",
                    "policy": {"$unknown": {"reason": "access_denied", "detail": "elasticfilesystem:DescribeFileSystemPolicy"}}}]"#,
            },
        ],
    },
    check,
};

fn check(fs: &EfsFileSystem, _cx: &Context) -> Check {
    Ok(match fs.policy.need("policy")? {
        None => Outcome::fail("no file system policy, so clients may mount without TLS"),
        Some(p) if p.denies_insecure_transport("elasticfilesystem:ClientMount") => {
            Outcome::pass("file system policy denies requests without TLS")
        }
        Some(_) => Outcome::fail(
            "file system policy does not deny requests where aws:SecureTransport is false",
        ),
    })
}
