//! Is a data store assigned to an AWS Backup plan? Shared by the "covered by a backup plan"
//! rules and by EFS-003.
//!
//! A plan only backs up resources in its own account and region, so only those plans are
//! consulted. A resource is assigned by a selection when it matches `resources` (ARN globs) or
//! one of the legacy `tags`, then satisfies every `conditions` entry and matches no
//! `not_resources` pattern, which is how AWS Backup evaluates a selection. Service opt-in
//! settings (needed for Aurora with wildcard selections) are not part of the model.

use crate::prelude::*;
use crate::rule::Missing;
use std::borrow::Cow;

/// Something a selection may pick: the store itself, or (for an EBS volume) the instance it
/// is attached to, since an EC2 instance backup includes its volumes.
pub(crate) struct Target<'a> {
    /// The resource's id: its ARN for live resources.
    pub id: Cow<'a, str>,
    pub tags: &'a Value<Tags>,
}

/// The plan and selection that assign a target.
pub(crate) struct Assignment {
    pub plan: String,
    pub selection: String,
    /// The id of the target that matched (differs from the store for attached volumes).
    pub target: String,
}

/// `Ok(Some(_))` when a plan in the store's account and region assigns one of `targets`,
/// `Ok(None)` when it is known that none does, `Err` when that cannot be decided.
pub(crate) fn assignment(
    meta: &Meta,
    targets: &[Target<'_>],
    cx: &Context,
) -> Result<Option<Assignment>, Missing> {
    let mut first_missing: Option<Missing> = None;
    let mut any_arn_patterns = false;
    for plan in cx.in_region::<BackupPlan>(&meta.account, &meta.region) {
        // A plan whose rules are known to be empty never runs a backup job.
        if plan.rules.known().is_some_and(|r| r.is_empty()) {
            continue;
        }
        let selections = match plan.selections.need("backup plan selections") {
            Ok(s) => s,
            Err(m) => {
                first_missing.get_or_insert(m);
                continue;
            }
        };
        for sel in selections {
            any_arn_patterns |= !sel.resources.is_empty();
            for target in targets {
                match selection_assigns(sel, target) {
                    Ok(true) => {
                        return Ok(Some(Assignment {
                            plan: display_name(&plan.meta),
                            selection: sel.name.clone(),
                            target: target.id.to_string(),
                        }))
                    }
                    Ok(false) => {}
                    Err(m) => {
                        first_missing.get_or_insert(m);
                    }
                }
            }
        }
    }
    if let Some(m) = first_missing {
        return Err(m);
    }
    // ARN patterns cannot be matched against an id that is not an ARN (infrastructure as code
    // addresses), so a negative answer would be a guess.
    if any_arn_patterns {
        if let Some(t) = targets.iter().find(|t| !t.id.starts_with("arn:")) {
            return Err(Missing {
                field: Cow::Owned(format!("the ARN of {}", t.id)),
                unknown: Unknown::new(
                    UnknownReason::Unresolved,
                    "backup selections name resources by ARN and this resource's ARN is not known",
                ),
            });
        }
    }
    cx.listed("backup", &meta.account, Some(&meta.region))?;
    Ok(None)
}

fn display_name(meta: &Meta) -> String {
    if meta.name.is_empty() {
        meta.id.clone()
    } else {
        meta.name.clone()
    }
}

fn selection_assigns(sel: &BackupSelection, target: &Target<'_>) -> Result<bool, Missing> {
    let picked = if sel.resources.is_empty() && sel.tags.is_empty() {
        // AWS Backup assigns every supported resource when nothing narrows the selection.
        true
    } else if sel.resources.iter().any(|p| glob(p, &target.id)) {
        true
    } else if sel.tags.is_empty() {
        false
    } else {
        let tags = target.tags.need("tags")?;
        sel.tags
            .iter()
            .any(|(k, v)| tags.get(tag_key(k)) == Some(v))
    };
    if !picked {
        return Ok(false);
    }
    let excluded = sel.not_resources.need("backup selection not_resources")?;
    if excluded.iter().any(|p| glob(p, &target.id)) {
        return Ok(false);
    }
    let conditions = sel.conditions.need("backup selection conditions")?;
    if conditions.is_empty() {
        return Ok(true);
    }
    let tags = target.tags.need("tags")?;
    for c in conditions {
        let actual = tags.get(tag_key(&c.key));
        let holds = match c.operator.to_ascii_lowercase().as_str() {
            "stringequals" => actual == Some(&c.value),
            "stringlike" => actual.is_some_and(|a| glob(&c.value, a)),
            // As in IAM, a negated operator holds when the tag is absent.
            "stringnotequals" => actual != Some(&c.value),
            "stringnotlike" => !actual.is_some_and(|a| glob(&c.value, a)),
            other => {
                return Err(Missing {
                    field: Cow::Owned(format!("backup selection {} condition", sel.name)),
                    unknown: Unknown::new(
                        UnknownReason::ParseError,
                        format!("unsupported operator {other:?}"),
                    ),
                })
            }
        };
        if !holds {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `aws:ResourceTag/backup` and `backup` name the same tag.
fn tag_key(key: &str) -> &str {
    key.strip_prefix("aws:ResourceTag/").unwrap_or(key)
}

/// Case-sensitive glob with `*` (any run of characters), as AWS Backup matches ARNs and
/// `StringLike` values. Resource names such as DynamoDB table names are case-sensitive.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && p[pi] != b'*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// The sentence a coverage rule reports when the store is assigned.
pub(crate) fn covered_message(a: &Assignment, own_id: &str) -> String {
    if a.target == own_id {
        format!(
            "assigned to backup plan {} by selection {}",
            a.plan, a.selection
        )
    } else {
        format!(
            "backed up with {} by backup plan {} (selection {})",
            a.target, a.plan, a.selection
        )
    }
}

#[cfg(test)]
mod tests {
    use super::glob;
    use crate::examples::evaluate_all;
    use crate::rule::Status;
    use safeguard_model::Inventory;
    use std::path::Path;

    fn dynamodb_inventory(coverage_status: &str) -> Inventory {
        let text = format!(
            r#"{{"format": "safeguard-inventory", "version": 1, "generated_at": "2026-11-20T12:00:00Z",
            "source": {{"kind": "aws"}},
            "coverage": [{{"account": "111122223333", "region": "us-east-1", "service": "backup", "status": {coverage_status}}}],
            "resources": [{{"type": "dynamodb_table", "id": "arn:aws:dynamodb:us-east-1:111122223333:table/t",
                "account": "111122223333", "region": "us-east-1", "tags": {{}}}}]}}"#
        );
        Inventory::parse(&text, Path::new("test")).unwrap()
    }

    /// No plan in the inventory only means "not covered" when the plans could be listed.
    #[test]
    fn absence_of_plans_needs_a_successful_listing() {
        let rule = crate::find("BKP-005").unwrap();
        let ok = evaluate_all(rule, &dynamodb_inventory(r#""ok""#));
        assert_eq!(ok[0].1.status, Status::Fail);
        let failed = evaluate_all(
            rule,
            &dynamodb_inventory(r#"{"failed": {"reason": "access_denied"}}"#),
        );
        assert_eq!(
            failed[0].1.status,
            Status::Unknown,
            "{}",
            failed[0].1.message
        );
    }

    #[test]
    fn glob_matches_arns_case_sensitively() {
        assert!(glob(
            "*",
            "arn:aws:dynamodb:us-east-1:111122223333:table/Patients"
        ));
        assert!(glob(
            "arn:aws:dynamodb:*:*:table/*",
            "arn:aws:dynamodb:us-east-1:111122223333:table/Patients"
        ));
        assert!(!glob(
            "arn:aws:dynamodb:*:*:table/patients",
            "arn:aws:dynamodb:us-east-1:111122223333:table/Patients"
        ));
        assert!(!glob(
            "arn:aws:rds:*:*:db:*",
            "arn:aws:rds:us-east-1:111122223333:cluster:c1"
        ));
        assert!(glob("prod*", "production"));
        assert!(!glob("prod", "production"));
    }
}
