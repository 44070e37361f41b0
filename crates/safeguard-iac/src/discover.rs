//! Finding the files to read: walk the given paths, skip tool and dependency directories, and
//! classify by name (Terraform) or leave the decision to the content (JSON and YAML).

use crate::{Diagnostic, IacKind};
use std::path::{Path, PathBuf};

/// Directories never descended into: provider and module caches, VCS data, npm packages.
const SKIP_DIRS: &[&str] = &[".terraform", ".git", "node_modules"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    /// `*.tf`
    Tf,
    /// `*.tf.json`
    TfJson,
    /// `*.tfvars`, `*.tfvars.json`
    TfVars,
    /// `*.json`, `*.yaml`, `*.yml`, `*.template`: a CloudFormation template or plan JSON when
    /// the content says so.
    Candidate,
}

impl FileClass {
    pub fn is_terraform_config(self) -> bool {
        matches!(self, FileClass::Tf | FileClass::TfJson | FileClass::TfVars)
    }
}

#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the scan root, `/` separators.
    pub rel: String,
    pub class: FileClass,
}

pub fn classify(name: &str) -> Option<FileClass> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tf") {
        Some(FileClass::Tf)
    } else if lower.ends_with(".tf.json") {
        Some(FileClass::TfJson)
    } else if lower.ends_with(".tfvars") || lower.ends_with(".tfvars.json") {
        Some(FileClass::TfVars)
    } else if [".json", ".yaml", ".yml", ".template"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        Some(FileClass::Candidate)
    } else {
        None
    }
}

fn wanted(class: FileClass, kind: IacKind) -> bool {
    // Terraform still looks at JSON candidates: plan files are recognised by content.
    match kind {
        IacKind::CloudFormation => class == FileClass::Candidate,
        IacKind::All | IacKind::Terraform => true,
    }
}

pub fn rel_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

pub fn discover(paths: &[PathBuf], kind: IacKind, diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, p, kind, &mut out, diagnostics),
            Ok(_) => {
                let root = p.parent().unwrap_or(Path::new(""));
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if let Some(class) = classify(&name).filter(|c| wanted(*c, kind)) {
                    out.push(Found {
                        path: p.clone(),
                        rel: rel_path(p, root),
                        class,
                    });
                }
            }
            Err(e) => diagnostics.push(Diagnostic {
                file: p.display().to_string(),
                line: 0,
                column: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    out
}

fn walk(
    dir: &Path,
    root: &Path,
    kind: IacKind,
    out: &mut Vec<Found>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diagnostics.push(Diagnostic {
                file: rel_path(dir, root),
                line: 0,
                column: None,
                message: format!("cannot read directory: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Symbolic links to directories are not followed (no cycles); links to files are read.
        let Ok(ft) = entry.file_type() else { continue };
        let path = entry.path();
        if ft.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                walk(&path, root, kind, out, diagnostics);
            }
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            if let Some(class) = classify(&name).filter(|c| wanted(*c, kind)) {
                out.push(Found {
                    rel: rel_path(&path, root),
                    path,
                    class,
                });
            }
        }
    }
}
