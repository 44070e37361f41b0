//! RDS-010: DB instances receive minor engine versions automatically.

use crate::prelude::*;

pub static RULE: RuleDef<RdsInstance> = RuleDef {
    meta: RuleMeta {
        id: "RDS-010",
        name: "rds-instance-auto-minor-version-upgrade",
        title: "RDS DB instances apply minor engine version upgrades automatically",
        severity: Severity::Medium,
        hipaa: &["164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
        source: "Whitepaper: Amazon RDS for MySQL; Amazon RDS for PostgreSQL; Amazon RDS for MariaDB; Amazon RDS for Oracle; Amazon RDS for SQL Server; Amazon Aurora",
        rationale: "RDS is a managed service: AWS patches the operating system, but database \
            engine minor versions, which carry the security fixes, are applied only when the \
            customer upgrades or lets RDS do it in the maintenance window. Instances that opt \
            out drift behind published vulnerabilities in the software guarding PHI \
            (164.308(a)(1)(ii)(B) risk management, 164.308(a)(5)(ii)(B) protection from \
            malicious software). Teams that patch through a tested manual process can document \
            an exception. Aurora instances carry the setting themselves and are checked too.",
        remediation: Remediation {
            console: "RDS console > database > Modify > Maintenance > Enable auto minor version upgrade.\n\
                aws rds modify-db-instance --db-instance-identifier DB --auto-minor-version-upgrade --apply-immediately",
            terraform: "resource \"aws_db_instance\" \"phi\" {\n  # ...\n  auto_minor_version_upgrade = true\n  maintenance_window         = \"sun:05:00-sun:06:00\"\n}",
            cloudformation: "PhiDatabase:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    AutoMinorVersionUpgrade: true\n    PreferredMaintenanceWindow: sun:05:00-sun:06:00",
        },
        examples: &[
            Example {
                name: "automatic minor upgrades",
                expect: Status::Pass,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:ehr", "engine": "postgres", "auto_minor_version_upgrade": true}]"#,
            },
            Example {
                name: "opted out",
                expect: Status::Fail,
                resources: r#"[{"type": "rds_instance", "id": "arn:aws:rds:us-east-1:111122223333:db:billing", "engine": "mysql", "auto_minor_version_upgrade": false}]"#,
            },
        ],
    },
    check,
};

fn check(db: &RdsInstance, _cx: &Context) -> Check {
    Ok(
        if *db
            .auto_minor_version_upgrade
            .need("auto_minor_version_upgrade")?
        {
            Outcome::pass("automatic minor version upgrade is enabled")
        } else {
            Outcome::fail("automatic minor version upgrade is disabled")
        },
    )
}
