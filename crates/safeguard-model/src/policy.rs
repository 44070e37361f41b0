//! IAM-style policy documents (identity policies, bucket, topic, queue, key and function
//! policies) and the questions rules ask of them.
//!
//! The document is kept as the JSON AWS returns, since AWS allows both a string and a list in
//! most places; [`Statement`] gives a normalised view.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A policy document as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PolicyDocument(pub Json);

/// Condition keys that tie a grant to a specific account, organisation, network or source,
/// so that a `"Principal": "*"` statement carrying one of them is not open to the world.
const RESTRICTING_CONDITION_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:userid",
    "aws:username",
    "kms:calleraccount",
];

/// One statement, normalised: every list is a list, names keep AWS's spelling.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statement {
    pub sid: String,
    pub allow: bool,
    /// Principals as written: `*`, or `AWS:arn...`, `Service:s3.amazonaws.com`, ...
    pub principals: Vec<String>,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub not_resources: Vec<String>,
    pub condition: Json,
}

fn strings(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::String(s)) => vec![s.clone()],
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn principals(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::String(s)) => vec![s.clone()],
        Some(Json::Object(map)) => map
            .iter()
            .flat_map(|(kind, ids)| {
                strings(Some(ids)).into_iter().map(move |id| {
                    if id == "*" {
                        "*".to_string()
                    } else {
                        format!("{kind}:{id}")
                    }
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Statement {
    fn from_json(v: &Json) -> Statement {
        Statement {
            sid: v
                .get("Sid")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string(),
            allow: v.get("Effect").and_then(Json::as_str) == Some("Allow"),
            principals: principals(v.get("Principal")),
            actions: strings(v.get("Action")),
            not_actions: strings(v.get("NotAction")),
            resources: strings(v.get("Resource")),
            not_resources: strings(v.get("NotResource")),
            condition: v.get("Condition").cloned().unwrap_or(Json::Null),
        }
    }

    /// Anyone at all: `"Principal": "*"` or `{"AWS": "*"}`.
    pub fn is_public_principal(&self) -> bool {
        self.principals.iter().any(|p| p == "*")
    }

    /// True when a condition narrows who or where the statement applies to. Only positive
    /// operators count: a negated operator (`StringNotEquals`), an `...IfExists` operator, `Null`
    /// and `ForAllValues:` all match requests that lack the key, so they narrow nothing.
    pub fn has_restricting_condition(&self) -> bool {
        let Json::Object(operators) = &self.condition else {
            return false;
        };
        operators
            .iter()
            .filter(|(op, _)| is_narrowing_operator(op))
            .any(|(_, keys)| match keys {
                Json::Object(keys) => keys
                    .keys()
                    .any(|k| RESTRICTING_CONDITION_KEYS.contains(&k.to_ascii_lowercase().as_str())),
                _ => false,
            })
    }

    /// True if the statement names `action` (e.g. `s3:GetObject`), honouring `*` wildcards.
    pub fn covers_action(&self, action: &str) -> bool {
        if !self.not_actions.is_empty() {
            return !self.not_actions.iter().any(|p| wildcard_match(p, action));
        }
        self.actions.iter().any(|p| wildcard_match(p, action))
    }

    /// The value of a condition key under any of the given operators, case-insensitively.
    pub fn condition_values(&self, operators: &[&str], key: &str) -> Vec<String> {
        let Json::Object(ops) = &self.condition else {
            return Vec::new();
        };
        ops.iter()
            .filter(|(op, _)| operators.iter().any(|o| o.eq_ignore_ascii_case(op)))
            .filter_map(|(_, keys)| keys.as_object())
            .flat_map(|keys| keys.iter())
            .filter(|(k, _)| k.eq_ignore_ascii_case(key))
            .flat_map(|(_, v)| match v {
                Json::Bool(b) => vec![b.to_string()],
                other => strings(Some(other)),
            })
            .collect()
    }
}

fn is_narrowing_operator(op: &str) -> bool {
    let op = op.strip_prefix("ForAnyValue:").unwrap_or(op);
    !(op.starts_with("ForAllValues:")
        || op.contains("Not")
        || op.ends_with("IfExists")
        || op == "Null")
}

/// Case-insensitive glob with `*` and `?`, as IAM matches actions.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
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
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

impl PolicyDocument {
    pub fn statements(&self) -> Vec<Statement> {
        match self.0.get("Statement") {
            Some(Json::Array(items)) => items.iter().map(Statement::from_json).collect(),
            Some(single @ Json::Object(_)) => vec![Statement::from_json(single)],
            _ => Vec::new(),
        }
    }

    /// Statements that allow anyone, with no condition narrowing them.
    pub fn public_statements(&self) -> Vec<Statement> {
        self.statements()
            .into_iter()
            .filter(|s| s.allow && s.is_public_principal() && !s.has_restricting_condition())
            .collect()
    }

    /// Allows anyone to perform an action matching `action_pattern` (e.g. `s3:Put*`).
    pub fn allows_public(&self, action: &str) -> bool {
        self.public_statements()
            .iter()
            .any(|s| s.covers_action(action))
    }

    /// Denies requests that do not use TLS: a Deny statement for every principal with the
    /// condition `aws:SecureTransport = false`, covering `action`.
    pub fn denies_insecure_transport(&self, action: &str) -> bool {
        self.statements().iter().any(|s| {
            !s.allow
                && s.is_public_principal()
                && s.covers_action(action)
                && s.condition_values(&["Bool", "BoolIfExists"], "aws:SecureTransport")
                    .iter()
                    .any(|v| v.eq_ignore_ascii_case("false"))
        })
    }

    /// Allows `*` on `*`: full administrative access.
    pub fn allows_full_admin(&self) -> bool {
        self.statements().iter().any(|s| {
            s.allow
                && s.not_actions.is_empty()
                && s.actions.iter().any(|a| a == "*" || a == "*:*")
                && s.resources.iter().any(|r| r == "*")
        })
    }

    /// Actions of the form `service:*` allowed by the document, e.g. `["s3:*"]`.
    pub fn service_wildcards(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .statements()
            .into_iter()
            .filter(|s| s.allow)
            .flat_map(|s| s.actions)
            .filter(|a| a.ends_with(":*") && a != "*:*")
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tls_only_bucket_policy_is_recognised() {
        let doc = PolicyDocument(json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"},
                "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}
            }]
        }));
        assert!(doc.denies_insecure_transport("s3:GetObject"));
        assert!(!doc.allows_public("s3:GetObject"));
    }

    #[test]
    fn deny_on_true_is_not_tls_only() {
        let doc = PolicyDocument(json!({"Statement": {
            "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": true}}}}));
        assert!(!doc.denies_insecure_transport("s3:GetObject"));
    }

    #[test]
    fn public_read_and_conditions() {
        let open = PolicyDocument(json!({"Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": "*"}]}));
        assert!(open.allows_public("s3:GetObject"));
        assert!(!open.allows_public("s3:PutObject"));
        let scoped = PolicyDocument(json!({"Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}));
        assert!(!scoped.allows_public("s3:GetObject"));
        for op in [
            "StringNotEquals",
            "StringEqualsIfExists",
            "ForAllValues:StringEquals",
            "Null",
        ] {
            let weak = PolicyDocument(json!({"Statement": [{
                "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
                "Condition": {op: {"aws:SourceVpce": "vpce-1"}}}]}));
            assert!(
                weak.allows_public("s3:GetObject"),
                "{op} must not count as narrowing"
            );
        }
    }

    #[test]
    fn admin_and_wildcards() {
        let doc = PolicyDocument(json!({"Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*"}]}));
        assert!(doc.allows_full_admin());
        assert_eq!(doc.service_wildcards(), vec!["s3:*"]);
    }

    #[test]
    fn glob() {
        assert!(wildcard_match("s3:Get*", "s3:GetObject"));
        assert!(wildcard_match("*", "kms:Decrypt"));
        assert!(!wildcard_match("s3:Put*", "s3:GetObject"));
        assert!(wildcard_match("S3:?etObject", "s3:getobject"));
    }
}
