//! Plants compliant and non-compliant resources in moto through the AWS SDK. Resource
//! names say what they are for; the scenario test asserts the verdicts on them.

use crate::common::{sdk, ACCOUNT};
use aws_config::SdkConfig;
use serde_json::json;

/// Distinctive values the secrets test looks for in the inventory.
pub const SECRET_VALUE: &str = "phi-secret-VALUE-do-not-collect-8e41c";
pub const LAMBDA_ENV_VALUE: &str = "lambda-env-VALUE-do-not-collect-27fa0";

/// An empty zip archive: enough for moto to accept a function without running it.
const EMPTY_ZIP: &[u8] = &[
    0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

fn s3(c: &SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(c)
            .force_path_style(true)
            .build(),
    )
}

/// Everything, in us-east-1 (plus a GuardDuty-less, Config-less eu-west-1).
pub async fn all(url: &str) -> Planted {
    let c = sdk(url).await;
    let (kms_key, unrotated_key) = kms(&c).await;
    s3_buckets(&c, &kms_key).await;
    let bob_key = iam(&c).await;
    account(&c).await;
    let net = ec2(&c).await;
    rds(&c).await;
    cloudtrail(&c, &kms_key).await;
    logs(&c).await;
    dynamodb(&c).await;
    sns_sqs(&c, &kms_key).await;
    elbv2(&c, &net).await;
    let file_systems = efs(&c).await;
    secrets(&c, &kms_key).await;
    lambda(&c).await;
    guardduty_config(&c).await;
    elasticache(&c).await;
    redshift(&c).await;
    opensearch(&c).await;
    apigateway(&c).await;
    cloudfront(&c).await;
    backup(&c, &kms_key).await;
    Planted {
        bob_key,
        kms_key,
        unrotated_key,
        net,
        file_systems,
    }
}

pub struct Planted {
    /// ARN of the customer-managed key with rotation enabled.
    pub kms_key: String,
    /// ARN of the customer-managed key without rotation.
    pub unrotated_key: String,
    pub net: Net,
    /// Ids of the encrypted and the unencrypted EFS file system.
    pub file_systems: (String, String),
    /// User bob's access key id and secret access key (which must never be collected).
    pub bob_key: (String, String),
}

pub struct Net {
    pub vpc_with_flow_logs: String,
    pub vpc_without_flow_logs: String,
    pub subnets: Vec<String>,
    pub open_ssh_sg: String,
    pub closed_sg: String,
    pub imdsv2_instance: String,
    pub imdsv1_instance: String,
    pub encrypted_volume: String,
    pub plain_volume: String,
}

async fn kms(c: &SdkConfig) -> (String, String) {
    let k = aws_sdk_kms::Client::new(c);
    let rotated = k
        .create_key()
        .description("phi-rotated")
        .send()
        .await
        .unwrap();
    let rotated = rotated.key_metadata().unwrap().arn().unwrap().to_string();
    k.enable_key_rotation()
        .key_id(&rotated)
        .send()
        .await
        .unwrap();
    let plain = k
        .create_key()
        .description("phi-unrotated")
        .send()
        .await
        .unwrap();
    (
        rotated,
        plain.key_metadata().unwrap().arn().unwrap().to_string(),
    )
}

pub async fn s3_buckets(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_s3::types::*;
    let s = s3(c);
    for b in ["phi-good-bucket", "phi-bad-bucket", "phi-log-bucket"] {
        s.create_bucket().bucket(b).send().await.unwrap();
    }
    let delivery = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "S3ServerAccessLogs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject", "Resource": "arn:aws:s3:::phi-log-bucket/*"}]});
    s.put_bucket_policy()
        .bucket("phi-log-bucket")
        .policy(delivery.to_string())
        .send()
        .await
        .unwrap();
    s.put_bucket_encryption()
        .bucket("phi-good-bucket")
        .server_side_encryption_configuration(
            ServerSideEncryptionConfiguration::builder()
                .rules(
                    ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(
                            ServerSideEncryptionByDefault::builder()
                                .sse_algorithm(ServerSideEncryption::AwsKms)
                                .kms_master_key_id(kms_key)
                                .build()
                                .unwrap(),
                        )
                        .bucket_key_enabled(true)
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    s.put_public_access_block()
        .bucket("phi-good-bucket")
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::phi-good-bucket", "arn:aws:s3:::phi-good-bucket/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
    s.put_bucket_policy()
        .bucket("phi-good-bucket")
        .policy(policy.to_string())
        .send()
        .await
        .unwrap();
    s.put_bucket_versioning()
        .bucket("phi-good-bucket")
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    s.put_bucket_logging()
        .bucket("phi-good-bucket")
        .bucket_logging_status(
            BucketLoggingStatus::builder()
                .logging_enabled(
                    LoggingEnabled::builder()
                        .target_bucket("phi-log-bucket")
                        .target_prefix("good/")
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    s.put_bucket_ownership_controls()
        .bucket("phi-good-bucket")
        .ownership_controls(
            OwnershipControls::builder()
                .rules(
                    OwnershipControlsRule::builder()
                        .object_ownership(ObjectOwnership::BucketOwnerEnforced)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    s.put_bucket_tagging()
        .bucket("phi-good-bucket")
        .tagging(
            Tagging::builder()
                .tag_set(Tag::builder().key("phi").value("true").build().unwrap())
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    s.put_bucket_acl()
        .bucket("phi-bad-bucket")
        .acl(BucketCannedAcl::PublicRead)
        .send()
        .await
        .unwrap();
}

async fn iam(c: &SdkConfig) -> (String, String) {
    let i = aws_sdk_iam::Client::new(c);
    for u in ["alice", "bob"] {
        i.create_user().user_name(u).send().await.unwrap();
        i.create_login_profile()
            .user_name(u)
            .password("Correct-Horse-9!")
            .send()
            .await
            .unwrap();
    }
    let mfa = i
        .create_virtual_mfa_device()
        .virtual_mfa_device_name("alice")
        .send()
        .await
        .unwrap();
    let serial = mfa
        .virtual_mfa_device()
        .unwrap()
        .serial_number()
        .to_string();
    i.enable_mfa_device()
        .user_name("alice")
        .serial_number(serial)
        .authentication_code1("123456")
        .authentication_code2("654321")
        .send()
        .await
        .unwrap();
    let key = i.create_access_key().user_name("bob").send().await.unwrap();
    let key = key.access_key().unwrap();
    let bob_key = (
        key.access_key_id().to_string(),
        key.secret_access_key().to_string(),
    );
    let admin = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    let narrow = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::phi-good-bucket/*"}]});
    let p = i
        .create_policy()
        .policy_name("phi-admin")
        .policy_document(admin.to_string())
        .send()
        .await
        .unwrap();
    i.create_policy()
        .policy_name("phi-narrow")
        .policy_document(narrow.to_string())
        .send()
        .await
        .unwrap();
    i.attach_user_policy()
        .user_name("bob")
        .policy_arn(p.policy().unwrap().arn().unwrap())
        .send()
        .await
        .unwrap();
    let open = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]});
    let ec2 = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    i.create_role()
        .role_name("phi-open-trust")
        .assume_role_policy_document(open.to_string())
        .send()
        .await
        .unwrap();
    i.create_role()
        .role_name("phi-ec2-role")
        .assume_role_policy_document(ec2.to_string())
        .send()
        .await
        .unwrap();
    i.update_account_password_policy()
        .minimum_password_length(8)
        .send()
        .await
        .unwrap();
    bob_key
}

async fn account(c: &SdkConfig) {
    // Account-level S3 Block Public Access, through S3 Control (moto serves it by path).
    let url = c.endpoint_url().unwrap().to_string();
    #[derive(Debug)]
    struct Verbatim(String);
    impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for Verbatim {
        fn resolve_endpoint<'a>(
            &'a self,
            _: &'a aws_sdk_s3control::config::endpoint::Params,
        ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
            aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
                aws_sdk_s3control::config::endpoint::Endpoint::builder()
                    .url(self.0.clone())
                    .build(),
            ))
        }
    }
    let s3c = aws_sdk_s3control::Client::from_conf(
        aws_sdk_s3control::config::Builder::from(c)
            .endpoint_resolver(Verbatim(url))
            .build(),
    );
    s3c.put_public_access_block()
        .account_id(ACCOUNT)
        .public_access_block_configuration(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

async fn ec2(c: &SdkConfig) -> Net {
    use aws_sdk_ec2::types::*;
    let e = aws_sdk_ec2::Client::new(c);
    e.enable_ebs_encryption_by_default().send().await.unwrap();
    let vpc1 = e
        .create_vpc()
        .cidr_block("10.1.0.0/16")
        .send()
        .await
        .unwrap();
    let vpc1 = vpc1.vpc().unwrap().vpc_id().unwrap().to_string();
    let vpc2 = e
        .create_vpc()
        .cidr_block("10.2.0.0/16")
        .send()
        .await
        .unwrap();
    let vpc2 = vpc2.vpc().unwrap().vpc_id().unwrap().to_string();
    let flow = e
        .create_flow_logs()
        .resource_type(FlowLogsResourceType::Vpc)
        .resource_ids(&vpc1)
        .traffic_type(TrafficType::All)
        .log_destination_type(LogDestinationType::S3)
        .log_destination("arn:aws:s3:::phi-log-bucket")
        .send()
        .await
        .unwrap();
    assert!(flow.unsuccessful().is_empty(), "{:?}", flow.unsuccessful());
    let mut subnets = Vec::new();
    for (cidr, az) in [("10.1.1.0/24", "us-east-1a"), ("10.1.2.0/24", "us-east-1b")] {
        let s = e
            .create_subnet()
            .vpc_id(&vpc1)
            .cidr_block(cidr)
            .availability_zone(az)
            .send()
            .await
            .unwrap();
        subnets.push(s.subnet().unwrap().subnet_id().unwrap().to_string());
    }
    let open = e
        .create_security_group()
        .group_name("phi-open-ssh")
        .description("ssh from anywhere")
        .vpc_id(&vpc1)
        .send()
        .await
        .unwrap();
    let open = open.group_id().unwrap().to_string();
    e.authorize_security_group_ingress()
        .group_id(&open)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(22)
                .to_port(22)
                .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let closed = e
        .create_security_group()
        .group_name("phi-closed")
        .description("https inside")
        .vpc_id(&vpc1)
        .send()
        .await
        .unwrap();
    let closed = closed.group_id().unwrap().to_string();
    e.authorize_security_group_ingress()
        .group_id(&closed)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(443)
                .to_port(443)
                .ip_ranges(IpRange::builder().cidr_ip("10.0.0.0/8").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let image = e.describe_images().send().await.unwrap().images()[0]
        .image_id()
        .unwrap()
        .to_string();
    let run = |tokens: HttpTokensState| {
        e.run_instances()
            .image_id(&image)
            .instance_type(InstanceType::T3Micro)
            .min_count(1)
            .max_count(1)
            .subnet_id(&subnets[0])
            .metadata_options(
                InstanceMetadataOptionsRequest::builder()
                    .http_tokens(tokens)
                    .build(),
            )
            .send()
    };
    let v2 = run(HttpTokensState::Required).await.unwrap().instances()[0]
        .instance_id()
        .unwrap()
        .to_string();
    let v1 = run(HttpTokensState::Optional).await.unwrap().instances()[0]
        .instance_id()
        .unwrap()
        .to_string();
    for (name, tokens) in [
        ("phi-lt-v2", LaunchTemplateHttpTokensState::Required),
        ("phi-lt-v1", LaunchTemplateHttpTokensState::Optional),
    ] {
        let encrypted = tokens == LaunchTemplateHttpTokensState::Required;
        e.create_launch_template()
            .launch_template_name(name)
            .launch_template_data(
                RequestLaunchTemplateData::builder()
                    .image_id(&image)
                    .metadata_options(
                        LaunchTemplateInstanceMetadataOptionsRequest::builder()
                            .http_tokens(tokens)
                            .build(),
                    )
                    .block_device_mappings(
                        LaunchTemplateBlockDeviceMappingRequest::builder()
                            .device_name("/dev/xvdb")
                            .ebs(
                                LaunchTemplateEbsBlockDeviceRequest::builder()
                                    .volume_size(10)
                                    .encrypted(encrypted)
                                    .build(),
                            )
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .unwrap();
    }
    let vol = |enc: bool| {
        e.create_volume()
            .availability_zone("us-east-1a")
            .size(10)
            .encrypted(enc)
            .send()
    };
    let encrypted_volume = vol(true).await.unwrap().volume_id().unwrap().to_string();
    let plain_volume = vol(false).await.unwrap().volume_id().unwrap().to_string();
    Net {
        vpc_with_flow_logs: vpc1,
        vpc_without_flow_logs: vpc2,
        subnets,
        open_ssh_sg: open,
        closed_sg: closed,
        imdsv2_instance: v2,
        imdsv1_instance: v1,
        encrypted_volume,
        plain_volume,
    }
}

async fn rds(c: &SdkConfig) {
    let r = aws_sdk_rds::Client::new(c);
    // Neptune clusters come through the same API (DocumentDB ones too, but moto refuses the
    // `docdb` engine there: the proxy adds one, see `docdb_cluster`).
    r.create_db_cluster()
        .db_cluster_identifier("phi-neptune")
        .engine("neptune")
        .storage_encrypted(false)
        .send()
        .await
        .unwrap();
    r.create_db_instance()
        .db_instance_identifier("phi-db-good")
        .engine("postgres")
        .engine_version("16.3")
        .db_instance_class("db.t3.micro")
        .allocated_storage(20)
        .master_username("admin1")
        .master_user_password("Passw0rd-long-1")
        .storage_encrypted(true)
        .publicly_accessible(false)
        .backup_retention_period(7)
        .send()
        .await
        .unwrap();
    r.create_db_instance()
        .db_instance_identifier("phi-db-bad")
        .engine("mysql")
        .engine_version("8.0.35")
        .db_instance_class("db.t3.micro")
        .allocated_storage(20)
        .master_username("admin1")
        .master_user_password("Passw0rd-long-1")
        .storage_encrypted(false)
        .publicly_accessible(true)
        .backup_retention_period(0)
        .send()
        .await
        .unwrap();
}

async fn cloudtrail(c: &SdkConfig, kms_key: &str) {
    let t = aws_sdk_cloudtrail::Client::new(c);
    t.create_trail()
        .name("phi-trail")
        .s3_bucket_name("phi-log-bucket")
        .is_multi_region_trail(true)
        .enable_log_file_validation(true)
        .kms_key_id(kms_key)
        .send()
        .await
        .unwrap();
    t.start_logging().name("phi-trail").send().await.unwrap();
    t.create_trail()
        .name("phi-trail-weak")
        .s3_bucket_name("phi-log-bucket")
        .send()
        .await
        .unwrap();
}

async fn logs(c: &SdkConfig) {
    let l = aws_sdk_cloudwatchlogs::Client::new(c);
    l.create_log_group()
        .log_group_name("/phi/audit")
        .send()
        .await
        .unwrap();
    l.put_retention_policy()
        .log_group_name("/phi/audit")
        .retention_in_days(2192)
        .send()
        .await
        .unwrap();
    l.create_log_group()
        .log_group_name("/phi/app")
        .send()
        .await
        .unwrap();
    l.put_retention_policy()
        .log_group_name("/phi/app")
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
}

async fn dynamodb(c: &SdkConfig) {
    use aws_sdk_dynamodb::types::*;
    let d = aws_sdk_dynamodb::Client::new(c);
    for name in ["phi-table-pitr", "phi-table-plain"] {
        d.create_table()
            .table_name(name)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("pk")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .unwrap(),
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("pk")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
    }
    d.update_continuous_backups()
        .table_name("phi-table-pitr")
        .point_in_time_recovery_specification(
            PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(true)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}

async fn sns_sqs(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_sqs::types::QueueAttributeName;
    let n = aws_sdk_sns::Client::new(c);
    n.create_topic()
        .name("phi-topic-kms")
        .attributes("KmsMasterKeyId", kms_key)
        .send()
        .await
        .unwrap();
    n.create_topic()
        .name("phi-topic-plain")
        .send()
        .await
        .unwrap();
    let q = aws_sdk_sqs::Client::new(c);
    q.create_queue()
        .queue_name("phi-queue-kms")
        .attributes(QueueAttributeName::KmsMasterKeyId, kms_key)
        .send()
        .await
        .unwrap();
    q.create_queue()
        .queue_name("phi-queue-plain")
        .attributes(QueueAttributeName::SqsManagedSseEnabled, "false")
        .send()
        .await
        .unwrap();
}

async fn elbv2(c: &SdkConfig, net: &Net) {
    use aws_sdk_elasticloadbalancingv2::types::*;
    let l = aws_sdk_elasticloadbalancingv2::Client::new(c);
    let lb = l
        .create_load_balancer()
        .name("phi-alb")
        .set_subnets(Some(net.subnets.clone()))
        .security_groups(&net.closed_sg)
        .scheme(LoadBalancerSchemeEnum::InternetFacing)
        .r#type(LoadBalancerTypeEnum::Application)
        .send()
        .await
        .unwrap();
    let lb_arn = lb.load_balancers()[0]
        .load_balancer_arn()
        .unwrap()
        .to_string();
    let tg = l
        .create_target_group()
        .name("phi-targets")
        .protocol(ProtocolEnum::Http)
        .port(80)
        .vpc_id(&net.vpc_with_flow_logs)
        .send()
        .await
        .unwrap();
    let tg_arn = tg.target_groups()[0]
        .target_group_arn()
        .unwrap()
        .to_string();
    l.create_listener()
        .load_balancer_arn(&lb_arn)
        .protocol(ProtocolEnum::Http)
        .port(80)
        .default_actions(
            Action::builder()
                .r#type(ActionTypeEnum::Forward)
                .target_group_arn(&tg_arn)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

async fn efs(c: &SdkConfig) -> (String, String) {
    let f = aws_sdk_efs::Client::new(c);
    let a = f
        .create_file_system()
        .creation_token("phi-efs-encrypted")
        .encrypted(true)
        .send()
        .await
        .unwrap();
    let b = f
        .create_file_system()
        .creation_token("phi-efs-plain")
        .encrypted(false)
        .send()
        .await
        .unwrap();
    (
        a.file_system_id().to_string(),
        b.file_system_id().to_string(),
    )
}

async fn secrets(c: &SdkConfig, kms_key: &str) {
    let s = aws_sdk_secretsmanager::Client::new(c);
    s.create_secret()
        .name("phi-secret-cmk")
        .kms_key_id(kms_key)
        .secret_string(SECRET_VALUE)
        .send()
        .await
        .unwrap();
    s.create_secret()
        .name("phi-secret-default")
        .secret_string(SECRET_VALUE)
        .send()
        .await
        .unwrap();
}

async fn lambda(c: &SdkConfig) {
    use aws_sdk_lambda::primitives::Blob;
    use aws_sdk_lambda::types::*;
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let i = aws_sdk_iam::Client::new(c);
    let role = i
        .create_role()
        .role_name("phi-lambda-role")
        .assume_role_policy_document(trust.to_string())
        .send()
        .await
        .unwrap();
    let role = role.role().unwrap().arn().to_string();
    let l = aws_sdk_lambda::Client::new(c);
    for name in ["phi-fn", "phi-public-fn"] {
        l.create_function()
            .function_name(name)
            .runtime(Runtime::Python312)
            .role(&role)
            .handler("index.handler")
            .code(
                FunctionCode::builder()
                    .zip_file(Blob::new(EMPTY_ZIP))
                    .build(),
            )
            .environment(
                Environment::builder()
                    .variables("DB_PASSWORD", LAMBDA_ENV_VALUE)
                    .build(),
            )
            .send()
            .await
            .unwrap();
    }
}

async fn guardduty_config(c: &SdkConfig) {
    use aws_sdk_config::types::*;
    aws_sdk_guardduty::Client::new(c)
        .create_detector()
        .enable(true)
        .send()
        .await
        .unwrap();
    let cfg = aws_sdk_config::Client::new(c);
    cfg.put_configuration_recorder()
        .configuration_recorder(
            ConfigurationRecorder::builder()
                .name("default")
                .role_arn(format!("arn:aws:iam::{ACCOUNT}:role/config"))
                .recording_group(
                    RecordingGroup::builder()
                        .all_supported(true)
                        .include_global_resource_types(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    cfg.put_delivery_channel()
        .delivery_channel(
            DeliveryChannel::builder()
                .name("default")
                .s3_bucket_name("phi-log-bucket")
                .build(),
        )
        .send()
        .await
        .unwrap();
    cfg.start_configuration_recorder()
        .configuration_recorder_name("default")
        .send()
        .await
        .unwrap();
}

async fn elasticache(c: &SdkConfig) {
    let e = aws_sdk_elasticache::Client::new(c);
    e.create_replication_group()
        .replication_group_id("phi-cache")
        .replication_group_description("encrypted")
        .engine("redis")
        .cache_node_type("cache.t3.micro")
        .at_rest_encryption_enabled(true)
        .transit_encryption_enabled(true)
        .auth_token("a-long-auth-token-1234567890")
        .snapshot_retention_limit(7)
        .send()
        .await
        .unwrap();
    e.create_replication_group()
        .replication_group_id("phi-cache-old")
        .replication_group_description("plain")
        .engine("redis")
        .cache_node_type("cache.t3.micro")
        .send()
        .await
        .unwrap();
}

async fn redshift(c: &SdkConfig) {
    let r = aws_sdk_redshift::Client::new(c);
    for (id, enc, public) in [
        ("phi-redshift", true, false),
        ("phi-redshift-plain", false, true),
    ] {
        r.create_cluster()
            .cluster_identifier(id)
            .node_type("ra3.xlplus")
            .master_username("admin1")
            .master_user_password("Passw0rd-long-1")
            .encrypted(enc)
            .publicly_accessible(public)
            .send()
            .await
            .unwrap();
    }
}

async fn opensearch(c: &SdkConfig) {
    use aws_sdk_opensearch::types::*;
    let o = aws_sdk_opensearch::Client::new(c);
    o.create_domain()
        .domain_name("phi-search")
        .engine_version("OpenSearch_2.11")
        .encryption_at_rest_options(EncryptionAtRestOptions::builder().enabled(true).build())
        .node_to_node_encryption_options(
            NodeToNodeEncryptionOptions::builder().enabled(true).build(),
        )
        .domain_endpoint_options(
            DomainEndpointOptions::builder()
                .enforce_https(true)
                .tls_security_policy(TlsSecurityPolicy::PolicyMinTls12201907)
                .build(),
        )
        .send()
        .await
        .unwrap();
    o.create_domain()
        .domain_name("phi-search-plain")
        .engine_version("Elasticsearch_5.6")
        .send()
        .await
        .unwrap();
}

async fn apigateway(c: &SdkConfig) {
    let a = aws_sdk_apigateway::Client::new(c);
    let api = a.create_rest_api().name("phi-api").send().await.unwrap();
    let api = api.id().unwrap().to_string();
    let root = a.get_resources().rest_api_id(&api).send().await.unwrap();
    let root = root.items()[0].id().unwrap().to_string();
    a.put_method()
        .rest_api_id(&api)
        .resource_id(&root)
        .http_method("GET")
        .authorization_type("NONE")
        .send()
        .await
        .unwrap();
    a.put_integration()
        .rest_api_id(&api)
        .resource_id(&root)
        .http_method("GET")
        .r#type(aws_sdk_apigateway::types::IntegrationType::Mock)
        .send()
        .await
        .unwrap();
    a.create_deployment()
        .rest_api_id(&api)
        .stage_name("prod")
        .send()
        .await
        .unwrap();
}

#[allow(deprecated)] // moto wants ForwardedValues, the legacy cache settings
async fn cloudfront(c: &SdkConfig) {
    use aws_sdk_cloudfront::types::*;
    let f = aws_sdk_cloudfront::Client::new(c);
    let origin = Origin::builder()
        .id("app")
        .domain_name("app.example.com")
        .custom_origin_config(
            CustomOriginConfig::builder()
                .http_port(80)
                .https_port(443)
                .origin_protocol_policy(OriginProtocolPolicy::HttpOnly)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let behavior = DefaultCacheBehavior::builder()
        .target_origin_id("app")
        .viewer_protocol_policy(ViewerProtocolPolicy::AllowAll)
        .min_ttl(0)
        .forwarded_values(
            ForwardedValues::builder()
                .query_string(false)
                .cookies(
                    CookiePreference::builder()
                        .forward(ItemSelection::None)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    f.create_distribution()
        .distribution_config(
            DistributionConfig::builder()
                .caller_reference("phi-cdn")
                .comment("phi-cdn")
                .enabled(true)
                .origins(
                    Origins::builder()
                        .quantity(1)
                        .items(origin)
                        .build()
                        .unwrap(),
                )
                .default_cache_behavior(behavior)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}

async fn backup(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_backup::types::*;
    let b = aws_sdk_backup::Client::new(c);
    b.create_backup_vault()
        .backup_vault_name("phi-vault")
        .encryption_key_arn(kms_key)
        .send()
        .await
        .unwrap();
    b.create_backup_plan()
        .backup_plan(
            BackupPlanInput::builder()
                .backup_plan_name("phi-daily")
                .rules(
                    BackupRuleInput::builder()
                        .rule_name("daily")
                        .target_backup_vault_name("phi-vault")
                        .schedule_expression("cron(0 5 * * ? *)")
                        .lifecycle(Lifecycle::builder().delete_after_days(35).build())
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}
