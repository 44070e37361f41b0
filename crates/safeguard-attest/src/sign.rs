//! Ed25519 keys and signatures for evidence bundles.
//!
//! A signed bundle carries `manifest.sig` next to `manifest.json`: the Ed25519 signature of
//! the manifest's exact bytes. The manifest holds every other file's SHA-256, so the signature
//! vouches for the whole bundle on its own, without the next bundle of the chain: whoever
//! changes a file must rewrite the manifest, and cannot re-sign it without the private key.
//!
//! Keys are PEM text in the standard encodings, so other tools read them too
//! (`openssl pkey -in KEY.key.pem -pubout` gives the public key):
//!
//! - private key: PKCS#8 (RFC 8410), `-----BEGIN PRIVATE KEY-----`, the 32-byte seed;
//! - public key: SubjectPublicKeyInfo (RFC 8410), `-----BEGIN PUBLIC KEY-----`.
//!
//! `manifest.sig` is JSON: `{"algorithm": "ed25519", "public_key": <base64>, "fingerprint":
//! "sha256:<hex>", "signature": <base64>}`. The public key in it says who signed (for the
//! message when no key is given); it is never used to check the signature, which is always
//! checked against the key the verifier trusts.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};

/// The signature's file name inside a bundle.
pub const SIGNATURE: &str = "manifest.sig";

/// DER prefix of an Ed25519 PKCS#8 v1 private key (RFC 8410 §7): the 32-byte seed follows.
const PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): the 32-byte key follows.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

const PRIVATE_LABEL: &str = "PRIVATE KEY";
const PUBLIC_LABEL: &str = "PUBLIC KEY";

/// A private signing key. Its bytes are wiped from memory when it is dropped, and it has no
/// `Debug` output that could land in a log.
pub struct SigningKey(ed25519_dalek::SigningKey);

/// A public key, to check signatures with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

/// The contents of `manifest.sig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureFile {
    pub algorithm: String,
    /// The signer's public key (base64 of the 32 bytes); informational only.
    pub public_key: String,
    /// [`PublicKey::fingerprint`] of that key.
    pub fingerprint: String,
    /// Base64 of the 64-byte Ed25519 signature of `manifest.json`'s bytes.
    pub signature: String,
}

fn pem(label: &str, der: &[u8]) -> String {
    let b64 = B64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The DER bytes of the first PEM block labelled `label`, or `None` when there is none.
fn unpem(text: &str, label: &str) -> Result<Option<Vec<u8>>, String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let Some(start) = text.find(&begin) else {
        return Ok(None);
    };
    let rest = &text[start + begin.len()..];
    let stop = rest
        .find(&end)
        .ok_or_else(|| format!("the PEM block has no {end} line"))?;
    let body: String = rest[..stop].split_whitespace().collect();
    B64.decode(body)
        .map(Some)
        .map_err(|_| "the PEM block is not valid base64".to_string())
}

fn fingerprint_of(key: &ed25519_dalek::VerifyingKey) -> String {
    format!("sha256:{}", crate::bundle::sha256_hex(key.as_bytes()))
}

impl SigningKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<SigningKey, String> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| format!("the operating system's random source failed: {e}"))?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        seed.fill(0);
        Ok(SigningKey(key))
    }

    /// Reads a PKCS#8 PEM private key. A public key given by mistake is named as such.
    pub fn from_pem(text: &str) -> Result<SigningKey, String> {
        let der = match unpem(text, PRIVATE_LABEL)? {
            Some(der) => der,
            None if text.contains(&format!("-----BEGIN {PUBLIC_LABEL}-----")) => return Err(
                "this is a public key; signing needs the private key (-----BEGIN PRIVATE KEY-----)"
                    .into(),
            ),
            None => {
                return Err("not a PEM private key (expected -----BEGIN PRIVATE KEY-----)".into())
            }
        };
        let seed: [u8; 32] = der
            .strip_prefix(&PKCS8_PREFIX[..])
            .and_then(|s| s.try_into().ok())
            .ok_or("not an Ed25519 private key (PKCS#8, RFC 8410)")?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The private key as PKCS#8 PEM. Write it only to a file only its owner can read.
    pub fn to_pem(&self) -> String {
        let mut der = PKCS8_PREFIX.to_vec();
        der.extend_from_slice(self.0.as_bytes());
        let text = pem(PRIVATE_LABEL, &der);
        der.fill(0);
        text
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// Signs `message` (a manifest's bytes) and says who signed.
    pub fn sign(&self, message: &[u8]) -> SignatureFile {
        let public = self.0.verifying_key();
        SignatureFile {
            algorithm: "ed25519".into(),
            public_key: B64.encode(public.as_bytes()),
            fingerprint: fingerprint_of(&public),
            signature: B64.encode(self.0.sign(message).to_bytes()),
        }
    }
}

impl PublicKey {
    /// Reads a SubjectPublicKeyInfo PEM public key. A private key given by mistake is refused
    /// rather than used: verifiers should never need to hold it.
    pub fn from_pem(text: &str) -> Result<PublicKey, String> {
        let der = match unpem(text, PUBLIC_LABEL)? {
            Some(der) => der,
            None if text.contains(&format!("-----BEGIN {PRIVATE_LABEL}-----")) => {
                return Err(
                    "this is a private key; verifying needs the public key (-----BEGIN PUBLIC KEY-----), which keeps the private one secret"
                        .into(),
                )
            }
            None => return Err("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)".into()),
        };
        let bytes: [u8; 32] = der
            .strip_prefix(&SPKI_PREFIX[..])
            .and_then(|s| s.try_into().ok())
            .ok_or("not an Ed25519 public key (SubjectPublicKeyInfo, RFC 8410)")?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| "not a valid Ed25519 public key".to_string())
    }

    pub fn to_pem(&self) -> String {
        let mut der = SPKI_PREFIX.to_vec();
        der.extend_from_slice(self.0.as_bytes());
        pem(PUBLIC_LABEL, &der)
    }

    /// `sha256:` and the hex SHA-256 of the 32 key bytes: how reports name a key.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.0)
    }

    /// Checks `sig` (a `manifest.sig`'s bytes) over `message` with this key. The error is one
    /// sentence saying what is wrong: unreadable, made with another key, or not matching the
    /// message (the manifest changed after signing).
    pub fn verify(&self, message: &[u8], sig: &[u8]) -> Result<(), String> {
        let file: SignatureFile = serde_json::from_slice(sig)
            .map_err(|e| format!("{SIGNATURE} is not a readable signature file: {e}"))?;
        if file.algorithm != "ed25519" {
            return Err(format!(
                "{SIGNATURE} uses algorithm {:?}, expected ed25519",
                file.algorithm
            ));
        }
        let raw: [u8; 64] = B64
            .decode(&file.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| format!("{SIGNATURE}: the signature is not 64 bytes of base64"))?;
        let signature = ed25519_dalek::Signature::from_bytes(&raw);
        if self.0.verify_strict(message, &signature).is_ok() {
            return Ok(());
        }
        let mine = self.fingerprint();
        if file.fingerprint != mine {
            Err(format!(
                "signed with another key ({}), not with the given public key ({mine})",
                file.fingerprint
            ))
        } else {
            Err(format!(
                "signature does not match: {} was changed after it was signed",
                crate::bundle::MANIFEST
            ))
        }
    }
}

/// Says who signed, from a `manifest.sig`, without checking anything.
pub fn signer(sig: &[u8]) -> Option<String> {
    serde_json::from_slice::<SignatureFile>(sig)
        .ok()
        .map(|f| f.fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_pem_and_sign() {
        let key = SigningKey::generate().unwrap();
        let pem = key.to_pem();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        let again = SigningKey::from_pem(&pem).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        let public = PublicKey::from_pem(&key.public_key().to_pem()).unwrap();
        assert_eq!(public, key.public_key());

        let sig = serde_json::to_vec(&again.sign(b"manifest")).unwrap();
        public.verify(b"manifest", &sig).unwrap();
        assert_eq!(signer(&sig), Some(public.fingerprint()));
        let err = public.verify(b"manifesT", &sig).unwrap_err();
        assert!(err.contains("changed after it was signed"), "{err}");
        let other = SigningKey::generate().unwrap().public_key();
        let err = other.verify(b"manifest", &sig).unwrap_err();
        assert!(err.contains("signed with another key"), "{err}");
    }

    #[test]
    fn a_forged_signer_name_does_not_help() {
        let trusted = SigningKey::generate().unwrap();
        let forger = SigningKey::generate().unwrap();
        // The forger signs and claims to be the trusted key.
        let mut file = forger.sign(b"manifest");
        file.fingerprint = trusted.public_key().fingerprint();
        file.public_key = B64.encode(trusted.public_key().0.as_bytes());
        let sig = serde_json::to_vec(&file).unwrap();
        assert!(trusted.public_key().verify(b"manifest", &sig).is_err());
    }

    /// Interoperability: the RFC 8410 §10.3 example private key, as OpenSSL writes it.
    #[test]
    fn reads_the_rfc_8410_example_key() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let key = SigningKey::from_pem(pem).unwrap();
        assert_eq!(key.to_pem(), pem);
        // RFC 8410 §10.1: its public key.
        let public = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        assert_eq!(key.public_key().to_pem(), public);
        assert_eq!(PublicKey::from_pem(public).unwrap(), key.public_key());
    }

    #[test]
    fn key_mix_ups_and_garbage_are_named() {
        let key = SigningKey::generate().unwrap();
        let err = PublicKey::from_pem(&key.to_pem()).unwrap_err();
        assert!(err.contains("this is a private key"), "{err}");
        let err = SigningKey::from_pem(&key.public_key().to_pem())
            .err()
            .unwrap();
        assert!(err.contains("this is a public key"), "{err}");
        assert!(SigningKey::from_pem("hello").is_err());
        assert!(
            PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n")
                .is_err()
        );
        assert!(key.public_key().verify(b"m", b"not json").is_err());
    }
}
