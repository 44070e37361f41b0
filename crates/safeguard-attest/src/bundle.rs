//! Evidence bundles: one tar archive (gzip-compressed when the name ends in `.gz`/`.tgz`)
//! holding the report, the inventory, the attestation file and the evidence files it cites,
//! with `manifest.json` listing every file's SHA-256 and size, and the SHA-256 of the previous
//! bundle. Like CloudTrail digest files, each bundle vouches for the one before it, so a
//! changed byte, a dropped file or a missing bundle in the chain is detected by `verify`.
//!
//! Unsigned, a tamperer who rewrites both a file and its manifest entry is caught by the next
//! bundle's `previous` hash, not by this bundle alone. Signed ([`create_signed`], see
//! [`crate::sign`]), `manifest.sig` holds an Ed25519 signature of the manifest's bytes, and
//! [`verify_signed`] with the signer's public key catches that too.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;

pub const MANIFEST: &str = "manifest.json";
pub const FORMAT_NAME: &str = "safeguard-evidence";
pub const FORMAT_VERSION: u32 = 1;

/// A file to pack: its path inside the archive and its bytes.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// The previous bundle in the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousRecord {
    /// SHA-256 of the previous bundle file, byte for byte.
    pub sha256: String,
    /// Its sequence number.
    pub sequence: u64,
    /// Its file name when it was chained (informational).
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// 1 for the first bundle of a chain, then previous + 1.
    pub sequence: u64,
    pub created_at: String,
    pub tool: String,
    pub catalog_version: String,
    pub previous: Option<PreviousRecord>,
    pub files: Vec<FileRecord>,
    /// Evidence the attestations cite that could not be read when packing.
    #[serde(default)]
    pub missing_evidence: Vec<String>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// What a bundle needs besides its files.
#[derive(Clone, Debug)]
pub struct BundleInfo {
    pub created_at: String,
    pub tool: String,
    pub catalog_version: String,
    pub missing_evidence: Vec<String>,
}

/// A safe path inside an archive: relative, `/`-separated, no `..`, no empty parts.
pub fn safe_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && p.split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Builds the archive bytes. `previous` is the previous bundle's bytes (for the chain).
pub fn create(
    entries: &[Entry],
    info: &BundleInfo,
    previous: Option<(&str, &[u8])>,
    gzip: bool,
) -> Result<Vec<u8>, String> {
    create_signed(entries, info, previous, gzip, None)
}

/// [`create`], and with `key` a `manifest.sig` signing the manifest.
pub fn create_signed(
    entries: &[Entry],
    info: &BundleInfo,
    previous: Option<(&str, &[u8])>,
    gzip: bool,
    key: Option<&crate::sign::SigningKey>,
) -> Result<Vec<u8>, String> {
    let mut seen = std::collections::BTreeSet::new();
    for e in entries {
        if !safe_path(&e.path) || e.path == MANIFEST || e.path == crate::sign::SIGNATURE {
            return Err(format!("invalid path in bundle: {:?}", e.path));
        }
        if !seen.insert(e.path.clone()) {
            return Err(format!("two files at {:?} in the bundle", e.path));
        }
    }
    let previous = match previous {
        None => None,
        Some((name, bytes)) => {
            let prev = open(bytes).map_err(|e| format!("previous bundle {name}: {e}"))?;
            Some(PreviousRecord {
                sha256: sha256_hex(bytes),
                sequence: prev.manifest.sequence,
                name: name.to_string(),
            })
        }
    };
    let manifest = Manifest {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        sequence: previous.as_ref().map_or(1, |p| p.sequence + 1),
        created_at: info.created_at.clone(),
        tool: info.tool.clone(),
        catalog_version: info.catalog_version.clone(),
        previous,
        files: entries
            .iter()
            .map(|e| FileRecord {
                path: e.path.clone(),
                sha256: sha256_hex(&e.bytes),
                size: e.bytes.len() as u64,
            })
            .collect(),
        missing_evidence: info.missing_evidence.clone(),
    };
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    manifest_bytes.push(b'\n');
    let mut builder = tar::Builder::new(Vec::new());
    let mut add = |path: &str, bytes: &[u8]| -> Result<(), String> {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        h.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut h, path, bytes)
            .map_err(|e| format!("{path}: {e}"))
    };
    add(MANIFEST, &manifest_bytes)?;
    if let Some(key) = key {
        let mut sig =
            serde_json::to_vec_pretty(&key.sign(&manifest_bytes)).map_err(|e| e.to_string())?;
        sig.push(b'\n');
        add(crate::sign::SIGNATURE, &sig)?;
    }
    for e in entries {
        add(&e.path, &e.bytes)?;
    }
    let tar_bytes = builder.into_inner().map_err(|e| e.to_string())?;
    if !gzip {
        return Ok(tar_bytes);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &tar_bytes).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

/// An opened bundle: its manifest and files.
#[derive(Debug)]
pub struct Opened {
    pub manifest: Manifest,
    /// `manifest.json` exactly as archived: what a signature covers.
    pub manifest_bytes: Vec<u8>,
    /// `manifest.sig`, when the bundle is signed.
    pub signature: Option<Vec<u8>>,
    /// Every other file.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Reads an archive (tar or gzip'd tar). Fails only when it cannot be read at all.
pub fn open(bytes: &[u8]) -> Result<Opened, String> {
    let tar_bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(1 << 31)
            .read_to_end(&mut out)
            .map_err(|e| format!("not a readable gzip stream: {e}"))?;
        out
    } else {
        bytes.to_vec()
    };
    let mut archive = tar::Archive::new(&tar_bytes[..]);
    let mut files = BTreeMap::new();
    let mut manifest = None;
    let mut manifest_bytes = Vec::new();
    let mut signature = None;
    for entry in archive
        .entries()
        .map_err(|e| format!("not a readable tar archive: {e}"))?
    {
        let mut entry = entry.map_err(|e| format!("not a readable tar archive: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| format!("{path}: {e}"))?;
        if path == MANIFEST {
            if manifest.is_some() {
                return Err(format!("{MANIFEST} appears twice in the archive"));
            }
            manifest = Some(
                serde_json::from_slice::<Manifest>(&data)
                    .map_err(|e| format!("{MANIFEST}: {e}"))?,
            );
            manifest_bytes = data;
        } else if path == crate::sign::SIGNATURE {
            if signature.replace(data).is_some() {
                return Err(format!("{path} appears twice in the archive"));
            }
        } else if files.insert(path.clone(), data).is_some() {
            return Err(format!("{path} appears twice in the archive"));
        }
    }
    let manifest = manifest.ok_or_else(|| format!("no {MANIFEST} in the archive"))?;
    if manifest.format != FORMAT_NAME {
        return Err(format!(
            "{MANIFEST}: not a safeguard evidence bundle (format {:?})",
            manifest.format
        ));
    }
    Ok(Opened {
        manifest,
        manifest_bytes,
        signature,
        files,
    })
}

/// Checks a bundle, and its link to `previous` when given. Returns every problem found; an
/// empty list means the bundle is intact. A signature is not checked (see [`verify_signed`]).
pub fn verify(
    bytes: &[u8],
    previous: Option<(&str, &[u8])>,
) -> Result<(Manifest, Vec<String>), String> {
    verify_signed(bytes, previous, None).map(|(m, problems, _)| (m, problems))
}

/// What a verification found out about a bundle's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signature {
    /// No `manifest.sig` (a problem only when a key was given).
    Unsigned,
    /// Signed by the key with this fingerprint, according to the signature file; not checked
    /// because no key was given.
    Unchecked { signer: String },
    /// Checked with the given key, whose fingerprint this is.
    Valid { fingerprint: String },
    /// Checked with the given key and wrong (the problem list says why).
    Invalid,
}

/// [`verify`], and with `key` the signature too: a bundle that is unsigned, signed by another
/// key, or whose manifest changed after signing gets a problem saying which.
pub fn verify_signed(
    bytes: &[u8],
    previous: Option<(&str, &[u8])>,
    key: Option<&crate::sign::PublicKey>,
) -> Result<(Manifest, Vec<String>, Signature), String> {
    let opened = open(bytes)?;
    let m = &opened.manifest;
    let mut problems = Vec::new();
    let signature = match (&opened.signature, key) {
        (None, None) => Signature::Unsigned,
        (None, Some(k)) => {
            problems.push(format!(
                "not signed: the bundle has no {}, but a public key ({}) was given",
                crate::sign::SIGNATURE,
                k.fingerprint()
            ));
            Signature::Unsigned
        }
        (Some(sig), None) => Signature::Unchecked {
            signer: crate::sign::signer(sig).unwrap_or_else(|| "an unreadable signer".into()),
        },
        (Some(sig), Some(k)) => match k.verify(&opened.manifest_bytes, sig) {
            Ok(()) => Signature::Valid {
                fingerprint: k.fingerprint(),
            },
            Err(e) => {
                problems.push(format!("signature: {e}"));
                Signature::Invalid
            }
        },
    };
    for rec in &m.files {
        match opened.files.get(&rec.path) {
            None => problems.push(format!(
                "{}: listed in the manifest but missing from the archive",
                rec.path
            )),
            Some(data) => {
                let h = sha256_hex(data);
                if h != rec.sha256 || data.len() as u64 != rec.size {
                    problems.push(format!(
                        "{}: content changed (SHA-256 {h}, {} bytes; manifest says {}, {} bytes)",
                        rec.path,
                        data.len(),
                        rec.sha256,
                        rec.size
                    ));
                }
            }
        }
    }
    for path in opened.files.keys() {
        if !m.files.iter().any(|r| &r.path == path) {
            problems.push(format!("{path}: in the archive but not in the manifest"));
        }
    }
    match (previous, &m.previous) {
        (Some((name, prev)), Some(link)) => {
            let h = sha256_hex(prev);
            if h != link.sha256 {
                problems.push(format!(
                    "chain broken: {name} has SHA-256 {h}, but this bundle follows a bundle with SHA-256 {} ({})",
                    link.sha256, link.name
                ));
            }
            match open(prev) {
                Ok(p) if p.manifest.sequence + 1 != m.sequence => problems.push(format!(
                    "chain gap: {name} is bundle {} and this is bundle {}",
                    p.manifest.sequence, m.sequence
                )),
                Ok(_) => {}
                Err(e) => problems.push(format!("previous bundle {name}: {e}")),
            }
        }
        (Some((name, _)), None) => problems.push(format!(
            "chain broken: this bundle starts a new chain (sequence {}), it does not follow {name}",
            m.sequence
        )),
        (None, _) => {}
    }
    Ok((opened.manifest, problems, signature))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> BundleInfo {
        BundleInfo {
            created_at: "2026-11-20T10:00:00Z".into(),
            tool: "safeguard test".into(),
            catalog_version: "0".into(),
            missing_evidence: vec![],
        }
    }

    fn entries() -> Vec<Entry> {
        vec![
            Entry {
                path: "report/report.json".into(),
                bytes: b"{\"score\": 1}".to_vec(),
            },
            Entry {
                path: "inventory/inventory.json".into(),
                bytes: b"{}".to_vec(),
            },
            Entry {
                path: "evidence/docs/baa.pdf".into(),
                bytes: b"%PDF-1.4 signed".to_vec(),
            },
        ]
    }

    /// Rewrites one archived file (tar is uncompressed here, so the bytes are findable).
    fn flip(bytes: &[u8], needle: &[u8]) -> Vec<u8> {
        let mut b = bytes.to_vec();
        let i = b
            .windows(needle.len())
            .position(|w| w == needle)
            .expect("needle present");
        b[i] ^= 0x01;
        b
    }

    #[test]
    fn round_trip_and_chain() {
        for gzip in [false, true] {
            let first = create(&entries(), &info(), None, gzip).unwrap();
            let (m, problems) = verify(&first, None).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(m.sequence, 1);
            let second = create(&entries(), &info(), Some(("first.tar", &first)), gzip).unwrap();
            let (m2, problems) = verify(&second, Some(("first.tar", &first))).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(m2.sequence, 2);
            // Deterministic.
            assert_eq!(create(&entries(), &info(), None, gzip).unwrap(), first);
        }
    }

    #[test]
    fn one_changed_byte_is_detected() {
        let b = create(&entries(), &info(), None, false).unwrap();
        let bad = flip(&b, b"%PDF-1.4 signed");
        let (_, problems) = verify(&bad, None).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("evidence/docs/baa.pdf: content changed"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_dropped_file_is_detected() {
        let b = create(&entries(), &info(), None, false).unwrap();
        let opened = open(&b).unwrap();
        // Rebuild the archive with the same manifest but without one file.
        let mut builder = tar::Builder::new(Vec::new());
        let manifest = serde_json::to_vec(&opened.manifest).unwrap();
        let mut h = tar::Header::new_ustar();
        h.set_size(manifest.len() as u64);
        builder
            .append_data(&mut h, MANIFEST, &manifest[..])
            .unwrap();
        for (path, data) in opened
            .files
            .iter()
            .filter(|(p, _)| !p.contains("inventory"))
        {
            let mut h = tar::Header::new_ustar();
            h.set_size(data.len() as u64);
            builder.append_data(&mut h, path, &data[..]).unwrap();
        }
        let dropped = builder.into_inner().unwrap();
        let (_, problems) = verify(&dropped, None).unwrap();
        assert_eq!(
            problems,
            vec![
                "inventory/inventory.json: listed in the manifest but missing from the archive"
                    .to_string()
            ]
        );
    }

    #[test]
    fn a_broken_chain_is_detected() {
        let first = create(&entries(), &info(), None, false).unwrap();
        let second = create(&entries(), &info(), Some(("first.tar", &first)), false).unwrap();
        let third = create(&entries(), &info(), Some(("second.tar", &second)), false).unwrap();
        // The previous bundle was altered after the fact.
        let altered = flip(&first, b"%PDF-1.4 signed");
        let (_, problems) = verify(&second, Some(("first.tar", &altered))).unwrap();
        assert!(
            problems.iter().any(|p| p.starts_with("chain broken")),
            "{problems:?}"
        );
        // A bundle is missing from the chain: third checked against first.
        let (_, problems) = verify(&third, Some(("first.tar", &first))).unwrap();
        assert!(
            problems.iter().any(|p| p.starts_with("chain broken")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("chain gap")),
            "{problems:?}"
        );
        // A chain start presented as a successor.
        let (_, problems) = verify(&first, Some(("second.tar", &second))).unwrap();
        assert!(
            problems.iter().any(|p| p.contains("starts a new chain")),
            "{problems:?}"
        );
    }

    #[test]
    fn signed_bundles_verify_with_the_signers_key_only() {
        use crate::sign::{PublicKey, SigningKey};
        let key = SigningKey::generate().unwrap();
        let public = PublicKey::from_pem(&key.public_key().to_pem()).unwrap();
        for gzip in [false, true] {
            let b = create_signed(&entries(), &info(), None, gzip, Some(&key)).unwrap();
            let (_, problems, sig) = verify_signed(&b, None, Some(&public)).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(
                sig,
                Signature::Valid {
                    fingerprint: public.fingerprint()
                }
            );
            // Without a key: intact, and the signer is named but not vouched for.
            let (_, problems, sig) = verify_signed(&b, None, None).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(
                sig,
                Signature::Unchecked {
                    signer: public.fingerprint()
                }
            );
        }
        let signed = create_signed(&entries(), &info(), None, false, Some(&key)).unwrap();

        // One byte of the manifest changed: the signature no longer matches.
        let tampered = flip(&signed, b"2026-11-20T10:00:00Z");
        let (m, problems, sig) = verify_signed(&tampered, None, Some(&public)).unwrap();
        assert_eq!(m.created_at, "3026-11-20T10:00:00Z");
        assert_eq!(sig, Signature::Invalid);
        assert_eq!(
            problems,
            vec!["signature: signature does not match: manifest.json was changed after it was signed".to_string()]
        );
        // Unsigned checks cannot see it: the files still match the (rewritten) manifest.
        assert!(verify(&tampered, None).unwrap().1.is_empty());

        // Another key.
        let other = SigningKey::generate().unwrap().public_key();
        let (_, problems, sig) = verify_signed(&signed, None, Some(&other)).unwrap();
        assert_eq!(sig, Signature::Invalid);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("signed with another key"),
            "{problems:?}"
        );

        // No signature, but a key was given.
        let unsigned = create(&entries(), &info(), None, false).unwrap();
        let (_, problems, sig) = verify_signed(&unsigned, None, Some(&public)).unwrap();
        assert_eq!(sig, Signature::Unsigned);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("not signed"), "{problems:?}");
        // And an unsigned bundle without a key is fine, as before.
        let (_, problems, sig) = verify_signed(&unsigned, None, None).unwrap();
        assert!(problems.is_empty());
        assert_eq!(sig, Signature::Unsigned);

        // The signature file cannot be passed off as content.
        assert!(create(
            &[Entry {
                path: crate::sign::SIGNATURE.into(),
                bytes: vec![]
            }],
            &info(),
            None,
            false
        )
        .is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(verify(b"not an archive at all", None).is_err());
        assert!(verify(&[0x1f, 0x8b, 0, 1, 2], None).is_err());
        assert!(create(
            &[Entry {
                path: "../x".into(),
                bytes: vec![]
            }],
            &info(),
            None,
            false
        )
        .is_err());
    }
}
