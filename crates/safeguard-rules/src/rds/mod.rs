//! Rules for Amazon RDS and Aurora: DB instances, DB clusters and snapshots; one rule per
//! file. Instances that belong to a cluster are judged by the cluster rules wherever the
//! setting lives on the cluster (storage encryption, backups, deletion protection,
//! parameters, log exports, IAM authentication).

use crate::prelude::*;
use crate::rule::Rule;
use std::collections::BTreeMap;

mod cluster_backup_retention;
mod cluster_deletion_protection;
mod cluster_iam_authentication;
mod cluster_logs_exported;
mod cluster_multi_az;
mod cluster_storage_encrypted;
mod cluster_transport_encryption;
mod instance_auto_minor_version_upgrade;
mod instance_backup_retention;
mod instance_deletion_protection;
mod instance_iam_authentication;
mod instance_logs_exported;
mod instance_multi_az;
mod instance_not_public;
mod instance_storage_encrypted;
mod instance_transport_encryption;
mod snapshot_encrypted;
mod snapshot_not_public;
mod sqlserver_audit_enabled;
mod sqlserver_not_express;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &instance_storage_encrypted::RULE,
        &cluster_storage_encrypted::RULE,
        &instance_not_public::RULE,
        &instance_backup_retention::RULE,
        &cluster_backup_retention::RULE,
        &instance_deletion_protection::RULE,
        &instance_multi_az::RULE,
        &instance_transport_encryption::RULE,
        &cluster_transport_encryption::RULE,
        &instance_auto_minor_version_upgrade::RULE,
        &instance_logs_exported::RULE,
        &snapshot_not_public::RULE,
        &snapshot_encrypted::RULE,
        &sqlserver_audit_enabled::RULE,
        &instance_iam_authentication::RULE,
        &cluster_deletion_protection::RULE,
        &cluster_multi_az::RULE,
        &cluster_logs_exported::RULE,
        &cluster_iam_authentication::RULE,
        &sqlserver_not_express::RULE,
    ]
}

/// Database engines as far as the rules need to tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Postgres,
    MySql,
    MariaDb,
    Oracle,
    SqlServer,
    Db2,
    AuroraPostgres,
    AuroraMySql,
    /// RDS Custom: the customer administers the database software directly.
    Custom,
    Other,
}

fn family(engine: &str) -> Family {
    let e = engine.to_ascii_lowercase();
    match e.as_str() {
        "postgres" => Family::Postgres,
        "mysql" => Family::MySql,
        "mariadb" => Family::MariaDb,
        "aurora-postgresql" => Family::AuroraPostgres,
        "aurora-mysql" | "aurora" => Family::AuroraMySql,
        _ if e.starts_with("custom-") => Family::Custom,
        _ if e.starts_with("oracle-") => Family::Oracle,
        _ if e.starts_with("sqlserver-") => Family::SqlServer,
        _ if e.starts_with("db2-") => Family::Db2,
        _ => Family::Other,
    }
}

/// For instance rules whose setting lives on the cluster: `Some(not applicable)` when the
/// instance belongs to a DB cluster (or runs an Aurora engine, which always does).
fn cluster_member(instance: &RdsInstance, judged_by: &str) -> Option<Outcome> {
    if let Some(cluster) = &instance.cluster_id {
        return Some(Outcome::not_applicable(format!(
            "member of DB cluster {cluster}; {judged_by} judges the cluster"
        )));
    }
    match instance.engine.known().map(|e| family(e)) {
        Some(Family::AuroraPostgres | Family::AuroraMySql) => Some(Outcome::not_applicable(
            format!("Aurora instance; {judged_by} judges its cluster"),
        )),
        _ => None,
    }
}

/// `Some(not applicable)` when the instance is a read replica (known to be one).
fn read_replica(instance: &RdsInstance) -> Option<Outcome> {
    match instance.read_replica_source.known() {
        Some(Some(source)) => Some(Outcome::not_applicable(format!(
            "read replica of {source}; its source is judged"
        ))),
        _ => None,
    }
}

/// `(major, minor)` of an engine version string: `14.7` → (14, 7), `8.0.35` → (8, 0),
/// `15.00.4236.7.v1` → (15, 0), `16` → (16, 0).
fn version(v: &str) -> Option<(u32, u32)> {
    let mut parts = v.trim().split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// A boolean engine parameter set to on (`1`, `ON`, `true`).
fn is_on(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "on" | "true"
    )
}

/// Whether a parameter's engine default is on, given the engine `(major, minor)` version
/// (`None` when the version is not needed or not known).
type DefaultOn = fn(Option<(u32, u32)>) -> Option<bool>;

/// Transport encryption enforced through DB (cluster) parameter group parameters, with the
/// engine defaults applied when the parameter is absent from `params`:
///
/// * `rds.force_ssl` (RDS for PostgreSQL, Multi-AZ PostgreSQL clusters, Aurora PostgreSQL,
///   RDS for SQL Server): default 1 from RDS for PostgreSQL 15 on, 0 before; 0 for Aurora
///   PostgreSQL and SQL Server.
/// * `require_secure_transport` (RDS for MySQL and MariaDB, Aurora MySQL): default OFF, except
///   RDS for MySQL 9.7+ and RDS for MariaDB 11.8+ where it is ON; MariaDB before 10.5 has no
///   such parameter.
///
/// Returns `None` for engines not enforced by parameters (Oracle, Db2, Custom, others).
fn tls_by_parameters(
    fam: Family,
    engine_version: &Value<String>,
    params: &BTreeMap<String, String>,
) -> Option<Check> {
    let (param, default_on): (&str, DefaultOn) = match fam {
        Family::Postgres => ("rds.force_ssl", |v| v.map(|(major, _)| major >= 15)),
        Family::AuroraPostgres | Family::SqlServer => ("rds.force_ssl", |_| Some(false)),
        Family::MySql => ("require_secure_transport", |v| v.map(|ver| ver >= (9, 7))),
        Family::MariaDb => ("require_secure_transport", |v| v.map(|ver| ver >= (11, 8))),
        Family::AuroraMySql => ("require_secure_transport", |_| Some(false)),
        _ => return None,
    };
    Some(tls_verdict(fam, param, default_on, engine_version, params))
}

fn tls_verdict(
    fam: Family,
    param: &'static str,
    default_on: DefaultOn,
    engine_version: &Value<String>,
    params: &BTreeMap<String, String>,
) -> Check {
    if let Some(value) = params.get(param) {
        return Ok(if is_on(value) {
            Outcome::pass(format!("{param} = {value}"))
        } else {
            Outcome::fail(format!(
                "{param} = {value}: unencrypted connections are accepted"
            ))
        });
    }
    // Left at the engine default: some defaults depend on the version.
    let needs_version = matches!(fam, Family::Postgres | Family::MySql | Family::MariaDb);
    let ver = if needs_version {
        let raw = engine_version.need("engine_version")?;
        match version(raw) {
            Some(v) => Some(v),
            None => {
                return Ok(Outcome::unknown(
                    UnknownReason::ParseError,
                    format!("{param} is left at the engine default, which depends on the version, and version \"{raw}\" could not be read"),
                ))
            }
        }
    } else {
        None
    };
    if fam == Family::MariaDb && ver.is_some_and(|v| v < (10, 5)) {
        return Ok(Outcome::fail(
            "MariaDB before 10.5 cannot require secure transport; upgrade and set require_secure_transport = ON",
        ));
    }
    let shown = match ver {
        Some((major, minor)) => format!(" for version {major}.{minor}"),
        None => String::new(),
    };
    Ok(match default_on(ver) {
        Some(true) => Outcome::pass(format!("{param} is left at the engine default, which is on{shown}")),
        _ => Outcome::fail(format!(
            "{param} is left at the engine default, which is off{shown}: unencrypted connections are accepted"
        )),
    })
}

/// The CloudWatch Logs exports that carry audit-relevant records, per engine family.
fn audit_log_types(fam: Family) -> &'static [&'static str] {
    match fam {
        Family::Postgres | Family::AuroraPostgres => &["postgresql"],
        Family::MySql | Family::MariaDb | Family::AuroraMySql | Family::Oracle => &["audit"],
        Family::SqlServer => &["error"],
        Family::Db2 => &["diag.log"],
        Family::Custom | Family::Other => &[],
    }
}

/// Shared check of the log-export rules: every audit-relevant log type of the engine is
/// exported (for engines without a known list, at least one log type).
fn logs_verdict(fam: Family, engine: &str, exported: &[String]) -> Outcome {
    let wanted = audit_log_types(fam);
    if wanted.is_empty() {
        return if exported.is_empty() {
            Outcome::fail(format!(
                "no logs of engine {engine} are exported to CloudWatch Logs"
            ))
        } else {
            Outcome::pass(format!("exports {}", exported.join(", ")))
        };
    }
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| !exported.iter().any(|e| e.eq_ignore_ascii_case(w)))
        .collect();
    if missing.is_empty() {
        Outcome::pass(format!("exports {}", exported.join(", ")))
    } else if exported.is_empty() {
        Outcome::fail(format!(
            "no logs exported to CloudWatch Logs; {} expected",
            missing.join(", ")
        ))
    } else {
        Outcome::fail(format!(
            "exports {} but not {}",
            exported.join(", "),
            missing.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse() {
        assert_eq!(version("14.7"), Some((14, 7)));
        assert_eq!(version("8.0.35"), Some((8, 0)));
        assert_eq!(version("15.00.4236.7.v1"), Some((15, 0)));
        assert_eq!(version("16"), Some((16, 0)));
        assert_eq!(version("11.8.2"), Some((11, 8)));
        assert_eq!(version("latest"), None);
    }

    #[test]
    fn families() {
        assert_eq!(family("oracle-ee-cdb"), Family::Oracle);
        assert_eq!(family("sqlserver-ex"), Family::SqlServer);
        assert_eq!(family("custom-sqlserver-ee"), Family::Custom);
        assert_eq!(family("aurora-postgresql"), Family::AuroraPostgres);
        assert_eq!(family("aurora"), Family::AuroraMySql);
    }

    #[test]
    fn every_rule_is_in_the_catalog() {
        for n in 1..=20 {
            let id = format!("RDS-{n:03}");
            assert!(crate::find(&id).is_some(), "{id} is not registered");
        }
    }

    fn tls(fam: Family, version: &str, params: &[(&str, &str)]) -> Status {
        let params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let check = tls_by_parameters(fam, &Value::Known(version.to_string()), &params).unwrap();
        check.map(|o| o.status).unwrap_or(Status::Unknown)
    }

    #[test]
    fn transport_defaults_follow_the_engine_version() {
        assert_eq!(tls(Family::Postgres, "15.2", &[]), Status::Pass);
        assert_eq!(tls(Family::Postgres, "14.12", &[]), Status::Fail);
        assert_eq!(
            tls(Family::Postgres, "16.3", &[("rds.force_ssl", "0")]),
            Status::Fail
        );
        assert_eq!(tls(Family::MySql, "8.4.3", &[]), Status::Fail);
        assert_eq!(tls(Family::MySql, "9.7.0", &[]), Status::Pass);
        assert_eq!(
            tls(
                Family::MySql,
                "8.0.39",
                &[("require_secure_transport", "1")]
            ),
            Status::Pass
        );
        assert_eq!(tls(Family::MariaDb, "10.4.34", &[]), Status::Fail);
        assert_eq!(tls(Family::MariaDb, "11.4.3", &[]), Status::Fail);
        assert_eq!(tls(Family::MariaDb, "11.8.1", &[]), Status::Pass);
        assert_eq!(tls(Family::SqlServer, "16.00.4135.4.v1", &[]), Status::Fail);
        assert_eq!(
            tls(
                Family::SqlServer,
                "16.00.4135.4.v1",
                &[("rds.force_ssl", "1")]
            ),
            Status::Pass
        );
        assert_eq!(tls(Family::AuroraPostgres, "16.4", &[]), Status::Fail);
        assert_eq!(
            tls(
                Family::AuroraMySql,
                "8.0.mysql_aurora.3.07.1",
                &[("require_secure_transport", "OFF")]
            ),
            Status::Fail
        );
        assert_eq!(tls(Family::Postgres, "latest", &[]), Status::Unknown);
        assert!(tls_by_parameters(
            Family::Oracle,
            &Value::Known(String::new()),
            &BTreeMap::new()
        )
        .is_none());
    }
}
