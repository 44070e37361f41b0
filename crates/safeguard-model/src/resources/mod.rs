//! Every resource type of the model, and the `Resource` enum that holds any of them.

mod account;
mod app;
mod backup;
mod datastores;
mod ec2;
mod iam;
mod kms;
mod logging;
mod rds;
mod s3;

pub use account::*;
pub use app::*;
pub use backup::*;
pub use datastores::*;
pub use ec2::*;
pub use iam::*;
pub use kms::*;
pub use logging::*;
pub use rds::*;
pub use s3::*;

use crate::Meta;
use serde::{Deserialize, Serialize};

/// A resource type that rules can take as their subject.
pub trait Subject: Sized + Send + Sync + 'static {
    const KIND: ResourceKind;
    fn from_resource(r: &Resource) -> Option<&Self>;
    fn meta(&self) -> &Meta;
}

macro_rules! resources {
    ($( $variant:ident($ty:ident) = $tag:literal, $service:literal, $cfn:literal; )*) => {
        /// Any resource. In the inventory JSON the `type` field names the variant.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum Resource {
            $( #[serde(rename = $tag)] $variant($ty), )*
        }

        /// The type of a resource, without its data.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum ResourceKind {
            $( #[serde(rename = $tag)] $variant, )*
        }

        impl ResourceKind {
            pub const ALL: &'static [ResourceKind] = &[$(ResourceKind::$variant),*];

            /// The stable name used in inventories and reports (`s3_bucket`).
            pub fn as_str(self) -> &'static str {
                match self { $(ResourceKind::$variant => $tag,)* }
            }

            /// The AWS service short name (`s3`, `rds`), as used in reports and IAM.
            pub fn service(self) -> &'static str {
                match self { $(ResourceKind::$variant => $service,)* }
            }

            /// The closest CloudFormation type, for people who think in templates.
            pub fn cloudformation_type(self) -> &'static str {
                match self { $(ResourceKind::$variant => $cfn,)* }
            }

            pub fn parse(s: &str) -> Option<ResourceKind> {
                match s { $($tag => Some(ResourceKind::$variant),)* _ => None }
            }
        }

        impl Resource {
            pub fn kind(&self) -> ResourceKind {
                match self { $(Resource::$variant(_) => ResourceKind::$variant,)* }
            }

            pub fn meta(&self) -> &Meta {
                match self { $(Resource::$variant(r) => &r.meta,)* }
            }

            pub fn meta_mut(&mut self) -> &mut Meta {
                match self { $(Resource::$variant(r) => &mut r.meta,)* }
            }
        }

        $(
            impl Subject for $ty {
                const KIND: ResourceKind = ResourceKind::$variant;
                fn from_resource(r: &Resource) -> Option<&Self> {
                    match r { Resource::$variant(x) => Some(x), _ => None }
                }
                fn meta(&self) -> &Meta { &self.meta }
            }

            impl From<$ty> for Resource {
                fn from(x: $ty) -> Resource { Resource::$variant(x) }
            }
        )*
    };
}

resources! {
    Account(Account) = "account", "iam", "AWS::::Account";
    RegionSettings(RegionSettings) = "region_settings", "ec2", "AWS::::Region";
    IamUser(IamUser) = "iam_user", "iam", "AWS::IAM::User";
    IamPolicy(IamPolicy) = "iam_policy", "iam", "AWS::IAM::ManagedPolicy";
    IamRole(IamRole) = "iam_role", "iam", "AWS::IAM::Role";
    S3Bucket(S3Bucket) = "s3_bucket", "s3", "AWS::S3::Bucket";
    Ec2Instance(Ec2Instance) = "ec2_instance", "ec2", "AWS::EC2::Instance";
    EbsVolume(EbsVolume) = "ebs_volume", "ec2", "AWS::EC2::Volume";
    EbsSnapshot(EbsSnapshot) = "ebs_snapshot", "ec2", "AWS::EC2::Snapshot";
    SecurityGroup(SecurityGroup) = "security_group", "ec2", "AWS::EC2::SecurityGroup";
    Vpc(Vpc) = "vpc", "ec2", "AWS::EC2::VPC";
    Subnet(Subnet) = "subnet", "ec2", "AWS::EC2::Subnet";
    RdsInstance(RdsInstance) = "rds_instance", "rds", "AWS::RDS::DBInstance";
    RdsCluster(RdsCluster) = "rds_cluster", "rds", "AWS::RDS::DBCluster";
    RdsSnapshot(RdsSnapshot) = "rds_snapshot", "rds", "AWS::RDS::DBSnapshot";
    CloudTrailTrail(CloudTrailTrail) = "cloudtrail_trail", "cloudtrail", "AWS::CloudTrail::Trail";
    ConfigRecorder(ConfigRecorder) = "config_recorder", "config", "AWS::Config::ConfigurationRecorder";
    GuardDutyDetector(GuardDutyDetector) = "guardduty_detector", "guardduty", "AWS::GuardDuty::Detector";
    KmsKey(KmsKey) = "kms_key", "kms", "AWS::KMS::Key";
    LogGroup(LogGroup) = "log_group", "logs", "AWS::Logs::LogGroup";
    DynamoDbTable(DynamoDbTable) = "dynamodb_table", "dynamodb", "AWS::DynamoDB::Table";
    EfsFileSystem(EfsFileSystem) = "efs_file_system", "efs", "AWS::EFS::FileSystem";
    ElastiCacheReplicationGroup(ElastiCacheReplicationGroup) = "elasticache_replication_group", "elasticache", "AWS::ElastiCache::ReplicationGroup";
    RedshiftCluster(RedshiftCluster) = "redshift_cluster", "redshift", "AWS::Redshift::Cluster";
    OpenSearchDomain(OpenSearchDomain) = "opensearch_domain", "opensearch", "AWS::OpenSearchService::Domain";
    LoadBalancer(LoadBalancer) = "load_balancer", "elasticloadbalancing", "AWS::ElasticLoadBalancingV2::LoadBalancer";
    SnsTopic(SnsTopic) = "sns_topic", "sns", "AWS::SNS::Topic";
    SqsQueue(SqsQueue) = "sqs_queue", "sqs", "AWS::SQS::Queue";
    Secret(Secret) = "secretsmanager_secret", "secretsmanager", "AWS::SecretsManager::Secret";
    LambdaFunction(LambdaFunction) = "lambda_function", "lambda", "AWS::Lambda::Function";
    ApiGatewayStage(ApiGatewayStage) = "apigateway_stage", "apigateway", "AWS::ApiGateway::Stage";
    CloudFrontDistribution(CloudFrontDistribution) = "cloudfront_distribution", "cloudfront", "AWS::CloudFront::Distribution";
    BackupPlan(BackupPlan) = "backup_plan", "backup", "AWS::Backup::BackupPlan";
    BackupVault(BackupVault) = "backup_vault", "backup", "AWS::Backup::BackupVault";
    Other(OtherResource) = "other", "other", "";
}

impl std::fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
