//! Finds protected health information in resource metadata: names, tag keys and values,
//! descriptions, log group and parameter names, environment variable names.
//!
//! AWS encrypts the contents of eligible services, not their names, tags and descriptions; the
//! whitepaper says again and again (S3, Glacier, Route 53, KMS, EFS, FSx, Systems Manager, ...)
//! that PHI must not go there. Metadata is full of numbers that look like identifiers (account
//! ids, dates, versions, build numbers, IP addresses), so the detector is built for precision:
//!
//! * US Social Security numbers in the `AAA-GG-SSSS` form (or nine digits right after `ssn`),
//!   excluding what the SSA never issues: area 000, 666 or 900-999, group 00, serial 0000, and
//!   the two numbers published in advertising (078-05-1120, 219-09-9999);
//! * medical record numbers only next to a word that says so (`mrn`, `medical record`,
//!   `patient id`, `chart`);
//! * dates of birth only next to `dob`/`birth`/`born`, or next to a person's name (a common
//!   given name followed by a surname) with a year before 2015, so dated log groups and
//!   releases are not mistaken for birthdays;
//! * US phone numbers with NANP area and exchange codes, in the usual punctuated forms (ten
//!   bare digits only after `phone`, `tel`, `mobile`, `cell` or `fax`);
//! * e-mail addresses, except role mailboxes (`noreply@`, `security@`, ...) and the values of
//!   ownership tags (`owner`, `contact`, ...), which name the workforce, not patients;
//! * health plan beneficiary and member ids only next to a word that says so (`member id`,
//!   `subscriber`, `policy number`, `medicaid`, `mbi`, ...).
//!
//! A match never leaves this module in full: [`Hit::masked`] keeps separators and at most the
//! last four characters.

use regex::{Regex, RegexSet};
use std::fmt;
use std::sync::OnceLock;

/// What kind of identifier was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhiKind {
    Ssn,
    MedicalRecordNumber,
    DateOfBirth,
    Phone,
    Email,
    MemberId,
}

impl PhiKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhiKind::Ssn => "social security number",
            PhiKind::MedicalRecordNumber => "medical record number",
            PhiKind::DateOfBirth => "date of birth",
            PhiKind::Phone => "phone number",
            PhiKind::Email => "e-mail address",
            PhiKind::MemberId => "health plan member id",
        }
    }
}

#[cfg(test)]
impl PhiKind {
    pub const ALL: [PhiKind; 6] = [
        PhiKind::Ssn,
        PhiKind::MedicalRecordNumber,
        PhiKind::DateOfBirth,
        PhiKind::Phone,
        PhiKind::Email,
        PhiKind::MemberId,
    ];

    /// Short stable name, for fixtures.
    pub fn key(self) -> &'static str {
        match self {
            PhiKind::Ssn => "ssn",
            PhiKind::MedicalRecordNumber => "mrn",
            PhiKind::DateOfBirth => "dob",
            PhiKind::Phone => "phone",
            PhiKind::Email => "email",
            PhiKind::MemberId => "member",
        }
    }

    pub fn parse(s: &str) -> Option<PhiKind> {
        PhiKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

impl fmt::Display for PhiKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: the kind and the masked text. The unmasked text is not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: PhiKind,
    pub masked: String,
}

/// Which checks apply to a field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Skip e-mail addresses: set for identity names (IAM users are often named by their
    /// e-mail address) and ownership tags.
    pub skip_email: bool,
}

struct Patterns {
    /// Any of the identifier patterns below, for a one-pass "nothing here" answer.
    any: RegexSet,
    ssn_dashed: Regex,
    ssn_context: Regex,
    mrn: Regex,
    date: Regex,
    dob_context: Regex,
    phone: Regex,
    phone_context: Regex,
    email: Regex,
    member: Regex,
    words: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("valid pattern");
        let ssn_dashed = r"(\d{3})([- ])(\d{2})([- ])(\d{4})";
        let ssn_context = r"(?i)(?:ssn|social[_ -]?security(?:[_ -]?(?:no|num|number))?)[\s:=#_-]{0,3}(\d{3})[- ]?(\d{2})[- ]?(\d{4})";
        let mrn = r"(?i)\b(?:mrn|med[_ -]?rec(?:ord)?(?:[_ -]?(?:no|num|number|id))?|medical[_ -]?record(?:[_ -]?(?:no|num|number|id))?|patient[_ -]?(?:id|no|num|number)|chart[_ -]?(?:no|num|number|id)?)[\s:=#_-]{0,3}([a-z]{0,3}\d{5,12})(?:\b|_)";
        let date = r"((?:19|20)\d{2})[-/_.]?(0[1-9]|1[0-2])[-/_.]?(0[1-9]|[12]\d|3[01])|(0[1-9]|1[0-2])[-/_.](0[1-9]|[12]\d|3[01])[-/_.]((?:19|20)\d{2})";
        let dob_context = r"(?i)(?:\bdob|date[_ -]?of[_ -]?birth|birth[_ -]?date|birthdate|birthday|\bborn)";
        let phone = r"(\+?1[-. ]?)?(\(([2-9]\d{2})\)\s?|([2-9]\d{2})[-. ])([2-9]\d{2})[-. ](\d{4})";
        let phone_context = r"(?i)(?:phone|tel|mobile|cell|fax)[\s:=#_-]{0,3}(\+?1)?(\d{10})";
        let email = r"(?i)\b([a-z0-9][a-z0-9._%+-]*)@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.([a-z]{2,24}))\b";
        let member = r"(?i)\b(?:member[_ -]?(?:id|no|num|number)|subscriber[_ -]?(?:id|no|num|number)?|policy[_ -]?(?:id|no|num|number)|health[_ -]?plan[_ -]?(?:id|no|num|number)?|insurance[_ -]?(?:id|no|num|number)|medicaid[_ -]?(?:id|no|num|number)?|medicare[_ -]?(?:id|no|num|number)?|mbi|hicn|beneficiary[_ -]?(?:id|no|num|number))[\s:=#_-]{0,3}((?:[a-z]{1,4}-)?[a-z0-9]{5,15})(?:\b|_)";
        // A date of birth needs a date, so the date pattern stands for it in the set.
        let any = RegexSet::new([ssn_dashed, ssn_context, mrn, date, phone, phone_context, email, member]).expect("valid patterns");
        Patterns {
            any,
            ssn_dashed: re(ssn_dashed),
            ssn_context: re(ssn_context),
            mrn: re(mrn),
            date: re(date),
            dob_context: re(dob_context),
            phone: re(phone),
            phone_context: re(phone_context),
            email: re(email),
            member: re(member),
            words: re(r"[A-Za-z]+"),
        }
    })
}

/// Given names common in the US that are not also everyday or infrastructure words (no
/// `will`, `mark`, `max`, `grant`, `chase`, `april`, ...). Used only to recognise a date of
/// birth written next to a name.
const GIVEN_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "alice",
    "amanda",
    "amy",
    "andrea",
    "andrew",
    "angela",
    "anna",
    "anthony",
    "ashley",
    "barbara",
    "benjamin",
    "betty",
    "brandon",
    "brian",
    "carlos",
    "carol",
    "catherine",
    "charles",
    "cheryl",
    "christina",
    "christopher",
    "cynthia",
    "daniel",
    "david",
    "deborah",
    "debra",
    "denise",
    "donald",
    "donna",
    "dorothy",
    "edward",
    "elizabeth",
    "emily",
    "emma",
    "eric",
    "evelyn",
    "gary",
    "george",
    "gregory",
    "hannah",
    "heather",
    "helen",
    "jacob",
    "james",
    "janet",
    "jason",
    "jeffrey",
    "jennifer",
    "jessica",
    "joan",
    "john",
    "jonathan",
    "jose",
    "joseph",
    "joshua",
    "joyce",
    "juan",
    "julie",
    "karen",
    "katherine",
    "kathleen",
    "kelly",
    "kenneth",
    "kevin",
    "kimberly",
    "larry",
    "laura",
    "linda",
    "lisa",
    "margaret",
    "maria",
    "marie",
    "mary",
    "matthew",
    "melissa",
    "michael",
    "michelle",
    "nancy",
    "nicholas",
    "nicole",
    "olivia",
    "pamela",
    "patricia",
    "patrick",
    "paul",
    "rachel",
    "raymond",
    "rebecca",
    "richard",
    "robert",
    "ronald",
    "ruth",
    "ryan",
    "samantha",
    "sandra",
    "sarah",
    "scott",
    "sharon",
    "shirley",
    "sophia",
    "stephanie",
    "stephen",
    "steven",
    "susan",
    "teresa",
    "thomas",
    "timothy",
    "tyler",
    "virginia",
    "walter",
    "william",
    "jane",
    "priya",
    "wei",
    "mohammed",
    "fatima",
    "aisha",
    "carmen",
    "rosa",
    "luis",
    "miguel",
    "ana",
    "sofia",
];

/// Words that say a name belongs to a thing, not a person (`john-deere-parts`), or that are
/// infrastructure vocabulary: a given name followed by one of these is not a person.
const NOT_SURNAMES: &[&str] = &[
    "app", "api", "etl", "job", "jobs", "logs", "log", "test", "prod", "dev", "stage", "staging",
    "backup", "bucket", "service", "svc", "lambda", "task", "cron", "batch", "report", "reports",
    "export", "import", "data", "db", "cluster", "queue", "topic", "stream", "build", "release",
    "deploy", "snapshot", "archive", "daily", "weekly", "monthly", "nightly", "sync",
];

fn is_digit_at(s: &[u8], i: Option<usize>) -> bool {
    i.and_then(|i| s.get(i)).is_some_and(u8::is_ascii_digit)
}

/// True when the match `[start, end)` is a whole number token: not glued to other digits, and
/// not part of a longer dotted or dashed number (`10.123-45-6789`, `123-45-6789-2`).
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start.checked_sub(1);
    let before2 = start.checked_sub(2);
    if is_digit_at(b, before) {
        return false;
    }
    if before
        .and_then(|i| b.get(i))
        .is_some_and(|c| matches!(c, b'-' | b'.' | b'/' | b':'))
        && is_digit_at(b, before2)
    {
        return false;
    }
    if is_digit_at(b, Some(end)) {
        return false;
    }
    if b.get(end)
        .is_some_and(|c| matches!(c, b'-' | b'.' | b'/' | b':'))
        && is_digit_at(b, Some(end + 1))
    {
        return false;
    }
    // Inside a hexadecimal run (UUIDs, hashes): letters a-f glued to the digits.
    let hexish = |i: Option<usize>| {
        i.and_then(|i| b.get(i))
            .is_some_and(|c| c.is_ascii_hexdigit() && c.is_ascii_alphabetic())
    };
    !(hexish(before) || hexish(Some(end)))
}

fn valid_ssn(area: &str, group: &str, serial: &str) -> bool {
    let a: u32 = area.parse().unwrap_or(0);
    let g: u32 = group.parse().unwrap_or(0);
    let s: u32 = serial.parse().unwrap_or(0);
    if a == 0 || a == 666 || a >= 900 || g == 0 || s == 0 {
        return false;
    }
    let whole = format!("{area}{group}{serial}");
    // Published in advertising and never valid for a person.
    !matches!(whole.as_str(), "078051120" | "219099999" | "123456789")
}

/// Masks a matched value: separators stay, every letter and digit but the last four becomes
/// `*` (all of them when the value has eight or fewer).
pub fn mask(value: &str) -> String {
    let alnum = value.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    let keep = if alnum > 8 { 4 } else { 0 };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                seen += 1;
                if seen > alnum - keep {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// `j***@***.org`: the first letter of the mailbox and the top-level domain only.
fn mask_email(local: &str, tld: &str) -> String {
    let first = local.chars().next().unwrap_or('*');
    format!("{first}***@***.{tld}")
}

/// `****-**-**`: a date of birth shows nothing but its shape.
fn mask_all(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { '*' } else { c })
        .collect()
}

const ROLE_MAILBOXES: &[&str] = &[
    "noreply",
    "no-reply",
    "donotreply",
    "do-not-reply",
    "security",
    "admin",
    "administrator",
    "alerts",
    "alert",
    "ops",
    "devops",
    "sre",
    "oncall",
    "on-call",
    "support",
    "help",
    "helpdesk",
    "it",
    "aws",
    "billing",
    "root",
    "postmaster",
    "abuse",
    "hostmaster",
    "webmaster",
    "info",
    "team",
    "platform",
    "compliance",
    "privacy",
    "notifications",
    "notify",
    "bounce",
    "bounces",
    "mailer-daemon",
    "git",
    "hipaa",
    "audit",
];

/// True when `text` cannot hold any identifier the detector knows. Every pattern needs an `@`
/// (e-mail) or at least four digits (the shortest is a member id with four digits), so most
/// resource names are dismissed here without running a regular expression; this is what keeps
/// the PHI rules cheap on inventories of a million resources.
fn cannot_match(text: &str) -> bool {
    let mut digits = 0;
    for b in text.bytes() {
        match b {
            b'@' => return false,
            b'0'..=b'9' => {
                digits += 1;
                if digits >= 4 {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// Scans one piece of text.
pub fn scan(text: &str, opts: Options) -> Vec<Hit> {
    if cannot_match(text) {
        return Vec::new();
    }
    let p = patterns();
    if !p.any.is_match(text) {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let push = |hits: &mut Vec<Hit>, taken: &mut Vec<(usize, usize)>, kind, start, end, masked| {
        if taken.iter().any(|&(s, e)| start < e && s < end) {
            return;
        }
        taken.push((start, end));
        hits.push(Hit { kind, masked });
    };

    for c in p.ssn_context.captures_iter(text) {
        let (a, g, s) = (&c[1], &c[2], &c[3]);
        let m = c.get(0).unwrap();
        let digits = c.get(1).unwrap().start();
        if valid_ssn(a, g, s) && standalone(text, digits, m.end()) {
            push(
                &mut hits,
                &mut taken,
                PhiKind::Ssn,
                m.start(),
                m.end(),
                mask(&text[digits..m.end()]),
            );
        }
    }
    for c in p.ssn_dashed.captures_iter(text) {
        let m = c.get(0).unwrap();
        if c[2] != c[4] || !standalone(text, m.start(), m.end()) {
            continue;
        }
        if valid_ssn(&c[1], &c[3], &c[5]) {
            push(
                &mut hits,
                &mut taken,
                PhiKind::Ssn,
                m.start(),
                m.end(),
                mask(m.as_str()),
            );
        }
    }
    for c in p.mrn.captures_iter(text) {
        let m = c.get(0).unwrap();
        let id = c.get(1).unwrap();
        if standalone(text, id.start(), id.end()) || !is_digit_at(text.as_bytes(), Some(id.end())) {
            push(
                &mut hits,
                &mut taken,
                PhiKind::MedicalRecordNumber,
                m.start(),
                m.end(),
                mask(id.as_str()),
            );
        }
    }
    for c in p.member.captures_iter(text) {
        let m = c.get(0).unwrap();
        let id = c.get(1).unwrap();
        let digits = id.as_str().chars().filter(char::is_ascii_digit).count();
        if digits >= 4 {
            push(
                &mut hits,
                &mut taken,
                PhiKind::MemberId,
                m.start(),
                m.end(),
                mask(id.as_str()),
            );
        }
    }
    for c in p.phone_context.captures_iter(text) {
        let m = c.get(0).unwrap();
        let n = c.get(2).unwrap();
        let d = n.as_str().as_bytes();
        if standalone(text, n.start(), n.end()) && d[0] >= b'2' && d[3] >= b'2' {
            push(
                &mut hits,
                &mut taken,
                PhiKind::Phone,
                m.start(),
                m.end(),
                mask(n.as_str()),
            );
        }
    }
    for c in p.phone.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !standalone(text, m.start(), m.end()) {
            continue;
        }
        // Same separator twice (555-867-5309, 555.867.5309) or the (555) 867-5309 form.
        let parenthesised = c.get(3).is_some();
        let s = m.as_str();
        let body = &s[c.get(2).unwrap().start() - m.start()..];
        let seps: Vec<char> = body
            .chars()
            .filter(|ch| !ch.is_ascii_digit() && *ch != '(' && *ch != ')')
            .collect();
        let consistent = parenthesised || seps.windows(2).all(|w| w[0] == w[1]);
        // Dotted quads and versions: a dot-separated group followed by another dotted group.
        let b = text.as_bytes();
        let dotted_more = b.get(m.end()) == Some(&b'.') && is_digit_at(b, Some(m.end() + 1));
        if consistent && !dotted_more {
            push(
                &mut hits,
                &mut taken,
                PhiKind::Phone,
                m.start(),
                m.end(),
                mask(s),
            );
        }
    }
    if !opts.skip_email {
        for c in p.email.captures_iter(text) {
            let m = c.get(0).unwrap();
            let local = c[1].to_ascii_lowercase();
            let base = local.split(['+', '.']).next().unwrap_or("");
            if ROLE_MAILBOXES.contains(&local.as_str()) || ROLE_MAILBOXES.contains(&base) {
                continue;
            }
            let domain = c[2].to_ascii_lowercase();
            if domain.ends_with("amazonaws.com") || domain.ends_with("amazon.com") {
                continue;
            }
            push(
                &mut hits,
                &mut taken,
                PhiKind::Email,
                m.start(),
                m.end(),
                mask_email(&c[1], &c[3]),
            );
        }
    }
    dates_of_birth(text, p, &mut |kind, s, e, masked| {
        push(&mut hits, &mut taken, kind, s, e, masked)
    });
    hits
}

fn dates_of_birth(text: &str, p: &Patterns, push: &mut dyn FnMut(PhiKind, usize, usize, String)) {
    let contexts: Vec<(usize, usize)> = p
        .dob_context
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    // Person names: a given name followed directly by another word that is not vocabulary.
    let words: Vec<(usize, usize, String)> = p
        .words
        .find_iter(text)
        .map(|m| (m.start(), m.end(), m.as_str().to_ascii_lowercase()))
        .collect();
    let mut names: Vec<(usize, usize)> = Vec::new();
    for (i, (s, _, w)) in words.iter().enumerate() {
        if !GIVEN_NAMES.contains(&w.as_str()) {
            continue;
        }
        if let Some((_, e2, next)) = words.get(i + 1) {
            let gap = &text[words[i].1..words[i + 1].0];
            if next.len() >= 2
                && gap.len() <= 1
                && !NOT_SURNAMES.contains(&next.as_str())
                && !GIVEN_NAMES.contains(&next.as_str())
            {
                names.push((*s, *e2));
            }
        }
    }
    if contexts.is_empty() && names.is_empty() {
        return;
    }
    for c in p.date.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !standalone(text, m.start(), m.end()) {
            continue;
        }
        let year: u32 = c
            .get(1)
            .or(c.get(6))
            .map_or(0, |y| y.as_str().parse().unwrap_or(0));
        let near = |(s, e): (usize, usize)| {
            let gap = if e <= m.start() {
                m.start() - e
            } else {
                s.saturating_sub(m.end())
            };
            gap <= 3
        };
        let by_context = contexts.iter().copied().any(near);
        let by_name = names.iter().copied().any(near) && (1900..2015).contains(&year);
        if by_context || by_name {
            push(
                PhiKind::DateOfBirth,
                m.start(),
                m.end(),
                mask_all(m.as_str()),
            );
        }
    }
}

/// Scans a tag. The key and value are read together (`mrn=00482913` needs both); e-mail
/// addresses in ownership tags are not reported.
pub fn scan_tag(key: &str, value: &str) -> Vec<Hit> {
    scan(
        &format!("{key}={value}"),
        Options {
            skip_email: is_ownership_tag(key),
        },
    )
}

/// Tag keys whose values name the workforce (owners, contacts), not patients: e-mail
/// addresses there are expected and are not reported.
pub fn is_ownership_tag(key: &str) -> bool {
    let k: String = key
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    [
        "owner",
        "contact",
        "createdby",
        "creator",
        "maintainer",
        "team",
        "email",
        "requester",
        "requestedby",
        "approver",
        "costcenterowner",
        "technicalcontact",
        "businessowner",
        "supportcontact",
        "oncall",
        "author",
        "lastmodifiedby",
        "managedby",
    ]
    .iter()
    .any(|o| k == *o || k.ends_with(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixture lines written `key=value` (no space in the key) are read as tags, the way the
    /// rules read them; everything else as free text.
    fn kinds(text: &str) -> Vec<PhiKind> {
        let hits = match text.split_once('=') {
            Some((k, v)) if !k.is_empty() && !k.contains(' ') => scan_tag(k, v),
            _ => scan(text, Options::default()),
        };
        hits.into_iter().map(|h| h.kind).collect()
    }

    struct Fixture {
        positives: Vec<(PhiKind, String)>,
        negatives: Vec<String>,
    }

    fn lines(text: &str) -> impl Iterator<Item = &str> {
        text.lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    }

    fn fixture() -> Fixture {
        let positives = lines(include_str!("../../tests/fixtures/phi/positives.txt"))
            .map(|l| {
                let (k, t) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("positive line without a tab: {l:?}"));
                (
                    PhiKind::parse(k).unwrap_or_else(|| panic!("unknown kind {k:?}")),
                    t.to_string(),
                )
            })
            .collect();
        let negatives = lines(include_str!("../../tests/fixtures/phi/negatives.txt"))
            .map(str::to_string)
            .collect();
        Fixture {
            positives,
            negatives,
        }
    }

    /// (true positives, false negatives, false positives, true negatives).
    fn confusion() -> (usize, usize, usize, usize, Vec<String>) {
        let f = fixture();
        let mut wrong = Vec::new();
        let (mut tp, mut fn_, mut fp, mut tn) = (0, 0, 0, 0);
        for (kind, text) in &f.positives {
            if kinds(text).contains(kind) {
                tp += 1;
            } else {
                fn_ += 1;
                wrong.push(format!("missed {kind}: {text}"));
            }
        }
        for text in &f.negatives {
            let found = kinds(text);
            if found.is_empty() {
                tn += 1;
            } else {
                fp += 1;
                wrong.push(format!("false positive {found:?}: {text}"));
            }
        }
        (tp, fn_, fp, tn, wrong)
    }

    #[test]
    fn precision_and_recall_on_the_fixture_match_the_docs() {
        let (tp, fn_, fp, tn, wrong) = confusion();
        let precision = tp as f64 / (tp + fp) as f64;
        let recall = tp as f64 / (tp + fn_) as f64;
        assert!(
            precision >= 0.99,
            "precision {precision:.3}\n{}",
            wrong.join("\n")
        );
        assert!(recall >= 0.95, "recall {recall:.3}\n{}", wrong.join("\n"));
        let line = format!(
            "| {} | {} | {tp} | {fn_} | {fp} | {tn} | {precision:.3} | {recall:.3} |",
            tp + fn_,
            fp + tn
        );
        let doc = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/coverage/phi-detector.md"
        ))
        .expect("docs/coverage/phi-detector.md");
        assert!(
            doc.contains(&line),
            "docs/coverage/phi-detector.md must state the measured figures; put this row in its results table:\n{line}\nmisclassified:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn every_kind_has_positive_samples() {
        let f = fixture();
        for kind in PhiKind::ALL {
            assert!(
                f.positives.iter().filter(|(k, _)| *k == kind).count() >= 5,
                "{kind}"
            );
        }
        assert!(f.negatives.len() >= 150);
    }

    #[test]
    fn ssa_invalid_ranges_are_not_ssns() {
        for s in [
            "000-12-3456",
            "666-12-3456",
            "912-34-5678",
            "123-00-4567",
            "123-45-0000",
            "078-05-1120",
            "219-09-9999",
        ] {
            assert!(
                !kinds(&format!("patient {s}")).contains(&PhiKind::Ssn),
                "{s}"
            );
        }
        assert_eq!(kinds("intake-536-22-8714"), vec![PhiKind::Ssn]);
    }

    #[test]
    fn masks_never_show_the_value() {
        let hits = scan("export-536-22-8714", Options::default());
        assert_eq!(hits[0].masked, "***-**-8714");
        let hits = scan("owner jane.doe@gmail.com", Options::default());
        assert_eq!(hits[0].masked, "j***@***.com");
        let hits = scan("dob=1985-03-12", Options::default());
        assert_eq!(hits[0].masked, "****-**-**");
        assert_eq!(mask("12345"), "*****");
    }

    #[test]
    fn email_can_be_skipped_and_role_mailboxes_are_ignored() {
        assert!(scan("jane.doe@clinic.org", Options { skip_email: true }).is_empty());
        assert!(kinds("alerts@harborview.org").is_empty());
        assert!(is_ownership_tag("Owner"));
        assert!(is_ownership_tag("technical-contact"));
        assert!(!is_ownership_tag("patient"));
    }
}
