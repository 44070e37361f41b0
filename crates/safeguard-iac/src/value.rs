//! `V`: a source-neutral evaluated value. Terraform expressions and CloudFormation intrinsics
//! both evaluate to it, and the mappers read resource attributes from it into the model's
//! `Value<T>`s.

use safeguard_model::{PolicyDocument, UnknownReason, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// An evaluated attribute value.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<V>),
    Map(BTreeMap<String, V>),
    /// Known only after apply (or deploy): a reference to another resource's computed
    /// attribute, a variable without a value, a function we do not evaluate.
    Unknown(Box<Unres>),
}

/// What is known about an unresolved value.
#[derive(Clone, Debug, PartialEq)]
pub struct Unres {
    /// The expression as written (`aws_s3_bucket.logs.id`, `!GetAtt Key.Arn`).
    pub expr: String,
    /// When the value is exactly an attribute of another resource in the same scope: that
    /// resource's address (`aws_s3_bucket.logs[0]`, logical id `Key`). Used to join
    /// companion resources onto their parent.
    pub target: Option<String>,
    /// True when the value names some object (a resource attribute, an account id, a region)
    /// and so can never be a wildcard: inside a policy document it may stand as a
    /// `${expression}` placeholder. False for inputs that could hold anything (a variable
    /// without a value, an imported value).
    pub placeholder_ok: bool,
}

impl V {
    pub fn unknown(expr: impl Into<String>, target: Option<String>, placeholder_ok: bool) -> V {
        V::Unknown(Box::new(Unres {
            expr: expr.into(),
            target,
            placeholder_ok,
        }))
    }

    /// An input that could hold anything.
    pub fn opaque(expr: impl Into<String>) -> V {
        V::unknown(expr, None, false)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, V::Null)
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        match self {
            V::Map(m) => m.get(key).filter(|v| !v.is_null()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn target(&self) -> Option<&str> {
        match self {
            V::Unknown(u) => u.target.as_deref(),
            _ => None,
        }
    }

    /// Truthiness for conditions: `Some(bool)` when decidable.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            V::Bool(b) => Some(*b),
            V::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            V::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            V::Num(n) => Some(*n),
            V::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The string form Terraform and CloudFormation give to scalars in interpolation.
    pub fn to_plain_string(&self) -> Option<String> {
        match self {
            V::Str(s) => Some(s.clone()),
            V::Bool(b) => Some(b.to_string()),
            V::Num(n) => Some(num_to_string(*n)),
            _ => None,
        }
    }

    /// Nested blocks: HCL repeats a block, plan JSON and CloudFormation give a list, and a
    /// single object is accepted too.
    pub fn blocks(&self) -> Vec<&V> {
        match self {
            V::List(items) => items.iter().filter(|i| !i.is_null()).collect(),
            V::Map(_) => vec![self],
            _ => Vec::new(),
        }
    }

    /// The first unresolved value inside, if any.
    pub fn find_unknown(&self) -> Option<&Unres> {
        match self {
            V::Unknown(u) => Some(u),
            V::List(items) => items.iter().find_map(V::find_unknown),
            V::Map(m) => m.values().find_map(V::find_unknown),
            _ => None,
        }
    }

    /// JSON, with unresolved values written as `${expression}` placeholders when that is
    /// safe; `Err` with the first value that cannot stand as a placeholder.
    pub fn to_json(&self) -> Result<Json, &Unres> {
        Ok(match self {
            V::Null => Json::Null,
            V::Bool(b) => Json::Bool(*b),
            V::Num(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    Json::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n)
                        .map(Json::Number)
                        .unwrap_or(Json::Null)
                }
            }
            V::Str(s) => Json::String(s.clone()),
            V::List(items) => Json::Array(items.iter().map(V::to_json).collect::<Result<_, _>>()?),
            V::Map(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| v.to_json().map(|j| (k.clone(), j)))
                    .collect::<Result<_, _>>()?,
            ),
            V::Unknown(u) if u.placeholder_ok => Json::String(placeholder(&u.expr)),
            V::Unknown(u) => return Err(u),
        })
    }

    pub fn from_json(j: &Json) -> V {
        match j {
            Json::Null => V::Null,
            Json::Bool(b) => V::Bool(*b),
            Json::Number(n) => V::Num(n.as_f64().unwrap_or(0.0)),
            Json::String(s) => V::Str(s.clone()),
            Json::Array(a) => V::List(a.iter().map(V::from_json).collect()),
            Json::Object(o) => V::Map(
                o.iter()
                    .map(|(k, v)| (k.clone(), V::from_json(v)))
                    .collect(),
            ),
        }
    }
}

/// How an unresolved value is written inside a policy document: a template stays a
/// template (`arn:aws:s3:::${aws_s3_bucket.b.bucket}/*`), a reference becomes `${reference}`.
fn placeholder(expr: &str) -> String {
    if let Some(t) = expr.strip_prefix("!Sub ") {
        t.to_string()
    } else if let Some(r) = expr
        .strip_prefix("!GetAtt ")
        .or_else(|| expr.strip_prefix("!Ref "))
    {
        format!("${{{r}}}")
    } else if expr.contains("${") {
        expr.to_string()
    } else {
        format!("${{{expr}}}")
    }
}

pub fn num_to_string(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn unresolved<T>(u: &Unres) -> Value<T> {
    Value::unknown(UnknownReason::Unresolved, u.expr.clone())
}

fn wrong<T>(attr: &str, what: &str, v: &V) -> Value<T> {
    Value::unknown(
        UnknownReason::Unresolved,
        format!("{attr}: expected {what}, found {}", describe(v)),
    )
}

fn describe(v: &V) -> String {
    match v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(n) => num_to_string(*n),
        V::Str(s) => format!("{s:?}"),
        V::List(_) => "a list".into(),
        V::Map(_) => "an object".into(),
        V::Unknown(u) => u.expr.clone(),
    }
}

/// Reads attributes of one resource body (or nested block) into model values. `attr` names
/// are the source's own (`storage_encrypted`, `StorageEncrypted`).
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub body: &'a V,
}

impl<'a> Reader<'a> {
    pub fn new(body: &'a V) -> Self {
        Reader { body }
    }

    pub fn raw(&self, attr: &str) -> Option<&'a V> {
        self.body.get(attr)
    }

    /// The first nested block of that name (`metadata_options { ... }`), as a reader.
    pub fn block(&self, attr: &str) -> Option<Reader<'a>> {
        self.raw(attr)
            .and_then(|v| v.blocks().into_iter().next())
            .map(Reader::new)
    }

    pub fn blocks(&self, attr: &str) -> Vec<Reader<'a>> {
        self.raw(attr)
            .map(|v| v.blocks().into_iter().map(Reader::new).collect())
            .unwrap_or_default()
    }

    /// A boolean; an unset attribute takes `default` (the AWS default the caller documents).
    pub fn bool_or(&self, attr: &str, default: bool) -> Value<bool> {
        match self.raw(attr) {
            None => Value::Known(default),
            Some(v) => to_bool(attr, v),
        }
    }

    /// A boolean with no documented default: unset is `not_collected`.
    pub fn bool_req(&self, attr: &str) -> Value<bool> {
        match self.raw(attr) {
            None => not_set(attr),
            Some(v) => to_bool(attr, v),
        }
    }

    pub fn string_or(&self, attr: &str, default: &str) -> Value<String> {
        match self.raw(attr) {
            None => Value::Known(default.to_string()),
            Some(v) => to_string(attr, v),
        }
    }

    pub fn string_req(&self, attr: &str) -> Value<String> {
        match self.raw(attr) {
            None => not_set(attr),
            Some(v) => to_string(attr, v),
        }
    }

    /// An optional string: unset is a known `None`.
    pub fn opt_string(&self, attr: &str) -> Value<Option<String>> {
        match self.raw(attr) {
            None => Value::Known(None),
            Some(V::Str(s)) if s.is_empty() => Value::Known(None),
            Some(v) => to_string(attr, v).map(Some),
        }
    }

    /// An optional reference to another object (a KMS key, a log group, a queue, a web ACL):
    /// what matters is whether one is set and which. An attribute of a declared resource that
    /// is known only after apply stands as its `${expression}` placeholder, since the object
    /// exists; inputs that could hold anything, data sources (which may name an AWS managed
    /// key) and plan values the provider computes (an unset key becomes the AWS managed one)
    /// stay unknown.
    pub fn opt_ref(&self, attr: &str) -> Value<Option<String>> {
        match self.raw(attr) {
            Some(V::Unknown(u))
                if u.placeholder_ok
                    && !u.expr.contains("data.")
                    && !u.expr.ends_with("(known after apply)") =>
            {
                Value::Known(Some(placeholder(&u.expr)))
            }
            _ => self.opt_string(attr),
        }
    }

    pub fn u32_or(&self, attr: &str, default: u32) -> Value<u32> {
        match self.raw(attr) {
            None => Value::Known(default),
            Some(v) => to_u32(attr, v),
        }
    }

    pub fn u32_req(&self, attr: &str) -> Value<u32> {
        match self.raw(attr) {
            None => not_set(attr),
            Some(v) => to_u32(attr, v),
        }
    }

    pub fn opt_u32(&self, attr: &str) -> Value<Option<u32>> {
        match self.raw(attr) {
            None => Value::Known(None),
            Some(v) => to_u32(attr, v).map(Some),
        }
    }

    /// A list of strings; unset is a known empty list.
    pub fn strings(&self, attr: &str) -> Value<Vec<String>> {
        match self.raw(attr) {
            None => Value::Known(Vec::new()),
            Some(v) => to_strings(attr, v),
        }
    }

    /// A policy document given as JSON text (Terraform `policy = jsonencode(...)`) or as a
    /// structure (CloudFormation `PolicyDocument:`); unset is a known `None`.
    pub fn policy(&self, attr: &str) -> Value<Option<PolicyDocument>> {
        match self.raw(attr) {
            None => Value::Known(None),
            Some(v) => to_policy(v).map(Some),
        }
    }

    /// String map (`tags`): unset is a known empty map.
    pub fn string_map(&self, attr: &str) -> Value<BTreeMap<String, String>> {
        match self.raw(attr) {
            None => Value::Known(BTreeMap::new()),
            Some(V::Map(m)) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    match v {
                        V::Null => {}
                        V::Unknown(u) => return unresolved(u),
                        other => match other.to_plain_string() {
                            Some(s) => {
                                out.insert(k.clone(), s);
                            }
                            None => return wrong(attr, "a map of strings", other),
                        },
                    }
                }
                Value::Known(out)
            }
            Some(V::Unknown(u)) => unresolved(u),
            Some(other) => wrong(attr, "a map of strings", other),
        }
    }
}

pub fn not_set<T>(attr: &str) -> Value<T> {
    Value::unknown(
        UnknownReason::NotCollected,
        format!("{attr} is not set in the source"),
    )
}

pub fn to_bool(attr: &str, v: &V) -> Value<bool> {
    match v {
        V::Unknown(u) => unresolved(u),
        other => match other.as_bool() {
            Some(b) => Value::Known(b),
            None => wrong(attr, "a boolean", other),
        },
    }
}

pub fn to_string(attr: &str, v: &V) -> Value<String> {
    match v {
        V::Unknown(u) => unresolved(u),
        other => match other.to_plain_string() {
            Some(s) => Value::Known(s),
            None => wrong(attr, "a string", other),
        },
    }
}

pub fn to_u32(attr: &str, v: &V) -> Value<u32> {
    match v {
        V::Unknown(u) => unresolved(u),
        other => match other.as_f64() {
            Some(n) if n >= 0.0 && n <= u32::MAX as f64 && n.fract() == 0.0 => {
                Value::Known(n as u32)
            }
            _ => wrong(attr, "a whole number", other),
        },
    }
}

pub fn to_strings(attr: &str, v: &V) -> Value<Vec<String>> {
    match v {
        V::Unknown(u) => unresolved(u),
        V::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                match i {
                    V::Null => {}
                    V::Unknown(u) => return unresolved(u),
                    other => match other.to_plain_string() {
                        Some(s) => out.push(s),
                        None => return wrong(attr, "a list of strings", other),
                    },
                }
            }
            Value::Known(out)
        }
        // A single string where a list is expected (CloudFormation allows it in places).
        other => match other.to_plain_string() {
            Some(s) => Value::Known(vec![s]),
            None => wrong(attr, "a list of strings", other),
        },
    }
}

/// Strings for identifiers where an unresolved reference is still meaningful as a name (a
/// security group id, a prefix list): the expression text stands in for the id.
pub fn to_ids(v: Option<&V>) -> Vec<String> {
    let one = |i: &V| match i {
        V::Unknown(u) => Some(u.expr.clone()),
        other => other.to_plain_string(),
    };
    match v {
        None => Vec::new(),
        Some(V::List(items)) => items.iter().filter_map(one).collect(),
        Some(other) => one(other).into_iter().collect(),
    }
}

pub fn to_policy(v: &V) -> Value<PolicyDocument> {
    match v {
        V::Unknown(u) => unresolved(u),
        V::Str(s) => match serde_json::from_str::<Json>(s) {
            Ok(j) => Value::Known(PolicyDocument(j)),
            Err(e) => Value::unknown(
                UnknownReason::Unresolved,
                format!("policy is not valid JSON: {e}"),
            ),
        },
        other @ V::Map(_) => match other.to_json() {
            Ok(j) => Value::Known(PolicyDocument(j)),
            Err(u) => unresolved(u),
        },
        other => wrong("policy", "a policy document", other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_only_for_safe_unknowns() {
        let doc = V::Map(BTreeMap::from([(
            "Resource".to_string(),
            V::unknown("aws_s3_bucket.b.arn", Some("aws_s3_bucket.b".into()), true),
        )]));
        assert_eq!(doc.to_json().unwrap()["Resource"], "${aws_s3_bucket.b.arn}");
        let bad = V::Map(BTreeMap::from([(
            "Principal".to_string(),
            V::opaque("var.p"),
        )]));
        assert_eq!(bad.to_json().unwrap_err().expr, "var.p");
    }

    #[test]
    fn reader_defaults_and_unknowns() {
        let body = V::Map(BTreeMap::from([
            ("a".to_string(), V::Str("true".into())),
            ("n".to_string(), V::Num(7.0)),
            ("u".to_string(), V::opaque("var.x")),
        ]));
        let r = Reader::new(&body);
        assert_eq!(r.bool_or("a", false), Value::Known(true));
        assert_eq!(r.bool_or("missing", false), Value::Known(false));
        assert_eq!(r.u32_or("n", 0), Value::Known(7));
        assert_eq!(
            r.bool_or("u", false),
            Value::unknown(UnknownReason::Unresolved, "var.x")
        );
        assert_eq!(r.opt_string("missing"), Value::Known(None));
    }
}
