//! Every resource type of the model, and the `Resource` enum that holds any of them.

mod account;
mod app;
mod athena;
mod backup;
mod codebuild;
mod datastores;
mod docdb;
mod ec2;
mod ecs;
mod eks;
mod glue;
mod iam;
mod kinesis;
mod kms;
mod launch_template;
mod logging;
mod msk;
mod neptune;
mod rds;
mod s3;
mod sagemaker;
mod ses;
mod ssm;
mod workspaces;

pub use account::*;
pub use app::*;
pub use athena::*;
pub use backup::*;
pub use codebuild::*;
pub use datastores::*;
pub use docdb::*;
pub use ec2::*;
pub use ecs::*;
pub use eks::*;
pub use glue::*;
pub use iam::*;
pub use kinesis::*;
pub use kms::*;
pub use launch_template::*;
pub use logging::*;
pub use msk::*;
pub use neptune::*;
pub use rds::*;
pub use s3::*;
pub use sagemaker::*;
pub use ses::*;
pub use ssm::*;
pub use workspaces::*;

use crate::Meta;
use serde::{Deserialize, Serialize};

/// What a rule can take as its subject: one resource type, or any resource (`Resource`
/// itself, for rules about names, tags and eligibility that apply to every type).
pub trait Subject: Sized + Send + Sync + 'static {
    const SUBJECT: SubjectKind;
    fn from_resource(r: &Resource) -> Option<&Self>;
    fn meta(&self) -> &Meta;
}

/// A single resource type, for lookups in the evaluation context.
pub trait TypedSubject: Subject {
    const KIND: ResourceKind;
}

/// The resource types a rule is evaluated on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    One(ResourceKind),
    Any,
}

impl SubjectKind {
    pub fn kinds(self) -> &'static [ResourceKind] {
        match self {
            SubjectKind::One(k) => {
                let i = k as usize;
                &ResourceKind::ALL[i..=i]
            }
            SubjectKind::Any => ResourceKind::ALL,
        }
    }

    /// `s3_bucket`, or `any` for rules over every resource type.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::One(k) => k.as_str(),
            SubjectKind::Any => "any",
        }
    }

    /// The AWS service short name, or `any`.
    pub fn service(self) -> &'static str {
        match self {
            SubjectKind::One(k) => k.service(),
            SubjectKind::Any => "any",
        }
    }
}

impl std::fmt::Display for SubjectKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SubjectKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Subject for Resource {
    const SUBJECT: SubjectKind = SubjectKind::Any;
    fn from_resource(r: &Resource) -> Option<&Self> {
        Some(r)
    }
    fn meta(&self) -> &Meta {
        Resource::meta(self)
    }
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
            /// Every kind, in declaration order (`ALL[k as usize] == k`).
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
                const SUBJECT: SubjectKind = SubjectKind::One(ResourceKind::$variant);
                fn from_resource(r: &Resource) -> Option<&Self> {
                    match r { Resource::$variant(x) => Some(x), _ => None }
                }
                fn meta(&self) -> &Meta { &self.meta }
            }

            impl TypedSubject for $ty {
                const KIND: ResourceKind = ResourceKind::$variant;
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
    LaunchTemplate(LaunchTemplate) = "ec2_launch_template", "ec2", "AWS::EC2::LaunchTemplate";
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
    DocDbCluster(DocDbCluster) = "docdb_cluster", "docdb", "AWS::DocDB::DBCluster";
    NeptuneCluster(NeptuneCluster) = "neptune_cluster", "neptune", "AWS::Neptune::DBCluster";
    KinesisStream(KinesisStream) = "kinesis_stream", "kinesis", "AWS::Kinesis::Stream";
    EcsTaskDefinition(EcsTaskDefinition) = "ecs_task_definition", "ecs", "AWS::ECS::TaskDefinition";
    EksCluster(EksCluster) = "eks_cluster", "eks", "AWS::EKS::Cluster";
    SesConfigurationSet(SesConfigurationSet) = "ses_configuration_set", "ses", "AWS::SES::ConfigurationSet";
    AthenaWorkgroup(AthenaWorkgroup) = "athena_workgroup", "athena", "AWS::Athena::WorkGroup";
    MskCluster(MskCluster) = "msk_cluster", "kafka", "AWS::MSK::Cluster";
    CodeBuildProject(CodeBuildProject) = "codebuild_project", "codebuild", "AWS::CodeBuild::Project";
    SageMakerEndpointConfig(SageMakerEndpointConfig) = "sagemaker_endpoint_config", "sagemaker", "AWS::SageMaker::EndpointConfig";
    Workspace(Workspace) = "workspaces_workspace", "workspaces", "AWS::WorkSpaces::Workspace";
    SsmParameter(SsmParameter) = "ssm_parameter", "ssm", "AWS::SSM::Parameter";
    GlueConnection(GlueConnection) = "glue_connection", "glue", "AWS::Glue::Connection";
    Other(OtherResource) = "other", "other", "";
}

impl std::fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_kinds_index_all() {
        for &k in ResourceKind::ALL {
            assert_eq!(SubjectKind::One(k).kinds(), &[k]);
        }
        assert_eq!(SubjectKind::Any.kinds().len(), ResourceKind::ALL.len());
    }
}
