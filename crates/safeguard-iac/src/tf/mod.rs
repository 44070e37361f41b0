//! Terraform: HCL modules and plan JSON.
//!
//! A directory of `.tf` files is a module. Every directory that no other scanned module calls
//! as a local module (`source = "./..."`) is a root: its variables take their defaults and
//! the values of `terraform.tfvars` and `*.auto.tfvars`, and its local modules are expanded
//! under their addresses (`module.x.aws_s3_bucket.y`). What only `apply` can know stays
//! unresolved, with the expression.

mod eval;
mod funcs;
mod map;
pub mod plan;
mod tfjson;

use crate::discover::{FileClass, Found};
use crate::lines::LineIndex;
use crate::waivers::{self, Alias, WaiverSite};
use crate::{Diagnostic, Partial};
use hcl_edit::structure::Body;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// One parsed Terraform file.
pub struct ParsedFile {
    pub rel: String,
    pub class: FileClass,
    pub body: Body,
    pub lines: LineIndex,
    /// `.tf.json`: lines of resource names, since the body was rebuilt from JSON.
    pub json_lines: Option<HashMap<(String, String), u32>>,
    /// Inline waiver comments, taken out by the scan before evaluation.
    pub waivers: Vec<WaiverSite>,
}

impl ParsedFile {
    /// File name without directories.
    fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    /// Loaded automatically by Terraform in a root module.
    fn is_auto_tfvars(&self) -> bool {
        let n = self.name();
        n == "terraform.tfvars"
            || n == "terraform.tfvars.json"
            || n.ends_with(".auto.tfvars")
            || n.ends_with(".auto.tfvars.json")
    }
}

/// A module directory: its configuration files and the variable files beside it.
pub struct ModuleDir {
    pub dir: PathBuf,
    pub files: Vec<ParsedFile>,
}

fn parse_file(path: &Path, rel: &str, class: FileClass) -> Result<ParsedFile, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic {
        file: rel.to_string(),
        line: 1,
        column: None,
        message: format!("cannot read: {e}"),
    })?;
    parse_text(text, rel, class)
}

fn parse_text(text: String, rel: &str, class: FileClass) -> Result<ParsedFile, Diagnostic> {
    let is_json = rel.ends_with(".json");
    let (hcl, json_lines) = if is_json {
        match tfjson::to_hcl(&text, class == FileClass::TfVars) {
            Ok((hcl, lines)) => (hcl, Some(lines)),
            Err(e) => {
                return Err(Diagnostic {
                    file: rel.to_string(),
                    line: e.line() as u32,
                    column: Some(e.column() as u32),
                    message: format!("invalid Terraform JSON: {}", strip_position(&e.to_string())),
                })
            }
        }
    } else {
        (text, None)
    };
    match hcl_edit::parser::parse_body(&hcl) {
        Ok(body) => {
            let lines = LineIndex::new(&hcl);
            // JSON has no comments; in HCL they are read from the text, which the parser
            // does not keep.
            let waivers = if json_lines.is_none() {
                waivers::terraform_sites(rel, &hcl, &body, &lines)
            } else {
                Vec::new()
            };
            Ok(ParsedFile {
                rel: rel.to_string(),
                class,
                lines,
                body,
                json_lines,
                waivers,
            })
        }
        Err(e) => {
            let loc = e.location();
            Err(Diagnostic {
                file: rel.to_string(),
                line: loc.line() as u32,
                column: Some(loc.column() as u32),
                message: format!("invalid HCL: {}", e.message()),
            })
        }
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// `a/b/../c` -> `a/c`, without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A module call's `source` when it is a local path.
pub fn local_source(body: &Body) -> Option<String> {
    let attr = body.get_attribute("source")?;
    let s = match &attr.value {
        hcl_edit::expr::Expression::String(s) => s.value().to_string(),
        _ => return None,
    };
    (s.starts_with("./") || s.starts_with("../")).then_some(s)
}

pub fn scan_modules(files: Vec<Found>) -> Partial {
    let mut out = Partial::default();
    if files.is_empty() {
        return out;
    }
    out.terraform = true;
    // The relative path of a directory, for files loaded from outside the scan.
    let rel_base: Vec<(PathBuf, String)> = files
        .iter()
        .filter_map(|f| {
            let dir = normalize(f.path.parent()?);
            let rel_dir = f
                .rel
                .rsplit_once('/')
                .map(|(d, _)| d.to_string())
                .unwrap_or_default();
            Some((dir, rel_dir))
        })
        .collect();

    let parsed: Vec<(PathBuf, Result<ParsedFile, Diagnostic>)> = files
        .par_iter()
        .map(|f| {
            (
                normalize(f.path.parent().unwrap_or(Path::new(""))),
                parse_file(&f.path, &f.rel, f.class),
            )
        })
        .collect();
    let mut dirs: BTreeMap<PathBuf, ModuleDir> = BTreeMap::new();
    for (dir, res) in parsed {
        match res {
            Ok(mut pf) => {
                out.file_ok("terraform", &pf.rel);
                out.waiver_sites.append(&mut pf.waivers);
                dirs.entry(dir.clone())
                    .or_insert_with(|| ModuleDir {
                        dir,
                        files: Vec::new(),
                    })
                    .files
                    .push(pf);
            }
            Err(d) => {
                out.file_failed("terraform", d);
                dirs.entry(dir.clone()).or_insert_with(|| ModuleDir {
                    dir,
                    files: Vec::new(),
                });
            }
        }
    }

    // Local modules outside the scanned paths are read too, so that calls resolve.
    let mut pending: Vec<PathBuf> = dirs.keys().cloned().collect();
    let mut seen: HashSet<PathBuf> = pending.iter().cloned().collect();
    let mut called: HashSet<PathBuf> = HashSet::new();
    while let Some(d) = pending.pop() {
        let sources: Vec<PathBuf> = dirs
            .get(&d)
            .map(|m| {
                m.files
                    .iter()
                    .flat_map(|f| f.body.get_blocks("module"))
                    .filter_map(|b| local_source(&b.body))
                    .map(|s| normalize(&d.join(s)))
                    .collect()
            })
            .unwrap_or_default();
        for s in sources {
            if s != d {
                called.insert(s.clone());
            }
            if seen.insert(s.clone()) {
                if let Some(m) = load_outside(&s, &d, &rel_base, &mut out) {
                    dirs.insert(s.clone(), m);
                    pending.push(s);
                }
            }
        }
    }

    let roots: Vec<&ModuleDir> = dirs
        .values()
        .filter(|m| !called.contains(&m.dir))
        .filter(|m| m.files.iter().any(|f| f.class != FileClass::TfVars))
        .collect();
    let views: HashMap<&Path, eval::ModView<'_>> = dirs
        .values()
        .map(|m| (m.dir.as_path(), eval::ModView::new(m)))
        .collect();
    let results: Vec<Partial> = roots
        .par_iter()
        .map(|root| {
            let mut p = Partial::default();
            let raws = eval::evaluate_root(root, &views, &mut p.diagnostics);
            let region = views[root.dir.as_path()].provider_region();
            let (resources, folded) = map::map_all_folded(&raws);
            p.resources = resources;
            p.waiver_aliases = aliases(&raws, &folded);
            if let Some(region) = region {
                for r in &mut p.resources {
                    r.meta_mut().region = region.clone();
                }
            }
            p
        })
        .collect();
    for r in results {
        out.absorb(r);
    }
    out
}

/// One root module given as `(file name, text)` pairs, evaluated and mapped without touching
/// the file system (local module calls do not resolve). For the fuzz targets.
pub fn scan_texts(files: &[(&str, &str)]) -> Partial {
    let mut out = Partial::default();
    let mut module = ModuleDir {
        dir: PathBuf::from("fuzz"),
        files: Vec::new(),
    };
    for (rel, text) in files {
        let class = if rel.ends_with(".tfvars") || rel.ends_with(".tfvars.json") {
            FileClass::TfVars
        } else if rel.ends_with(".json") {
            FileClass::TfJson
        } else {
            FileClass::Tf
        };
        match parse_text(text.to_string(), rel, class) {
            Ok(mut pf) => {
                out.waiver_sites.append(&mut pf.waivers);
                module.files.push(pf)
            }
            Err(d) => out.file_failed("terraform", d),
        }
    }
    let views: HashMap<&Path, eval::ModView<'_>> =
        HashMap::from([(module.dir.as_path(), eval::ModView::new(&module))]);
    let raws = eval::evaluate_root(&module, &views, &mut out.diagnostics);
    let (resources, folded) = map::map_all_folded(&raws);
    out.resources = resources;
    out.waiver_aliases = aliases(&raws, &folded);
    out
}

/// Where waivers on folded companion blocks go: `(companion, parent)` indices into `raws`
/// become the companion's file and line with the parent's resource id.
fn aliases(raws: &[crate::mapping::Raw], folded: &[(usize, usize)]) -> Vec<Alias> {
    folded
        .iter()
        .map(|&(c, p)| Alias {
            file: raws[c].file.clone(),
            line: raws[c].line,
            resource_id: raws[p].id(),
        })
        .collect()
}

/// Reads a module directory that the scan did not include (a `../modules/x` next to the
/// scanned root). Its files are named relative to the calling module's scanned files.
fn load_outside(
    dir: &Path,
    caller: &Path,
    rel_base: &[(PathBuf, String)],
    out: &mut Partial,
) -> Option<ModuleDir> {
    let entries = std::fs::read_dir(dir).ok()?;
    let caller_rel = rel_base
        .iter()
        .find(|(d, _)| d == caller)
        .map(|(_, r)| r.clone())
        .unwrap_or_default();
    let rel_dir = relative_to(dir, caller, &caller_rel);
    let mut files = Vec::new();
    let mut names: Vec<(PathBuf, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name.ends_with(".tf") || name.ends_with(".tf.json")).then(|| (e.path(), name))
        })
        .collect();
    names.sort();
    for (path, name) in names {
        let rel = if rel_dir.is_empty() {
            name.clone()
        } else {
            format!("{rel_dir}/{name}")
        };
        let class = if name.ends_with(".json") {
            FileClass::TfJson
        } else {
            FileClass::Tf
        };
        match parse_file(&path, &rel, class) {
            Ok(mut pf) => {
                out.file_ok("terraform", &rel);
                out.waiver_sites.append(&mut pf.waivers);
                files.push(pf);
            }
            Err(d) => out.file_failed("terraform", d),
        }
    }
    Some(ModuleDir {
        dir: dir.to_path_buf(),
        files,
    })
}

/// The scan-relative name of `dir`, given that `caller` is named `caller_rel`.
fn relative_to(dir: &Path, caller: &Path, caller_rel: &str) -> String {
    // Walk up from the caller until `dir` is below, then down.
    let mut up = 0;
    let mut base = caller.to_path_buf();
    loop {
        if let Ok(rest) = dir.strip_prefix(&base) {
            let mut parts: Vec<String> = caller_rel
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            for _ in 0..up {
                if parts.pop().is_none() {
                    parts.insert(0, "..".into());
                }
            }
            parts.extend(
                rest.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned()),
            );
            return normalize(Path::new(&parts.join("/")))
                .to_string_lossy()
                .replace('\\', "/");
        }
        if !base.pop() {
            return dir.to_string_lossy().into_owned();
        }
        up += 1;
    }
}
