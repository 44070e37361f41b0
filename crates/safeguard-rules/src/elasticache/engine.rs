//! Shared engine facts for the ElastiCache rules (not a rule).

use crate::prelude::*;
use crate::rule::Missing;

/// Node-based Memcached has no at-rest encryption and no AUTH, so the Redis-specific rules do
/// not apply to it; ECACHE-004 reports Memcached itself.
pub(crate) fn is_memcached(rg: &ElastiCacheReplicationGroup) -> Result<bool, Missing> {
    Ok(rg.engine.need("engine")?.eq_ignore_ascii_case("memcached"))
}

pub(crate) const MEMCACHED_NA: &str =
    "Memcached engine: see ECACHE-004 (Memcached is not covered by the whitepaper's PHI guidance)";
