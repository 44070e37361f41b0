//! EC2-006: EBS snapshots are encrypted.

use crate::prelude::*;

pub static RULE: RuleDef<EbsSnapshot> = RuleDef {
    meta: RuleMeta {
        id: "EC2-006",
        name: "ebs-snapshot-encrypted",
        title: "EBS snapshots are encrypted at rest",
        severity: Severity::High,
        hipaa: &["164.312(a)(2)(iv)", "164.310(d)(1)"],
        source: "Whitepaper: Amazon Elastic Block Store",
        rationale: "A snapshot is a full copy of a volume and keeps the volume's PHI long after \
            the volume is gone. The whitepaper accepts EBS encryption as consistent with the \
            HHS guidance the AWS BAA requires; snapshots of encrypted volumes are encrypted \
            with the same key, while snapshots of unencrypted volumes stay readable to anyone \
            they are shared with (164.312(a)(2)(iv), 164.310(d)(1)). Encrypted snapshots also \
            cannot be made public.",
        remediation: Remediation {
            console: "Copy the snapshot with encryption, then delete the unencrypted original.\n\
                aws ec2 copy-snapshot --source-region REGION --source-snapshot-id SNAPSHOT_ID --encrypted --kms-key-id alias/phi\n\
                aws ec2 delete-snapshot --snapshot-id SNAPSHOT_ID",
            terraform: "resource \"aws_ebs_snapshot_copy\" \"encrypted\" {\n  source_snapshot_id = \"snap-0123456789abcdef0\"\n  source_region      = \"us-east-1\"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.phi.arn\n}",
            cloudformation: "EBS snapshots are not CloudFormation resources; encrypt the source volumes \
                (AWS::EC2::Volume Encrypted: true) and copy existing snapshots with the CLI.",
        },
        examples: &[
            Example {
                name: "encrypted snapshot",
                expect: Status::Pass,
                resources: r#"[{"type": "ebs_snapshot", "id": "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-4", "encrypted": true, "public": false}]"#,
            },
            Example {
                name: "unencrypted snapshot",
                expect: Status::Fail,
                resources: r#"[{"type": "ebs_snapshot", "id": "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-5", "encrypted": false, "volume_id": "vol-2"}]"#,
            },
        ],
    },
    check,
};

fn check(snapshot: &EbsSnapshot, _cx: &Context) -> Check {
    Ok(if *snapshot.encrypted.need("encrypted")? {
        Outcome::pass("snapshot is encrypted")
    } else {
        match snapshot.volume_id.known() {
            Some(Some(vol)) => Outcome::fail(format!("snapshot of {vol} is not encrypted")),
            _ => Outcome::fail("snapshot is not encrypted"),
        }
    })
}
