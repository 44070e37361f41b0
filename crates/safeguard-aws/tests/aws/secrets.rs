//! No credential, secret value or environment value ever reaches the inventory.

use crate::common::{moto_gaps, no_organization, options, Moto, Proxy, ACCESS_KEY, SECRET_KEY};
use crate::plant::{self, LAMBDA_ENV_VALUE, SECRET_VALUE};
use safeguard_model::{Resource, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn secrets_and_credentials_never_reach_the_inventory() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let planted = plant::all(&moto.url).await;
    let proxy = Proxy::start(&moto.url, [moto_gaps(), vec![no_organization()]].concat()).await;
    let opts = options(&proxy.url, &["us-east-1"]);
    let c = safeguard_aws::collect_with_stats(&opts).await.unwrap();
    let json = c.inventory.to_json();
    let (bob_key_id, bob_secret) = &planted.bob_key;
    for (what, needle) in [
        ("the Secrets Manager secret value", SECRET_VALUE),
        ("the Lambda environment variable value", LAMBDA_ENV_VALUE),
        ("the scanner's access key id", ACCESS_KEY),
        ("the scanner's secret access key", SECRET_KEY),
        ("user bob's access key id", bob_key_id.as_str()),
        ("user bob's secret access key", bob_secret.as_str()),
    ] {
        assert!(!json.contains(needle), "{what} appears in the inventory");
    }
    // Nor in anything else a caller might print.
    let debug = format!("{:?} {:?}", c.stats, opts);
    for needle in [SECRET_VALUE, LAMBDA_ENV_VALUE, SECRET_KEY] {
        assert!(!debug.contains(needle));
    }

    // What is kept instead: the variable's name, the key's last four characters.
    let f = c
        .inventory
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::LambdaFunction(f) if f.meta.name == "phi-fn" => Some(f),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        f.environment_variable_names,
        Value::Known(vec!["DB_PASSWORD".to_string()])
    );
    let bob = c
        .inventory
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::IamUser(u) if u.meta.name == "bob" => Some(u),
            _ => None,
        })
        .unwrap();
    let keys = bob.access_keys.known().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id_suffix, bob_key_id[bob_key_id.len() - 4..]);
    assert!(
        json.contains("phi-secret-cmk"),
        "the secret itself is inventoried, by name"
    );
}
