//! RS-005: Redshift keeps automated snapshots long enough.

use crate::prelude::*;

pub static RULE: RuleDef<RedshiftCluster> = RuleDef {
    meta: RuleMeta {
        id: "RS-005",
        name: "redshift-automated-snapshots-retained",
        title: "Redshift clusters keep automated snapshots for at least the minimum backup retention",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.310(d)(2)(iv)"],
        source: "Whitepaper: Amazon Redshift",
        rationale: "The whitepaper's Amazon Redshift section notes that encryption covers the \
            cluster's backups; automated snapshots are those backups. A retention of 0 turns \
            them off, and the default of 1 day means damage noticed after a day cannot be \
            undone. The rule asks for the same minimum as other databases (setting \
            backup_retention_min_days, 7 days by default) so that retrievable exact copies \
            (164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)) exist for a restore under the disaster \
            recovery plan (164.308(a)(7)(ii)(B)).",
        remediation: Remediation {
            console: "Redshift console > Clusters > CLUSTER > Maintenance > Backup details > Edit > \
                Automated snapshot retention period: 7 days or more.\naws redshift \
                modify-cluster --cluster-identifier ID --automated-snapshot-retention-period 7",
            terraform: "resource \"aws_redshift_cluster\" \"phi\" {\n  # ...\n  automated_snapshot_retention_period = 7\n}",
            cloudformation: "PhiWarehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    # ...\n    AutomatedSnapshotRetentionPeriod: 7",
        },
        examples: &[
            Example {
                name: "fourteen days",
                expect: Status::Pass,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:claims", "automated_snapshot_retention_days": 14}]"#,
            },
            Example {
                name: "default one day",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:analytics", "automated_snapshot_retention_days": 1}]"#,
            },
            Example {
                name: "disabled",
                expect: Status::Fail,
                resources: r#"[{"type": "redshift_cluster", "id": "arn:aws:redshift:us-east-1:111122223333:cluster:scratch", "automated_snapshot_retention_days": 0}]"#,
            },
        ],
    },
    check,
};

fn check(cluster: &RedshiftCluster, cx: &Context) -> Check {
    let days = *cluster
        .automated_snapshot_retention_days
        .need("automated_snapshot_retention_days")?;
    let min = cx.settings.backup_retention_min_days;
    Ok(if days == 0 {
        Outcome::fail("automated snapshots are disabled")
    } else if days < min {
        Outcome::fail(format!(
            "automated snapshots are kept {}; at least {min} days required",
            days_text(days)
        ))
    } else {
        Outcome::pass(format!("automated snapshots are kept {}", days_text(days)))
    })
}

fn days_text(days: u32) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}
