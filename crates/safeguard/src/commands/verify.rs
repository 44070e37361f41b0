//! `safeguard verify`: checks an evidence bundle's manifest, its link to the previous one, and
//! with `--public-key` its signature.

use anyhow::{anyhow, Context as _};
use clap::Args;
use safeguard_attest::bundle::Signature;
use safeguard_attest::sign::PublicKey;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The evidence bundle to check.
    pub bundle: PathBuf,
    /// The bundle it should follow in the chain.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Require a signature by this Ed25519 public key (PEM, `PREFIX.pub.pem` from `safeguard
    /// evidence keygen`): an unsigned bundle, another signer or a manifest changed after
    /// signing fails.
    #[arg(long, value_name = "KEYFILE")]
    pub public_key: Option<PathBuf>,
}

/// Exit 0 when intact, 1 when something is wrong (each problem on standard error).
pub fn run(args: VerifyArgs) -> anyhow::Result<u8> {
    let bytes = std::fs::read(&args.bundle)
        .with_context(|| format!("cannot read {}", args.bundle.display()))?;
    let prev = match &args.previous {
        Some(p) => Some((
            p.display().to_string(),
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        )),
        None => None,
    };
    let key = match &args.public_key {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Some(PublicKey::from_pem(&text).map_err(|e| anyhow!("{}: {e}", p.display()))?)
        }
        None => None,
    };
    let name = args.bundle.display().to_string();
    let (manifest, problems, signature) = match safeguard_attest::bundle::verify_signed(
        &bytes,
        prev.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        key.as_ref(),
    ) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{name}: FAILED: {e}");
            return Ok(1);
        }
    };
    if problems.is_empty() {
        println!(
            "{name}: OK · bundle {} · {} files · created {} · sha256 {}{}",
            manifest.sequence,
            manifest.files.len(),
            manifest.created_at,
            safeguard_attest::bundle::sha256_hex(&bytes),
            match (&manifest.previous, &prev) {
                (Some(_), Some((p, _))) => format!(" · follows {p}"),
                (Some(link), None) => format!(
                    " · follows a bundle with sha256 {} (not checked: give --previous)",
                    link.sha256
                ),
                (None, _) => " · first of its chain".to_string(),
            }
        );
        match &signature {
            Signature::Valid { fingerprint } => {
                println!("  signature OK: signed by key {fingerprint}")
            }
            Signature::Unchecked { signer } => {
                println!("  signed by key {signer} (not checked: give --public-key)")
            }
            Signature::Unsigned | Signature::Invalid => {}
        }
        for m in &manifest.missing_evidence {
            println!("  note: evidence {m} was not available when the bundle was made");
        }
        Ok(0)
    } else {
        for p in &problems {
            eprintln!("{name}: {p}");
        }
        eprintln!(
            "{name}: FAILED ({} problem{})",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        Ok(1)
    }
}
