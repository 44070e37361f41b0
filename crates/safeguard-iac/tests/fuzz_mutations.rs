//! Stable-toolchain fuzzing: every fixture, mutated many times with a fixed seed (bit flips,
//! truncations, insertions of random bytes and of syntax fragments, deletions, duplicated
//! spans), goes through the matching `safeguard_iac::fuzz` entry point, which must not panic.
//!
//! `SAFEGUARD_FUZZ_ITERS` sets the mutations per fixture (default 150, a few seconds);
//! `SAFEGUARD_FUZZ_SEED` changes the seed. Inputs that panic are written to
//! `target/fuzz-mutations/` and the test fails naming them. See `docs/fuzzing.md`.

use safeguard_iac::fuzz;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const FRAGMENTS: &[&str] = &[
    "${",
    "}",
    "{",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "\n",
    ":",
    ": ",
    "- ",
    "!Ref ",
    "!Sub ",
    "!GetAtt ",
    "!If ",
    "!Select ",
    "!Join ",
    "!Split ",
    "!Cidr ",
    "!FindInMap ",
    "!Base64 ",
    "!GetAZs ",
    "Fn::",
    "Ref",
    "Condition",
    "Conditions",
    "Parameters",
    "Resources",
    "Type",
    "Properties",
    "count",
    "for_each",
    "each.key",
    "count.index",
    "var.",
    "local.",
    "module.",
    "data.",
    "dynamic",
    "content",
    "for ",
    " in ",
    " if ",
    "? ",
    "... ",
    "=>",
    "==",
    "&&",
    "||",
    "!",
    "-",
    "*",
    "%",
    "/",
    "0",
    "-1",
    "1e309",
    "9999999999999999999",
    "\"\"",
    "null",
    "true",
    "${var.x}",
    "%{ if true }",
    "%{ endif }",
    "<<EOT\n",
    "EOT\n",
    "&anchor ",
    "*anchor",
    "<<: ",
    "---\n",
    "...\n",
    "\t",
    "\u{feff}",
    "\u{0}",
    "é",
    "𝄞",
    "\\u",
    "\\",
    "#",
    "//",
    "/*",
    "*/",
    "resource \"aws_s3_bucket\" \"b\" {",
    "variable \"x\" {",
    "locals {",
    "module \"m\" {",
    "output \"o\" {",
    "lookup(",
    "merge(",
    "jsonencode(",
    "format(\"%s\", ",
    "cidrsubnet(",
    "element(",
    "length(",
    "range(",
    "try(",
    "coalesce(",
    "tostring(",
    "split(",
    "join(",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut d = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(9) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 => d.truncate(at),
            2 => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                d.splice(at..at, bytes);
            }
            3 | 4 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes().to_vec();
                d.splice(at..at, f);
            }
            5 if !d.is_empty() => {
                let end = (at + 1 + rng.below(32)).min(d.len());
                d.drain(at.min(end)..end);
            }
            6 if !d.is_empty() => {
                // Duplicate a span somewhere else (repeated keys, nested blocks).
                let start = rng.below(d.len());
                let end = (start + 1 + rng.below(200)).min(d.len());
                let span = d[start..end].to_vec();
                let to = rng.below(d.len() + 1);
                d.splice(to..to, span);
            }
            7 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = b"{}[]()\"'$:!-\n #=.,*0"[rng.below(20)];
            }
            _ => {
                // Deep nesting.
                let open = [b"[" as &[u8], b"{", b"(", b"- ", b"!If [", b"${"][rng.below(6)];
                let n = rng.below(64);
                let v: Vec<u8> = open.iter().copied().cycle().take(open.len() * n).collect();
                d.splice(at..at, v);
            }
        }
    }
    d
}

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            fixtures(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A fuzz entry point and its name.
type Target = (&'static str, fn(&[u8]));

fn target_for(path: &Path) -> Option<Target> {
    let name = path.file_name()?.to_str()?;
    Some(if name.ends_with(".tf") || name.ends_with(".tfvars") {
        ("hcl", fuzz::fuzz_hcl)
    } else if name.ends_with(".tf.json") {
        ("tf_json", fuzz::fuzz_tf_json)
    } else if name.contains("plan") && name.ends_with(".json") {
        ("plan_json", fuzz::fuzz_plan_json)
    } else if name.ends_with(".json") {
        ("cfn_json", fuzz::fuzz_cfn_json)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        ("cfn_yaml", fuzz::fuzz_cfn_yaml)
    } else {
        return None;
    })
}

#[test]
fn mutated_fixtures_never_panic() {
    let iters: usize = std::env::var("SAFEGUARD_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let seed: u64 = std::env::var("SAFEGUARD_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5afe_9a4d);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    fixtures(&root.join("tests/fixtures"), &mut files);
    let examples = root.join("../../examples/clinic");
    for sub in ["terraform", "cloudformation"] {
        if examples.join(sub).is_dir() {
            fixtures(&examples.join(sub), &mut files);
        }
    }
    files.sort();
    let crashes = root.join("../../target/fuzz-mutations");
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = Vec::new();
    let mut runs = 0usize;
    for (n, path) in files.iter().enumerate() {
        let Some((kind, run)) = target_for(path) else {
            continue;
        };
        let input = std::fs::read(path).unwrap();
        let mut rng = Rng(seed ^ (n as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        // The input as it is, then mutants of mutants: each step mutates the last input
        // that did not panic, so mutations pile up.
        let mut current = input.clone();
        for i in 0..=iters {
            let data = if i == 0 {
                input.clone()
            } else {
                mutate(&mut rng, &current)
            };
            runs += 1;
            if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
                std::fs::create_dir_all(&crashes).unwrap();
                let out = crashes.join(format!("{kind}-{n}-{i}"));
                std::fs::write(&out, &data).unwrap();
                failed.push(format!(
                    "{kind} on a mutant of {}: {}",
                    path.display(),
                    out.display()
                ));
                current = input.clone();
            } else if rng.below(4) == 0 || data.len() > 4 * input.len() + 4096 {
                current = input.clone();
            } else {
                current = data;
            }
        }
    }
    std::panic::set_hook(quiet);
    assert!(runs > iters, "no fixtures found");
    assert!(
        failed.is_empty(),
        "{} panics:\n{}",
        failed.len(),
        failed.join("\n")
    );
    eprintln!("{runs} inputs, no panic");
}
