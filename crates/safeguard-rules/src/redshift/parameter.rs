//! Reading a cluster parameter group value (not a rule).

use crate::prelude::*;
use crate::rule::Missing;
use std::borrow::Cow;

/// The effective value of `name`, lower-cased. A parameter missing from a known map was not
/// reported by the source, which is not the same as knowing its default, so it is unknown.
pub(crate) fn parameter(cluster: &RedshiftCluster, name: &'static str) -> Result<String, Missing> {
    let params = cluster.parameters.need("parameters")?;
    params
        .get(name)
        .map(|v| v.trim().to_ascii_lowercase())
        .ok_or_else(|| Missing {
            field: Cow::Owned(format!("parameter {name}")),
            unknown: Unknown::new(
                UnknownReason::NotCollected,
                "not among the parameter values read",
            ),
        })
}
