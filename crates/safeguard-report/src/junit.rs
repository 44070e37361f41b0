//! `--format junit`: one XML document (quick-junit) for CI test dashboards.
//!
//! One `<testsuite>` per rule that ran, one `<testcase>` per (rule, resource): `<failure>` for
//! a failure, `<skipped>` with the reason for an unknown, and (with `show_passes`) plain
//! test cases for passes and not-applicable outcomes. A failure or unknown under an active
//! waiver is `<skipped>` of type `waived`, its message giving the waiver's reason, owner,
//! expiry and origin, as CI dashboards show suppressed checks; its `status` property still
//! says `fail` or `unknown`.
//!
//! Why per rule rather than per safeguard family: a rule may cite sections of several
//! families (root MFA is both 164.308 and 164.312), so family suites would count one finding
//! twice and make `tests=`/`failures=` disagree with the report. GitLab, Jenkins, Azure
//! DevOps and CircleCI all list suites by name with their failure counts, and a suite named
//! after the rule ("S3-001 s3-bucket-encrypted-at-rest") reads as "this check failed on these
//! resources". The suite's properties carry the rule's severity and HIPAA citations.

use crate::common;
use crate::RenderOptions;
use quick_junit::{
    NonSuccessKind, Property, Report as JUnitReport, TestCase, TestCaseStatus, TestSuite,
};
use safeguard_engine::Report;
use safeguard_rules::Status;

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let mut out = JUnitReport::new("safeguard: HIPAA Security Rule");
    out.set_timestamp(report.evaluated_at);
    out.set_time(report.duration);

    let mut suites: Vec<TestSuite> = report
        .rules
        .iter()
        .map(|rule| {
            let m = rule.meta();
            let mut suite = TestSuite::new(format!("{} {}", m.id, m.name));
            suite.add_property(Property::new("title", m.title));
            suite.add_property(Property::new("severity", m.severity.as_str()));
            suite.add_property(Property::new("hipaa", m.hipaa.join(", ")));
            suite.add_property(Property::new("resource_type", rule.subject().as_str()));
            suite
        })
        .collect();

    for f in common::listed(report, opts.show_passes) {
        let rule = report.rule(f);
        let m = rule.meta();
        let resource = report.resource(f);
        let rm = resource.meta();
        let gates = report.gates(f, opts.fail_on);
        let scope_note = if f.in_scope { "" } else { " [out of scope]" };
        let waiver = report.waiver(f).map(|a| &a.waiver);
        let status = match (f.status, waiver) {
            (Status::Fail | Status::Unknown, Some(w)) => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(format!(
                    "waived ({}): {} — {}expires {}, {}{scope_note}",
                    f.status,
                    w.reason,
                    if w.owner.is_empty() {
                        String::new()
                    } else {
                        format!("owner {}, ", w.owner)
                    },
                    w.expires,
                    w.origin
                ));
                s.set_type("waived");
                s.set_description(f.message.to_string());
                s
            }
            (Status::Fail, None) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(format!("{}{scope_note}", f.message));
                s.set_type(m.severity.as_str());
                s.set_description(format!(
                    "{}\nresource: {}\ntype: {}\nHIPAA: 45 CFR {}\nseverity: {}{}\n\nFix (console / AWS CLI):\n{}\n",
                    m.title,
                    common::resource_label(rm),
                    resource.kind(),
                    m.hipaa.join(", "),
                    m.severity,
                    if gates { format!(" (at or above --fail-on {}: gates the exit code)", opts.fail_on) } else { String::new() },
                    m.remediation.console,
                ));
                s
            }
            (Status::Unknown, None) => {
                let mut s = TestCaseStatus::skipped();
                let reason = f.unknown.map_or("unknown", |u| u.as_str());
                s.set_message(format!("unknown ({reason}): {}{scope_note}", f.message));
                s.set_type(reason);
                s
            }
            (Status::Pass | Status::NotApplicable, _) => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(common::resource_label(rm), status);
        case.set_classname(m.id);
        if let Some(l) = &rm.location {
            case.extra.insert("file".into(), l.file.as_str().into());
            case.extra
                .insert("line".into(), l.line.max(1).to_string().into());
        }
        case.add_property(Property::new("status", f.status.as_str()));
        case.add_property(Property::new("fingerprint", report.fingerprint(f)));
        case.add_property(Property::new(
            "in_scope",
            if f.in_scope { "true" } else { "false" },
        ));
        case.add_property(Property::new("gates", if gates { "true" } else { "false" }));
        if waiver.is_some() {
            case.add_property(Property::new("waived", "true"));
        }
        suites[f.rule as usize].add_test_case(case);
    }

    out.add_test_suites(suites);
    out.to_string().expect("JUnit XML serialises")
}
