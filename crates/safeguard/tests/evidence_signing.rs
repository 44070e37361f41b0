//! Signed evidence bundles as users make and check them: `evidence keygen`, `evidence
//! --sign-key`, `verify --public-key`, and every way verification must fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example_inventory() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/inventory.json")
}

/// Runs the binary in `dir` (an empty directory: no attestation file is picked up).
fn safeguard(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_safeguard"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The base64 body of a PEM file (what must never be printed).
fn pem_body(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

fn keygen(dir: &Path, prefix: &str) -> Output {
    safeguard(dir, &["evidence", "keygen", "--out", prefix])
}

fn pack(dir: &Path, out: &str, key: Option<&str>) -> Output {
    let inv = example_inventory();
    let mut args = vec![
        "evidence",
        "--inventory",
        inv.to_str().unwrap(),
        "--out",
        out,
    ];
    if let Some(k) = key {
        args.extend(["--sign-key", k]);
    }
    safeguard(dir, &args)
}

#[test]
fn keygen_sign_and_verify_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = keygen(dir, "signer");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let private = dir.join("signer.key.pem");
    let public = dir.join("signer.pub.pem");
    assert!(std::fs::read_to_string(&private)
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(std::fs::read_to_string(&public)
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let secret = pem_body(&private);
    assert!(!text(&out).contains(&secret), "the private key is printed");
    // Never overwrites a key.
    let again = keygen(dir, "signer");
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    assert_eq!(pem_body(&private), secret);

    let out = pack(dir, "signed.tar.gz", Some("signer.key.pem"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("signed by key sha256:"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains(&secret), "the private key is printed");

    let out = safeguard(
        dir,
        &["verify", "signed.tar.gz", "--public-key", "signer.pub.pem"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("signature OK"), "{}", text(&out));

    // Without a key: intact, and said to be signed but not checked.
    let out = safeguard(dir, &["verify", "signed.tar.gz"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("not checked"), "{}", text(&out));
}

#[test]
fn wrong_key_tampered_manifest_and_missing_signature_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert_eq!(keygen(dir, "signer").status.code(), Some(0));
    assert_eq!(keygen(dir, "other").status.code(), Some(0));
    // Uncompressed, so the manifest's bytes can be found and changed.
    let out = pack(dir, "signed.tar", Some("signer.key.pem"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // Another key.
    let out = safeguard(
        dir,
        &["verify", "signed.tar", "--public-key", "other.pub.pem"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("signed with another key"),
        "{}",
        text(&out)
    );

    // One byte of the manifest changed (its tool line).
    let mut bytes = std::fs::read(dir.join("signed.tar")).unwrap();
    let needle = b"\"tool\": \"safeguard ";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("manifest in the archive")
        + needle.len();
    bytes[at] ^= 0x01;
    std::fs::write(dir.join("tampered.tar"), &bytes).unwrap();
    let out = safeguard(
        dir,
        &["verify", "tampered.tar", "--public-key", "signer.pub.pem"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("manifest.json was changed after it was signed"),
        "{}",
        text(&out)
    );

    // Unsigned, but a key is given.
    let out = pack(dir, "unsigned.tar", None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = safeguard(
        dir,
        &["verify", "unsigned.tar", "--public-key", "signer.pub.pem"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("not signed"), "{}", text(&out));
}

#[test]
fn key_files_given_the_wrong_way_round_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert_eq!(keygen(dir, "signer").status.code(), Some(0));
    let secret = pem_body(&dir.join("signer.key.pem"));

    let out = pack(dir, "b.tar", Some("signer.pub.pem"));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("this is a public key"),
        "{}",
        text(&out)
    );
    assert!(!dir.join("b.tar").exists());

    assert_eq!(pack(dir, "b.tar", None).status.code(), Some(0));
    let out = safeguard(dir, &["verify", "b.tar", "--public-key", "signer.key.pem"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("this is a private key"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains(&secret), "the private key is printed");
}
