//! RDS-012: DB and cluster snapshots are not public.

use crate::prelude::*;

pub static RULE: RuleDef<RdsSnapshot> = RuleDef {
    meta: RuleMeta {
        id: "RDS-012",
        name: "rds-snapshot-not-public",
        title: "RDS DB and cluster snapshots are not shared publicly",
        severity: Severity::Critical,
        hipaa: &["164.312(a)(1)", "164.310(d)(1)", "164.308(a)(4)(ii)(B)"],
        source: "Playbook: Step 7 Initial Configuration Checklist, Network Foundation (\"No public-facing databases/storage\"); Common Mistakes (\"Public RDS/S3 resources\")",
        rationale: "A snapshot shared with `all` can be restored by any AWS account into a \
            database its owner controls: the whole PHI data set, copied without a trace in the \
            source account. The playbook forbids public databases and storage and lists public \
            RDS among the common mistakes. This is disclosure to unknown parties \
            (164.312(a)(1), 164.310(d)(1), 164.308(a)(4)(ii)(B)). Encrypted snapshots cannot \
            be made public, which RDS-013 also asks for.",
        remediation: Remediation {
            console: "RDS console > Snapshots > snapshot > Actions > Share snapshot > DB snapshot visibility: Private.\n\
                aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAP --attribute-name restore --values-to-remove all\n\
                aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAP --attribute-name restore --values-to-remove all",
            terraform: "# Manual snapshots are usually made outside Terraform: remove the public share with the CLI.\n# For snapshots Terraform manages, never share them with \"all\":\nresource \"aws_db_snapshot\" \"manual\" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = \"phi-manual\"\n  shared_accounts        = [] # not [\"all\"]\n}",
            cloudformation: "RDS snapshots are not CloudFormation resources; remove the public share with the CLI.",
        },
        examples: &[
            Example {
                name: "private snapshot",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_snapshot", "id": "arn:aws:rds:us-east-1:111122223333:snapshot:ehr-2026-11-01", "public": false, "encrypted": true}]"#,
            },
            Example {
                name: "public cluster snapshot",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_snapshot", "id": "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:claims-export", "public": true, "encrypted": false}]"#,
            },
            Example {
                name: "snapshot attributes unreadable",
                expect: Status::Unknown,
                resources: r#"[{"type": "rds_snapshot", "id": "arn:aws:rds:us-east-1:111122223333:snapshot:x",
                    "public": {"$unknown": {"reason": "access_denied", "detail": "rds:DescribeDBSnapshotAttributes"}}}]"#,
            },
        ],
    },
    check,
};

fn check(snapshot: &RdsSnapshot, _cx: &Context) -> Check {
    Ok(if *snapshot.public.need("public")? {
        Outcome::fail("snapshot can be restored by any AWS account (restore attribute: all)")
    } else {
        Outcome::pass("snapshot is not shared publicly")
    })
}
