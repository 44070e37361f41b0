//! What a rule is: its metadata (written once, in the rule's own file) and its check.

use crate::context::Context;
use safeguard_model::{Resource, Subject, SubjectKind, Unknown, UnknownReason, Value};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How bad a failure is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict of one rule on one resource (AWS Config's semantics, which auditors know).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    /// The data needed was not available; never counted as a pass.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotApplicable => "not_applicable",
            Status::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status with the sentence that explains it for this resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub message: Cow<'static, str>,
    /// Set when `status` is `Unknown`.
    pub unknown: Option<UnknownReason>,
}

impl Outcome {
    pub fn pass(message: impl Into<Cow<'static, str>>) -> Outcome {
        Outcome {
            status: Status::Pass,
            message: message.into(),
            unknown: None,
        }
    }

    pub fn fail(message: impl Into<Cow<'static, str>>) -> Outcome {
        Outcome {
            status: Status::Fail,
            message: message.into(),
            unknown: None,
        }
    }

    pub fn not_applicable(message: impl Into<Cow<'static, str>>) -> Outcome {
        Outcome {
            status: Status::NotApplicable,
            message: message.into(),
            unknown: None,
        }
    }

    pub fn unknown(reason: UnknownReason, message: impl Into<Cow<'static, str>>) -> Outcome {
        Outcome {
            status: Status::Unknown,
            message: message.into(),
            unknown: Some(reason),
        }
    }
}

/// A value a rule needed but could not see. `?` on [`Need::need`] turns it into an
/// `unknown` outcome that names the field and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub field: Cow<'static, str>,
    pub unknown: Unknown,
}

impl From<Missing> for Outcome {
    fn from(m: Missing) -> Outcome {
        let message = if m.unknown.detail.is_empty() {
            format!("{} is unknown ({})", m.field, m.unknown.reason)
        } else {
            format!(
                "{} is unknown ({}: {})",
                m.field, m.unknown.reason, m.unknown.detail
            )
        };
        Outcome::unknown(m.unknown.reason, message)
    }
}

/// What a check function returns: an outcome, or the value it was missing.
pub type Check = Result<Outcome, Missing>;

/// Access to a `Value` that a rule cannot decide without.
pub trait Need<T> {
    fn need(&self, field: &'static str) -> Result<&T, Missing>;
}

impl<T> Need<T> for Value<T> {
    fn need(&self, field: &'static str) -> Result<&T, Missing> {
        match self {
            Value::Known(v) => Ok(v),
            Value::Unknown(u) => Err(Missing {
                field: Cow::Borrowed(field),
                unknown: u.clone(),
            }),
        }
    }
}

/// Fix instructions in each of the forms users work in.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Remediation {
    /// Console steps and/or an AWS CLI command.
    pub console: &'static str,
    pub terraform: &'static str,
    pub cloudformation: &'static str,
}

/// A fixture that documents the rule and runs as its test: the resources (a JSON array in
/// the inventory format), and the status every resource of the rule's subject type in it must
/// get.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Example {
    pub name: &'static str,
    pub expect: Status,
    pub resources: &'static str,
}

/// Everything about a rule except its logic.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RuleMeta {
    /// Stable id, never reused: `S3-001`.
    pub id: &'static str,
    /// Kebab-case name saying the desired state: `s3-bucket-encrypted-at-rest`.
    pub name: &'static str,
    /// One line, the desired state.
    pub title: &'static str,
    pub severity: Severity,
    /// Cited implementation specifications of 45 CFR Part 164, e.g. `164.312(a)(2)(iv)`.
    pub hipaa: &'static [&'static str],
    /// Where the requirement comes from: the whitepaper or playbook section.
    pub source: &'static str,
    /// Why HIPAA cares (markdown).
    pub rationale: &'static str,
    pub remediation: Remediation,
    pub examples: &'static [Example],
}

/// A rule over subjects of type `S`: metadata plus a check function.
pub struct RuleDef<S: Subject> {
    pub meta: RuleMeta,
    pub check: fn(&S, &Context<'_>) -> Check,
}

/// The object-safe face of a rule that the engine and the reports use.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    /// The resource types the rule is evaluated on.
    fn subject(&self) -> SubjectKind;
    /// Evaluates the rule on a resource of its subject type; other types are not applicable.
    fn evaluate(&self, resource: &Resource, cx: &Context<'_>) -> Outcome;
}

impl<S: Subject> Rule for RuleDef<S> {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn subject(&self) -> SubjectKind {
        S::SUBJECT
    }

    fn evaluate(&self, resource: &Resource, cx: &Context<'_>) -> Outcome {
        match S::from_resource(resource) {
            Some(subject) => match (self.check)(subject, cx) {
                Ok(outcome) => outcome,
                Err(missing) => missing.into(),
            },
            None => Outcome::not_applicable("not a resource of this rule's type"),
        }
    }
}
