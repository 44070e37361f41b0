//! Stable finding identity: the same rule on the same resource has the same fingerprint in
//! every scan and every format (SARIF partialFingerprints, JSON, history diffs).

/// 64-bit FNV-1a of `rule_id`, a separator and `resource_id`, as 16 hex digits.
pub fn fingerprint(rule_id: &str, resource_id: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for byte in rule_id
        .bytes()
        .chain(std::iter::once(0u8))
        .chain(resource_id.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        assert_eq!(
            fingerprint("S3-001", "arn:aws:s3:::a"),
            fingerprint("S3-001", "arn:aws:s3:::a")
        );
        assert_ne!(
            fingerprint("S3-001", "arn:aws:s3:::a"),
            fingerprint("S3-002", "arn:aws:s3:::a")
        );
        // The separator keeps ("AB", "C") apart from ("A", "BC").
        assert_ne!(fingerprint("AB", "C"), fingerprint("A", "BC"));
        assert_eq!(fingerprint("", "").len(), 16);
    }
}
