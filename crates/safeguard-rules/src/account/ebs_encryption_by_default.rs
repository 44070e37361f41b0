//! ACCT-007: EBS encryption by default is on in every region.

use crate::prelude::*;

pub static RULE: RuleDef<RegionSettings> = RuleDef {
    meta: RuleMeta {
        id: "ACCT-007",
        name: "ebs-encryption-by-default-enabled",
        title: "EBS encryption by default is enabled in every region",
        severity: Severity::Medium,
        hipaa: &["164.312(a)(2)(iv)", "164.312(c)(1)"],
        source: "Whitepaper: Amazon Elastic Block Store; Encryption and protection of PHI in AWS",
        rationale: "The AWS BAA requires PHI stored in HIPAA-eligible services to be encrypted \
            as HHS guidance describes (164.312(a)(2)(iv)), and the whitepaper's Amazon Elastic \
            Block Store section relies on EBS encryption with KMS keys for that. Encryption by \
            default is a per-region account setting that makes every new volume and snapshot copy \
            encrypted, whoever launches it and however (console, CLI, an AMI with unencrypted \
            mappings, an Auto Scaling group). Without it, encryption depends on each launch \
            remembering to ask. The setting is regional, so one finding is reported per region.",
        remediation: Remediation {
            console: "EC2 console (in each region) > Settings > Data protection and security > EBS \
                encryption > Manage > Always encrypt new EBS volumes; optionally pick a \
                customer-managed default KMS key.\n\
                for r in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text); do \
                aws ec2 enable-ebs-encryption-by-default --region \"$r\"; done",
            terraform: "# once per region (one provider alias per region)\nresource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}\n\nresource \"aws_ebs_default_kms_key\" \"this\" {\n  key_arn = aws_kms_key.ebs.arn\n}",
            cloudformation: "CloudFormation has no resource type for EBS encryption by default; run \
                `aws ec2 enable-ebs-encryption-by-default --region REGION` in each region (or \
                deploy a Lambda-backed custom resource with StackSets), and set Encrypted: true on \
                AWS::EC2::Volume and in BlockDeviceMappings meanwhile.",
        },
        examples: &[
            Example {
                name: "enabled with a customer key",
                expect: Status::Pass,
                resources: r#"[{"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333",
                    "region": "us-east-1", "ebs_encryption_by_default": true,
                    "ebs_default_kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]"#,
            },
            Example {
                name: "disabled in one region",
                expect: Status::Fail,
                resources: r#"[{"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333",
                    "region": "eu-west-1", "ebs_encryption_by_default": false, "ebs_default_kms_key_id": null}]"#,
            },
            Example {
                name: "setting unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "region_settings", "id": "111122223333/ap-south-1", "account": "111122223333",
                    "region": "ap-south-1",
                    "ebs_encryption_by_default": {"$unknown": {"reason": "access_denied", "detail": "ec2:GetEbsEncryptionByDefault"}}}]"#,
            },
        ],
    },
    check,
};

fn check(settings: &RegionSettings, _cx: &Context) -> Check {
    let region = region_name(settings);
    if !*settings
        .ebs_encryption_by_default
        .need("ebs_encryption_by_default")?
    {
        return Ok(Outcome::fail(format!(
            "EBS encryption by default is off in {region}"
        )));
    }
    // The default key only adds detail to the message.
    Ok(match settings.ebs_default_kms_key_id.known() {
        Some(Some(key)) => Outcome::pass(format!(
            "EBS encryption by default is on in {region} (default key {key})"
        )),
        Some(None) => Outcome::pass(format!(
            "EBS encryption by default is on in {region} (AWS managed key aws/ebs)"
        )),
        None => Outcome::pass(format!("EBS encryption by default is on in {region}")),
    })
}

fn region_name(settings: &RegionSettings) -> &str {
    if settings.meta.region.is_empty() {
        "this region"
    } else {
        &settings.meta.region
    }
}
