//! Turning SDK errors into `Unknown` reasons, and the few errors that stop a scan.
//!
//! An error detail names the call, the region and the AWS error code
//! (`s3:GetBucketPolicy in us-east-1: AccessDenied`) and nothing else: AWS error messages may
//! quote principals and resource names, and never belong in a report verbatim.

use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use safeguard_model::{Unknown, UnknownReason, Value};
use std::error::Error as StdError;

/// A scan that cannot start. The message is one line a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// No usable credentials: none configured, expired, or rejected by STS.
    #[error("{0}")]
    Credentials(String),
    /// STS answered, but the preflight failed for another reason (network, endpoint).
    #[error("{0}")]
    Preflight(String),
    /// `--org` was asked for but the accounts of the organisation could not be listed.
    #[error("{0}")]
    Organization(String),
    /// The options do not make sense (empty region list, zero concurrency).
    #[error("{0}")]
    Options(String),
}

/// A failed API call: the AWS error code (when AWS sent one) and the unknown reason it
/// maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CallError {
    pub code: Option<String>,
    pub unknown: Unknown,
}

impl CallError {
    /// The AWS error code, e.g. `NoSuchBucketPolicy`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// True when the code is one of `codes` (used for "known absent" answers such as
    /// `NoSuchBucketPolicy` or `NoSuchEntity`).
    pub fn is(&self, codes: &[&str]) -> bool {
        self.code().is_some_and(|c| codes.contains(&c))
    }

    /// The value a field gets when the call that would fill it failed.
    pub fn value<T>(&self) -> Value<T> {
        Value::Unknown(self.unknown.clone())
    }

    pub fn from_sdk<E>(action: &str, region: &str, err: SdkError<E, HttpResponse>) -> CallError
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        let place = format!("{action} in {region}");
        match &err {
            SdkError::ServiceError(ctx) => {
                let status = ctx.raw().status().as_u16();
                let code = ctx.err().code().map(str::to_string);
                let shown = match &code {
                    Some(c) => c.clone(),
                    // A success status without a readable body: the answer did not parse.
                    None if status < 300 => format!("unreadable response (HTTP {status})"),
                    None => format!("HTTP {status}"),
                };
                let reason = classify(code.as_deref(), status);
                CallError {
                    code,
                    unknown: Unknown::new(reason, format!("{place}: {shown}")),
                }
            }
            SdkError::TimeoutError(_) => CallError {
                code: None,
                unknown: Unknown::new(
                    UnknownReason::Timeout,
                    format!("{place}: no answer within the call timeout"),
                ),
            },
            SdkError::DispatchFailure(d) => {
                let (reason, what) = if has_source::<CredentialsError>(&err) {
                    (UnknownReason::AccessDenied, "credentials unavailable")
                } else if d.is_timeout() {
                    (UnknownReason::Timeout, "connection timed out")
                } else if d.is_io() {
                    (UnknownReason::ServiceUnavailable, "endpoint unreachable")
                } else {
                    (UnknownReason::ServiceUnavailable, "request not sent")
                };
                CallError {
                    code: None,
                    unknown: Unknown::new(reason, format!("{place}: {what}")),
                }
            }
            SdkError::ResponseError(r) => {
                let status = r.raw().status().as_u16();
                let reason = classify(None, status);
                CallError {
                    code: None,
                    unknown: Unknown::new(
                        reason,
                        format!("{place}: unreadable response (HTTP {status})"),
                    ),
                }
            }
            _ => CallError {
                code: None,
                unknown: Unknown::new(
                    UnknownReason::ServiceUnavailable,
                    format!("{place}: request could not be built"),
                ),
            },
        }
    }
}

const ACCESS_DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "AccessDeniedFault",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "UnauthorizedException",
    "AuthorizationError",
    "AuthorizationErrorException",
    "AuthFailure",
    "Forbidden",
    "ForbiddenException",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "ExpiredToken",
    "ExpiredTokenException",
    "SignatureDoesNotMatch",
    "MissingAuthenticationToken",
    "AWSOrganizationsNotInUseException",
];

const THROTTLED: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Maps an AWS error code (or, without one, the HTTP status) to the unknown reason.
/// Anything that is neither a denial nor throttling (service or operation not offered in
/// the region, internal errors, unexpected client errors) is `service_unavailable`: the
/// value stays unknown, which is what matters.
pub(crate) fn classify(code: Option<&str>, status: u16) -> UnknownReason {
    match code {
        Some(c) if ACCESS_DENIED.contains(&c) => UnknownReason::AccessDenied,
        Some(c) if THROTTLED.contains(&c) => UnknownReason::Throttled,
        Some("RequestTimeout" | "RequestTimeoutException") => UnknownReason::Timeout,
        _ if status == 403 || status == 401 => UnknownReason::AccessDenied,
        _ if status == 429 => UnknownReason::Throttled,
        _ => UnknownReason::ServiceUnavailable,
    }
}

/// Walks an error's source chain looking for a `T`.
pub(crate) fn has_source<T: StdError + 'static>(err: &(dyn StdError + 'static)) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if e.is::<T>() {
            return true;
        }
        cur = e.source();
    }
    false
}

/// The whole source chain as one line, for the preflight's error message.
pub(crate) fn chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        let s = e.to_string();
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_reasons() {
        assert_eq!(
            classify(Some("AccessDenied"), 403),
            UnknownReason::AccessDenied
        );
        assert_eq!(
            classify(Some("UnauthorizedOperation"), 403),
            UnknownReason::AccessDenied
        );
        assert_eq!(
            classify(Some("AuthorizationError"), 403),
            UnknownReason::AccessDenied
        );
        assert_eq!(classify(Some("Throttling"), 400), UnknownReason::Throttled);
        assert_eq!(
            classify(Some("ThrottlingException"), 400),
            UnknownReason::Throttled
        );
        assert_eq!(
            classify(Some("RequestLimitExceeded"), 503),
            UnknownReason::Throttled
        );
        assert_eq!(classify(None, 429), UnknownReason::Throttled);
        assert_eq!(classify(None, 403), UnknownReason::AccessDenied);
        assert_eq!(
            classify(Some("InvalidAction"), 400),
            UnknownReason::ServiceUnavailable
        );
        assert_eq!(
            classify(Some("InternalFailure"), 500),
            UnknownReason::ServiceUnavailable
        );
        assert_eq!(
            classify(Some("RequestTimeout"), 400),
            UnknownReason::Timeout
        );
    }
}
