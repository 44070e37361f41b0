//! What a rule may look at besides its subject: the rest of the inventory (indexed by type and
//! account), what the collector could read, the evaluation instant and the thresholds.

use crate::rule::Missing;
use safeguard_model::{
    CoverageStatus, Inventory, Resource, ResourceKind, Timestamp, TypedSubject, Unknown,
    UnknownReason,
};
use std::borrow::Cow;
use std::collections::HashMap;

/// Thresholds that organisations tune. Defaults follow the playbook and HIPAA's retention rule.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Access keys older than this fail (playbook: "Access key rotation policy (90 days)").
    pub access_key_max_age_days: i64,
    /// Credentials unused for this long should be disabled.
    pub unused_credential_days: i64,
    /// Audit log retention: 164.316(b)(2)(i) keeps documentation six years; the playbook asks
    /// log retention of at least six years. 2192 days = 6 years including two leap days.
    pub audit_log_retention_days: u32,
    /// Minimum password length (playbook: 12+; the AWS Config HIPAA pack uses 14).
    pub password_min_length: u32,
    /// Minimum automated backup retention for databases.
    pub backup_retention_min_days: u32,
    /// Secrets should rotate at least this often.
    pub secret_rotation_max_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            access_key_max_age_days: 90,
            unused_credential_days: 90,
            audit_log_retention_days: 2192,
            password_min_length: 14,
            backup_retention_min_days: 7,
            secret_rotation_max_days: 90,
        }
    }
}

/// Resources by type and by (type, account), built once per evaluation.
pub struct Index<'a> {
    pub inventory: &'a Inventory,
    by_kind: HashMap<ResourceKind, Vec<u32>>,
    accounts: HashMap<&'a str, u32>,
    by_kind_account: HashMap<(ResourceKind, u32), Vec<u32>>,
}

impl<'a> Index<'a> {
    pub fn new(inventory: &'a Inventory) -> Index<'a> {
        let mut by_kind: HashMap<ResourceKind, Vec<u32>> = HashMap::new();
        let mut accounts: HashMap<&'a str, u32> = HashMap::new();
        let mut by_kind_account: HashMap<(ResourceKind, u32), Vec<u32>> = HashMap::new();
        for (i, r) in inventory.resources.iter().enumerate() {
            let i = i as u32;
            by_kind.entry(r.kind()).or_default().push(i);
            let next = accounts.len() as u32;
            let account = *accounts.entry(r.meta().account.as_str()).or_insert(next);
            by_kind_account
                .entry((r.kind(), account))
                .or_default()
                .push(i);
        }
        Index {
            inventory,
            by_kind,
            accounts,
            by_kind_account,
        }
    }

    /// Indices into `inventory.resources` of every resource of `kind`.
    pub fn of_kind(&self, kind: ResourceKind) -> &[u32] {
        self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indices of every resource of the given kinds, in inventory order per kind.
    pub fn of_kinds(&self, kinds: &[ResourceKind]) -> Vec<&[u32]> {
        kinds.iter().map(|&k| self.of_kind(k)).collect()
    }

    pub fn resource(&self, i: u32) -> &'a Resource {
        &self.inventory.resources[i as usize]
    }
}

/// The evaluation context handed to every check.
pub struct Context<'a> {
    pub index: &'a Index<'a>,
    /// The instant ages are measured against: the inventory's `generated_at`.
    pub now: Timestamp,
    pub settings: &'a Settings,
}

impl<'a> Context<'a> {
    pub fn new(index: &'a Index<'a>, settings: &'a Settings) -> Context<'a> {
        Context {
            index,
            now: index.inventory.generated_at,
            settings,
        }
    }

    /// Every resource of type `T` in the inventory.
    pub fn all<T: TypedSubject>(&self) -> impl Iterator<Item = &'a T> + '_ {
        self.index
            .of_kind(T::KIND)
            .iter()
            .filter_map(|&i| T::from_resource(self.index.resource(i)))
    }

    /// Every resource of type `T` in `account`.
    pub fn in_account<T: TypedSubject>(&self, account: &str) -> impl Iterator<Item = &'a T> + '_ {
        self.index
            .accounts
            .get(account)
            .and_then(|&a| self.index.by_kind_account.get(&(T::KIND, a)))
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| T::from_resource(self.index.resource(i)))
    }

    /// Every resource of type `T` in `account` and `region`.
    pub fn in_region<T: TypedSubject>(&self, account: &str, region: &str) -> Vec<&'a T> {
        self.in_account::<T>(account)
            .filter(|r| r.meta().region == region)
            .collect()
    }

    /// Before a rule concludes from the *absence* of resources (no trail, no detector), it
    /// must know the collector could list them. This returns `Err` when the inventory records
    /// a failed read of `service` in `account` (and `region`, if given). Inventories with no
    /// coverage rows for the service (hand-written ones) are taken as complete.
    pub fn listed(
        &self,
        service: &str,
        account: &str,
        region: Option<&str>,
    ) -> Result<(), Missing> {
        let failed = self.index.inventory.coverage.iter().find(|c| {
            c.service == service
                && c.account == account
                && region.is_none_or(|r| c.region == r || c.region == "global")
                && c.is_failure()
        });
        match failed {
            Some(c) => {
                let unknown = match &c.status {
                    CoverageStatus::Failed(u) => u.clone(),
                    _ => Unknown::new(UnknownReason::NotCollected, ""),
                };
                let place = if c.region.is_empty() {
                    account.to_string()
                } else {
                    format!("{account}/{}", c.region)
                };
                Err(Missing {
                    field: Cow::Owned(format!("the list of {service} resources in {place}")),
                    unknown,
                })
            }
            None => Ok(()),
        }
    }

    /// Whole days from `then` to the evaluation instant.
    pub fn days_since(&self, then: Timestamp) -> i64 {
        (self.now - then).num_days()
    }
}
