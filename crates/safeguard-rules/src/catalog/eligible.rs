//! `data/eligible-services.toml`: the AWS services eligible to hold PHI under the AWS Business
//! Associate Addendum, their caveats, and the resource types they map to.
//!
//! A resource is judged by its model kind ([`EligibleCatalog::by_resource_kind`]) or, for
//! resources the model does not describe (`other` resources and raw IaC types), by its
//! CloudFormation or Terraform type name ([`EligibleCatalog::by_type_name`]), using the longest
//! matching type prefix in the data file.

use safeguard_model::{Resource, ResourceKind};
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// A document the catalog takes a statement from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocSource {
    /// The AWS whitepaper "Architecting for HIPAA Security and Compliance on AWS".
    Whitepaper,
    /// The IaaS/AWS overview's older list of eligible services.
    Overview,
    /// The HIPAA-on-AWS setup playbook.
    Playbook,
}

impl DocSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DocSource::Whitepaper => "whitepaper",
            DocSource::Overview => "overview",
            DocSource::Playbook => "playbook",
        }
    }
}

/// Which list of the data file an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ServiceStatus {
    /// May hold PHI under the BAA, subject to its caveats.
    #[default]
    Eligible,
    /// Must not hold PHI.
    NotEligible,
    /// Account-wide configuration that holds no customer content.
    AccountFeature,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Eligible => "eligible",
            ServiceStatus::NotEligible => "not_eligible",
            ServiceStatus::AccountFeature => "account_feature",
        }
    }
}

/// One service (or part of a service) of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable identifier (`elasticache`), used in reports and settings.
    pub key: String,
    /// Display name (`Amazon ElastiCache for Redis`).
    pub name: String,
    /// Set from the list the entry appears in.
    #[serde(skip)]
    pub status: ServiceStatus,
    /// Whitepaper sections that cover the service; empty when the whitepaper has none.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Documents that make the statement about the service's eligibility.
    #[serde(default)]
    pub sources: Vec<DocSource>,
    /// Model resource kinds (`s3_bucket`) that belong to the service.
    #[serde(default)]
    pub resource_kinds: Vec<String>,
    /// CloudFormation type prefixes (`AWS::S3::`).
    #[serde(default)]
    pub cloudformation: Vec<String>,
    /// Terraform type prefixes (`aws_s3_`), matched at word boundaries.
    #[serde(default)]
    pub terraform: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default, rename = "caveat")]
    pub caveats: Vec<Caveat>,
    /// Engines the whitepaper covers; an engine not listed is not covered.
    #[serde(default, rename = "engine")]
    pub engines: Vec<Engine>,
}

/// A condition the documents attach to a service's eligibility.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Caveat {
    /// A feature that must not be used with PHI.
    ExcludedFeature {
        feature: String,
        description: String,
        source: DocSource,
        /// False when a newer document lifted the exclusion; kept to show the history.
        #[serde(default = "yes")]
        in_force: bool,
        /// What lifted the exclusion, when it is no longer in force.
        #[serde(default)]
        superseded: Option<String>,
        /// The model field that shows the feature (`apigateway_stage.cache_enabled`).
        #[serde(default)]
        model_field: Option<String>,
        /// The CloudFormation type or property that shows the feature.
        #[serde(default)]
        cloudformation: Option<String>,
        /// The Terraform attribute values that show the feature.
        #[serde(default)]
        terraform_attribute: Option<TerraformAttribute>,
    },
    /// Only current-generation node types may hold PHI.
    NodeGeneration {
        description: String,
        source: DocSource,
        /// Node type families the document names as current, for messages.
        #[serde(default)]
        current_examples: Vec<String>,
        /// Node type prefixes (`cache.m3.`) that are previous generation.
        previous_generation: Vec<String>,
        #[serde(default)]
        model_field: Option<String>,
    },
    /// Only this edition of the service may hold PHI.
    Edition {
        edition: String,
        description: String,
        source: DocSource,
    },
    /// Data the service does not encrypt (names, tags, metadata), where PHI must not go.
    NoPhiIn {
        description: String,
        source: DocSource,
    },
}

fn yes() -> bool {
    true
}

impl Caveat {
    pub fn description(&self) -> &str {
        match self {
            Caveat::ExcludedFeature { description, .. }
            | Caveat::NodeGeneration { description, .. }
            | Caveat::Edition { description, .. }
            | Caveat::NoPhiIn { description, .. } => description,
        }
    }

    pub fn source(&self) -> DocSource {
        match self {
            Caveat::ExcludedFeature { source, .. }
            | Caveat::NodeGeneration { source, .. }
            | Caveat::Edition { source, .. }
            | Caveat::NoPhiIn { source, .. } => *source,
        }
    }

    /// False only for exclusions a newer document has lifted.
    pub fn in_force(&self) -> bool {
        match self {
            Caveat::ExcludedFeature { in_force, .. } => *in_force,
            _ => true,
        }
    }
}

/// Terraform attribute values that reveal a feature, e.g. `aws_directory_service_directory`
/// with `type = "SimpleAD"`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerraformAttribute {
    pub resource: String,
    pub attribute: String,
    pub values: Vec<String>,
}

/// A database or cache engine of a service, as its API names it (`postgres`, `redis`,
/// `Elasticsearch`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    pub name: String,
    /// The whitepaper section that covers the engine.
    pub section: String,
    pub eligible: bool,
    /// Accepted versions; `None` when every version is accepted.
    #[serde(default)]
    pub versions: Option<VersionRequirement>,
    #[serde(default)]
    pub note: String,
}

/// Engine versions the whitepaper accepts. A version is accepted when it matches any part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionRequirement {
    /// Versions accepted as written, compared numerically (`3.2.6`).
    #[serde(default)]
    pub exact: Vec<String>,
    /// This version and every later one (`4.0.10`).
    #[serde(default)]
    pub at_least: Option<String>,
    /// Versions that start with one of these dotted prefixes (`13.00`).
    #[serde(default)]
    pub major: Vec<String>,
}

impl VersionRequirement {
    /// Whether `version` is accepted; `None` when it is not a dotted number (`latest`).
    pub fn accepts(&self, version: &str) -> Option<bool> {
        let v = version.trim();
        numeric_parts(v)?;
        let exact = self
            .exact
            .iter()
            .any(|e| compare_versions(v, e) == Some(Ordering::Equal));
        let later = self.at_least.as_deref().is_some_and(|min| {
            matches!(
                compare_versions(v, min),
                Some(Ordering::Equal | Ordering::Greater)
            )
        });
        let major = self.major.iter().any(|m| {
            v == m
                || v.strip_prefix(m.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        });
        Some(exact || later || major)
    }

    /// Whether `version` is later than every version the list names, so the list, written
    /// before that version shipped, says nothing of it (SQL Server 2019 against a list that
    /// ends at 2016). `false` for an unreadable version or a list with no upper end.
    pub fn postdates(&self, version: &str) -> bool {
        let v = version.trim();
        if self.at_least.is_some() || self.accepts(v) != Some(false) {
            return false;
        }
        let listed: Vec<&String> = self.exact.iter().chain(&self.major).collect();
        !listed.is_empty()
            && listed
                .iter()
                .all(|l| compare_versions(v, l) == Some(Ordering::Greater))
    }
}

/// The leading numeric components of a dotted version: `6.2.6` -> [6, 2, 6], `6.x` -> [6],
/// `13.00.6300.2.v1` -> [13, 0, 6300, 2]. `None` when the first component is not a number.
fn numeric_parts(version: &str) -> Option<Vec<u64>> {
    let parts: Vec<u64> = version
        .split('.')
        .map_while(|p| p.parse::<u64>().ok())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts)
    }
}

/// Compares dotted versions numerically, missing components counting as zero.
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (numeric_parts(a.trim())?, numeric_parts(b.trim())?);
    let len = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    Some(
        (0..len)
            .map(|i| at(&a, i).cmp(&at(&b, i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal),
    )
}

/// What the catalog says about an engine and version of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineCheck<'a> {
    /// The engine is covered and the version (if restricted) is accepted.
    Eligible(&'a Engine),
    /// The whitepaper excludes the engine (SQL Server Express).
    EngineNotEligible(&'a Engine),
    /// The engine is covered but not at this version.
    VersionNotEligible(&'a Engine),
    /// The engine is covered with a list of versions, and this version is later than all of
    /// them: the document predates it and neither admits nor excludes it.
    VersionPostdatesList(&'a Engine),
    /// The engine is covered with version limits, and the version could not be read as a
    /// number.
    VersionUnreadable(&'a Engine),
    /// The whitepaper does not cover the engine for this service.
    NotCovered,
}

impl Service {
    /// The engine entry named `name`, case-insensitively.
    pub fn engine(&self, name: &str) -> Option<&Engine> {
        self.engines
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Judges an engine and, when given, its version.
    pub fn check_engine(&self, engine: &str, version: Option<&str>) -> EngineCheck<'_> {
        let Some(e) = self.engine(engine) else {
            return EngineCheck::NotCovered;
        };
        if !e.eligible {
            return EngineCheck::EngineNotEligible(e);
        }
        match (&e.versions, version) {
            (Some(req), Some(v)) => match req.accepts(v) {
                Some(true) => EngineCheck::Eligible(e),
                Some(false) if req.postdates(v) => EngineCheck::VersionPostdatesList(e),
                Some(false) => EngineCheck::VersionNotEligible(e),
                None => EngineCheck::VersionUnreadable(e),
            },
            _ => EngineCheck::Eligible(e),
        }
    }

    /// Exclusions currently in force.
    pub fn excluded_features(&self) -> impl Iterator<Item = &Caveat> {
        self.caveats
            .iter()
            .filter(|c| matches!(c, Caveat::ExcludedFeature { .. }) && c.in_force())
    }

    /// Whether a node type is current generation; `None` when the service sets no such
    /// condition.
    pub fn node_type_is_current(&self, node_type: &str) -> Option<bool> {
        self.caveats.iter().find_map(|c| match c {
            Caveat::NodeGeneration {
                previous_generation,
                ..
            } => {
                let t = node_type.trim().to_ascii_lowercase();
                Some(
                    !previous_generation
                        .iter()
                        .any(|p| t.starts_with(p.as_str())),
                )
            }
            _ => None,
        })
    }

    /// The first source, for citations (`whitepaper` when the whitepaper covers it).
    pub fn primary_source(&self) -> Option<DocSource> {
        self.sources.first().copied()
    }
}

/// The verdict for a resource or type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eligibility<'a> {
    Eligible(&'a Service),
    NotEligible(&'a Service),
    /// Account-wide configuration (IAM, account settings): holds no PHI, so eligibility does
    /// not arise.
    AccountFeature(&'a Service),
    /// The catalog does not know the type: it may or may not be eligible.
    Unknown,
}

impl<'a> Eligibility<'a> {
    pub fn service(&self) -> Option<&'a Service> {
        match self {
            Eligibility::Eligible(s)
            | Eligibility::NotEligible(s)
            | Eligibility::AccountFeature(s) => Some(s),
            Eligibility::Unknown => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Eligibility::Eligible(_) => "eligible",
            Eligibility::NotEligible(_) => "not_eligible",
            Eligibility::AccountFeature(_) => "account_feature",
            Eligibility::Unknown => "unknown",
        }
    }

    fn of(service: &'a Service) -> Eligibility<'a> {
        match service.status {
            ServiceStatus::Eligible => Eligibility::Eligible(service),
            ServiceStatus::NotEligible => Eligibility::NotEligible(service),
            ServiceStatus::AccountFeature => Eligibility::AccountFeature(service),
        }
    }
}

/// The `[whitepaper]` table: the edition the sections refer to and its Topics list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Whitepaper {
    pub title: String,
    pub edition: String,
    pub topics: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    whitepaper: Whitepaper,
    #[serde(default)]
    service: Vec<Service>,
    #[serde(default)]
    not_eligible: Vec<Service>,
    #[serde(default)]
    account_feature: Vec<Service>,
}

/// Why the data file was refused.
#[derive(Debug)]
pub enum EligibleDataError {
    Toml(toml::de::Error),
    Invalid(String),
}

impl fmt::Display for EligibleDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EligibleDataError::Toml(e) => write!(f, "eligible-services.toml: {e}"),
            EligibleDataError::Invalid(m) => write!(f, "eligible-services.toml: {m}"),
        }
    }
}

impl std::error::Error for EligibleDataError {}

/// The parsed catalog with its lookup tables.
#[derive(Debug)]
pub struct EligibleCatalog {
    pub whitepaper: Whitepaper,
    services: Vec<Service>,
    by_key: HashMap<String, usize>,
    by_kind: HashMap<String, usize>,
    /// (prefix, service index), CloudFormation and Terraform together.
    prefixes: Vec<(String, usize)>,
}

/// True when `prefix` matches `type_name`: CloudFormation prefixes as plain prefixes,
/// Terraform prefixes at a word boundary.
fn prefix_matches(prefix: &str, type_name: &str) -> bool {
    if !type_name.starts_with(prefix) {
        return false;
    }
    if prefix.starts_with("AWS::") || prefix.ends_with('_') {
        return true;
    }
    matches!(type_name.as_bytes().get(prefix.len()), None | Some(b'_'))
}

impl EligibleCatalog {
    pub fn parse(text: &str) -> Result<EligibleCatalog, EligibleDataError> {
        let file: File = toml::from_str(text).map_err(EligibleDataError::Toml)?;
        let mut services = Vec::new();
        for (list, status) in [
            (file.service, ServiceStatus::Eligible),
            (file.not_eligible, ServiceStatus::NotEligible),
            (file.account_feature, ServiceStatus::AccountFeature),
        ] {
            services.extend(list.into_iter().map(|mut s| {
                s.status = status;
                s
            }));
        }
        let invalid = |m: String| Err(EligibleDataError::Invalid(m));
        let mut by_key = HashMap::new();
        let mut by_kind = HashMap::new();
        let mut prefixes: Vec<(String, usize)> = Vec::new();
        let mut seen_prefix: HashMap<&str, &str> = HashMap::new();
        for (i, s) in services.iter().enumerate() {
            if by_key.insert(s.key.clone(), i).is_some() {
                return invalid(format!("service key {:?} appears twice", s.key));
            }
            for kind in &s.resource_kinds {
                if ResourceKind::parse(kind).is_none() {
                    return invalid(format!(
                        "{}: {kind:?} is not a resource kind of the model",
                        s.key
                    ));
                }
                if let Some(&j) = by_kind.get(kind) {
                    let other: &Service = &services[j];
                    return invalid(format!(
                        "resource kind {kind:?} is mapped by both {} and {}",
                        other.key, s.key
                    ));
                }
                by_kind.insert(kind.clone(), i);
            }
            for p in &s.cloudformation {
                if !p.starts_with("AWS::") {
                    return invalid(format!(
                        "{}: CloudFormation prefix {p:?} must start with AWS::",
                        s.key
                    ));
                }
            }
            for p in &s.terraform {
                if !p.starts_with("aws_") {
                    return invalid(format!(
                        "{}: Terraform prefix {p:?} must start with aws_",
                        s.key
                    ));
                }
            }
            for p in s.cloudformation.iter().chain(&s.terraform) {
                if let Some(other) = seen_prefix.insert(p, &s.key) {
                    return invalid(format!(
                        "type prefix {p:?} is listed by both {other} and {}",
                        s.key
                    ));
                }
                prefixes.push((p.clone(), i));
            }
            for e in &s.engines {
                if !s.sections.contains(&e.section) && !file.whitepaper.topics.contains(&e.section)
                {
                    return invalid(format!(
                        "{}: engine {} cites unknown section {:?}",
                        s.key, e.name, e.section
                    ));
                }
            }
            for section in &s.sections {
                if !file.whitepaper.topics.contains(section) {
                    return invalid(format!(
                        "{}: section {section:?} is not in the whitepaper's topics",
                        s.key
                    ));
                }
            }
        }
        // Longest first, so the first match is the longest.
        prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Ok(EligibleCatalog {
            whitepaper: file.whitepaper,
            services,
            by_key,
            by_kind,
            prefixes,
        })
    }

    /// Every entry: eligible, then not eligible, then account features, in file order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn eligible_services(&self) -> impl Iterator<Item = &Service> {
        self.services
            .iter()
            .filter(|s| s.status == ServiceStatus::Eligible)
    }

    pub fn get(&self, key: &str) -> Option<&Service> {
        self.by_key.get(key).map(|&i| &self.services[i])
    }

    /// The verdict for a model resource kind (`s3_bucket`). `other` is always unknown: judge
    /// such resources by their type name.
    pub fn by_resource_kind(&self, kind: &str) -> Eligibility<'_> {
        match self.by_kind.get(kind.trim()) {
            Some(&i) => Eligibility::of(&self.services[i]),
            None => Eligibility::Unknown,
        }
    }

    /// The verdict for a CloudFormation (`AWS::SageMaker::NotebookInstance`) or Terraform
    /// (`aws_lightsail_instance`) type name, by the longest matching prefix.
    pub fn by_type_name(&self, type_name: &str) -> Eligibility<'_> {
        let name = type_name.trim();
        self.prefixes
            .iter()
            .find(|(p, _)| prefix_matches(p, name))
            .map_or(Eligibility::Unknown, |&(_, i)| {
                Eligibility::of(&self.services[i])
            })
    }

    /// The verdict for a resource: by its kind, or by its type name for `other` resources.
    pub fn for_resource(&self, resource: &Resource) -> Eligibility<'_> {
        match resource {
            Resource::Other(o) => self.by_type_name(&o.resource_type),
            r => self.by_resource_kind(r.kind().as_str()),
        }
    }

    /// The service whose sections include this whitepaper section title.
    pub fn by_section(&self, section: &str) -> Option<&Service> {
        self.services
            .iter()
            .find(|s| s.sections.iter().any(|t| t == section))
    }
}

/// The compiled-in catalog.
pub fn eligible() -> &'static EligibleCatalog {
    static CATALOG: OnceLock<EligibleCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        EligibleCatalog::parse(include_str!("../../data/eligible-services.toml"))
            .unwrap_or_else(|e| panic!("data/eligible-services.toml is invalid: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(e: Eligibility<'_>) -> (&'static str, String) {
        (
            e.as_str(),
            e.service().map(|s| s.key.clone()).unwrap_or_default(),
        )
    }

    #[test]
    fn lookups_by_type_name() {
        let c = eligible();
        assert_eq!(
            key(c.by_type_name("aws_lightsail_instance")),
            ("not_eligible", "lightsail".into())
        );
        assert_eq!(
            key(c.by_type_name("AWS::Lightsail::Instance")),
            ("not_eligible", "lightsail".into())
        );
        assert_eq!(
            key(c.by_type_name("AWS::SageMaker::NotebookInstance")),
            ("eligible", "sagemaker".into())
        );
        assert_eq!(
            key(c.by_type_name("aws_s3_bucket")),
            ("eligible", "s3".into())
        );
        assert_eq!(
            key(c.by_type_name("aws_s3_bucket_policy")),
            ("eligible", "s3".into())
        );
        assert_eq!(
            key(c.by_type_name("aws_made_up_widget")),
            ("unknown", String::new())
        );
        assert_eq!(
            key(c.by_type_name("Custom::Thing")),
            ("unknown", String::new())
        );
        assert_eq!(key(c.by_type_name("")), ("unknown", String::new()));
    }

    #[test]
    fn longest_prefix_wins() {
        let c = eligible();
        assert_eq!(
            key(c.by_type_name("AWS::DirectoryService::MicrosoftAD")),
            ("eligible", "directory_service".into())
        );
        assert_eq!(
            key(c.by_type_name("AWS::DirectoryService::SimpleAD")),
            ("not_eligible", "simple_ad".into())
        );
        assert_eq!(
            key(c.by_type_name("AWS::Pinpoint::VoiceChannel")),
            ("not_eligible", "pinpoint_voice".into())
        );
        assert_eq!(
            key(c.by_type_name("AWS::Pinpoint::SMSChannel")),
            ("eligible", "pinpoint".into())
        );
        assert_eq!(
            key(c.by_type_name("aws_s3_account_public_access_block")),
            ("account_feature", "account".into())
        );
        assert_eq!(
            key(c.by_type_name("aws_s3_bucket_accelerate_configuration")).1,
            "s3_transfer_acceleration"
        );
        assert_eq!(
            key(c.by_type_name("aws_cloudwatch_log_group")).1,
            "cloudwatch_logs"
        );
        assert_eq!(
            key(c.by_type_name("aws_cloudwatch_event_rule")).1,
            "eventbridge"
        );
        assert_eq!(
            key(c.by_type_name("aws_cloudwatch_metric_alarm")).1,
            "cloudwatch"
        );
        assert_eq!(key(c.by_type_name("AWS::EC2::Volume")).1, "ebs");
        assert_eq!(key(c.by_type_name("AWS::EC2::VPCEndpoint")).1, "vpc");
        assert_eq!(key(c.by_type_name("AWS::EC2::Instance")).1, "ec2");
        assert_eq!(key(c.by_type_name("AWS::Serverless::Function")).1, "lambda");
    }

    #[test]
    fn terraform_prefixes_match_at_word_boundaries() {
        let c = eligible();
        assert_eq!(key(c.by_type_name("aws_vpc")).1, "vpc");
        assert_eq!(key(c.by_type_name("aws_vpc_endpoint")).1, "vpc");
        assert_eq!(key(c.by_type_name("aws_vpclattice_service")).0, "unknown");
        assert_eq!(key(c.by_type_name("aws_lb_listener")).1, "elb");
        assert_eq!(key(c.by_type_name("aws_route53_zone")).1, "route53");
        assert_eq!(key(c.by_type_name("aws_route_table_association")).1, "vpc");
        assert_eq!(key(c.by_type_name("aws_cloudtrail")).1, "cloudtrail");
        assert_eq!(
            key(c.by_type_name("aws_emrserverless_application")).0,
            "unknown"
        );
    }

    #[test]
    fn lookups_by_resource_kind() {
        let c = eligible();
        assert_eq!(
            key(c.by_resource_kind("s3_bucket")),
            ("eligible", "s3".into())
        );
        assert_eq!(
            key(c.by_resource_kind("rds_cluster")),
            ("eligible", "rds".into())
        );
        assert_eq!(
            key(c.by_resource_kind("iam_user")),
            ("account_feature", "iam".into())
        );
        assert_eq!(key(c.by_resource_kind("other")), ("unknown", String::new()));
        assert_eq!(
            key(c.by_resource_kind("no_such_kind")),
            ("unknown", String::new())
        );
    }

    #[test]
    fn every_model_kind_but_other_is_mapped() {
        let c = eligible();
        for kind in ResourceKind::ALL {
            let verdict = c.by_resource_kind(kind.as_str());
            if *kind == ResourceKind::Other {
                assert_eq!(verdict, Eligibility::Unknown);
            } else {
                assert_ne!(
                    verdict,
                    Eligibility::Unknown,
                    "{kind} is not mapped to a service"
                );
            }
        }
    }

    #[test]
    fn other_resources_are_judged_by_type_name() {
        let r: Resource = serde_json::from_str(
            r#"{"type":"other","id":"arn:aws:lightsail:us-east-1:111122223333:Instance/x","resource_type":"AWS::Lightsail::Instance"}"#,
        )
        .unwrap();
        assert_eq!(eligible().for_resource(&r).as_str(), "not_eligible");
    }

    #[test]
    fn every_whitepaper_topic_is_the_section_of_exactly_one_service() {
        let c = eligible();
        assert!(c.whitepaper.topics.len() > 100);
        for topic in &c.whitepaper.topics {
            let owners: Vec<&str> = c
                .services()
                .iter()
                .filter(|s| s.sections.contains(topic))
                .map(|s| s.key.as_str())
                .collect();
            assert_eq!(owners.len(), 1, "topic {topic:?} is covered by {owners:?}");
        }
        for s in c.services() {
            if s.status == ServiceStatus::Eligible && !s.sections.is_empty() {
                assert!(s.sources.contains(&DocSource::Whitepaper), "{}", s.key);
            }
            assert!(
                !s.sources.is_empty() || s.status == ServiceStatus::AccountFeature,
                "{} names no source",
                s.key
            );
        }
    }

    #[test]
    fn redis_versions_and_node_generations() {
        let ec = eligible().get("elasticache").unwrap();
        let check = |v: &str| ec.check_engine("redis", Some(v));
        assert!(matches!(check("3.2.6"), EngineCheck::Eligible(_)));
        assert!(matches!(check("3.2.4"), EngineCheck::VersionNotEligible(_)));
        assert!(matches!(
            check("3.2.10"),
            EngineCheck::VersionNotEligible(_)
        ));
        assert!(matches!(check("4.0.10"), EngineCheck::Eligible(_)));
        assert!(matches!(check("4.0.9"), EngineCheck::VersionNotEligible(_)));
        assert!(matches!(check("6.x"), EngineCheck::Eligible(_)));
        assert!(matches!(check("7.1"), EngineCheck::Eligible(_)));
        assert!(matches!(check("latest"), EngineCheck::VersionUnreadable(_)));
        assert_eq!(
            ec.check_engine("memcached", Some("1.6.22")),
            EngineCheck::NotCovered
        );
        assert_eq!(ec.node_type_is_current("cache.m3.medium"), Some(false));
        assert_eq!(ec.node_type_is_current("cache.r6g.large"), Some(true));
        assert_eq!(
            eligible().get("s3").unwrap().node_type_is_current("x"),
            None
        );
    }

    #[test]
    fn opensearch_and_rds_engines() {
        let c = eligible();
        let os = c.get("opensearch").unwrap();
        assert!(matches!(
            os.check_engine("Elasticsearch", Some("5.6")),
            EngineCheck::VersionNotEligible(_)
        ));
        assert!(matches!(
            os.check_engine("Elasticsearch", Some("7.10")),
            EngineCheck::Eligible(_)
        ));
        assert!(matches!(
            os.check_engine("OpenSearch", Some("2.11")),
            EngineCheck::Eligible(_)
        ));
        let rds = c.get("rds").unwrap();
        assert!(matches!(
            rds.check_engine("postgres", Some("16.4")),
            EngineCheck::Eligible(_)
        ));
        assert!(matches!(
            rds.check_engine("aurora-mysql", None),
            EngineCheck::Eligible(_)
        ));
        assert!(matches!(
            rds.check_engine("sqlserver-ex", Some("15.00.4073.23.v1")),
            EngineCheck::EngineNotEligible(_)
        ));
        assert!(matches!(
            rds.check_engine("sqlserver-se", Some("13.00.6300.2.v1")),
            EngineCheck::Eligible(_)
        ));
        assert!(matches!(
            rds.check_engine("sqlserver-se", Some("10.50.6000.34.v1")),
            EngineCheck::VersionNotEligible(_)
        ));
        // SQL Server 2019 and 2022 postdate the whitepaper's list (2008 R2 to 2016).
        for v in ["15.00.4365.2.v1", "16.00.4095.4.v1", "14.00"] {
            assert!(matches!(
                rds.check_engine("sqlserver-se", Some(v)),
                EngineCheck::VersionPostdatesList(_)
            ));
        }
        assert!(matches!(
            rds.check_engine("sqlserver-web", Some("10.50.6000.34.v1")),
            EngineCheck::VersionNotEligible(_)
        ));
        assert_eq!(rds.check_engine("db2-se", None), EngineCheck::NotCovered);
    }

    #[test]
    fn older_exclusions_are_recorded_with_their_status() {
        let c = eligible();
        let cf = c.get("cloudfront").unwrap();
        let edge = cf
            .caveats
            .iter()
            .find(|k| matches!(k, Caveat::ExcludedFeature { feature, .. } if feature == "Lambda@Edge"))
            .unwrap();
        assert!(!edge.in_force(), "the whitepaper now covers Lambda@Edge");
        assert_eq!(edge.source(), DocSource::Overview);
        assert_eq!(cf.excluded_features().count(), 0);
        let api = c.get("api_gateway").unwrap();
        assert_eq!(api.excluded_features().count(), 1);
        assert!(
            c.get("directory_service")
                .unwrap()
                .excluded_features()
                .count()
                == 1
        );
    }

    #[test]
    fn version_comparison() {
        assert_eq!(compare_versions("4.0.10", "4.0.9"), Some(Ordering::Greater));
        assert_eq!(compare_versions("6.0", "6"), Some(Ordering::Equal));
        assert_eq!(compare_versions("x", "1"), None);
    }
}
