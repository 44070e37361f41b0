//! EC2-003: every EBS block device attached to an instance is encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<Ec2Instance> = RuleDef {
    meta: RuleMeta {
        id: "EC2-003",
        name: "ec2-instance-block-devices-encrypted",
        title: "Every EBS block device of an EC2 instance is encrypted",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Elastic Block Store; Amazon Elastic Compute Cloud",
        rationale: "The AWS BAA requires PHI at rest to be encrypted as HHS guidance describes. \
            The whitepaper's EBS section names EBS encryption, with a KMS key per volume, as \
            consistent with that guidance; its EC2 section adds that an instance's data at rest \
            is the customer's to encrypt. Root volumes hold logs, swap and temporary files that \
            routinely contain PHI even when the application writes elsewhere, so every device \
            is checked, root included (164.312(a)(2)(iv)). Unencrypted volumes and their \
            snapshots also escape the media controls of 164.310(d)(1).",
        remediation: Remediation {
            console: "An existing volume cannot be encrypted in place: stop the instance, snapshot the volume, \
                copy the snapshot with encryption, create a volume from it and swap it in.\n\
                aws ec2 copy-snapshot --source-region REGION --source-snapshot-id SNAPSHOT_ID --encrypted --kms-key-id alias/phi\n\
                Prevent new unencrypted volumes: aws ec2 enable-ebs-encryption-by-default --region REGION",
            terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  root_block_device {\n    encrypted  = true\n    kms_key_id = aws_kms_key.phi.arn\n  }\n  ebs_block_device {\n    device_name = \"/dev/sdf\"\n    volume_size = 100\n    encrypted   = true\n    kms_key_id  = aws_kms_key.phi.arn\n  }\n}",
            cloudformation: "AppInstance:\n  Type: AWS::EC2::Instance\n  Properties:\n    BlockDeviceMappings:\n      - DeviceName: /dev/xvda\n        Ebs:\n          Encrypted: true\n          KmsKeyId: !Ref PhiKey\n          VolumeSize: 30",
        },
        examples: &[
            Example {
                name: "all devices encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0c1", "state": "running",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "volume_id": "vol-1", "encrypted": true},
                                      {"device_name": "/dev/sdf", "volume_id": "vol-2", "encrypted": true}]}]"#,
            },
            Example {
                name: "data volume unencrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0c2", "state": "running",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "volume_id": "vol-3", "encrypted": true},
                                      {"device_name": "/dev/sdf", "volume_id": "vol-4", "encrypted": false}]}]"#,
            },
            Example {
                name: "one device's encryption unknown, none unencrypted",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0c3", "state": "running",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "encrypted": true},
                                      {"device_name": "/dev/sdf", "encrypted": {"$unknown": {"reason": "access_denied", "detail": "ec2:DescribeVolumes"}}}]}]"#,
            },
            Example {
                name: "instance-store only",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "ec2_instance", "id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0c4", "state": "running", "block_devices": []}]"#,
            },
        ],
    },
    check,
};

fn check(instance: &Ec2Instance, _cx: &Context) -> Check {
    if let Some(na) = super::gone(instance) {
        return Ok(na);
    }
    let devices = instance.block_devices.need("block_devices")?;
    if devices.is_empty() {
        return Ok(Outcome::not_applicable("instance has no EBS block devices"));
    }
    let unencrypted: Vec<&str> = devices
        .iter()
        .filter(|d| d.encrypted.known() == Some(&false))
        .map(|d| d.device_name.as_str())
        .collect();
    if !unencrypted.is_empty() {
        return Ok(Outcome::fail(format!(
            "{} of {} block device(s) unencrypted: {}",
            unencrypted.len(),
            devices.len(),
            unencrypted.join(", ")
        )));
    }
    for d in devices {
        d.encrypted.need("block_devices[].encrypted")?;
    }
    Ok(Outcome::pass(format!(
        "all {} block device(s) are encrypted",
        devices.len()
    )))
}
