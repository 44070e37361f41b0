//! EC2-015: every EBS block device a launch template maps is encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<LaunchTemplate> = RuleDef {
    meta: RuleMeta {
        id: "EC2-015",
        name: "ec2-launch-template-block-devices-encrypted",
        title: "Every EBS block device mapped by an EC2 launch template is encrypted",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Elastic Block Store; Amazon Elastic Compute Cloud",
        rationale: "The AWS BAA requires PHI at rest to be encrypted as HHS guidance describes, \
            and the whitepaper names EBS encryption as consistent with it. A launch template's \
            block device mappings create the volumes of every instance launched from it; a \
            mapping with encryption off (or unset, which means off unless the account encrypts \
            new volumes by default) gives each new instance unencrypted disks that hold logs, \
            swap and application data (164.312(a)(2)(iv)), and their snapshots escape the media \
            controls of 164.310(d)(1). A template without EBS mappings leaves the volumes to the \
            AMI and is not judged here.",
        remediation: Remediation {
            console: "EC2 console > Launch templates > template > Actions > Modify template (Create new version) > Storage (volumes) > each EBS volume > Encrypted: Yes, KMS key: your key; set the new version as default.\n\
                Encrypt every new volume in the region: aws ec2 enable-ebs-encryption-by-default --region REGION",
            terraform: "resource \"aws_launch_template\" \"app\" {\n  # ...\n  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      volume_size = 30\n      encrypted   = true\n      kms_key_id  = aws_kms_key.phi.arn\n    }\n  }\n}",
            cloudformation: "AppLaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 30\n            Encrypted: true\n            KmsKeyId: !Ref PhiKey",
        },
        examples: &[
            Example {
                name: "all mappings encrypted",
                expect: Status::Pass,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0b1",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "encrypted": true}]}]"#,
            },
            Example {
                name: "data volume unencrypted",
                expect: Status::Fail,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0b2",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "encrypted": true},
                                      {"device_name": "/dev/sdf", "encrypted": false}]}]"#,
            },
            Example {
                name: "one mapping's encryption unresolved",
                expect: Status::Unknown,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0b3",
                    "block_devices": [{"device_name": "/dev/xvda", "root": true, "encrypted": {"$unknown": {"reason": "unresolved", "detail": "var.encrypted"}}}]}]"#,
            },
            Example {
                name: "no ebs mappings",
                expect: Status::NotApplicable,
                resources: r#"[{"type": "ec2_launch_template", "id": "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0b4", "block_devices": []}]"#,
            },
        ],
    },
    check,
};

fn check(template: &LaunchTemplate, _cx: &Context) -> Check {
    let devices = template.block_devices.need("block_devices")?;
    if devices.is_empty() {
        return Ok(Outcome::not_applicable(
            "launch template maps no EBS block devices",
        ));
    }
    let unencrypted: Vec<&str> = devices
        .iter()
        .filter(|d| d.encrypted.known() == Some(&false))
        .map(|d| d.device_name.as_str())
        .collect();
    if !unencrypted.is_empty() {
        return Ok(Outcome::fail(format!(
            "{} of {} mapped block device(s) unencrypted: {}",
            unencrypted.len(),
            devices.len(),
            unencrypted.join(", ")
        )));
    }
    for d in devices {
        d.encrypted.need("block_devices[].encrypted")?;
    }
    Ok(Outcome::pass(format!(
        "all {} mapped block device(s) are encrypted",
        devices.len()
    )))
}
