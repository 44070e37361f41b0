//! The machinery every collector shares: one [`Scope`] per (account, region, service) with
//! its own concurrency limit, paginated and single calls that turn errors into `Unknown`,
//! call counting, and the per-account driver that fans out over regions and services.

use crate::auth::Target;
use crate::error::CallError;
use crate::progress::Progress;
use crate::services::{Service, SERVICES};
use crate::CollectOptions;
use aws_config::{Region, SdkConfig};
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use futures_util::stream::{self, StreamExt};
use safeguard_model::{
    Account, Coverage, CoverageStatus, Meta, Resource, Tags, Unknown, UnknownReason, Value,
};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Call counts for the whole scan, shared by every client through [`Counter`].
#[derive(Debug, Default)]
pub(crate) struct Stats {
    calls: AtomicU64,
    attempts: AtomicU64,
    by_operation: Mutex<BTreeMap<String, u64>>,
}

impl Stats {
    fn record(&self, prefix: &str, operation: &str) {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut map = self.by_operation.lock().unwrap_or_else(|p| p.into_inner());
        *map.entry(format!("{prefix}:{operation}")).or_default() += 1;
    }

    pub(crate) fn snapshot(
        &self,
        duration: Duration,
        accounts: usize,
        regions: usize,
    ) -> crate::CollectStats {
        crate::CollectStats {
            duration,
            accounts,
            regions,
            api_calls: self.calls.load(Ordering::Relaxed),
            http_attempts: self.attempts.load(Ordering::Relaxed),
            calls_by_operation: self
                .by_operation
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
        }
    }
}

/// An SDK interceptor that counts operations (by IAM-style name) and HTTP attempts.
#[derive(Clone, Debug)]
pub(crate) struct Counter {
    stats: Arc<Stats>,
    prefix: &'static str,
}

impl Counter {
    pub(crate) fn new(stats: Arc<Stats>, prefix: &'static str) -> Counter {
        Counter { stats, prefix }
    }
}

impl Intercept for Counter {
    fn name(&self) -> &'static str {
        "safeguard-call-counter"
    }

    // Not `read_before_execution`: client interceptors see that hook before the operation's
    // metadata is in the config bag.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let op = cfg
            .load::<Metadata>()
            .map(|m| m.name().to_string())
            .unwrap_or_default();
        self.stats.record(self.prefix, &op);
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.stats.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Where one collector runs: an account, a region (or `global`), a service, and the limits.
pub struct Scope {
    pub(crate) account: String,
    /// The region label of resources and coverage rows: a region name, or `global`.
    pub(crate) region: String,
    pub(crate) partition: String,
    /// SDK configuration with the region to call set (the home region for global services).
    pub(crate) sdk: SdkConfig,
    pub(crate) service: &'static Service,
    pub(crate) concurrency: usize,
    /// Regions enabled for the account (filled for the account collector).
    pub(crate) enabled_regions: Value<Vec<String>>,
    /// The account's tags when the management account already read them (`--org`).
    pub(crate) account_tags: Option<Value<Tags>>,
    limiter: Semaphore,
    stats: Arc<Stats>,
}

/// A paginated list: what was read, and the error that stopped it, if any.
pub(crate) struct Listing<T> {
    pub items: Vec<T>,
    pub error: Option<CallError>,
}

impl<T> Listing<T> {
    /// The listing as one fact: unknown with the call's reason when any page failed (a
    /// partial list is not the whole answer), otherwise `f` of every item.
    pub(crate) fn known<U>(self, f: impl FnOnce(Vec<T>) -> U) -> Value<U> {
        match self.error {
            Some(e) => e.value(),
            None => Value::Known(f(self.items)),
        }
    }
}

impl Scope {
    pub(crate) fn new(
        account: &str,
        region: &str,
        partition: &str,
        sdk: SdkConfig,
        service: &'static Service,
        concurrency: usize,
        stats: Arc<Stats>,
    ) -> Scope {
        Scope {
            account: account.to_string(),
            region: region.to_string(),
            partition: partition.to_string(),
            sdk,
            service,
            concurrency: concurrency.max(1),
            enabled_regions: Value::default(),
            account_tags: None,
            limiter: Semaphore::new(concurrency.max(1)),
            stats,
        }
    }

    /// The interceptor to install on this scope's clients.
    pub(crate) fn counter(&self) -> Counter {
        Counter::new(self.stats.clone(), self.service.iam_prefix)
    }

    /// The interceptor for a client of another service than the scope's own.
    pub(crate) fn counter_for(&self, prefix: &'static str) -> Counter {
        Counter::new(self.stats.clone(), prefix)
    }

    /// One API call under the scope's concurrency limit.
    pub(crate) async fn call<T, E>(
        &self,
        action: &'static str,
        fut: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<T, CallError>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.call_in(&self.region, action, fut).await
    }

    /// [`Scope::call`] for a call that goes to another region than the scope's label (an S3
    /// bucket read in its own region by the account-wide S3 collector).
    pub(crate) async fn call_in<T, E>(
        &self,
        region: &str,
        action: &'static str,
        fut: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<T, CallError>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        debug_assert!(
            self.service.actions.contains(&action),
            "{action} is not declared in {}",
            self.service.name
        );
        let _permit = self
            .limiter
            .acquire()
            .await
            .expect("semaphore is never closed");
        fut.await
            .map_err(|e| CallError::from_sdk(action, region, e))
    }

    /// Every item (or page) of a paginated call, each page under the concurrency limit.
    pub(crate) async fn pages<T, E>(
        &self,
        action: &'static str,
        mut stream: PaginationStream<Result<T, SdkError<E, HttpResponse>>>,
    ) -> Listing<T>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        debug_assert!(
            self.service.actions.contains(&action),
            "{action} is not declared in {}",
            self.service.name
        );
        let mut items = Vec::new();
        loop {
            let next = {
                let _permit = self
                    .limiter
                    .acquire()
                    .await
                    .expect("semaphore is never closed");
                stream.next().await
            };
            match next {
                None => return Listing { items, error: None },
                Some(Ok(item)) => items.push(item),
                Some(Err(e)) => {
                    return Listing {
                        items,
                        error: Some(CallError::from_sdk(action, &self.region, e)),
                    }
                }
            }
        }
    }

    /// Runs `f` on every item with at most `concurrency` items in progress; results keep
    /// the items' order.
    pub(crate) async fn each<I, O, F, Fut>(&self, items: Vec<I>, f: F) -> Vec<O>
    where
        F: Fn(I) -> Fut,
        Fut: Future<Output = O>,
    {
        stream::iter(items)
            .map(f)
            .buffered(self.concurrency * 2)
            .collect()
            .await
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>` for this scope's region.
    pub(crate) fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition, self.region, self.account
        )
    }

    /// Identity of a resource found here.
    pub(crate) fn meta(
        &self,
        id: impl Into<String>,
        name: impl Into<String>,
        tags: Value<Tags>,
    ) -> Meta {
        Meta {
            id: id.into(),
            name: name.into(),
            account: self.account.clone(),
            region: self.region.clone(),
            tags,
            location: None,
        }
    }
}

/// What one collector produced.
#[derive(Default)]
pub(crate) struct Out {
    pub resources: Vec<Resource>,
    /// The first list call that failed: the coverage row becomes `Failed` with it.
    pub failure: Option<Unknown>,
}

impl Out {
    pub(crate) fn push(&mut self, r: impl Into<Resource>) {
        self.resources.push(r.into());
    }

    /// Takes a listing's items, recording its error as the scope's failure.
    pub(crate) fn list<T>(&mut self, l: Listing<T>) -> Vec<T> {
        if let Some(e) = l.error {
            self.fail(&e);
        }
        l.items
    }

    /// Records a failed list call (the first one wins).
    pub(crate) fn fail(&mut self, e: &CallError) {
        if self.failure.is_none() {
            self.failure = Some(e.unknown.clone());
        }
    }
}

/// Tags from any SDK's key/value pairs, sorted.
pub(crate) fn tags<I, K, V>(pairs: I) -> Tags
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

/// SDK timestamps to the model's.
pub(crate) fn ts(t: &aws_smithy_types::DateTime) -> Option<safeguard_model::Timestamp> {
    chrono::DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

/// Runs futures with at most `limit` in progress, results in input order.
pub(crate) async fn bounded<F: Future>(
    futs: impl Iterator<Item = F>,
    limit: usize,
) -> Vec<F::Output> {
    stream::iter(futs).buffered(limit.max(1)).collect().await
}

/// What one account produced.
pub(crate) struct AccountResult {
    pub resources: Vec<Resource>,
    pub coverage: Vec<Coverage>,
    pub regions: usize,
}

/// (account, region, service) units running at once within one account.
const UNITS_IN_FLIGHT: usize = 24;

/// Collects one account: regions first, then every global and regional service.
pub(crate) async fn collect_account(
    target: &Target,
    opts: &CollectOptions,
    stats: &Arc<Stats>,
    progress: &Progress,
) -> AccountResult {
    let account = target.account.as_str();
    let Some(config) = &target.config else {
        // The account could not be entered (AssumeRole refused): say so, and give its
        // account-level rules a resource whose every fact is unknown for that reason.
        let unknown = target.failure.clone().unwrap_or_else(|| {
            Unknown::new(
                UnknownReason::AccessDenied,
                format!("sts:AssumeRole into {account} failed"),
            )
        });
        let meta = Meta {
            id: account.to_string(),
            name: account.to_string(),
            account: account.to_string(),
            region: "global".to_string(),
            tags: Value::Unknown(unknown.clone()),
            location: None,
        };
        fn u<T>(unknown: &Unknown) -> Value<T> {
            Value::Unknown(unknown.clone())
        }
        let acct = Account {
            meta,
            root_mfa_enabled: u(&unknown),
            root_hardware_mfa: u(&unknown),
            root_access_keys_present: u(&unknown),
            password_policy: u(&unknown),
            s3_public_access_block: u(&unknown),
            security_contact_registered: u(&unknown),
            enabled_regions: u(&unknown),
        };
        return AccountResult {
            resources: vec![acct.into()],
            coverage: vec![Coverage {
                account: account.to_string(),
                region: "global".to_string(),
                service: "sts".to_string(),
                file: None,
                status: CoverageStatus::Failed(unknown),
            }],
            regions: 0,
        };
    };
    let home = config
        .region()
        .map(|r| r.as_ref().to_string())
        .unwrap_or_else(|| "us-east-1".to_string());
    let partition = partition_of(&home).to_string();

    // Enabled regions: needed for the account resource in any case, and for the scan when
    // no list was given.
    let (enabled, regions_failure) = crate::auth::enabled_regions(config, account, stats).await;
    let mut coverage = Vec::new();
    let regions: Vec<String> = match (&opts.regions, &enabled) {
        (crate::RegionChoice::List(list), _) => list.clone(),
        (crate::RegionChoice::All, Value::Known(list)) => list.clone(),
        (crate::RegionChoice::All, Value::Unknown(_)) => vec![home.clone()],
    };
    if let Some(u) = regions_failure {
        // The region list is unknown: every regional absence check in this account is too.
        if opts.regions == crate::RegionChoice::All {
            coverage.push(Coverage {
                account: account.to_string(),
                region: "global".to_string(),
                service: "ec2".to_string(),
                file: None,
                status: CoverageStatus::Failed(u),
            });
        }
    }

    let mut units: Vec<Scope> = Vec::new();
    for service in SERVICES {
        if service.global {
            let mut scope = Scope::new(
                account,
                "global",
                &partition,
                config.clone(),
                service,
                opts.concurrency,
                stats.clone(),
            );
            scope.enabled_regions = enabled.clone();
            scope.account_tags = target.tags.clone();
            units.push(scope);
        } else {
            for region in &regions {
                let sdk = config
                    .to_builder()
                    .region(Region::new(region.clone()))
                    .build();
                units.push(Scope::new(
                    account,
                    region,
                    &partition,
                    sdk,
                    service,
                    opts.concurrency,
                    stats.clone(),
                ));
            }
        }
    }
    progress.add(units.len() as u64);

    let runs = units.into_iter().map(|scope| async move {
        let scope = Arc::new(scope);
        let out = (scope.service.run)(scope.clone()).await;
        progress.done(&format!(
            "{} {} {}",
            scope.account, scope.region, scope.service.name
        ));
        let status = match out.failure {
            Some(u) => CoverageStatus::Failed(u),
            None => CoverageStatus::Ok,
        };
        let row = Coverage {
            account: scope.account.clone(),
            region: scope.region.clone(),
            service: scope.service.name.to_string(),
            file: None,
            status,
        };
        (out.resources, row)
    });
    let mut resources = Vec::new();
    for (res, row) in bounded(runs, UNITS_IN_FLIGHT).await {
        resources.extend(res);
        coverage.push(row);
    }
    AccountResult {
        resources,
        coverage,
        regions: regions.len(),
    }
}

/// The partition of a region: `aws`, `aws-cn`, `aws-us-gov`.
pub(crate) fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else {
        "aws"
    }
}

/// A successful call's value, or the call's unknown.
pub(crate) fn known<T, U>(r: Result<T, CallError>, f: impl FnOnce(T) -> U) -> Value<U> {
    match r {
        Ok(t) => Value::Known(f(t)),
        Err(e) => e.value(),
    }
}

/// Like [`known`], but the error codes in `absent` mean "there is none": `Known(None)`.
pub(crate) fn absent_or<T, U>(
    r: Result<T, CallError>,
    absent: &[&str],
    f: impl FnOnce(T) -> Option<U>,
) -> Value<Option<U>> {
    match r {
        Ok(t) => Value::Known(f(t)),
        Err(e) if e.is(absent) => Value::Known(None),
        Err(e) => e.value(),
    }
}

/// A policy document as AWS returned it (JSON text, percent-encoded by IAM). Text that is
/// not JSON makes the value unknown rather than absent.
pub(crate) fn policy(text: &str, what: &str) -> Value<safeguard_model::PolicyDocument> {
    let trimmed = text.trim_start();
    let decoded;
    let json = if trimmed.starts_with('{') {
        text
    } else {
        decoded = percent_decode(text);
        &decoded
    };
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => Value::Known(safeguard_model::PolicyDocument(v)),
        Err(_) => Value::unknown(
            UnknownReason::ParseError,
            format!("{what}: the policy document is not JSON"),
        ),
    }
}

/// [`policy`] for an optional document: no text means no policy.
pub(crate) fn opt_policy(
    text: Option<&str>,
    what: &str,
) -> Value<Option<safeguard_model::PolicyDocument>> {
    match text {
        None => Value::Known(None),
        Some(t) if t.trim().is_empty() => Value::Known(None),
        Some(t) => policy(t, what).map(Some),
    }
}

/// RFC 3986 percent-decoding (IAM returns policy documents URL-encoded).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%7B%22a%22%3A1%7D"), "{\"a\":1}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn policies_parse_plain_or_encoded() {
        assert!(policy("{\"Statement\":[]}", "x").is_known());
        assert!(policy("%7B%22Statement%22%3A%5B%5D%7D", "x").is_known());
        assert_eq!(
            policy("nope", "x"),
            Value::unknown(
                UnknownReason::ParseError,
                "x: the policy document is not JSON"
            )
        );
        assert_eq!(opt_policy(None, "x"), Value::Known(None));
    }

    #[test]
    fn partitions() {
        assert_eq!(partition_of("eu-west-1"), "aws");
        assert_eq!(partition_of("cn-north-1"), "aws-cn");
        assert_eq!(partition_of("us-gov-west-1"), "aws-us-gov");
    }
}
