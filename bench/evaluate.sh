#!/usr/bin/env bash
# Times evaluation of large synthetic inventories against the full rule catalog.
#
#   bench/evaluate.sh [COUNTS...]        default: 100000 1000000
#
# For each count: generates an inventory (deterministic), then reports
#   - the engine's own phase timings (load / evaluate / render) from `scan --timings`,
#   - wall time over repeated runs with hyperfine (when installed),
#   - peak resident memory with GNU time (when installed).
# Figures go to docs/performance.md with the machine they were measured on.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100000 1000000)
work="${BENCH_DIR:-${TMPDIR:-/tmp}/safeguard-bench}"
mkdir -p "$work"

# Live collection is not needed to evaluate inventories; leaving it out saves a long build.
cargo build --release --locked -q -p safeguard --bin safeguard --no-default-features
cargo build --release --locked -q -p safeguard-engine --example gen_inventory
bin="${CARGO_TARGET_DIR:-target}/release/safeguard"
gen="${CARGO_TARGET_DIR:-target}/release/examples/gen_inventory"
for exe in "$bin" "$gen"; do
  [ -x "$exe" ] || { echo "missing $exe" >&2; exit 1; }
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo "rules:   $("$bin" rules --format json | grep -m1 '"count"' | tr -dc 0-9)"
for n in "${counts[@]}"; do
  inv="$work/inventory-$n.json"
  [ -f "$inv" ] || "$gen" "$n" "$inv"
  echo
  echo "== $n resources ($(du -h "$inv" | cut -f1) of JSON)"
  # Exit code 1 (findings) is the expected outcome here.
  for _ in 1 2 3; do
    "$bin" scan --inventory "$inv" --format json --output /dev/null --timings 2>&1 >/dev/null | grep timings || true
  done
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs 5 -i --style basic \
      "$bin scan --inventory $inv --format json --output /dev/null"
  fi
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "peak RSS %M KiB, wall %e s" "$bin" scan --inventory "$inv" --format json --output /dev/null 2>&1 >/dev/null | tail -1 || true
  fi
done
