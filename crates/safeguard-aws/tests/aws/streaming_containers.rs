//! Kinesis streams, ECS task definitions, EKS clusters, SES configuration sets, Athena
//! workgroups and MSK clusters: compliant and non-compliant ones planted in moto through the
//! SDK, collected through the proxy (which only fills moto's gaps) and evaluated with the
//! whole catalog. Also checks that ECS environment variable values never reach the inventory.

use crate::common::{moto_gaps, no_organization, options, sdk, Moto, Proxy, ACCOUNT};
use crate::scenario::{check, id_of, verdicts, Verdicts};
use aws_config::SdkConfig;
use safeguard_model::{CoverageStatus, Inventory, Resource, ResourceKind, Value};
use safeguard_rules::Status::{self, Fail, NotApplicable, Pass};

/// Distinctive values planted in ECS task definitions; they must never be collected.
const ECS_ENV_VALUE: &str = "ecs-env-VALUE-do-not-collect-93b1d";
const ECS_OLD_ENV_VALUE: &str = "ecs-old-revision-VALUE-do-not-collect-4c2e8";

/// The rule families of the six resource types.
const PREFIXES: &[&str] = &["KIN-", "ECS-", "EKS-", "SES-", "ATH-", "MSK-"];

/// The resource types the collectors under test produce.
const KINDS: &[ResourceKind] = &[
    ResourceKind::KinesisStream,
    ResourceKind::EcsTaskDefinition,
    ResourceKind::EksCluster,
    ResourceKind::SesConfigurationSet,
    ResourceKind::AthenaWorkgroup,
    ResourceKind::MskCluster,
];

struct Planted {
    kms_key: String,
}

async fn plant(c: &SdkConfig) -> Planted {
    let kms_key = aws_sdk_kms::Client::new(c)
        .create_key()
        .description("phi-streaming")
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    kinesis(c, &kms_key).await;
    ecs(c).await;
    eks(c, &kms_key).await;
    ses(c).await;
    athena(c, &kms_key).await;
    msk(c, &kms_key).await;
    Planted { kms_key }
}

async fn kinesis(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_kinesis::types::EncryptionType;
    let k = aws_sdk_kinesis::Client::new(c);
    for name in ["phi-stream-kms", "phi-stream-plain"] {
        k.create_stream()
            .stream_name(name)
            .shard_count(1)
            .send()
            .await
            .unwrap();
    }
    k.start_stream_encryption()
        .stream_name("phi-stream-kms")
        .encryption_type(EncryptionType::Kms)
        .key_id(kms_key)
        .send()
        .await
        .unwrap();
    k.add_tags_to_stream()
        .stream_name("phi-stream-kms")
        .tags("data", "vitals")
        .send()
        .await
        .unwrap();
    k.increase_stream_retention_period()
        .stream_name("phi-stream-kms")
        .retention_period_hours(168)
        .send()
        .await
        .unwrap();
}

async fn ecs(c: &SdkConfig) {
    use aws_sdk_ecs::types::*;
    let e = aws_sdk_ecs::Client::new(c);
    let awslogs = || {
        LogConfiguration::builder()
            .log_driver(LogDriver::Awslogs)
            .options("awslogs-group", "/phi/api")
            .build()
            .unwrap()
    };
    let env = |name: &str, value: &str| KeyValuePair::builder().name(name).value(value).build();
    let efs = |transit: Option<EfsTransitEncryption>| {
        Volume::builder()
            .name("documents")
            .efs_volume_configuration(
                EfsVolumeConfiguration::builder()
                    .file_system_id("fs-0a1b2c3d")
                    .set_transit_encryption(transit)
                    .build()
                    .unwrap(),
            )
            .build()
    };
    // phi-api: revision 1 lacks logging and TLS; revision 2, the latest, has both. Only the
    // latest revision is collected.
    e.register_task_definition()
        .family("phi-api")
        .container_definitions(
            ContainerDefinition::builder()
                .name("api")
                .image("api:1")
                .memory(512)
                .environment(env("OLD_TOKEN", ECS_OLD_ENV_VALUE))
                .build(),
        )
        .volumes(efs(None))
        .send()
        .await
        .unwrap();
    e.register_task_definition()
        .family("phi-api")
        .requires_compatibilities(Compatibility::Fargate)
        .container_definitions(
            ContainerDefinition::builder()
                .name("api")
                .image("api:2")
                .memory(512)
                .log_configuration(awslogs())
                .environment(env("DB_PASSWORD", ECS_ENV_VALUE))
                .environment(env("PATIENT_TABLE", "patients"))
                .build(),
        )
        .container_definitions(
            ContainerDefinition::builder()
                .name("log_router")
                .image("fluent-bit:1")
                .memory(512)
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(LogDriver::Awsfirelens)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .volumes(efs(Some(EfsTransitEncryption::Enabled)))
        .tags(Tag::builder().key("team").value("portal").build())
        .send()
        .await
        .unwrap();
    // phi-worker: a sidecar without log configuration, an EFS volume without TLS, a host
    // bind mount and a privileged container.
    e.register_task_definition()
        .family("phi-worker")
        .requires_compatibilities(Compatibility::Ec2)
        .container_definitions(
            ContainerDefinition::builder()
                .name("worker")
                .image("worker:1")
                .memory(512)
                .log_configuration(awslogs())
                .build(),
        )
        .container_definitions(
            ContainerDefinition::builder()
                .name("pdf-renderer")
                .image("renderer:1")
                .memory(512)
                .privileged(true)
                .build(),
        )
        .volumes(efs(Some(EfsTransitEncryption::Disabled)))
        .volumes(
            Volume::builder()
                .name("scratch")
                .host(
                    HostVolumeProperties::builder()
                        .source_path("/var/scratch")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    // phi-batch: syslog logging, no EFS volume; an identifier in a variable name.
    e.register_task_definition()
        .family("phi-batch")
        .container_definitions(
            ContainerDefinition::builder()
                .name("batch")
                .image("batch:1")
                .memory(512)
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(LogDriver::Syslog)
                        .build()
                        .unwrap(),
                )
                .environment(env("OVERRIDE_SSN_536228714", "x"))
                .build(),
        )
        .send()
        .await
        .unwrap();
}

async fn eks(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_eks::types::*;
    let k = aws_sdk_eks::Client::new(c);
    let vpc = |public: bool| {
        VpcConfigRequest::builder()
            .subnet_ids("subnet-0a1b2c3d")
            .endpoint_public_access(public)
            .endpoint_private_access(true)
            .set_public_access_cidrs(public.then(|| vec!["0.0.0.0/0".to_string()]))
            .build()
    };
    k.create_cluster()
        .name("phi-eks")
        .version("1.31")
        .role_arn(format!("arn:aws:iam::{ACCOUNT}:role/eks"))
        .resources_vpc_config(vpc(false))
        .encryption_config(
            EncryptionConfig::builder()
                .provider(Provider::builder().key_arn(kms_key).build())
                .build(),
        )
        .logging(
            Logging::builder()
                .cluster_logging(
                    LogSetup::builder()
                        .types(LogType::Api)
                        .types(LogType::Audit)
                        .types(LogType::Authenticator)
                        .enabled(true)
                        .build(),
                )
                .cluster_logging(
                    LogSetup::builder()
                        .types(LogType::Scheduler)
                        .enabled(false)
                        .build(),
                )
                .build(),
        )
        .tags("team", "clinical")
        .send()
        .await
        .unwrap();
    k.create_cluster()
        .name("phi-eks-open")
        .version("1.29")
        .role_arn(format!("arn:aws:iam::{ACCOUNT}:role/eks"))
        .resources_vpc_config(vpc(true))
        .logging(
            Logging::builder()
                .cluster_logging(
                    LogSetup::builder()
                        .types(LogType::Api)
                        .enabled(true)
                        .build(),
                )
                .cluster_logging(
                    LogSetup::builder()
                        .types(LogType::Audit)
                        .types(LogType::Authenticator)
                        .enabled(false)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
}

async fn ses(c: &SdkConfig) {
    use aws_sdk_sesv2::types::*;
    let s = aws_sdk_sesv2::Client::new(c);
    s.create_configuration_set()
        .configuration_set_name("phi-mail")
        .delivery_options(
            DeliveryOptions::builder()
                .tls_policy(TlsPolicy::Require)
                .build(),
        )
        .tags(
            Tag::builder()
                .key("data")
                .value("appointments")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    s.create_configuration_set()
        .configuration_set_name("newsletter")
        .send()
        .await
        .unwrap();
}

async fn athena(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_athena::types::*;
    let a = aws_sdk_athena::Client::new(c);
    a.create_work_group()
        .name("phi-queries")
        .description("claims analytics")
        .configuration(
            WorkGroupConfiguration::builder()
                .enforce_work_group_configuration(true)
                .result_configuration(
                    ResultConfiguration::builder()
                        .output_location("s3://phi-athena-results/")
                        .encryption_configuration(
                            EncryptionConfiguration::builder()
                                .encryption_option(EncryptionOption::SseKms)
                                .kms_key(kms_key)
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build(),
        )
        .tags(Tag::builder().key("team").value("claims").build())
        .send()
        .await
        .unwrap();
    a.create_work_group()
        .name("adhoc")
        .description("ad hoc")
        .configuration(
            WorkGroupConfiguration::builder()
                .enforce_work_group_configuration(false)
                .result_configuration(
                    ResultConfiguration::builder()
                        .encryption_configuration(
                            EncryptionConfiguration::builder()
                                .encryption_option(EncryptionOption::SseS3)
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build(),
        )
        .tags(Tag::builder().key("team").value("analysts").build())
        .send()
        .await
        .unwrap();
}

/// MSK clusters through the v1 `CreateCluster` (moto's `CreateClusterV2` drops the
/// encryption settings of provisioned clusters) and one serverless cluster.
async fn msk(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_kafka::types::*;
    let k = aws_sdk_kafka::Client::new(c);
    let brokers = || {
        BrokerNodeGroupInfo::builder()
            .instance_type("kafka.m5.large")
            .client_subnets("subnet-0a1b2c3d")
            .client_subnets("subnet-1a2b3c4d")
            .build()
    };
    let transit = |client: ClientBroker, in_cluster: bool| {
        EncryptionInTransit::builder()
            .client_broker(client)
            .in_cluster(in_cluster)
            .build()
    };
    let clusters = [
        // TLS only, a customer key at rest.
        (
            "phi-events",
            Some(
                EncryptionInfo::builder()
                    .encryption_at_rest(
                        EncryptionAtRest::builder()
                            .data_volume_kms_key_id(kms_key)
                            .build(),
                    )
                    .encryption_in_transit(transit(ClientBroker::Tls, true))
                    .build(),
            ),
        ),
        // Clients may connect in plaintext.
        (
            "phi-events-plain",
            Some(
                EncryptionInfo::builder()
                    .encryption_in_transit(transit(ClientBroker::TlsPlaintext, true))
                    .build(),
            ),
        ),
        // Brokers talk to each other unencrypted.
        (
            "phi-events-open",
            Some(
                EncryptionInfo::builder()
                    .encryption_in_transit(transit(ClientBroker::Tls, false))
                    .build(),
            ),
        ),
        // No encryption settings: AWS's defaults (TLS only, in-cluster encryption) apply.
        ("phi-events-defaults", None),
    ];
    for (name, encryption) in clusters {
        k.create_cluster()
            .cluster_name(name)
            .broker_node_group_info(brokers())
            .kafka_version("3.6.0")
            .number_of_broker_nodes(2)
            .set_encryption_info(encryption)
            .tags("data", "hl7")
            .send()
            .await
            .unwrap();
    }
    k.create_cluster_v2()
        .cluster_name("phi-events-serverless")
        .serverless(
            ServerlessRequest::builder()
                .vpc_configs(VpcConfig::builder().subnet_ids("subnet-0a1b2c3d").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// The findings the planted resources must get: every finding of the six types' own rules,
/// and the PHI checks on what these collectors read (variable names, descriptions).
fn expected(inv: &Inventory) -> Vec<(&'static str, String, Status)> {
    let a = ACCOUNT;
    let arn = |service: &str, rest: &str| format!("arn:aws:{service}:us-east-1:{a}:{rest}");
    let task = |family: &str| id_of(inv, ResourceKind::EcsTaskDefinition, family);
    let msk = |name: &str| id_of(inv, ResourceKind::MskCluster, name);
    vec![
        ("KIN-001", arn("kinesis", "stream/phi-stream-kms"), Pass),
        ("KIN-001", arn("kinesis", "stream/phi-stream-plain"), Fail),
        ("ECS-001", task("phi-api"), Pass),
        ("ECS-001", task("phi-worker"), Fail),
        ("ECS-001", task("phi-batch"), Fail),
        ("ECS-002", task("phi-api"), Pass),
        ("ECS-002", task("phi-worker"), Fail),
        ("ECS-002", task("phi-batch"), NotApplicable),
        ("EKS-001", arn("eks", "cluster/phi-eks"), Pass),
        ("EKS-001", arn("eks", "cluster/phi-eks-open"), Fail),
        ("EKS-002", arn("eks", "cluster/phi-eks"), Pass),
        ("EKS-002", arn("eks", "cluster/phi-eks-open"), Fail),
        ("SES-001", arn("ses", "configuration-set/phi-mail"), Pass),
        ("SES-001", arn("ses", "configuration-set/newsletter"), Fail),
        ("ATH-001", arn("athena", "workgroup/phi-queries"), Pass),
        ("ATH-001", arn("athena", "workgroup/adhoc"), Fail),
        ("ATH-001", arn("athena", "workgroup/primary"), Fail),
        ("MSK-001", msk("phi-events"), Pass),
        ("MSK-001", msk("phi-events-plain"), Fail),
        ("MSK-001", msk("phi-events-open"), Fail),
        ("MSK-001", msk("phi-events-defaults"), Pass),
        ("MSK-001", msk("phi-events-serverless"), Pass),
        // PHI in configuration these collectors read.
        ("PHI-003", task("phi-api"), Pass),
        ("PHI-003", task("phi-batch"), Fail),
        ("PHI-002", arn("athena", "workgroup/phi-queries"), Pass),
    ]
}

/// Every finding of the six types' own rules, as (rule, resource, status).
fn own_findings(v: &Verdicts) -> Vec<(String, String, Status)> {
    v.iter()
        .filter(|((rule, _), _)| PREFIXES.iter().any(|p| rule.starts_with(p)))
        .map(|((rule, id), (status, _))| (rule.clone(), id.clone(), *status))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn streaming_and_container_resources_get_the_expected_verdicts() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant(&sdk(&moto.url).await).await;
    let proxy = Proxy::start(&moto.url, [moto_gaps(), vec![no_organization()]].concat()).await;
    let c = safeguard_aws::collect_with_stats(&options(&proxy.url, &["us-east-1"]))
        .await
        .unwrap();
    let inv = &c.inventory;
    let v = verdicts(inv);
    if std::env::var_os("SAFEGUARD_DUMP").is_some() {
        for r in &inv.resources {
            if KINDS.contains(&r.kind()) {
                eprintln!("{}", serde_json::to_string(r).unwrap());
            }
        }
        for ((rule, id), (status, msg)) in &v {
            if inv
                .resources
                .iter()
                .any(|r| KINDS.contains(&r.kind()) && &r.meta().id == id)
            {
                eprintln!("{rule:10} {status:?} {id} -- {msg}");
            }
        }
    }

    // Each collector ran and answered in full.
    for service in ["kinesis", "ecs", "eks", "ses", "athena", "kafka"] {
        let rows: Vec<_> = inv
            .coverage
            .iter()
            .filter(|r| r.service == service)
            .collect();
        assert_eq!(rows.len(), 1, "{service}: {rows:?}");
        assert_eq!(rows[0].status, CoverageStatus::Ok, "{rows:?}");
    }

    let want = expected(inv);
    check(&v, &want);
    // No other finding of these types' rules: no resource collected twice, none invented.
    let mut own_want: Vec<(String, String, Status)> = want
        .iter()
        .filter(|(rule, _, _)| PREFIXES.iter().any(|p| rule.starts_with(p)))
        .map(|(rule, id, status)| (rule.to_string(), id.clone(), *status))
        .collect();
    own_want.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(own_findings(&v), own_want);

    // Every fact the rules need was collected: nothing about these resources is unknown.
    let unknown: Vec<String> = v
        .iter()
        .filter(|((_, id), (status, _))| {
            *status == Status::Unknown
                && inv
                    .resources
                    .iter()
                    .any(|r| KINDS.contains(&r.kind()) && &r.meta().id == id)
        })
        .map(|((rule, id), (_, msg))| format!("{rule} {id}: {msg}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "unexpected unknown verdicts:\n  {}",
        unknown.join("\n  ")
    );

    // The collected facts themselves, beyond what the rules look at.
    let find = |kind: ResourceKind, name: &str| {
        inv.resources
            .iter()
            .find(|r| r.kind() == kind && r.meta().name == name)
            .unwrap_or_else(|| panic!("no {kind} named {name}"))
    };
    let Resource::KinesisStream(k) = find(ResourceKind::KinesisStream, "phi-stream-kms") else {
        unreachable!()
    };
    assert_eq!(k.kms_key_id, Value::Known(Some(planted.kms_key.clone())));
    assert_eq!(k.retention_hours, Value::Known(168));
    assert_eq!(
        k.meta
            .tags
            .known()
            .and_then(|t| t.get("data"))
            .map(String::as_str),
        Some("vitals")
    );
    let Resource::EcsTaskDefinition(t) = find(ResourceKind::EcsTaskDefinition, "phi-api") else {
        unreachable!()
    };
    assert!(
        t.meta.id.ends_with("task-definition/phi-api:2"),
        "{}",
        t.meta.id
    );
    assert_eq!(
        t.requires_compatibilities,
        Value::Known(vec!["FARGATE".to_string()])
    );
    assert_eq!(
        t.meta
            .tags
            .known()
            .and_then(|t| t.get("team"))
            .map(String::as_str),
        Some("portal")
    );
    let Resource::EcsTaskDefinition(w) = find(ResourceKind::EcsTaskDefinition, "phi-worker") else {
        unreachable!()
    };
    let containers = w.containers.known().unwrap();
    assert_eq!(
        containers
            .iter()
            .map(|c| (c.name.as_str(), c.privileged, c.log_driver.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            ("worker", false, Some("awslogs")),
            ("pdf-renderer", true, None)
        ]
    );
    let volumes = w.volumes.known().unwrap();
    assert_eq!(volumes.len(), 2);
    assert_eq!(
        volumes[0].efs_file_system_id.as_deref(),
        Some("fs-0a1b2c3d")
    );
    assert_eq!(
        volumes[0].efs_transit_encryption.as_deref(),
        Some("DISABLED")
    );
    assert_eq!(volumes[1].host_source_path.as_deref(), Some("/var/scratch"));
    let Resource::EksCluster(e) = find(ResourceKind::EksCluster, "phi-eks") else {
        unreachable!()
    };
    assert_eq!(e.version, Value::Known("1.31".to_string()));
    assert_eq!(
        e.secrets_kms_key_arn,
        Value::Known(Some(planted.kms_key.clone()))
    );
    assert_eq!(
        e.enabled_log_types,
        Value::Known(vec!["api".into(), "audit".into(), "authenticator".into()])
    );
    assert_eq!(e.endpoint_public_access, Value::Known(false));
    let Resource::EksCluster(o) = find(ResourceKind::EksCluster, "phi-eks-open") else {
        unreachable!()
    };
    assert_eq!(o.endpoint_public_access, Value::Known(true));
    assert_eq!(
        o.public_access_cidrs,
        Value::Known(vec!["0.0.0.0/0".to_string()])
    );
    let Resource::MskCluster(m) = find(ResourceKind::MskCluster, "phi-events") else {
        unreachable!()
    };
    assert_eq!(m.kms_key_id, Value::Known(Some(planted.kms_key.clone())));
    assert_eq!(
        m.meta
            .tags
            .known()
            .and_then(|t| t.get("data"))
            .map(String::as_str),
        Some("hl7")
    );
    let Resource::AthenaWorkgroup(wg) = find(ResourceKind::AthenaWorkgroup, "phi-queries") else {
        unreachable!()
    };
    assert_eq!(wg.description, Value::Known("claims analytics".to_string()));
    assert_eq!(
        wg.meta
            .tags
            .known()
            .and_then(|t| t.get("team"))
            .map(String::as_str),
        Some("claims")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ecs_environment_values_never_reach_the_inventory() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    plant(&sdk(&moto.url).await).await;
    let proxy = Proxy::start(&moto.url, [moto_gaps(), vec![no_organization()]].concat()).await;
    let opts = options(&proxy.url, &["us-east-1"]);
    let c = safeguard_aws::collect_with_stats(&opts).await.unwrap();
    let json = c.inventory.to_json();
    for (what, needle) in [
        ("the ECS environment variable value", ECS_ENV_VALUE),
        ("an older revision's environment value", ECS_OLD_ENV_VALUE),
    ] {
        assert!(!json.contains(needle), "{what} appears in the inventory");
        assert!(!format!("{:?}", c.stats).contains(needle));
    }
    // What is kept instead: the names, per container.
    let t = c
        .inventory
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::EcsTaskDefinition(t) if t.meta.name == "phi-api" => Some(t),
            _ => None,
        })
        .expect("the phi-api task definition is collected");
    let names: Vec<(String, Vec<String>)> = t
        .containers
        .known()
        .unwrap()
        .iter()
        .map(|c| (c.name.clone(), c.environment_variable_names.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            (
                "api".to_string(),
                vec!["DB_PASSWORD".to_string(), "PATIENT_TABLE".to_string()]
            ),
            ("log_router".to_string(), vec![]),
        ]
    );
    // The old revision's variable is not even named: only the latest revision is read.
    assert!(!json.contains("OLD_TOKEN"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn denied_calls_make_facts_unknown_and_the_scan_goes_on() {
    use crate::common::{Act, Rule};
    use safeguard_model::UnknownReason;
    let Some(moto) = Moto::start().await else {
        return;
    };
    plant(&sdk(&moto.url).await).await;
    // The first matching rule applies: the denials come before moto's gaps.
    let denials = vec![
        Rule::op("kinesis", "ListStreams", Act::Deny),
        Rule::op("ecs", "DescribeTaskDefinition", Act::Deny).body("phi-worker"),
        Rule::rest("eks", "GET", "/clusters/phi-eks-open", Act::Deny),
        Rule::op("athena", "ListTagsForResource", Act::Deny),
    ];
    let proxy = Proxy::start(
        &moto.url,
        [denials, moto_gaps(), vec![no_organization()]].concat(),
    )
    .await;
    let c = safeguard_aws::collect_with_stats(&options(&proxy.url, &["us-east-1"]))
        .await
        .unwrap();
    let inv = &c.inventory;
    let v = verdicts(inv);
    let status = |service: &str| {
        inv.coverage
            .iter()
            .find(|r| r.service == service)
            .map(|r| r.status.clone())
            .unwrap()
    };

    // A denied list: the service's coverage row fails, and no stream is invented.
    match status("kinesis") {
        CoverageStatus::Failed(u) => {
            assert_eq!(u.reason, UnknownReason::AccessDenied);
            assert!(
                u.detail.starts_with("kinesis:ListStreams in us-east-1"),
                "{u:?}"
            );
        }
        other => panic!("kinesis coverage is {other:?}"),
    }
    assert!(!inv
        .resources
        .iter()
        .any(|r| r.kind() == ResourceKind::KinesisStream));

    // Denied per-resource calls: the resource is there, the facts are unknown, the rules say
    // unknown (not pass), and the other resources of the service are untouched.
    for service in ["ecs", "eks", "athena"] {
        assert_eq!(status(service), CoverageStatus::Ok, "{service}");
    }
    let verdict = |rule: &str, kind: ResourceKind, name: &str| {
        v.get(&(rule.to_string(), id_of(inv, kind, name)))
            .map(|(s, _)| *s)
    };
    let task = ResourceKind::EcsTaskDefinition;
    assert_eq!(
        verdict("ECS-001", task, "phi-worker"),
        Some(Status::Unknown)
    );
    assert_eq!(
        verdict("ECS-002", task, "phi-worker"),
        Some(Status::Unknown)
    );
    assert_eq!(verdict("ECS-001", task, "phi-api"), Some(Pass));
    let eks = ResourceKind::EksCluster;
    assert_eq!(
        verdict("EKS-001", eks, "phi-eks-open"),
        Some(Status::Unknown)
    );
    assert_eq!(
        verdict("EKS-002", eks, "phi-eks-open"),
        Some(Status::Unknown)
    );
    assert_eq!(verdict("EKS-001", eks, "phi-eks"), Some(Pass));
    // Only the tags of the workgroups are unknown: the encryption verdicts stand.
    let wg = ResourceKind::AthenaWorkgroup;
    assert_eq!(verdict("ATH-001", wg, "phi-queries"), Some(Pass));
    assert_eq!(verdict("ATH-001", wg, "adhoc"), Some(Fail));
    assert_eq!(verdict("PHI-001", wg, "phi-queries"), Some(Status::Unknown));
    let Some(Resource::AthenaWorkgroup(w)) = inv
        .resources
        .iter()
        .find(|r| r.kind() == wg && r.meta().name == "phi-queries")
    else {
        unreachable!()
    };
    match &w.meta.tags {
        Value::Unknown(u) => assert_eq!(u.reason, UnknownReason::AccessDenied),
        other => panic!("tags are {other:?}"),
    }
}
