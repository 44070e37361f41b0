//! Rules for AWS Backup; one rule per file. `coverage` decides whether a plan selects a store.

use crate::rule::Rule;

pub(crate) mod coverage;

mod dynamodb_table_in_backup_plan;
mod ebs_volume_in_backup_plan;
mod plan_copies_elsewhere;
mod plan_retention_sufficient;
mod rds_cluster_in_backup_plan;
mod rds_instance_in_backup_plan;
mod vault_customer_managed_key;
mod vault_recovery_points_protected;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &plan_retention_sufficient::RULE,
        &vault_customer_managed_key::RULE,
        &vault_recovery_points_protected::RULE,
        &rds_instance_in_backup_plan::RULE,
        &dynamodb_table_in_backup_plan::RULE,
        &rds_cluster_in_backup_plan::RULE,
        &ebs_volume_in_backup_plan::RULE,
        &plan_copies_elsewhere::RULE,
    ]
}
