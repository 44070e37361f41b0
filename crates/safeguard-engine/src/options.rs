//! What to evaluate: which rules (selection), which resources count (scope), thresholds.

use safeguard_model::Resource;
use safeguard_rules::{Rule, Settings, Severity};

/// Which rules run. Empty lists mean "all".
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Rule ids or names to run (`S3-001`, `s3-bucket-encrypted-at-rest`), or id prefixes
    /// ending in `-` (`S3-`).
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Only rules of at least this severity.
    pub min_severity: Option<Severity>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct SelectionError(pub String);

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SelectionError {}

fn matches(rule: &dyn Rule, pattern: &str) -> bool {
    let m = rule.meta();
    if let Some(prefix) = pattern.strip_suffix('-') {
        return m
            .id
            .split_once('-')
            .is_some_and(|(p, _)| p.eq_ignore_ascii_case(prefix));
    }
    m.id.eq_ignore_ascii_case(pattern) || m.name.eq_ignore_ascii_case(pattern)
}

impl Selection {
    /// The selected rules from `catalog`. A pattern that matches no rule is an error: a typo
    /// must not silently turn into "checked nothing".
    pub fn apply(
        &self,
        catalog: &[&'static dyn Rule],
    ) -> Result<Vec<&'static dyn Rule>, SelectionError> {
        for pattern in self.include.iter().chain(&self.exclude) {
            if !catalog.iter().any(|r| matches(*r, pattern)) {
                return Err(SelectionError(format!(
                    "no rule matches {pattern:?} (see `safeguard rules`)"
                )));
            }
        }
        Ok(catalog
            .iter()
            .copied()
            .filter(|r| self.include.is_empty() || self.include.iter().any(|p| matches(*r, p)))
            .filter(|r| !self.exclude.iter().any(|p| matches(*r, p)))
            .filter(|r| self.min_severity.is_none_or(|s| r.meta().severity >= s))
            .collect())
    }
}

/// Where PHI lives. HIPAA applies there; findings elsewhere are reported but do not count
/// towards the score or the exit code. Empty means everything is in scope.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Accounts designated as HIPAA accounts.
    pub accounts: Vec<String>,
    /// Tags that mark PHI resources, e.g. `("phi", "true")`.
    pub tags: Vec<(String, String)>,
}

impl Scope {
    pub fn is_everything(&self) -> bool {
        self.accounts.is_empty() && self.tags.is_empty()
    }

    /// Whether `resource` is in scope. Account-wide resources (the account, IAM, audit
    /// logging, region settings) govern access to every PHI system, so tag scope does not
    /// exclude them. A resource whose tags could not be read counts as in scope.
    pub fn contains(&self, resource: &Resource) -> bool {
        let meta = resource.meta();
        if !self.accounts.is_empty() && !self.accounts.contains(&meta.account) {
            return false;
        }
        if self.tags.is_empty() || is_account_wide(resource) {
            return true;
        }
        match meta.tags.known() {
            None => true,
            Some(tags) => self
                .tags
                .iter()
                .any(|(k, v)| tags.get(k).is_some_and(|tv| tv.eq_ignore_ascii_case(v))),
        }
    }
}

fn is_account_wide(resource: &Resource) -> bool {
    matches!(
        resource,
        Resource::Account(_)
            | Resource::RegionSettings(_)
            | Resource::IamUser(_)
            | Resource::IamRole(_)
            | Resource::IamPolicy(_)
            | Resource::CloudTrailTrail(_)
            | Resource::ConfigRecorder(_)
            | Resource::GuardDutyDetector(_)
            | Resource::KmsKey(_)
    )
}

/// Everything that shapes an evaluation.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub selection: Selection,
    pub scope: Scope,
    pub settings: Settings,
}
