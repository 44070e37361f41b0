//! `data/hipaa.toml`: the standards and implementation specifications of 45 CFR 164.308,
//! 164.310, 164.312 and 164.316.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The safeguard family a specification belongs to, as reports group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Administrative,
    Physical,
    Technical,
    /// 164.316: policies, procedures and documentation.
    Documentation,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Administrative,
        Family::Physical,
        Family::Technical,
        Family::Documentation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Administrative => "administrative",
            Family::Physical => "physical",
            Family::Technical => "technical",
            Family::Documentation => "documentation",
        }
    }

    /// Heading used in reports, with the section it comes from.
    pub fn heading(self) -> &'static str {
        match self {
            Family::Administrative => "Administrative safeguards (164.308)",
            Family::Physical => "Physical safeguards (164.310)",
            Family::Technical => "Technical safeguards (164.312)",
            Family::Documentation => "Policies, procedures and documentation (164.316)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Required,
    Addressable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecKind {
    Standard,
    ImplementationSpecification,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HipaaSpec {
    pub id: String,
    pub title: String,
    pub kind: SpecKind,
    pub requirement: Requirement,
    pub family: Family,
    /// The standard an implementation specification belongs to.
    #[serde(default)]
    pub standard: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ProposedChange {
    pub topic: String,
    pub affects: Vec<String>,
    pub description: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Proposed {
    pub summary: String,
    #[serde(default)]
    pub change: Vec<ProposedChange>,
}

#[derive(Debug, Deserialize)]
pub struct HipaaCatalog {
    pub version: String,
    pub spec: Vec<HipaaSpec>,
    pub proposed_2025: Proposed,
    #[serde(skip)]
    by_id: HashMap<String, usize>,
}

impl HipaaCatalog {
    pub fn parse(text: &str) -> Result<HipaaCatalog, toml::de::Error> {
        let mut c: HipaaCatalog = toml::from_str(text)?;
        c.by_id = c
            .spec
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Ok(c)
    }

    pub fn get(&self, id: &str) -> Option<&HipaaSpec> {
        self.by_id.get(id).map(|&i| &self.spec[i])
    }

    pub fn family_of(&self, id: &str) -> Option<Family> {
        self.get(id).map(|s| s.family)
    }

    pub fn in_family(&self, family: Family) -> impl Iterator<Item = &HipaaSpec> {
        self.spec.iter().filter(move |s| s.family == family)
    }
}

/// The compiled-in catalog.
pub fn hipaa() -> &'static HipaaCatalog {
    static CATALOG: OnceLock<HipaaCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        HipaaCatalog::parse(include_str!("../../data/hipaa.toml"))
            .expect("data/hipaa.toml is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_present() {
        let c = hipaa();
        for family in Family::ALL {
            assert!(c.in_family(family).count() >= 5, "{family:?}");
        }
        assert_eq!(
            c.get("164.312(a)(2)(iv)").unwrap().requirement,
            Requirement::Addressable
        );
        assert_eq!(c.get("164.316(b)(2)(i)").unwrap().title, "Time limit");
    }

    #[test]
    fn every_specification_names_an_existing_standard() {
        let c = hipaa();
        for s in &c.spec {
            match s.kind {
                SpecKind::Standard => assert!(s.standard.is_none(), "{}", s.id),
                SpecKind::ImplementationSpecification => {
                    let std = c.get(s.standard.as_deref().unwrap()).unwrap();
                    assert_eq!(std.kind, SpecKind::Standard, "{}", s.id);
                    assert_eq!(std.family, s.family, "{}", s.id);
                }
            }
        }
    }
}
