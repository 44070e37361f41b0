//! The items every estate attests, from `data/attestation-items.toml`.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One attestation item of the catalog.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub title: String,
    /// 45 CFR citations (specification ids of the HIPAA catalog).
    pub hipaa: Vec<String>,
    /// What to do and what evidence an auditor expects.
    pub guidance: String,
    /// Default review interval written by `attest init`.
    pub review_interval: String,
    /// The item is the AWS Business Associate Addendum, which AWS Artifact can confirm.
    #[serde(default)]
    pub baa: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    item: Vec<ItemDef>,
}

/// The compiled-in items, in file order.
pub fn catalog() -> &'static [ItemDef] {
    static ITEMS: OnceLock<Vec<ItemDef>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        let f: CatalogFile = toml::from_str(include_str!("../data/attestation-items.toml"))
            .unwrap_or_else(|e| panic!("data/attestation-items.toml is invalid: {e}"));
        f.item
    })
}

/// The catalog item `id`.
pub fn item(id: &str) -> Option<&'static ItemDef> {
    catalog().iter().find(|i| i.id == id)
}

/// The item that stands for the AWS Business Associate Addendum.
pub fn baa_item() -> &'static ItemDef {
    catalog()
        .iter()
        .find(|i| i.baa)
        .expect("the catalog has a BAA item")
}

#[cfg(test)]
mod tests {
    use super::*;
    use safeguard_rules::catalog::{hipaa, shared_responsibility, Family};
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_citations_exist() {
        let mut seen = HashSet::new();
        for i in catalog() {
            assert!(seen.insert(&i.id), "duplicate {}", i.id);
            assert!(
                i.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                i.id
            );
            assert!(!i.hipaa.is_empty(), "{}", i.id);
            for c in &i.hipaa {
                assert!(
                    hipaa().get(c).is_some(),
                    "{}: {c} is not a HIPAA specification",
                    i.id
                );
            }
            crate::ReviewInterval::parse(&i.review_interval).unwrap();
        }
        assert_eq!(catalog().iter().filter(|i| i.baa).count(), 1);
    }

    #[test]
    fn every_administrative_physical_and_documentation_specification_is_attested() {
        let cited: HashSet<&str> = catalog()
            .iter()
            .flat_map(|i| i.hipaa.iter().map(String::as_str))
            .collect();
        let sr = shared_responsibility();
        for spec in &hipaa().spec {
            let attestable = spec.family != Family::Technical
                || sr.spec(&spec.id).is_some_and(|s| {
                    !s.evidence.uses_rules() || s.evidence.as_str().contains("attestation")
                });
            if attestable {
                assert!(
                    cited.contains(spec.id.as_str()),
                    "{} ({}) has no attestation item",
                    spec.id,
                    spec.title
                );
            }
        }
        for id in ["164.312(a)(2)(ii)", "164.312(a)(2)(iii)"] {
            assert!(cited.contains(id), "{id}");
        }
    }
}
