//! Rules for AWS CloudTrail; one rule per file.

use crate::prelude::*;
use crate::rule::{Missing, Rule};

mod cloudwatch_logs_delivery;
mod log_file_validation;
mod logs_encrypted_with_kms;
mod multi_region_trail;
mod s3_data_events;
mod trail_logging;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &multi_region_trail::RULE,
        &log_file_validation::RULE,
        &logs_encrypted_with_kms::RULE,
        &cloudwatch_logs_delivery::RULE,
        &s3_data_events::RULE,
        &trail_logging::RULE,
    ]
}

/// How a trail is named in messages.
pub(super) fn trail_name(t: &CloudTrailTrail) -> &str {
    if t.meta.name.is_empty() {
        &t.meta.id
    } else {
        &t.meta.name
    }
}

/// A named boolean fact a trail must have for an account-level requirement.
pub(super) type Fact<'a> = (&'static str, &'static str, &'a Value<bool>);

/// Finds a trail that satisfies `facts` for `account`: the account's own trails, and the
/// organisation trails of other accounts in the inventory (an organisation trail records the
/// events of every member account). Returns the name of a satisfying trail, or the reasons
/// each candidate falls short; an unknown fact that could have made a trail satisfy the
/// requirement is returned as `Err`, and so is a failed listing of the account's trails.
pub(super) fn find_trail<'a>(
    cx: &Context<'a>,
    account: &str,
    facts: impl Fn(&'a CloudTrailTrail) -> Vec<Fact<'a>>,
) -> Result<Result<String, Vec<String>>, Missing> {
    let own = cx
        .in_account::<CloudTrailTrail>(account)
        .map(|t| (t, false));
    let foreign = cx
        .all::<CloudTrailTrail>()
        .filter(|t| t.meta.account != account && t.organization_trail.known() != Some(&false))
        .map(|t| (t, true));
    let mut shortfalls = Vec::new();
    let mut missing: Option<Missing> = None;
    for (trail, is_foreign) in own.chain(foreign) {
        let mut facts = facts(trail);
        if is_foreign {
            facts.insert(
                0,
                (
                    "organization_trail",
                    "is not an organisation trail",
                    &trail.organization_trail,
                ),
            );
        }
        let mut falls_short = Vec::new();
        let mut first_unknown = None;
        for (field, when_false, value) in facts {
            match value.need(field) {
                Ok(true) => {}
                Ok(false) => falls_short.push(when_false),
                Err(m) => {
                    first_unknown.get_or_insert(m);
                }
            }
        }
        if !falls_short.is_empty() {
            shortfalls.push(format!("{} {}", trail_name(trail), falls_short.join(", ")));
        } else if let Some(m) = first_unknown {
            missing.get_or_insert(Missing {
                field: format!("{} of trail {}", m.field, trail_name(trail)).into(),
                unknown: m.unknown,
            });
        } else {
            let name = if is_foreign {
                format!(
                    "organisation trail {} (account {})",
                    trail_name(trail),
                    trail.meta.account
                )
            } else {
                format!("trail {}", trail_name(trail))
            };
            return Ok(Ok(name));
        }
    }
    if let Some(m) = missing {
        return Err(m);
    }
    cx.listed("cloudtrail", account, None)?;
    Ok(Err(shortfalls))
}

#[cfg(test)]
mod tests {
    use crate::examples::evaluate_all;
    use crate::rule::Status;
    use safeguard_model::Inventory;
    use std::path::Path;

    fn inventory(coverage: &str, resources: &str) -> Inventory {
        let text = format!(
            r#"{{"format": "safeguard-inventory", "version": 1, "generated_at": "2026-11-20T12:00:00Z",
                "source": {{"kind": "aws"}}, "coverage": {coverage}, "resources": {resources}}}"#
        );
        Inventory::parse(&text, Path::new("test")).unwrap()
    }

    const ACCOUNT: &str =
        r#"[{"type": "account", "id": "111122223333", "account": "111122223333"}]"#;

    #[test]
    fn no_trail_is_unknown_when_trails_could_not_be_listed() {
        let inv = inventory(
            r#"[{"account": "111122223333", "region": "us-east-1", "service": "cloudtrail",
                 "status": {"failed": {"reason": "access_denied", "detail": "cloudtrail:DescribeTrails"}}}]"#,
            ACCOUNT,
        );
        for rule in [
            &super::multi_region_trail::RULE,
            &super::s3_data_events::RULE,
        ] {
            let out = evaluate_all(rule, &inv);
            assert_eq!(
                out[0].1.status,
                Status::Unknown,
                "{}: {}",
                rule.meta.id,
                out[0].1.message
            );
        }
    }

    #[test]
    fn no_trail_fails_when_listing_succeeded() {
        let inv = inventory(
            r#"[{"account": "111122223333", "region": "us-east-1", "service": "cloudtrail", "status": "ok"}]"#,
            ACCOUNT,
        );
        let out = evaluate_all(&super::multi_region_trail::RULE, &inv);
        assert_eq!(out[0].1.status, Status::Fail, "{}", out[0].1.message);
    }
}
