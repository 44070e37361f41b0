//! Application-facing services: load balancers, messaging, secrets, functions, APIs and the
//! CDN, where PHI travels and where transport encryption is decided.

use crate::{Meta, PolicyDocument, Timestamp, Value};
use serde::{Deserialize, Serialize};

/// An Elastic Load Balancer (application, network, gateway or classic) with its listeners.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancer {
    #[serde(flatten)]
    pub meta: Meta,
    /// `application`, `network`, `gateway` or `classic`.
    #[serde(default)]
    pub lb_type: Value<String>,
    /// `internet-facing` or `internal`.
    #[serde(default)]
    pub scheme: Value<String>,
    #[serde(default)]
    pub listeners: Value<Vec<Listener>>,
    #[serde(default)]
    pub access_logs: Value<bool>,
    #[serde(default)]
    pub deletion_protection: Value<bool>,
    /// ALB `routing.http.drop_invalid_header_fields.enabled`.
    #[serde(default)]
    pub drop_invalid_headers: Value<bool>,
    /// Associated WAF web ACL, or `None`.
    #[serde(default)]
    pub web_acl: Value<Option<String>>,
    /// How the load balancer reaches its targets (the back-end leg). For application, network
    /// and gateway load balancers: the target groups its listeners and rules forward to
    /// (ELBv2 `DescribeTargetGroups` `Protocol`); for classic load balancers: one entry per
    /// listener, named after the listener, with its `InstanceProtocol`.
    #[serde(default)]
    pub target_groups: Value<Vec<TargetGroup>>,
}

/// A back-end destination of a load balancer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// Target group name (ELBv2), or `listener PORT` for a classic load balancer.
    pub name: String,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE` (classic: `HTTP`, `HTTPS`,
    /// `TCP`, `SSL`). `None` for target groups of Lambda functions, which have no protocol.
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listener {
    pub port: u32,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `SSL`, `GENEVE`.
    pub protocol: String,
    /// Security policy of an encrypted listener (`ELBSecurityPolicy-TLS13-1-2-2021-06`). For a
    /// classic load balancer: the predefined policy its SSL negotiation policy references
    /// (`Reference-Security-Policy`) when it has one, otherwise the custom policy's name.
    #[serde(default)]
    pub ssl_policy: Option<String>,
    /// Server certificates: ACM (`arn:aws:acm:...`) or IAM (`arn:aws:iam::...:server-certificate/...`).
    #[serde(default)]
    pub certificate_arns: Vec<String>,
    /// The default action redirects to HTTPS.
    #[serde(default)]
    pub redirects_to_https: bool,
}

impl Listener {
    pub fn is_encrypted(&self) -> bool {
        matches!(
            self.protocol.to_ascii_uppercase().as_str(),
            "HTTPS" | "TLS" | "SSL"
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnsTopic {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
    /// The topic's subscriptions (SNS `ListSubscriptionsByTopic`). Only the protocol and the
    /// subscription ARN are kept: endpoints (e-mail addresses, phone numbers, URLs) may
    /// identify people and are never stored.
    #[serde(default)]
    pub subscriptions: Value<Vec<SnsSubscription>>,
}

/// One subscription of an SNS topic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnsSubscription {
    /// Subscription ARN (`PendingConfirmation` for unconfirmed subscriptions).
    #[serde(default)]
    pub arn: String,
    /// `http`, `https`, `email`, `email-json`, `sms`, `sqs`, `lambda`, `firehose`,
    /// `application`.
    pub protocol: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SqsQueue {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// SSE-SQS (queue-managed keys).
    #[serde(default)]
    pub sqs_managed_sse: Value<bool>,
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
}

/// A Secrets Manager secret's metadata. The secret value is never read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Secret {
    #[serde(flatten)]
    pub meta: Meta,
    /// `None` means the AWS managed key `aws/secretsmanager`.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    #[serde(default)]
    pub rotation_enabled: Value<bool>,
    /// Secrets Manager `RotationRules.AutomaticallyAfterDays`. `None` when rotation is off or
    /// is scheduled with a `ScheduleExpression` that gives no day count.
    #[serde(default)]
    pub rotation_interval_days: Value<Option<u32>>,
    #[serde(default)]
    pub last_rotated: Value<Option<Timestamp>>,
    #[serde(default)]
    pub last_accessed: Value<Option<Timestamp>>,
    /// When the secret was created: Secrets Manager `DescribeSecret` `CreatedDate`. Lets a
    /// rule tell a secret that has never been rotated because it is new from one that has
    /// never been rotated in years.
    #[serde(default)]
    pub created_date: Value<Timestamp>,
}

/// A Lambda function's configuration. Environment variable values are never stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LambdaFunction {
    #[serde(flatten)]
    pub meta: Meta,
    /// Runtime identifier (`python3.12`, `nodejs22.x`); `None` for container-image functions.
    #[serde(default)]
    pub runtime: Value<Option<String>>,
    /// VPC the function is attached to, or `None`.
    #[serde(default)]
    pub vpc_id: Value<Option<String>>,
    /// Names of environment variables (never their values).
    #[serde(default)]
    pub environment_variable_names: Value<Vec<String>>,
    /// Customer-managed key for environment variables, or `None`.
    #[serde(default)]
    pub kms_key_id: Value<Option<String>>,
    /// Resource-based policy; `None` when there is none.
    #[serde(default)]
    pub policy: Value<Option<PolicyDocument>>,
    /// Function URL auth type (`AWS_IAM` or `NONE`); `None` when there is no function URL.
    #[serde(default)]
    pub function_url_auth_type: Value<Option<String>>,
    /// Dead-letter queue or topic ARN (`DeadLetterConfig.TargetArn`), or `None`.
    #[serde(default)]
    pub dead_letter_target: Value<Option<String>>,
    /// Destination for failed asynchronous invocations of the unqualified function
    /// (`GetFunctionEventInvokeConfig` `DestinationConfig.OnFailure.Destination`), or `None`.
    #[serde(default)]
    pub on_failure_destination: Value<Option<String>>,
    #[serde(default)]
    pub reserved_concurrency: Value<Option<u32>>,
    /// `Active` or `PassThrough`.
    #[serde(default)]
    pub tracing_mode: Value<Option<String>>,
}

/// An API Gateway REST API stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiGatewayStage {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub rest_api_id: Value<String>,
    #[serde(default)]
    pub cache_enabled: Value<bool>,
    #[serde(default)]
    pub cache_encrypted: Value<bool>,
    /// Execution logging level for all methods: `OFF`, `ERROR` or `INFO`.
    #[serde(default)]
    pub execution_logging_level: Value<Option<String>>,
    /// Access log destination ARN, or `None`.
    #[serde(default)]
    pub access_log_destination: Value<Option<String>>,
    #[serde(default)]
    pub client_certificate_id: Value<Option<String>>,
    #[serde(default)]
    pub xray_tracing: Value<bool>,
    #[serde(default)]
    pub web_acl: Value<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudFrontDistribution {
    #[serde(flatten)]
    pub meta: Meta,
    /// Default cache behaviour first, then the ordered ones.
    #[serde(default)]
    pub cache_behaviors: Value<Vec<CacheBehavior>>,
    #[serde(default)]
    pub origins: Value<Vec<Origin>>,
    /// Viewer certificate minimum protocol version, e.g. `TLSv1.2_2021`; `None` with the
    /// default CloudFront certificate.
    #[serde(default)]
    pub minimum_protocol_version: Value<Option<String>>,
    #[serde(default)]
    pub access_logging: Value<bool>,
    #[serde(default)]
    pub web_acl: Value<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheBehavior {
    /// `*` for the default behaviour.
    pub path_pattern: String,
    /// `allow-all`, `redirect-to-https` or `https-only`.
    pub viewer_protocol_policy: String,
    /// Lambda@Edge function ARNs associated with the behaviour.
    #[serde(default)]
    pub lambda_edge_functions: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    /// Custom origins: `http-only`, `match-viewer` or `https-only`. `None` for S3 origins.
    #[serde(default)]
    pub origin_protocol_policy: Option<String>,
    /// Custom origins: the TLS versions CloudFront may negotiate with the origin
    /// (`CustomOriginConfig.OriginSslProtocols`: `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`).
    /// Empty for S3 origins.
    #[serde(default)]
    pub origin_ssl_protocols: Value<Vec<String>>,
}

/// A resource of a type the model does not describe in detail, kept so that the
/// HIPAA-eligibility and PHI-in-metadata rules can still judge it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OtherResource {
    #[serde(flatten)]
    pub meta: Meta,
    /// The source's type name: `aws_lightsail_instance`, `AWS::Lightsail::Instance`, or the
    /// CloudFormation-style type for live resources.
    pub resource_type: String,
}
