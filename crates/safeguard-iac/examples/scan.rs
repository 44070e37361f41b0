//! Scans paths and prints a summary: files, resources per type, unresolved values,
//! diagnostics and the wall time.
//!
//! `cargo run --release -p safeguard-iac --example scan -- PATH... [--json OUT]`

use safeguard_iac::{scan_paths, IacKind};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json_out = args.iter().position(|a| a == "--json").map(|i| {
        let out = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        out
    });
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let start = Instant::now();
    let out = scan_paths(&paths, IacKind::All);
    let elapsed = start.elapsed();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for r in &out.inventory.resources {
        let k = match r {
            safeguard_model::Resource::Other(o) => format!("other:{}", o.resource_type),
            other => other.kind().as_str().to_string(),
        };
        *kinds.entry(k).or_default() += 1;
    }
    for (k, n) in &kinds {
        println!("{n:>7}  {k}");
    }
    for d in out.diagnostics.iter().take(20) {
        println!("diagnostic: {d}");
    }
    println!(
        "files {}  resources {}  diagnostics {}  time {:.3}s",
        out.files_scanned,
        out.inventory.resources.len(),
        out.diagnostics.len(),
        elapsed.as_secs_f64()
    );
    if let Some(p) = json_out {
        std::fs::write(&p, out.inventory.to_json()).expect("write inventory");
    }
}
