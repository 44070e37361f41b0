//! EC2-004: EBS volumes are encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<EbsVolume> = RuleDef {
    meta: RuleMeta {
        id: "EC2-004",
        name: "ebs-volume-encrypted",
        title: "EBS volumes are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Elastic Block Store",
        rationale: "The whitepaper states that EBS encryption at rest is consistent with the HHS \
            guidance the AWS BAA relies on, with a unique volume key wrapped by a KMS key the \
            customer chooses. A volume that is not encrypted leaves whatever PHI lands on it (a \
            database file, an export, a log) readable to anyone who obtains the volume or its \
            snapshots, which 164.312(a)(2)(iv) and the media controls of 164.310(d)(1) address. \
            Unattached volumes are checked too: they are the ones most often forgotten.",
        remediation: Remediation {
            console: "Encryption cannot be added in place: snapshot the volume, copy the snapshot encrypted, create a new volume from the copy and replace the old one.\n\
                aws ec2 create-snapshot --volume-id VOLUME_ID\n\
                aws ec2 copy-snapshot --source-region REGION --source-snapshot-id SNAPSHOT_ID --encrypted --kms-key-id alias/phi\n\
                aws ec2 enable-ebs-encryption-by-default --region REGION",
            terraform: "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"us-east-1a\"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.phi.arn\n}\n\nresource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}",
            cloudformation: "DataVolume:\n  Type: AWS::EC2::Volume\n  Properties:\n    AvailabilityZone: us-east-1a\n    Size: 100\n    Encrypted: true\n    KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "encrypted volume",
                expect: Status::Pass,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "encrypted": true,
                    "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}]"#,
            },
            Example {
                name: "unencrypted volume",
                expect: Status::Fail,
                resources: r#"[{"type": "ebs_volume", "id": "arn:aws:ec2:us-east-1:111122223333:volume/vol-2", "encrypted": false, "attached_to": ["i-0c2"]}]"#,
            },
        ],
    },
    check,
};

fn check(volume: &EbsVolume, _cx: &Context) -> Check {
    Ok(if *volume.encrypted.need("encrypted")? {
        Outcome::pass("volume is encrypted")
    } else {
        match volume.attached_to.known() {
            Some(ids) if !ids.is_empty() => Outcome::fail(format!(
                "volume is not encrypted (attached to {})",
                ids.join(", ")
            )),
            _ => Outcome::fail("volume is not encrypted"),
        }
    })
}
