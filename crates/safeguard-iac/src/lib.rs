//! Infrastructure as code into the safeguard resource model.
//!
//! Terraform (HCL modules with variables, `.tfvars`, locals, `count`/`for_each` and local
//! modules; `terraform show -json` plans) and CloudFormation (YAML with short-form intrinsic
//! tags, JSON) become one [`Inventory`] of typed resources, each pointing back to the file,
//! line and address that declares it. A value known only after apply is
//! `Unknown(unresolved)` with the expression; an attribute the source leaves unset takes the
//! AWS default where AWS documents one.
//!
//! A file that does not parse becomes a [`Diagnostic`] and a failed coverage row; the rest of
//! the scan goes on.
//!
//! Waivers written inline next to a resource (a `# safeguard:waive` comment in Terraform,
//! `Metadata.safeguard.waive` in CloudFormation) come out as [`ScanOutput::inline_waivers`],
//! already matched to the ids of the resources they cover; a malformed one is a diagnostic.

// Model structs are built with `..Default::default()` so that fields the model gains later
// start as `not_collected` instead of breaking the build.
#![allow(clippy::needless_update)]

mod cfn;
mod discover;
mod lines;
mod mapping;
mod tf;
mod value;
mod waivers;

use rayon::prelude::*;
use safeguard_model::{
    Coverage, CoverageStatus, Inventory, Resource, Source, SourceKind, Unknown, UnknownReason,
};
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

pub use discover::FileClass;

/// Which sources to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IacKind {
    #[default]
    All,
    Terraform,
    CloudFormation,
}

/// A problem found in one file: it could not be parsed, or part of it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the scan root, `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, when known.
    pub column: Option<u32>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}:{}:{}: {}", self.file, self.line, c, self.message),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}

/// What a scan of infrastructure-as-code files produced.
#[derive(Clone, Debug)]
pub struct ScanOutput {
    pub inventory: Inventory,
    pub diagnostics: Vec<Diagnostic>,
    /// Infrastructure-as-code files read (including those that failed to parse).
    pub files_scanned: usize,
    /// Well-formed inline waivers, one per resource they cover (a waiver in a module or on
    /// a block with `count`/`for_each` covers every instance), in file and line order.
    /// Malformed ones are in [`ScanOutput::diagnostics`] instead.
    pub inline_waivers: Vec<safeguard_waivers::InlineWaiver>,
}

/// What one unit of work (a file, a Terraform root module) produced.
#[derive(Default)]
pub(crate) struct Partial {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Vec<Coverage>,
    pub files: usize,
    pub terraform: bool,
    pub cloudformation: bool,
    pub waiver_sites: Vec<waivers::WaiverSite>,
    pub waiver_aliases: Vec<waivers::Alias>,
}

impl Partial {
    pub fn file_ok(&mut self, service: &str, file: &str) {
        self.files += 1;
        self.coverage.push(Coverage {
            account: String::new(),
            region: String::new(),
            service: service.to_string(),
            file: Some(file.to_string()),
            status: CoverageStatus::Ok,
        });
    }

    pub fn file_failed(&mut self, service: &str, d: Diagnostic) {
        self.files += 1;
        self.coverage.push(Coverage {
            account: String::new(),
            region: String::new(),
            service: service.to_string(),
            file: Some(d.file.clone()),
            status: CoverageStatus::Failed(Unknown::new(UnknownReason::ParseError, d.to_string())),
        });
        self.diagnostics.push(d);
    }

    fn absorb(&mut self, other: Partial) {
        self.resources.extend(other.resources);
        self.diagnostics.extend(other.diagnostics);
        self.coverage.extend(other.coverage);
        self.files += other.files;
        self.terraform |= other.terraform;
        self.cloudformation |= other.cloudformation;
        self.waiver_sites.extend(other.waiver_sites);
        self.waiver_aliases.extend(other.waiver_aliases);
    }
}

/// Scans files and directories for Terraform and CloudFormation and builds one inventory.
pub fn scan_paths(paths: &[PathBuf], kind: IacKind) -> ScanOutput {
    let mut total = Partial::default();
    let found = discover::discover(paths, kind, &mut total.diagnostics);

    // Single files (templates, plans, candidates that may turn out not to be IaC at all) and
    // Terraform modules go through the same parallel pool.
    let (tf_files, others): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|f| f.class.is_terraform_config());
    let work_files: Vec<Partial> = others.par_iter().map(|f| scan_candidate(f, kind)).collect();
    let tf_partial = tf::scan_modules(tf_files);
    for p in work_files {
        total.absorb(p);
    }
    total.absorb(tf_partial);

    let Partial {
        mut resources,
        mut diagnostics,
        mut coverage,
        files,
        terraform,
        cloudformation,
        waiver_sites,
        waiver_aliases,
    } = total;
    resources.sort_by(|a, b| {
        let (la, lb) = (a.meta().location.as_ref(), b.meta().location.as_ref());
        let ka = la.map(|l| (l.file.as_str(), l.line, l.address.as_str()));
        let kb = lb.map(|l| (l.file.as_str(), l.line, l.address.as_str()));
        ka.cmp(&kb).then_with(|| a.meta().id.cmp(&b.meta().id))
    });
    dedupe_ids(&mut resources, &mut diagnostics);
    let inline_waivers =
        waivers::resolve(waiver_sites, &resources, &waiver_aliases, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    coverage.sort_by(|a, b| a.file.cmp(&b.file));

    let source_kind = match (terraform, cloudformation) {
        (true, true) => SourceKind::Mixed,
        (false, true) => SourceKind::Cloudformation,
        _ => SourceKind::Terraform,
    };
    let description = format!(
        "{} infrastructure-as-code file(s) under {}",
        files,
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut inventory = Inventory::new(
        chrono::Utc::now(),
        Source {
            kind: source_kind,
            description,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        },
    );
    inventory.resources = resources;
    inventory.coverage = coverage;
    ScanOutput {
        inventory,
        diagnostics,
        files_scanned: files,
        inline_waivers,
    }
}

/// A `.json`/`.yaml`/`.yml`/`.template` file: a CloudFormation template, a plan, or neither.
fn scan_candidate(f: &discover::Found, kind: IacKind) -> Partial {
    let text = match std::fs::read_to_string(&f.path) {
        Ok(t) => t,
        Err(_) => return Partial::default(),
    };
    let is_json = f.rel.ends_with(".json");
    if is_json && kind != IacKind::CloudFormation && tf::plan::looks_like_plan(&text) {
        return tf::plan::scan_text(&f.rel, &text);
    }
    if kind != IacKind::Terraform && cfn::looks_like_template(&text) {
        return cfn::scan_text(&f.rel, &text);
    }
    Partial::default()
}

/// Ids are `<file>#<address>` and so unique by construction; a repeated one (the same
/// address declared twice in one file) is reported and made unique.
fn dedupe_ids(resources: &mut [Resource], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, u32> = HashMap::with_capacity(resources.len());
    for r in resources.iter_mut() {
        let id = r.meta().id.clone();
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let loc = r.meta().location.clone().unwrap_or_default();
            diagnostics.push(Diagnostic {
                file: loc.file.clone(),
                line: loc.line,
                column: None,
                message: format!("{} is declared more than once", loc.address),
            });
            r.meta_mut().id = format!("{id}#{n}");
        }
    }
}

/// Entry points for the fuzz targets (`fuzz/`) and the mutation test: each reads one input
/// of one format from memory, through parsing, evaluation and mapping, and must never panic.
#[doc(hidden)]
pub mod fuzz {
    /// Terraform HCL: the bytes before the first NUL are `main.tf`, the rest
    /// `terraform.tfvars`.
    pub fn fuzz_hcl(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let (main, vars) = text.split_once('\0').unwrap_or((&text, ""));
        let _ = crate::tf::scan_texts(&[("main.tf", main), ("terraform.tfvars", vars)]);
    }

    /// Terraform JSON configuration (`.tf.json`).
    pub fn fuzz_tf_json(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = crate::tf::scan_texts(&[("main.tf.json", &text)]);
    }

    /// A CloudFormation template in YAML (short-form tags).
    pub fn fuzz_cfn_yaml(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = crate::cfn::looks_like_template(&text);
        let _ = crate::cfn::scan_text("template.yaml", &text);
    }

    /// A CloudFormation template in JSON.
    pub fn fuzz_cfn_json(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = crate::cfn::scan_text("template.json", &text);
    }

    /// A `terraform show -json` plan.
    pub fn fuzz_plan_json(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = crate::tf::plan::looks_like_plan(&text);
        let _ = crate::tf::plan::scan_text("plan.json", &text);
    }
}

#[cfg(test)]
mod robustness {
    /// Every prefix of the fixtures (a cut-off upload, a half-written file) is read without a
    /// panic: it parses or it gives a diagnostic.
    #[test]
    fn truncated_inputs_never_panic() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        for f in [
            "cloudformation/records.yaml",
            "cloudformation/queue.json",
            "plan/plan.json",
            "terraform/app/main.tf",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
            for cut in (0..text.len())
                .step_by(5)
                .filter(|c| text.is_char_boundary(*c))
            {
                let part = &text[..cut];
                if f.ends_with(".tf") {
                    let _ = hcl_edit::parser::parse_body(part);
                } else if f.starts_with("plan") {
                    let _ = crate::tf::plan::scan_text(f, part);
                } else {
                    let _ = crate::cfn::scan_text(f, part);
                }
            }
        }
    }
}
