//! EC2-005: EBS snapshots are not publicly restorable.

use crate::prelude::*;

pub static RULE: RuleDef<EbsSnapshot> = RuleDef {
    meta: RuleMeta {
        id: "EC2-005",
        name: "ebs-snapshot-not-public",
        title: "EBS snapshots are not shared publicly",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.310(d)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"No public-facing databases/storage\"); Whitepaper: Amazon Elastic Block Store",
        rationale: "A snapshot whose createVolumePermission includes the group `all` can be \
            turned into a volume by any AWS account in the world: the complete disk, every PHI \
            record on it, with no trace in the owner's logs of who copied it. The playbook's \
            Network Foundation forbids public-facing storage. Sharing PHI with unknown parties \
            breaks access control (164.312(a)(1)), the media re-use and disposal controls \
            (164.310(d)(1)) and access authorisation (164.308(a)(4)(ii)(B)). Encrypted \
            snapshots cannot be shared publicly, which is one more reason for EC2-006.",
        remediation: Remediation {
            console: "EC2 console > Snapshots > snapshot > Actions > Snapshot settings > Modify permissions > Private.\n\
                aws ec2 modify-snapshot-attribute --snapshot-id SNAPSHOT_ID --attribute createVolumePermission --operation-type remove --group-names all\n\
                Block it for the Region: aws ec2 enable-snapshot-block-public-access --state block-all-sharing",
            terraform: "resource \"aws_ebs_snapshot_block_public_access\" \"this\" {\n  state = \"block-all-sharing\"\n}",
            cloudformation: "Snapshot sharing is not a CloudFormation property; remove the public permission with the CLI \
                and enable block public access for snapshots in every Region.",
        },
        examples: &[
            Example {
                name: "private snapshot",
                expect: Status::Pass,
                resources: r#"[{"type": "ebs_snapshot", "id": "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1", "public": false, "encrypted": true}]"#,
            },
            Example {
                name: "public snapshot",
                expect: Status::Fail,
                resources: r#"[{"type": "ebs_snapshot", "id": "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-2", "public": true, "encrypted": false}]"#,
            },
            Example {
                name: "permissions unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "ebs_snapshot", "id": "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-3",
                    "public": {"$unknown": {"reason": "access_denied", "detail": "ec2:DescribeSnapshotAttribute"}}}]"#,
            },
        ],
    },
    check,
};

fn check(snapshot: &EbsSnapshot, _cx: &Context) -> Check {
    Ok(if *snapshot.public.need("public")? {
        Outcome::fail("snapshot can be restored by any AWS account (createVolumePermission: all)")
    } else {
        Outcome::pass("snapshot is not shared publicly")
    })
}
