//! `data/shared-responsibility.toml`: the AWS shared responsibility model. Which service
//! category each resource kind belongs to, what AWS and the customer each do in that category,
//! and who carries every HIPAA specification.

use safeguard_model::ResourceKind;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The three service categories of the shared responsibility model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The customer runs the operating system (EC2, EBS, VPC).
    Infrastructure,
    /// AWS runs the operating system and platform (RDS, EMR, Elastic Beanstalk).
    Container,
    /// AWS runs everything below the API (S3, DynamoDB, SQS).
    Abstracted,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::Infrastructure,
        Category::Container,
        Category::Abstracted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Infrastructure => "infrastructure",
            Category::Container => "container",
            Category::Abstracted => "abstracted",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who carries a specification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    /// Inherited from AWS.
    Aws,
    Customer,
    Shared,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Aws => "aws",
            Owner::Customer => "customer",
            Owner::Shared => "shared",
        }
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How safeguard establishes that a duty is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Checked automatically by rules from configuration.
    Rules,
    /// Stated by the customer in attestations.
    Attestation,
    /// Partly checked by rules, the rest attested.
    RulesAndAttestation,
    /// AWS's third-party audit reports (obtained through AWS Artifact).
    AwsReports,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Rules => "rules",
            Evidence::Attestation => "attestation",
            Evidence::RulesAndAttestation => "rules_and_attestation",
            Evidence::AwsReports => "aws_reports",
        }
    }

    /// True when at least part of the duty is checked by rules.
    pub fn uses_rules(self) -> bool {
        matches!(self, Evidence::Rules | Evidence::RulesAndAttestation)
    }
}

/// A customer duty in a category.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    pub duty: String,
    pub evidence: Evidence,
}

/// One service category: what AWS and the customer each do, and the resource kinds in it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryInfo {
    pub key: Category,
    pub name: String,
    pub description: String,
    /// Services the model names as examples of the category.
    pub examples: Vec<String>,
    pub resource_kinds: Vec<String>,
    /// What AWS is responsible for.
    pub aws: Vec<String>,
    /// What the customer is responsible for.
    pub customer: Vec<Duty>,
}

/// Who carries a specification in one category, when that differs from the default.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryOwner {
    pub owner: Owner,
    pub note: String,
}

/// Who carries one HIPAA specification.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecResponsibility {
    /// The specification id of `data/hipaa.toml` (`164.312(a)(2)(iv)`).
    pub id: String,
    pub owner: Owner,
    pub evidence: Evidence,
    pub note: String,
    #[serde(default)]
    pub by_category: HashMap<Category, CategoryOwner>,
}

impl SpecResponsibility {
    /// The owner and note for resources of a category, or the default without one.
    pub fn in_category(&self, category: Option<Category>) -> (Owner, &str) {
        match category.and_then(|c| self.by_category.get(&c)) {
            Some(c) => (c.owner, c.note.as_str()),
            None => (self.owner, self.note.as_str()),
        }
    }

    /// True when the customer carries some part of it in at least one category.
    pub fn involves_customer(&self) -> bool {
        self.owner != Owner::Aws || self.by_category.values().any(|c| c.owner != Owner::Aws)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    category: Vec<CategoryInfo>,
    spec: Vec<SpecResponsibility>,
}

/// Why the data file was refused.
#[derive(Debug)]
pub enum ResponsibilityDataError {
    Toml(toml::de::Error),
    Invalid(String),
}

impl fmt::Display for ResponsibilityDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponsibilityDataError::Toml(e) => write!(f, "shared-responsibility.toml: {e}"),
            ResponsibilityDataError::Invalid(m) => write!(f, "shared-responsibility.toml: {m}"),
        }
    }
}

impl std::error::Error for ResponsibilityDataError {}

/// The parsed model with its lookup tables.
#[derive(Debug)]
pub struct SharedResponsibility {
    categories: Vec<CategoryInfo>,
    specs: Vec<SpecResponsibility>,
    by_kind: HashMap<ResourceKind, Category>,
    by_spec: HashMap<String, usize>,
}

impl SharedResponsibility {
    pub fn parse(text: &str) -> Result<SharedResponsibility, ResponsibilityDataError> {
        let file: File = toml::from_str(text).map_err(ResponsibilityDataError::Toml)?;
        let invalid = |m: String| Err(ResponsibilityDataError::Invalid(m));
        for c in Category::ALL {
            if file.category.iter().filter(|i| i.key == c).count() != 1 {
                return invalid(format!("category {c} must be described exactly once"));
            }
        }
        let mut by_kind = HashMap::new();
        for info in &file.category {
            for name in &info.resource_kinds {
                let Some(kind) = ResourceKind::parse(name) else {
                    return invalid(format!(
                        "category {}: {name:?} is not a resource kind of the model",
                        info.key
                    ));
                };
                if let Some(previous) = by_kind.insert(kind, info.key) {
                    return invalid(format!(
                        "resource kind {name} is in both {previous} and {}",
                        info.key
                    ));
                }
            }
        }
        let mut by_spec = HashMap::new();
        for (i, s) in file.spec.iter().enumerate() {
            if by_spec.insert(s.id.clone(), i).is_some() {
                return invalid(format!("specification {} appears twice", s.id));
            }
        }
        Ok(SharedResponsibility {
            categories: file.category,
            specs: file.spec,
            by_kind,
            by_spec,
        })
    }

    pub fn category(&self, category: Category) -> &CategoryInfo {
        self.categories
            .iter()
            .find(|c| c.key == category)
            .expect("parse checks every category is described")
    }

    /// The category a resource kind belongs to; `None` for `other`.
    pub fn category_of(&self, kind: ResourceKind) -> Option<Category> {
        self.by_kind.get(&kind).copied()
    }

    pub fn specs(&self) -> &[SpecResponsibility] {
        &self.specs
    }

    pub fn spec(&self, id: &str) -> Option<&SpecResponsibility> {
        self.by_spec.get(id).map(|&i| &self.specs[i])
    }

    /// Who carries `spec_id` for a resource of `kind` (by the kind's category).
    pub fn owner_for(&self, spec_id: &str, kind: Option<ResourceKind>) -> Option<(Owner, &str)> {
        let spec = self.spec(spec_id)?;
        Some(spec.in_category(kind.and_then(|k| self.category_of(k))))
    }
}

/// The compiled-in model.
pub fn shared_responsibility() -> &'static SharedResponsibility {
    static MODEL: OnceLock<SharedResponsibility> = OnceLock::new();
    MODEL.get_or_init(|| {
        SharedResponsibility::parse(include_str!("../../data/shared-responsibility.toml"))
            .unwrap_or_else(|e| panic!("data/shared-responsibility.toml is invalid: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::hipaa::{hipaa, Family};

    #[test]
    fn every_resource_kind_has_a_category() {
        let m = shared_responsibility();
        for kind in ResourceKind::ALL {
            match (kind, m.category_of(*kind)) {
                (ResourceKind::Other, _) => {}
                (k, None) => panic!("{k} has no service category"),
                (_, Some(_)) => {}
            }
        }
        assert_eq!(m.category_of(ResourceKind::Other), None);
        assert_eq!(
            m.category_of(ResourceKind::Ec2Instance),
            Some(Category::Infrastructure)
        );
        assert_eq!(
            m.category_of(ResourceKind::RdsInstance),
            Some(Category::Container)
        );
        assert_eq!(
            m.category_of(ResourceKind::S3Bucket),
            Some(Category::Abstracted)
        );
        assert_eq!(
            m.category_of(ResourceKind::DynamoDbTable),
            Some(Category::Abstracted)
        );
    }

    #[test]
    fn every_hipaa_specification_has_an_owner() {
        let m = shared_responsibility();
        let catalog = hipaa();
        for spec in &catalog.spec {
            assert!(
                m.spec(&spec.id).is_some(),
                "{} has no entry in shared-responsibility.toml",
                spec.id
            );
        }
        for s in m.specs() {
            assert!(
                catalog.get(&s.id).is_some(),
                "{} is not a specification of hipaa.toml",
                s.id
            );
            assert!(!s.note.is_empty(), "{}", s.id);
            if s.owner == Owner::Aws {
                assert_eq!(
                    s.evidence,
                    Evidence::AwsReports,
                    "{}: inherited duties rest on AWS's reports",
                    s.id
                );
            }
        }
    }

    #[test]
    fn physical_facility_controls_are_inherited_and_encryption_is_the_customers() {
        let m = shared_responsibility();
        for c in Category::ALL {
            assert_eq!(
                m.spec("164.310(a)(1)").unwrap().in_category(Some(c)).0,
                Owner::Aws
            );
            assert_eq!(
                m.spec("164.312(a)(2)(iv)").unwrap().in_category(Some(c)).0,
                Owner::Customer
            );
        }
        assert_eq!(m.spec("164.310(d)(2)(i)").unwrap().owner, Owner::Shared);
        let (owner, note) = m
            .owner_for("164.312(e)(1)", Some(ResourceKind::Ec2Instance))
            .unwrap();
        assert_eq!(owner, Owner::Customer);
        assert!(note.contains("instances"));
        assert_eq!(
            m.owner_for("164.312(e)(1)", Some(ResourceKind::SqsQueue))
                .unwrap()
                .0,
            Owner::Shared
        );
        assert_eq!(m.owner_for("164.312(e)(1)", None).unwrap().0, Owner::Shared);
    }

    #[test]
    fn only_physical_specifications_are_wholly_inherited() {
        let m = shared_responsibility();
        let catalog = hipaa();
        for s in m.specs().iter().filter(|s| !s.involves_customer()) {
            assert_eq!(catalog.family_of(&s.id), Some(Family::Physical), "{}", s.id);
        }
    }

    #[test]
    fn categories_describe_both_sides() {
        let m = shared_responsibility();
        for c in Category::ALL {
            let info = m.category(c);
            assert!(!info.aws.is_empty() && !info.customer.is_empty(), "{c}");
            assert!(info.customer.iter().any(|d| d.evidence.uses_rules()), "{c}");
        }
    }
}
