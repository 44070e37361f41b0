//! Credentials: the STS preflight turns a bad credential into one actionable line, and
//! `--org` scans every ACTIVE account of the organisation through the named role.

use crate::common::{moto_gaps, options, sdk, Act, Moto, Proxy, Rule, ACCOUNT};
use aws_config::SdkConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use safeguard_aws::{CollectError, RegionChoice};
use safeguard_model::{CoverageStatus, Resource, UnknownReason, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_credentials_fail_fast_with_one_actionable_line() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let proxy = Proxy::start(
        &moto.url,
        vec![Rule::op(
            "sts",
            "GetCallerIdentity",
            Act::Fail {
                status: 403,
                code: "ExpiredToken",
            },
        )],
    )
    .await;
    let mut opts = options(&proxy.url, &["us-east-1"]);
    opts.profile = None;
    let err = safeguard_aws::collect(&opts).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, CollectError::Credentials(_)), "{err:?}");
    assert!(
        msg.contains("expired") && msg.contains("aws sso login"),
        "{msg}"
    );
    assert!(!msg.contains('\n'), "one line: {msg}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denied_region_list_is_recorded_and_the_home_region_is_scanned() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let proxy = Proxy::start(
        &moto.url,
        [
            vec![
                Rule::op("ec2", "DescribeRegions", Act::Deny),
                // As in a member account: Organizations answers only the management account.
                Rule::op("organizations", "ListTagsForResource", Act::Deny),
            ],
            moto_gaps(),
        ]
        .concat(),
    )
    .await;
    let mut opts = options(&proxy.url, &["us-east-1"]);
    opts.regions = RegionChoice::All;
    let inv = safeguard_aws::collect(&opts).await.unwrap();
    let row = inv
        .coverage
        .iter()
        .find(|r| r.service == "ec2" && r.region == "global")
        .unwrap();
    assert!(
        matches!(&row.status, CoverageStatus::Failed(u) if u.reason == UnknownReason::AccessDenied),
        "{row:?}"
    );
    let regions: Vec<&str> = inv
        .coverage
        .iter()
        .filter(|r| r.service == "kms")
        .map(|r| r.region.as_str())
        .collect();
    assert_eq!(regions, ["us-east-1"]);
    let account = inv
        .resources
        .iter()
        .find_map(|r| {
            if let Resource::Account(a) = r {
                Some(a)
            } else {
                None
            }
        })
        .unwrap();
    assert!(!account.enabled_regions.is_known());
    // The account's tags are unknown, but that is not a failed read of the scan.
    let Value::Unknown(u) = &account.meta.tags else {
        panic!("{:?}", account.meta.tags)
    };
    assert_eq!(u.reason, UnknownReason::NotCollected);
}

/// SDK configuration acting in another account of moto (through an assumed role).
async fn as_account(base: &SdkConfig, account: &str) -> SdkConfig {
    let sts = aws_sdk_sts::Client::new(base);
    let out = sts
        .assume_role()
        .role_arn(format!(
            "arn:aws:iam::{account}:role/OrganizationAccountAccessRole"
        ))
        .role_session_name("plant")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let creds = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "assumed",
    );
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(creds))
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn org_scan_covers_every_active_account_through_the_role() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let base = sdk(&moto.url).await;
    let org = aws_sdk_organizations::Client::new(&base);
    org.create_organization()
        .feature_set(aws_sdk_organizations::types::OrganizationFeatureSet::All)
        .send()
        .await
        .unwrap();
    let created = org
        .create_account()
        .email("member@example.com")
        .account_name("member")
        .send()
        .await
        .unwrap();
    let member = created
        .create_account_status()
        .unwrap()
        .account_id()
        .unwrap()
        .to_string();
    org.tag_resource()
        .resource_id(&member)
        .tags(
            aws_sdk_organizations::types::Tag::builder()
                .key("env")
                .value("prod")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    // A bucket in the member account, planted with the member's own credentials.
    let in_member = as_account(&base, &member).await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&in_member)
            .force_path_style(true)
            .build(),
    );
    s3.create_bucket()
        .bucket("member-phi-bucket")
        .send()
        .await
        .unwrap();

    let proxy = Proxy::start(&moto.url, moto_gaps()).await;
    let mut opts = options(&proxy.url, &["us-east-1"]);
    opts.org_role = Some("OrganizationAccountAccessRole".to_string());
    opts.external_id = Some("safeguard-test".to_string());
    let inv = safeguard_aws::collect(&opts).await.unwrap();

    let mut accounts = vec![ACCOUNT.to_string(), member.clone()];
    accounts.sort();
    assert_eq!(inv.accounts(), accounts);
    let bucket = inv
        .resources
        .iter()
        .find(|r| r.meta().name == "member-phi-bucket")
        .expect("the member account's bucket is collected");
    assert_eq!(bucket.meta().account, member);
    let member_account = inv
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::Account(a) if a.meta.account == member => Some(a),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        member_account.meta.tags,
        Value::Known([("env".to_string(), "prod".to_string())].into())
    );
    for row in &inv.coverage {
        assert_eq!(row.status, CoverageStatus::Ok, "{row:?}");
    }
}
