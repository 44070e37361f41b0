//! `Value<T>`: a fact about a resource that was either read (`Known`) or could not be read
//! (`Unknown`, with the reason).
//!
//! This type is why safeguard never turns missing data into a pass. A collector that gets
//! AccessDenied, a Terraform attribute known only after apply, or an inventory written by an
//! older version that lacks a field: each yields `Unknown`, and every rule that needs the value
//! reports `unknown` with the reason.
//!
//! In the inventory JSON a known value is written as itself, an unknown one as
//! `{"$unknown": {"reason": "access_denied", "detail": "..."}}`. A field that is absent from
//! the file is `Unknown(not_collected)`.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// Why a value is unknown. Stable strings: they appear in reports and inventories.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum UnknownReason {
    /// The credentials were not allowed to read it (AccessDenied, an SCP deny).
    AccessDenied,
    /// The API kept throttling past the retry budget.
    Throttled,
    /// The call did not answer in time.
    Timeout,
    /// The service or API is not available in that region or partition.
    ServiceUnavailable,
    /// The source file could not be parsed.
    ParseError,
    /// Infrastructure as code: the value is an expression known only after apply.
    Unresolved,
    /// The source never provided the value (an older inventory, a partial export).
    NotCollected,
    /// The resource type is not one safeguard's catalogs know, so it cannot be judged.
    Unrecognized,
}

impl UnknownReason {
    pub fn as_str(self) -> &'static str {
        match self {
            UnknownReason::AccessDenied => "access_denied",
            UnknownReason::Throttled => "throttled",
            UnknownReason::Timeout => "timeout",
            UnknownReason::ServiceUnavailable => "service_unavailable",
            UnknownReason::ParseError => "parse_error",
            UnknownReason::Unresolved => "unresolved",
            UnknownReason::NotCollected => "not_collected",
            UnknownReason::Unrecognized => "unrecognized",
        }
    }

    /// True when the reason means the collection itself was incomplete (exit code 3), as
    /// opposed to a value that is simply not decidable from the source (IaC after-apply values).
    pub fn is_collection_failure(self) -> bool {
        matches!(
            self,
            UnknownReason::AccessDenied
                | UnknownReason::Throttled
                | UnknownReason::Timeout
                | UnknownReason::ServiceUnavailable
                | UnknownReason::ParseError
        )
    }
}

impl fmt::Display for UnknownReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reason a value is unknown, with a human-readable detail (an API error code, the
/// Terraform expression, ...). Never holds a credential or secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unknown {
    pub reason: UnknownReason,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl Unknown {
    pub fn new(reason: UnknownReason, detail: impl Into<String>) -> Self {
        Unknown {
            reason,
            detail: detail.into(),
        }
    }

    pub fn not_collected() -> Self {
        Unknown {
            reason: UnknownReason::NotCollected,
            detail: String::new(),
        }
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.reason, self.detail)
        }
    }
}

/// A value that was read, or the reason it could not be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<T> {
    Known(T),
    Unknown(Unknown),
}

impl<T> Default for Value<T> {
    /// Absent means not collected: never a silent default such as `false` or empty.
    fn default() -> Self {
        Value::Unknown(Unknown::not_collected())
    }
}

impl<T> From<T> for Value<T> {
    fn from(v: T) -> Self {
        Value::Known(v)
    }
}

impl<T> Value<T> {
    pub fn unknown(reason: UnknownReason, detail: impl Into<String>) -> Self {
        Value::Unknown(Unknown::new(reason, detail))
    }

    pub fn known(&self) -> Option<&T> {
        match self {
            Value::Known(v) => Some(v),
            Value::Unknown(_) => None,
        }
    }

    pub fn as_result(&self) -> Result<&T, &Unknown> {
        match self {
            Value::Known(v) => Ok(v),
            Value::Unknown(u) => Err(u),
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self, Value::Known(_))
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Value<U> {
        match self {
            Value::Known(v) => Value::Known(f(v)),
            Value::Unknown(u) => Value::Unknown(u),
        }
    }

    pub fn as_ref(&self) -> Value<&T> {
        match self {
            Value::Known(v) => Value::Known(v),
            Value::Unknown(u) => Value::Unknown(u.clone()),
        }
    }
}

impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Known(v) => v.serialize(serializer),
            Value::Unknown(u) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("$unknown", u)?;
                map.end()
            }
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum ValueRepr<T> {
    Unknown {
        #[serde(rename = "$unknown")]
        unknown: Unknown,
    },
    Known(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Value<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match ValueRepr::<T>::deserialize(deserializer) {
            Ok(ValueRepr::Unknown { unknown }) => Ok(Value::Unknown(unknown)),
            Ok(ValueRepr::Known(v)) => Ok(Value::Known(v)),
            Err(_) => Err(serde::de::Error::custom(format!(
                "expected {} or {{\"$unknown\": {{\"reason\": ..., \"detail\": ...}}}}",
                short_type_name::<T>()
            ))),
        }
    }
}

/// `alloc::string::String` -> `String`, `core::option::Option<u32>` -> `Option<u32>`: enough
/// for an error message a person can act on.
fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for ch in full.chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == ':' {
            segment.push(ch);
        } else {
            out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
            segment.clear();
            out.push(ch);
        }
    }
    out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Holder {
        #[serde(default)]
        flag: Value<bool>,
        #[serde(default)]
        name: Value<Option<String>>,
    }

    #[test]
    fn absent_field_is_not_collected() {
        let h: Holder = serde_json::from_str("{}").unwrap();
        assert_eq!(h.flag, Value::Unknown(Unknown::not_collected()));
    }

    #[test]
    fn null_is_a_known_none() {
        let h: Holder = serde_json::from_str(r#"{"flag": true, "name": null}"#).unwrap();
        assert_eq!(h.flag, Value::Known(true));
        assert_eq!(h.name, Value::Known(None));
    }

    #[test]
    fn unknown_round_trips() {
        let text = r#"{"flag":{"$unknown":{"reason":"access_denied","detail":"s3:GetEncryptionConfiguration"}},"name":"x"}"#;
        let h: Holder = serde_json::from_str(text).unwrap();
        assert_eq!(
            h.flag,
            Value::unknown(UnknownReason::AccessDenied, "s3:GetEncryptionConfiguration")
        );
        assert_eq!(serde_json::to_string(&h).unwrap(), text);
    }

    #[test]
    fn wrong_type_names_the_expected_type() {
        let err = serde_json::from_str::<Holder>(r#"{"flag": "yes"}"#).unwrap_err();
        assert!(err.to_string().contains("expected bool"), "{err}");
    }
}
