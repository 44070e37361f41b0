//! Attestation outcomes as of a date. Attestations expire in real time, so the date is
//! today unless the caller pins it (`--as-of`) for reproducible reports.

use crate::catalog::{catalog, ItemDef};
use crate::file::{Attestation, AttestationFile, ItemStatus};
use crate::Date;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// An attestation that expires within this many days is flagged as expiring soon.
pub const EXPIRING_SOON_DAYS: i64 = 30;

/// How an item stands. Distinct from rule outcomes: a technical fail is a misconfiguration,
/// these are missing or stale paperwork.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Implemented, dated, and not past its expiry (or confirmed by AWS Artifact).
    Attested,
    /// Declared not applicable, within its review period.
    NotApplicable,
    /// Absent from the file, pending, or implemented without a date.
    AttestationMissing,
    /// Past its expiry: `date + review_interval`, or the explicit `expires`.
    AttestationExpired,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Attested => "attested",
            Outcome::NotApplicable => "not_applicable",
            Outcome::AttestationMissing => "attestation_missing",
            Outcome::AttestationExpired => "attestation_expired",
        }
    }

    /// True when the item is met (attested or not applicable).
    pub fn is_met(self) -> bool {
        matches!(self, Outcome::Attested | Outcome::NotApplicable)
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which source gave the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The attestation file.
    Attestation,
    /// AWS Artifact's customer agreements (`ListCustomerAgreements`).
    AwsArtifact,
    /// Nothing answered: the item is missing from the file.
    None,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Attestation => "attestation",
            Source::AwsArtifact => "AWS Artifact",
            Source::None => "none",
        }
    }
}

/// One customer agreement as AWS Artifact lists it (`CustomerAgreementSummary`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArtifactAgreement {
    pub name: String,
    /// `ACTIVE`, `CUSTOMER_TERMINATED`, `AWS_TERMINATED`.
    pub state: String,
    pub agreement_arn: String,
    /// Set for organization-wide agreements.
    pub organization_arn: Option<String>,
    pub effective_start: Option<DateTime<Utc>>,
}

impl ArtifactAgreement {
    /// An active Business Associate Addendum.
    pub fn is_active_baa(&self) -> bool {
        self.state.eq_ignore_ascii_case("ACTIVE")
            && self
                .name
                .to_ascii_lowercase()
                .contains("business associate")
    }
}

/// What the live collector learned about the BAA of one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BaaEvidence {
    /// `artifact:ListCustomerAgreements` answered.
    Artifact {
        account: String,
        agreements: Vec<ArtifactAgreement>,
    },
    /// The call failed (no permission, not available in the partition...).
    Unavailable { account: String, reason: String },
}

/// One item's evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttestationResult {
    pub id: String,
    pub title: String,
    pub hipaa: Vec<String>,
    pub outcome: Outcome,
    pub source: Source,
    /// What the file declares; `None` when the item is not in the file.
    pub status: Option<ItemStatus>,
    pub owner: String,
    pub date: Option<Date>,
    pub expires: Option<Date>,
    /// Expires within [`EXPIRING_SOON_DAYS`] of the evaluation date.
    pub expiring_soon: bool,
    pub evidence: Vec<String>,
    pub note: String,
    /// Why the outcome is what it is, in one sentence.
    pub message: String,
    /// What to do and what to keep as evidence (catalog items).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// Line of the item in the file.
    pub line: Option<u64>,
    /// Part of the built-in catalog (otherwise an item of the customer's own).
    pub in_catalog: bool,
}

/// The evaluated attestations of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttestationSet {
    /// The file as the user named it; `None` when no file was given (every item missing).
    pub file: Option<String>,
    /// The date expiries were judged on.
    pub as_of: Date,
    /// Catalog items first (in catalog order), then the customer's own (in file order).
    pub results: Vec<AttestationResult>,
}

impl AttestationSet {
    pub fn get(&self, id: &str) -> Option<&AttestationResult> {
        self.results.iter().find(|r| r.id == id)
    }

    /// Results citing specification `spec`.
    pub fn citing<'s>(&'s self, spec: &'s str) -> impl Iterator<Item = &'s AttestationResult> + 's {
        self.results
            .iter()
            .filter(move |r| r.hipaa.iter().any(|h| h == spec))
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.results.iter().filter(|r| r.outcome == outcome).count()
    }
}

fn judge(a: &Attestation, as_of: Date) -> (Outcome, Option<Date>, String) {
    let expires = a.expires();
    match a.status {
        ItemStatus::Pending => (
            Outcome::AttestationMissing,
            expires,
            "pending: not yet attested".to_string(),
        ),
        ItemStatus::Implemented | ItemStatus::NotApplicable => {
            let met = if a.status == ItemStatus::Implemented {
                Outcome::Attested
            } else {
                Outcome::NotApplicable
            };
            match (a.date, expires) {
                (None, None) => (
                    Outcome::AttestationMissing,
                    None,
                    format!(
                        "{} but undated: add `date` (and `review_interval`) so it can expire",
                        a.status
                    ),
                ),
                (_, Some(exp)) if as_of > exp => (
                    Outcome::AttestationExpired,
                    Some(exp),
                    format!("expired on {exp}: review it and update `date`"),
                ),
                (_, Some(exp)) => (met, Some(exp), format!("{} until {exp}", a.status)),
                (Some(d), None) => (
                    met,
                    None,
                    format!("{} on {d}, no review interval", a.status),
                ),
            }
        }
    }
}

/// Evaluates `file` (or, without one, reports every catalog item missing) as of `as_of`.
/// The BAA item is answered by AWS Artifact when every account with evidence has an active
/// Business Associate Addendum, and by the attestation otherwise.
pub fn evaluate(
    file: Option<(&AttestationFile, &str)>,
    as_of: Date,
    baa: &[BaaEvidence],
) -> AttestationSet {
    let mut results = Vec::new();
    for def in catalog() {
        let declared = file.and_then(|(f, _)| f.get(&def.id));
        let mut r = result(def, declared, as_of);
        if def.baa {
            apply_baa(&mut r, baa);
        }
        results.push(r);
    }
    if let Some((f, _)) = file {
        for a in f
            .items
            .iter()
            .filter(|a| crate::catalog::item(&a.id).is_none())
        {
            let (outcome, expires, message) = judge(a, as_of);
            results.push(AttestationResult {
                id: a.id.clone(),
                title: a.title.clone(),
                hipaa: a.hipaa.clone(),
                outcome,
                source: Source::Attestation,
                status: Some(a.status),
                owner: a.owner.clone(),
                date: a.date,
                expires,
                expiring_soon: soon(outcome, expires, as_of),
                evidence: a.evidence.clone(),
                note: a.note.clone(),
                message,
                guidance: String::new(),
                line: Some(a.line),
                in_catalog: false,
            });
        }
    }
    AttestationSet {
        file: file.map(|(_, p)| p.to_string()),
        as_of,
        results,
    }
}

fn soon(outcome: Outcome, expires: Option<Date>, as_of: Date) -> bool {
    outcome.is_met() && expires.is_some_and(|e| (e - as_of).num_days() <= EXPIRING_SOON_DAYS)
}

fn result(def: &ItemDef, declared: Option<&Attestation>, as_of: Date) -> AttestationResult {
    match declared {
        None => AttestationResult {
            id: def.id.clone(),
            title: def.title.clone(),
            hipaa: def.hipaa.clone(),
            outcome: Outcome::AttestationMissing,
            source: Source::None,
            status: None,
            owner: String::new(),
            date: None,
            expires: None,
            expiring_soon: false,
            evidence: Vec::new(),
            note: String::new(),
            message: "not in the attestation file (`safeguard attest set` adds it)".to_string(),
            guidance: def.guidance.clone(),
            line: None,
            in_catalog: true,
        },
        Some(a) => {
            let (outcome, expires, message) = judge(a, as_of);
            AttestationResult {
                id: def.id.clone(),
                title: a.title.clone(),
                hipaa: a.hipaa.clone(),
                outcome,
                source: Source::Attestation,
                status: Some(a.status),
                owner: a.owner.clone(),
                date: a.date,
                expires,
                expiring_soon: soon(outcome, expires, as_of),
                evidence: a.evidence.clone(),
                note: a.note.clone(),
                message,
                guidance: def.guidance.clone(),
                line: Some(a.line),
                in_catalog: true,
            }
        }
    }
}

fn apply_baa(r: &mut AttestationResult, baa: &[BaaEvidence]) {
    if baa.is_empty() {
        return;
    }
    let mut confirmed = Vec::new();
    let mut unconfirmed = Vec::new();
    for e in baa {
        match e {
            BaaEvidence::Artifact { account, agreements } => match agreements.iter().find(|a| a.is_active_baa()) {
                Some(a) => confirmed.push((account.as_str(), a)),
                None => unconfirmed.push(format!("AWS Artifact lists no active Business Associate Addendum for account {account}")),
            },
            BaaEvidence::Unavailable { account, reason } => {
                unconfirmed.push(format!("AWS Artifact could not be read for account {account} ({reason})"))
            }
        }
    }
    if unconfirmed.is_empty() {
        let (_, a) = confirmed[0];
        let accounts: Vec<&str> = confirmed.iter().map(|(acc, _)| *acc).collect();
        r.outcome = Outcome::Attested;
        r.source = Source::AwsArtifact;
        r.expires = None;
        r.expiring_soon = false;
        r.message = format!(
            "AWS Artifact: {:?} is active{}{} for account{} {}",
            a.name,
            a.effective_start
                .map(|d| format!(" since {}", d.date_naive()))
                .unwrap_or_default(),
            if a.organization_arn.is_some() {
                " (organization-wide)"
            } else {
                ""
            },
            if accounts.len() == 1 { "" } else { "s" },
            accounts.join(", ")
        );
    } else {
        r.message = format!(
            "{}; {} (answered by the attestation)",
            unconfirmed.join("; "),
            r.message
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_date;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    const FILE: &str = "version: 1\nitems:\n  - id: security-officer\n    status: implemented\n    owner: Dana\n    date: 2025-12-01\n    review_interval: 365d\n  - id: risk-analysis\n    status: implemented\n    date: 2024-01-01\n  - id: workforce-training\n    status: implemented\n  - id: clearinghouse-isolation\n    status: not_applicable\n    date: 2026-01-01\n    note: no clearinghouse\n  - id: own-item\n    hipaa: [\"164.310(b)\"]\n    status: pending\n";

    #[test]
    fn outcomes_follow_status_date_and_expiry() {
        let f = AttestationFile::parse(FILE, "a.yaml").unwrap();
        let set = evaluate(Some((&f, "a.yaml")), d("2026-11-20"), &[]);
        let o = |id: &str| set.get(id).unwrap().outcome;
        assert_eq!(o("security-officer"), Outcome::Attested);
        assert!(set.get("security-officer").unwrap().expiring_soon);
        assert_eq!(o("risk-analysis"), Outcome::AttestationExpired);
        assert_eq!(o("workforce-training"), Outcome::AttestationMissing);
        assert_eq!(o("clearinghouse-isolation"), Outcome::NotApplicable);
        assert_eq!(o("baa-signed"), Outcome::AttestationMissing);
        assert_eq!(set.get("baa-signed").unwrap().source, Source::None);
        assert_eq!(o("own-item"), Outcome::AttestationMissing);
        assert!(!set.get("own-item").unwrap().in_catalog);
        assert_eq!(set.results.len(), catalog().len() + 1);
        // The same file a year later: the officer's attestation has expired too.
        let later = evaluate(Some((&f, "a.yaml")), d("2026-12-02"), &[]);
        assert_eq!(
            later.get("security-officer").unwrap().outcome,
            Outcome::AttestationExpired
        );
        // The last day still holds.
        let last = evaluate(Some((&f, "a.yaml")), d("2026-12-01"), &[]);
        assert_eq!(
            last.get("security-officer").unwrap().outcome,
            Outcome::Attested
        );
    }

    #[test]
    fn no_file_means_everything_missing() {
        let set = evaluate(None, d("2026-11-20"), &[]);
        assert!(set
            .results
            .iter()
            .all(|r| r.outcome == Outcome::AttestationMissing));
        assert_eq!(set.file, None);
    }

    #[test]
    fn artifact_overrides_a_pending_attestation_and_unavailable_falls_back_to_it() {
        let pending = AttestationFile::parse(
            "version: 1\nitems:\n  - id: baa-signed\n    status: pending\n    owner: Dana\n",
            "a.yaml",
        )
        .unwrap();
        let as_of = d("2026-11-20");
        let without = evaluate(Some((&pending, "a.yaml")), as_of, &[]);
        let baa = without.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::AttestationMissing, Source::Attestation)
        );

        let active = [BaaEvidence::Artifact {
            account: "111122223333".into(),
            agreements: vec![ArtifactAgreement {
                name: "AWS Business Associate Addendum".into(),
                state: "ACTIVE".into(),
                agreement_arn: "arn:aws:artifact:::agreement/agreement-baa".into(),
                organization_arn: None,
                effective_start: Some("2024-02-01T00:00:00Z".parse().unwrap()),
            }],
        }];
        let set = evaluate(Some((&pending, "a.yaml")), as_of, &active);
        let baa = set.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::Attested, Source::AwsArtifact)
        );
        assert!(
            baa.message.starts_with("AWS Artifact:") && baa.message.contains("111122223333"),
            "{}",
            baa.message
        );
        // The other items are untouched.
        assert_eq!(set.get("security-officer").unwrap().source, Source::None);

        let denied = [BaaEvidence::Unavailable {
            account: "111122223333".into(),
            reason:
                "access_denied: artifact:ListCustomerAgreements in us-east-1: AccessDeniedException"
                    .into(),
        }];
        let set = evaluate(Some((&pending, "a.yaml")), as_of, &denied);
        let baa = set.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::AttestationMissing, Source::Attestation)
        );
        assert!(
            baa.message
                .contains("could not be read for account 111122223333")
                && baa.message.contains("AccessDeniedException")
                && baa.message.contains("answered by the attestation"),
            "{}",
            baa.message
        );

        // Unavailable never passes on its own, even with no file at all.
        let set = evaluate(None, as_of, &denied);
        let baa = set.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::AttestationMissing, Source::None)
        );
    }

    #[test]
    fn aws_artifact_answers_the_baa_and_says_so() {
        let agreement = ArtifactAgreement {
            name: "AWS Business Associate Addendum".into(),
            state: "ACTIVE".into(),
            agreement_arn: "arn:aws:artifact:::agreement/agreement-abc".into(),
            organization_arn: Some("arn:aws:organizations::111122223333:organization/o-x".into()),
            effective_start: Some("2025-03-01T00:00:00Z".parse().unwrap()),
        };
        let ok = [BaaEvidence::Artifact {
            account: "111122223333".into(),
            agreements: vec![agreement.clone()],
        }];
        let set = evaluate(None, d("2026-11-20"), &ok);
        let baa = set.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::Attested, Source::AwsArtifact)
        );
        assert!(
            baa.message.contains("organization-wide") && baa.message.contains("2025-03-01"),
            "{}",
            baa.message
        );

        let terminated = ArtifactAgreement {
            state: "CUSTOMER_TERMINATED".into(),
            ..agreement
        };
        let f = AttestationFile::parse(
            "version: 1\nitems:\n  - id: baa-signed\n    status: implemented\n    date: 2026-06-01\n",
            "a.yaml",
        )
        .unwrap();
        let mixed = [
            BaaEvidence::Artifact {
                account: "111122223333".into(),
                agreements: vec![terminated],
            },
            BaaEvidence::Unavailable {
                account: "444455556666".into(),
                reason: "access_denied".into(),
            },
        ];
        let set = evaluate(Some((&f, "a.yaml")), d("2026-11-20"), &mixed);
        let baa = set.get("baa-signed").unwrap();
        assert_eq!(
            (baa.outcome, baa.source),
            (Outcome::Attested, Source::Attestation)
        );
        assert!(
            baa.message.contains("no active") && baa.message.contains("could not be read"),
            "{}",
            baa.message
        );
    }
}
