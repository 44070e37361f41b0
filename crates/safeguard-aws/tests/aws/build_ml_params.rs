//! CodeBuild projects, SageMaker endpoint configurations, WorkSpaces, Systems Manager
//! parameters and Glue connections, plus the two EC2 and ELB facts that come from other
//! services (Systems Manager managed nodes, WAFv2 web ACLs): compliant and non-compliant ones
//! planted in moto through the SDK, collected through the proxy (which fills moto's gaps) and
//! evaluated with the whole catalog. Also checks that parameter values, connection passwords
//! and CodeBuild plaintext environment values never reach the inventory, and what a denied
//! Systems Manager or WAFv2 call does.

use crate::common::{moto_gaps, no_organization, options, sdk, Act, Moto, Proxy, Rule, ACCOUNT};
use crate::scenario::{check, id_of, verdicts, Verdicts};
use aws_config::SdkConfig;
use safeguard_model::{CoverageStatus, Inventory, Resource, ResourceKind, UnknownReason, Value};
use safeguard_rules::Status::{self, Fail, NotApplicable, Pass};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Distinctive values planted as secrets; they must never be collected.
const SSM_SECRET_VALUE: &str = "ssm-securestring-VALUE-do-not-collect-61d0a";
const SSM_PLAIN_VALUE: &str = "ssm-string-VALUE-do-not-collect-0b7e2";
const GLUE_PASSWORD: &str = "glue-PASSWORD-do-not-collect-d27c4";
const CODEBUILD_ENV_VALUE: &str = "codebuild-env-VALUE-do-not-collect-5a9f3";

/// moto ignores `encryptionKey` in `CreateProject` and answers `alias/aws/s3` for every
/// project. The project that names a customer key is created with this queued timeout, which
/// moto writes right before the key, so the proxy can put the key back for that project only.
const CMK_PROJECT_QUEUED_TIMEOUT: i32 = 417;

/// The rule families of the five resource types, and the two rules whose facts come from
/// Systems Manager and WAFv2.
const PREFIXES: &[&str] = &["CB-", "SGM-", "WS-", "GLUE-"];
const CROSS_SERVICE: &[&str] = &["EC2-013", "ELB-006"];

/// The resource types the collectors under test produce.
const KINDS: &[ResourceKind] = &[
    ResourceKind::CodeBuildProject,
    ResourceKind::SageMakerEndpointConfig,
    ResourceKind::Workspace,
    ResourceKind::SsmParameter,
    ResourceKind::GlueConnection,
];

struct Planted {
    kms_key: String,
    managed_instance: String,
    unmanaged_instance: String,
    stopped_instance: String,
    web_acl: String,
    workspaces: Vec<String>,
}

async fn plant(url: &str) -> Planted {
    let c = &sdk(url).await;
    let kms_key = aws_sdk_kms::Client::new(c)
        .create_key()
        .description("phi-build-ml")
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    let net = network(c).await;
    let (managed_instance, unmanaged_instance, stopped_instance) = instances(c, &net).await;
    let web_acl = load_balancers(c, &net).await;
    ssm(c, &kms_key).await;
    glue(c).await;
    codebuild(c, &kms_key).await;
    sagemaker(c, &kms_key).await;
    let workspaces = workspaces(url, c, &net, &kms_key).await;
    Planted {
        kms_key,
        managed_instance,
        unmanaged_instance,
        stopped_instance,
        web_acl,
        workspaces,
    }
}

struct Net {
    vpc: String,
    subnets: Vec<String>,
}

async fn network(c: &SdkConfig) -> Net {
    let e = aws_sdk_ec2::Client::new(c);
    let vpc = e
        .create_vpc()
        .cidr_block("10.40.0.0/16")
        .send()
        .await
        .unwrap()
        .vpc()
        .unwrap()
        .vpc_id()
        .unwrap()
        .to_string();
    let mut subnets = Vec::new();
    for (cidr, az) in [
        ("10.40.1.0/24", "us-east-1a"),
        ("10.40.2.0/24", "us-east-1b"),
    ] {
        let s = e
            .create_subnet()
            .vpc_id(&vpc)
            .cidr_block(cidr)
            .availability_zone(az)
            .send()
            .await
            .unwrap();
        subnets.push(s.subnet().unwrap().subnet_id().unwrap().to_string());
    }
    Net { vpc, subnets }
}

/// Three instances: one that is a managed node, one that is not, one stopped.
async fn instances(c: &SdkConfig, net: &Net) -> (String, String, String) {
    use aws_sdk_ec2::types::InstanceType;
    let e = aws_sdk_ec2::Client::new(c);
    let image = e.describe_images().send().await.unwrap().images()[0]
        .image_id()
        .unwrap()
        .to_string();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let run = e
            .run_instances()
            .image_id(&image)
            .instance_type(InstanceType::T3Micro)
            .min_count(1)
            .max_count(1)
            .subnet_id(&net.subnets[0])
            .send()
            .await
            .unwrap();
        ids.push(run.instances()[0].instance_id().unwrap().to_string());
    }
    e.stop_instances()
        .instance_ids(&ids[2])
        .send()
        .await
        .unwrap();
    (ids[0].clone(), ids[1].clone(), ids[2].clone())
}

/// Application load balancers with and without a web ACL, an internal one and a network load
/// balancer. Returns the web ACL's ARN.
async fn load_balancers(c: &SdkConfig, net: &Net) -> String {
    use aws_sdk_elasticloadbalancingv2::types::{LoadBalancerSchemeEnum, LoadBalancerTypeEnum};
    use aws_sdk_wafv2::types::{AllowAction, DefaultAction, Scope, VisibilityConfig};
    let l = aws_sdk_elasticloadbalancingv2::Client::new(c);
    let mut arns = Vec::new();
    for (name, scheme, kind) in [
        (
            "phi-portal",
            LoadBalancerSchemeEnum::InternetFacing,
            LoadBalancerTypeEnum::Application,
        ),
        (
            "phi-portal-open",
            LoadBalancerSchemeEnum::InternetFacing,
            LoadBalancerTypeEnum::Application,
        ),
        (
            "phi-admin",
            LoadBalancerSchemeEnum::Internal,
            LoadBalancerTypeEnum::Application,
        ),
        (
            "phi-hl7-nlb",
            LoadBalancerSchemeEnum::InternetFacing,
            LoadBalancerTypeEnum::Network,
        ),
    ] {
        let lb = l
            .create_load_balancer()
            .name(name)
            .set_subnets(Some(net.subnets.clone()))
            .scheme(scheme)
            .r#type(kind)
            .send()
            .await
            .unwrap();
        arns.push(
            lb.load_balancers()[0]
                .load_balancer_arn()
                .unwrap()
                .to_string(),
        );
    }
    let w = aws_sdk_wafv2::Client::new(c);
    let acl = w
        .create_web_acl()
        .name("phi-portal-waf")
        .scope(Scope::Regional)
        .default_action(
            DefaultAction::builder()
                .allow(AllowAction::builder().build())
                .build(),
        )
        .visibility_config(
            VisibilityConfig::builder()
                .sampled_requests_enabled(true)
                .cloud_watch_metrics_enabled(true)
                .metric_name("phi-portal-waf")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let acl = acl.summary().unwrap().arn().unwrap().to_string();
    w.associate_web_acl()
        .web_acl_arn(&acl)
        .resource_arn(&arns[0])
        .send()
        .await
        .unwrap();
    acl
}

/// A SecureString under a customer key, one under the AWS managed key, and a plain String
/// whose description holds PHI.
async fn ssm(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_ssm::types::{ParameterType, Tag};
    let s = aws_sdk_ssm::Client::new(c);
    s.put_parameter()
        .name("/phi/claims/db-password")
        .description("claims database password")
        .r#type(ParameterType::SecureString)
        .key_id(kms_key)
        .value(SSM_SECRET_VALUE)
        .tags(Tag::builder().key("team").value("claims").build().unwrap())
        .send()
        .await
        .unwrap();
    s.put_parameter()
        .name("/phi/portal/api-token")
        .description("portal API token")
        .r#type(ParameterType::SecureString)
        .value("portal-token-not-collected")
        .send()
        .await
        .unwrap();
    s.put_parameter()
        .name("phi-export-note")
        .description("Export for Robert Brown, DOB 02/27/1958")
        .r#type(ParameterType::String)
        .value(SSM_PLAIN_VALUE)
        .send()
        .await
        .unwrap();
}

/// JDBC connections with and without SSL (both with a password), and a NETWORK connection.
async fn glue(c: &SdkConfig) {
    use aws_sdk_glue::types::{ConnectionInput, ConnectionPropertyKey as K, ConnectionType};
    let g = aws_sdk_glue::Client::new(c);
    for (name, kind, ssl, description) in [
        ("phi-ehr", ConnectionType::Jdbc, Some("true"), "EHR replica"),
        (
            "phi-ehr-plain",
            ConnectionType::Jdbc,
            None,
            "EHR replica, legacy",
        ),
        ("phi-vpc", ConnectionType::Network, None, "VPC access"),
    ] {
        let mut input = ConnectionInput::builder()
            .name(name)
            .description(description)
            .connection_type(kind.clone())
            .set_connection_properties(Some(Default::default()));
        if kind == ConnectionType::Jdbc {
            input = input
                .connection_properties(
                    K::JdbcConnectionUrl,
                    "jdbc:postgresql://ehr.internal:5432/ehr",
                )
                .connection_properties(K::UserName, "etl")
                .connection_properties(K::Password, GLUE_PASSWORD);
        }
        if let Some(ssl) = ssl {
            input = input.connection_properties(K::JdbcEnforceSsl, ssl);
        }
        g.create_connection()
            .connection_input(input.build().unwrap())
            .send()
            .await
            .unwrap();
    }
    g.tag_resource()
        .resource_arn(format!(
            "arn:aws:glue:us-east-1:{ACCOUNT}:connection/phi-ehr"
        ))
        .tags_to_add("data", "ehr")
        .send()
        .await
        .unwrap();
}

/// A project naming a customer key (with a plaintext and a Secrets Manager variable), one on
/// the AWS managed key, and one that disables artifact encryption.
async fn codebuild(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_codebuild::types::{
        ArtifactsType, ComputeType, EnvironmentType, EnvironmentVariable, EnvironmentVariableType,
        ProjectArtifacts, ProjectEnvironment, ProjectSource, SourceType, Tag,
    };
    let b = aws_sdk_codebuild::Client::new(c);
    for name in ["phi-build-cmk", "phi-build-default", "phi-build-noenc"] {
        let env = ProjectEnvironment::builder()
            .r#type(EnvironmentType::LinuxContainer)
            .image("aws/codebuild/standard:7.0")
            .compute_type(ComputeType::BuildGeneral1Small)
            .environment_variables(
                EnvironmentVariable::builder()
                    .name("DB_PASSWORD")
                    .value(CODEBUILD_ENV_VALUE)
                    .r#type(EnvironmentVariableType::Plaintext)
                    .build()
                    .unwrap(),
            )
            .environment_variables(
                EnvironmentVariable::builder()
                    .name("API_TOKEN")
                    .value("prod/api-token")
                    .r#type(EnvironmentVariableType::SecretsManager)
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap();
        let artifacts = ProjectArtifacts::builder()
            .r#type(ArtifactsType::S3)
            .location("phi-build-artifacts")
            .encryption_disabled(name == "phi-build-noenc")
            .build()
            .unwrap();
        let mut p = b
            .create_project()
            .name(name)
            .description("claims ETL build")
            .source(
                ProjectSource::builder()
                    .r#type(SourceType::S3)
                    .location("phi-build-source/etl.zip")
                    .build()
                    .unwrap(),
            )
            .artifacts(artifacts)
            .environment(env)
            .service_role(format!("arn:aws:iam::{ACCOUNT}:role/phi-build"))
            .tags(Tag::builder().key("team").value("claims").build());
        if name == "phi-build-cmk" {
            p = p
                .encryption_key(kms_key)
                .queued_timeout_in_minutes(CMK_PROJECT_QUEUED_TIMEOUT);
        }
        p.send().await.unwrap();
    }
}

/// Endpoint configurations with and without a KMS key.
async fn sagemaker(c: &SdkConfig, kms_key: &str) {
    use aws_sdk_sagemaker::types::{ContainerDefinition, ProductionVariant, Tag};
    let m = aws_sdk_sagemaker::Client::new(c);
    m.create_model()
        .model_name("phi-triage")
        .execution_role_arn(format!("arn:aws:iam::{ACCOUNT}:role/phi-sagemaker"))
        .primary_container(
            ContainerDefinition::builder()
                .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/triage:3")
                .build(),
        )
        .send()
        .await
        .unwrap();
    for (name, key) in [("phi-triage-v3", Some(kms_key)), ("phi-triage-v2", None)] {
        m.create_endpoint_config()
            .endpoint_config_name(name)
            .production_variants(
                ProductionVariant::builder()
                    .variant_name("primary")
                    .model_name("phi-triage")
                    .initial_instance_count(1)
                    .instance_type(
                        aws_sdk_sagemaker::types::ProductionVariantInstanceType::MlM5Large,
                    )
                    .build(),
            )
            .set_kms_key_id(key.map(str::to_string))
            .tags(Tag::builder().key("model").value("triage").build())
            .send()
            .await
            .unwrap();
    }
}

/// A Simple AD directory (through Directory Service's JSON protocol directly: the SDK crate
/// is not a dependency), registered with WorkSpaces, and three WorkSpaces: both volumes
/// encrypted, the user volume not encrypted, neither. Returns their ids in that order.
async fn workspaces(url: &str, c: &SdkConfig, net: &Net, kms_key: &str) -> Vec<String> {
    use aws_sdk_workspaces::types::{Tag, WorkspaceRequest};
    let created = moto_json(
        url,
        "ds",
        "DirectoryService_20150416.CreateDirectory",
        serde_json::json!({
            "Name": "corp.example.com",
            "Password": "Test-directory-1",
            "Size": "Small",
            "VpcSettings": {"VpcId": net.vpc, "SubnetIds": net.subnets},
        }),
    )
    .await;
    let directory = created["DirectoryId"].as_str().unwrap().to_string();
    let w = aws_sdk_workspaces::Client::new(c);
    w.register_workspace_directory()
        .directory_id(&directory)
        .send()
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (user, root, user_volume) in [
        ("nurse1", true, true),
        ("billing1", true, false),
        ("kiosk", false, false),
    ] {
        let mut req = WorkspaceRequest::builder()
            .directory_id(&directory)
            .user_name(user)
            .bundle_id("wsb-bh8rsxt14")
            .root_volume_encryption_enabled(root)
            .user_volume_encryption_enabled(user_volume)
            .tags(Tag::builder().key("unit").value("ward-3").build().unwrap());
        if root || user_volume {
            req = req.volume_encryption_key(kms_key);
        }
        let out = w
            .create_workspaces()
            .workspaces(req.build().unwrap())
            .send()
            .await
            .unwrap();
        assert!(
            out.failed_requests().is_empty(),
            "{:?}",
            out.failed_requests()
        );
        ids.push(
            out.pending_requests()[0]
                .workspace_id()
                .unwrap()
                .to_string(),
        );
    }
    ids
}

/// One call to moto in the AWS JSON 1.1 protocol, for a service whose SDK crate this crate
/// does not depend on. moto routes by the credential scope and does not check the signature.
async fn moto_json(
    url: &str,
    service: &str,
    target: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let host = url.trim_start_matches("http://");
    let body = body.to_string();
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: {target}\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIASGTESTKEY7Q2W3E4/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw);
    let (head, answer) = text.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.1 200"),
        "{target}: {head}\n{answer}"
    );
    serde_json::from_str(answer).unwrap()
}

/// moto leaves `ConnectionType` out of `GetConnections`: the proxy puts it back, per
/// connection.
fn glue_connection_types() -> Act {
    Act::Edits(
        [
            ("phi-ehr", "JDBC"),
            ("phi-ehr-plain", "JDBC"),
            ("phi-vpc", "NETWORK"),
        ]
        .iter()
        .map(|(name, kind)| {
            (
                format!("\"Name\": \"{name}\", "),
                format!("\"Name\": \"{name}\", \"ConnectionType\": \"{kind}\", "),
            )
        })
        .collect(),
    )
}

/// The proxy's rules for these tests: the managed node moto cannot report, the customer key
/// and connection types moto drops, then moto's usual gaps.
fn proxy_rules(p: &Planted) -> Vec<Rule> {
    let timeout = format!("\"queuedTimeoutInMinutes\": {CMK_PROJECT_QUEUED_TIMEOUT}");
    let cmk = Act::Edits(vec![(
        format!("{timeout}, \"encryptionKey\": \"arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/s3\""),
        format!("{timeout}, \"encryptionKey\": \"{}\"", p.kms_key),
    )]);
    [
        vec![
            Rule::op(
                "ssm",
                "DescribeInstanceInformation",
                Act::Respond {
                    status: 200,
                    content_type: "application/x-amz-json-1.1",
                    body: format!(
                        "{{\"InstanceInformationList\":[{{\"InstanceId\":\"{}\",\"PingStatus\":\"Online\",\"PlatformType\":\"Linux\",\"ResourceType\":\"EC2Instance\",\"AgentVersion\":\"3.3.987.0\"}}]}}",
                        p.managed_instance
                    ),
                },
            ),
            Rule::op("codebuild", "BatchGetProjects", cmk),
            Rule::op("glue", "GetConnections", glue_connection_types()),
        ],
        moto_gaps(),
        vec![no_organization()],
    ]
    .concat()
}

/// The findings the planted resources must get: every finding of the five types' own rules,
/// the two cross-service EC2 and ELB rules, and the PHI checks on what these collectors read
/// (descriptions, variable names).
fn expected(inv: &Inventory, p: &Planted) -> Vec<(&'static str, String, Status)> {
    let a = ACCOUNT;
    let arn = |service: &str, rest: &str| format!("arn:aws:{service}:us-east-1:{a}:{rest}");
    let lb = |name: &str| id_of(inv, ResourceKind::LoadBalancer, name);
    let ws = |i: usize| arn("workspaces", &format!("workspace/{}", p.workspaces[i]));
    vec![
        ("CB-001", arn("codebuild", "project/phi-build-cmk"), Pass),
        (
            "CB-001",
            arn("codebuild", "project/phi-build-default"),
            Fail,
        ),
        ("CB-001", arn("codebuild", "project/phi-build-noenc"), Fail),
        (
            "SGM-001",
            arn("sagemaker", "endpoint-config/phi-triage-v3"),
            Pass,
        ),
        (
            "SGM-001",
            arn("sagemaker", "endpoint-config/phi-triage-v2"),
            Fail,
        ),
        ("WS-001", ws(0), Pass),
        ("WS-001", ws(1), Fail),
        ("WS-001", ws(2), Fail),
        ("GLUE-001", arn("glue", "connection/phi-ehr"), Pass),
        ("GLUE-001", arn("glue", "connection/phi-ehr-plain"), Fail),
        ("GLUE-001", arn("glue", "connection/phi-vpc"), NotApplicable),
        // Systems Manager managed nodes and WAFv2 web ACLs.
        (
            "EC2-013",
            arn("ec2", &format!("instance/{}", p.managed_instance)),
            Pass,
        ),
        (
            "EC2-013",
            arn("ec2", &format!("instance/{}", p.unmanaged_instance)),
            Fail,
        ),
        (
            "EC2-013",
            arn("ec2", &format!("instance/{}", p.stopped_instance)),
            Fail,
        ),
        ("ELB-006", lb("phi-portal"), Pass),
        ("ELB-006", lb("phi-portal-open"), Fail),
        ("ELB-006", lb("phi-admin"), NotApplicable),
        ("ELB-006", lb("phi-hl7-nlb"), NotApplicable),
        // PHI in what these collectors read.
        (
            "PHI-002",
            arn("ssm", "parameter/phi/claims/db-password"),
            Pass,
        ),
        ("PHI-002", arn("ssm", "parameter/phi-export-note"), Fail),
        ("PHI-002", arn("glue", "connection/phi-ehr"), Pass),
        ("PHI-002", arn("codebuild", "project/phi-build-cmk"), Pass),
        ("PHI-003", arn("codebuild", "project/phi-build-cmk"), Pass),
    ]
}

/// Every finding of the five types' own rules and the two cross-service rules.
fn own_findings(v: &Verdicts) -> Vec<(String, String, Status)> {
    v.iter()
        .filter(|((rule, _), _)| {
            PREFIXES.iter().any(|p| rule.starts_with(p)) || CROSS_SERVICE.contains(&rule.as_str())
        })
        .map(|((rule, id), (status, _))| (rule.clone(), id.clone(), *status))
        .collect()
}

fn is_own(inv: &Inventory, id: &str) -> bool {
    inv.resources
        .iter()
        .any(|r| KINDS.contains(&r.kind()) && r.meta().id == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn build_ml_and_parameter_resources_get_the_expected_verdicts() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant(&moto.url).await;
    let proxy = Proxy::start(&moto.url, proxy_rules(&planted)).await;
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
            if is_own(inv, id) || CROSS_SERVICE.contains(&rule.as_str()) {
                eprintln!("{rule:10} {status:?} {id} -- {msg}");
            }
        }
    }

    // Each collector ran and answered in full.
    for service in ["codebuild", "sagemaker", "workspaces", "ssm", "glue", "ec2"] {
        let rows: Vec<_> = inv
            .coverage
            .iter()
            .filter(|r| r.service == service)
            .collect();
        assert_eq!(rows.len(), 1, "{service}: {rows:?}");
        assert_eq!(rows[0].status, CoverageStatus::Ok, "{rows:?}");
    }

    let want = expected(inv, &planted);
    check(&v, &want);
    // No other finding of these rules: no resource collected twice, none invented.
    let mut own_want: Vec<(String, String, Status)> = want
        .iter()
        .filter(|(rule, _, _)| {
            PREFIXES.iter().any(|p| rule.starts_with(p)) || CROSS_SERVICE.contains(rule)
        })
        .map(|(rule, id, status)| (rule.to_string(), id.clone(), *status))
        .collect();
    own_want.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(own_findings(&v), own_want);

    // Every fact the rules need was collected: nothing about these resources is unknown.
    let unknown: Vec<String> = v
        .iter()
        .filter(|((rule, id), (status, _))| {
            *status == Status::Unknown
                && (is_own(inv, id) || CROSS_SERVICE.contains(&rule.as_str()))
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
    let tag = |r: &Resource, k: &str| r.meta().tags.known().and_then(|t| t.get(k)).cloned();
    let r = find(ResourceKind::CodeBuildProject, "phi-build-cmk");
    let Resource::CodeBuildProject(b) = r else {
        unreachable!()
    };
    assert_eq!(
        b.encryption_key,
        Value::Known(Some(planted.kms_key.clone()))
    );
    assert_eq!(b.artifacts_encryption_disabled, Value::Known(false));
    assert_eq!(b.description, Value::Known("claims ETL build".to_string()));
    assert_eq!(tag(r, "team").as_deref(), Some("claims"));
    let Resource::CodeBuildProject(d) = find(ResourceKind::CodeBuildProject, "phi-build-default")
    else {
        unreachable!()
    };
    assert_eq!(
        d.encryption_key,
        Value::Known(Some(format!(
            "arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/s3"
        )))
    );
    let r = find(ResourceKind::SageMakerEndpointConfig, "phi-triage-v3");
    let Resource::SageMakerEndpointConfig(e) = r else {
        unreachable!()
    };
    assert_eq!(e.kms_key_id, Value::Known(Some(planted.kms_key.clone())));
    assert_eq!(tag(r, "model").as_deref(), Some("triage"));
    let Resource::SageMakerEndpointConfig(e) =
        find(ResourceKind::SageMakerEndpointConfig, "phi-triage-v2")
    else {
        unreachable!()
    };
    assert_eq!(e.kms_key_id, Value::Known(None));
    let r = find(ResourceKind::Workspace, &planted.workspaces[1]);
    let Resource::Workspace(w) = r else {
        unreachable!()
    };
    assert_eq!(w.root_volume_encrypted, Value::Known(true));
    assert_eq!(w.user_volume_encrypted, Value::Known(false));
    assert_eq!(
        w.volume_kms_key,
        Value::Known(Some(planted.kms_key.clone()))
    );
    assert_eq!(tag(r, "unit").as_deref(), Some("ward-3"));
    let Resource::Workspace(w) = find(ResourceKind::Workspace, &planted.workspaces[2]) else {
        unreachable!()
    };
    assert_eq!(w.volume_kms_key, Value::Known(None));
    let r = find(ResourceKind::SsmParameter, "/phi/claims/db-password");
    let Resource::SsmParameter(s) = r else {
        unreachable!()
    };
    assert_eq!(s.parameter_type, Value::Known("SecureString".to_string()));
    assert_eq!(s.kms_key_id, Value::Known(Some(planted.kms_key.clone())));
    assert_eq!(
        s.description,
        Value::Known("claims database password".to_string())
    );
    assert_eq!(tag(r, "team").as_deref(), Some("claims"));
    let Resource::SsmParameter(s) = find(ResourceKind::SsmParameter, "phi-export-note") else {
        unreachable!()
    };
    assert_eq!(s.parameter_type, Value::Known("String".to_string()));
    assert_eq!(s.kms_key_id, Value::Known(None));
    let r = find(ResourceKind::GlueConnection, "phi-ehr");
    let Resource::GlueConnection(g) = r else {
        unreachable!()
    };
    assert_eq!(g.connection_type, Value::Known("JDBC".to_string()));
    assert_eq!(g.jdbc_enforce_ssl, Value::Known(true));
    assert_eq!(tag(r, "data").as_deref(), Some("ehr"));
    let Resource::LoadBalancer(l) = find(ResourceKind::LoadBalancer, "phi-portal") else {
        unreachable!()
    };
    assert_eq!(l.web_acl, Value::Known(Some(planted.web_acl.clone())));
    let Resource::LoadBalancer(l) = find(ResourceKind::LoadBalancer, "phi-hl7-nlb") else {
        unreachable!()
    };
    assert_eq!(l.web_acl, Value::Known(None));
    // WAF is asked about application load balancers only.
    assert_eq!(
        c.stats.calls_by_operation.get("wafv2:GetWebACLForResource"),
        Some(&3)
    );
    assert_eq!(
        c.stats
            .calls_by_operation
            .get("ssm:DescribeInstanceInformation"),
        Some(&1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parameter_values_passwords_and_build_variables_never_reach_the_inventory() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant(&moto.url).await;
    // GetConnections must ask AWS to leave passwords out: the request that does is forwarded
    // unchanged, any other is refused, which would leave the Glue coverage row failed.
    let hide =
        Rule::op("glue", "GetConnections", glue_connection_types()).body("\"HidePassword\":true");
    let refuse = Rule::op("glue", "GetConnections", Act::Deny);
    let proxy = Proxy::start(
        &moto.url,
        [vec![hide, refuse], proxy_rules(&planted)].concat(),
    )
    .await;
    let opts = options(&proxy.url, &["us-east-1"]);
    let c = safeguard_aws::collect_with_stats(&opts).await.unwrap();
    assert_eq!(
        proxy.count("glue", "denied"),
        0,
        "GetConnections without HidePassword"
    );
    assert!(proxy.count("glue", "rewritten") >= 1);
    // moto's answers carry the secrets (DescribeParameters includes each value, moto's
    // BatchGetProjects every variable value), so their absence below is the collector's doing.
    let json = c.inventory.to_json();
    for (what, needle) in [
        ("the SecureString parameter value", SSM_SECRET_VALUE),
        ("the String parameter value", SSM_PLAIN_VALUE),
        ("the Glue connection password", GLUE_PASSWORD),
        (
            "the CodeBuild plaintext environment value",
            CODEBUILD_ENV_VALUE,
        ),
        ("the CodeBuild Secrets Manager reference", "prod/api-token"),
        ("the Glue connection's user name", "\"etl\""),
        ("the Glue connection's JDBC URL", "jdbc:postgresql"),
    ] {
        assert!(!json.contains(needle), "{what} appears in the inventory");
        assert!(!format!("{:?}", c.stats).contains(needle));
    }
    // What is kept instead: the variables' names and the parameters' metadata.
    let b = c
        .inventory
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::CodeBuildProject(b) if b.meta.name == "phi-build-cmk" => Some(b),
            _ => None,
        })
        .expect("the phi-build-cmk project is collected");
    assert_eq!(
        b.environment_variable_names,
        Value::Known(vec!["API_TOKEN".to_string(), "DB_PASSWORD".to_string()])
    );
    let glue_rows: Vec<_> = c
        .inventory
        .coverage
        .iter()
        .filter(|r| r.service == "glue")
        .collect();
    assert_eq!(glue_rows.len(), 1);
    assert_eq!(glue_rows[0].status, CoverageStatus::Ok);
    assert!(json.contains("/phi/claims/db-password"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn denied_systems_manager_and_waf_calls_leave_those_facts_unknown() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant(&moto.url).await;
    let proxy = Proxy::start(
        &moto.url,
        [
            vec![
                Rule::op("ssm", "DescribeInstanceInformation", Act::Deny),
                Rule::op("wafv2", "GetWebACLForResource", Act::Deny),
            ],
            proxy_rules(&planted),
        ]
        .concat(),
    )
    .await;
    let c = safeguard_aws::collect_with_stats(&options(&proxy.url, &["us-east-1"]))
        .await
        .unwrap();
    let inv = &c.inventory;
    // The instances and load balancers are all there: their inventories are complete.
    for service in ["ec2", "elasticloadbalancing", "ssm"] {
        for row in inv.coverage.iter().filter(|r| r.service == service) {
            assert_eq!(row.status, CoverageStatus::Ok, "{row:?}");
        }
    }
    let v = verdicts(inv);
    let a = ACCOUNT;
    let instance = |id: &str| format!("arn:aws:ec2:us-east-1:{a}:instance/{id}");
    let lb = |name: &str| id_of(inv, ResourceKind::LoadBalancer, name);
    check(
        &v,
        &[
            (
                "EC2-013",
                instance(&planted.managed_instance),
                Status::Unknown,
            ),
            (
                "EC2-013",
                instance(&planted.unmanaged_instance),
                Status::Unknown,
            ),
            ("ELB-006", lb("phi-portal"), Status::Unknown),
            ("ELB-006", lb("phi-portal-open"), Status::Unknown),
            // Neither needs the web ACL.
            ("ELB-006", lb("phi-admin"), NotApplicable),
            ("ELB-006", lb("phi-hl7-nlb"), NotApplicable),
        ],
    );
    for r in &inv.resources {
        match r {
            Resource::Ec2Instance(i) => {
                let u = i
                    .ssm_managed
                    .as_result()
                    .expect_err("ssm_managed is unknown");
                assert_eq!(u.reason, UnknownReason::AccessDenied);
                assert_eq!(
                    u.detail,
                    "ssm:DescribeInstanceInformation in us-east-1: AccessDeniedException"
                );
                assert!(i.state.is_known() && i.metadata_options.is_known());
            }
            Resource::LoadBalancer(l) if l.lb_type.known().is_some_and(|t| t == "application") => {
                let u = l.web_acl.as_result().expect_err("web_acl is unknown");
                assert_eq!(u.reason, UnknownReason::AccessDenied);
                assert!(l.listeners.is_known());
            }
            _ => {}
        }
    }
}
