#!/usr/bin/env bash
# Times a live AWS scan by safeguard against Prowler, both on the same emulated account.
#
#   bench/aws-vs-prowler.sh [SCALE...]        default: 1 10 50
#
# For each scale N: a fresh moto server seeded by the peer benchmark's seed.py with N copies of a
# "HIPAA test account" (IAM users, S3 buckets, EBS, VPCs, security groups, RDS, CloudTrail, KMS,
# log groups, DynamoDB, SNS, SQS, ALBs, EFS; each violation has a compliant copy). Every scale is
# seeded before the first measurement; then, per scale:
#   1. safeguard (release build): scan --aws --endpoint-url ... --regions us-east-1 under GNU time
#      (wall, CPU, peak RSS), the API call count from the inventory's source line, and the CPU
#      the emulator spent answering it;
#   2. the same scan with $SG_ALT_ARGS (default `--max-attempts 1`, to show what retries of the
#      calls moto does not implement cost; empty to skip);
#   3. Prowler (run-prowler.sh of the peer benchmark, us-east-1 only) in every mode of
#      $PROWLER_MODES (default `hipaa`), plus MODE=all at the scales in $PROWLER_ALL_SCALES
#      (default `10`; empty to skip);
#   4. with SG_COUNT=1 (default), one more safeguard scan, untimed, with moto's request recorder
#      on, to count the API calls per service and operation (bench/calls_by_operation.py);
# and scores both against seed.py's truth file (bench/score_safeguard.py, score_prowler.py).
# Results: $OUT/sN/... and $OUT/results.tsv; a Markdown table at the end.
#
# Environment:
#   PEERS_BENCH    the peer benchmark's aws/ directory (default: ../shared/bench/aws from the repo)
#   PEERS_DIR      where its setup.sh installed moto and Prowler (default: ~/.cache/peers)
#   SAFEGUARD_BIN  a safeguard binary built with live AWS collection; default: build
#                  `cargo build --release --locked -p safeguard` and use target/release/safeguard
#   OUT            output directory (default: ${TMPDIR:-/tmp}/safeguard-aws-bench/<UTC time>)
#   PROWLER=0      measure safeguard only
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS_BENCH="${PEERS_BENCH:-$repo/../shared/bench/aws}"
export PEERS_DIR="${PEERS_DIR:-$HOME/.cache/peers}"
PY="$PEERS_DIR/aws/venv/bin/python"
PROWLER="${PROWLER:-1}"
PROWLER_MODES="${PROWLER_MODES:-hipaa}"
PROWLER_ALL_SCALES="${PROWLER_ALL_SCALES-10}"
SG_ALT_ARGS="${SG_ALT_ARGS---max-attempts 1}"
SG_COUNT="${SG_COUNT:-1}"
OUT="${OUT:-${TMPDIR:-/tmp}/safeguard-aws-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 10 50)

die() { echo "aws-vs-prowler: $*" >&2; exit 1; }
[ -d "$PEERS_BENCH" ] || die "peer benchmark not found at $PEERS_BENCH (set PEERS_BENCH)"
PEERS_BENCH="$(cd "$PEERS_BENCH" && pwd)"
for f in moto.sh seed.py run-prowler.sh score_prowler.py; do
  [ -f "$PEERS_BENCH/$f" ] || die "missing $PEERS_BENCH/$f"
done
[ -x "$PY" ] || die "no virtualenv at $PEERS_DIR/aws/venv: run bash $PEERS_BENCH/setup.sh"
[ -x "$PEERS_DIR/aws/venv/bin/moto_server" ] || die "moto_server missing: run bash $PEERS_BENCH/setup.sh"
if [ "$PROWLER" = 1 ]; then
  [ -x "$PEERS_DIR/aws/venv/bin/prowler" ] || die "prowler missing: run bash $PEERS_BENCH/setup.sh"
fi
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required (apt-get install time)"
command -v python3 >/dev/null || die "python3 is required"
command -v curl >/dev/null || die "curl is required (moto.sh uses it)"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
results="$OUT/results.tsv"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Seed every scale first, each on its own fresh moto, so that the measurements below run back to
# back (and the build, when there is one, overlaps the seeding).
declare -A port_of=()
stop_all() { for p in "${port_of[@]}"; do bash "$PEERS_BENCH/moto.sh" stop "$p" >/dev/null 2>&1 || true; done; }
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for n in "${scales[@]}"; do
  R="$OUT/s$n"; mkdir -p "$R"
  port=$(free_port); port_of[$n]=$port
  MOTO_RECORDER_FILEPATH="$R/moto-recording.jsonl" bash "$PEERS_BENCH/moto.sh" start "$port"
  "$PY" "$PEERS_BENCH/seed.py" --endpoint "http://127.0.0.1:$port" --scale "$n" --truth "$R/truth.json" \
    | tee "$R/seed.txt"
done

if [ -z "${SAFEGUARD_BIN:-}" ]; then
  (cd "$repo" && cargo build --release --locked -q -p safeguard)
  SAFEGUARD_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/safeguard"
fi
[ -x "$SAFEGUARD_BIN" ] || die "no safeguard binary at $SAFEGUARD_BIN"
case "$("$SAFEGUARD_BIN" scan --help)" in *--aws*) ;; *)
  die "$SAFEGUARD_BIN was built without live AWS collection (default features needed)";;
esac
SAFEGUARD_BIN="$(cd "$(dirname "$SAFEGUARD_BIN")" && pwd)/$(basename "$SAFEGUARD_BIN")"

printf 'scale\ttool\twall_s\tcpu_s\tpeak_rss_mb\temulator_cpu_s\temulator_requests\tload1\tresources\tapi_calls\tretried\tfound\tplanted\tfp\tcompliant\n' > "$results"
{
  echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD -- crates 2>/dev/null || echo ' (crates/ modified)')"
  echo "binary: $SAFEGUARD_BIN"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
  echo "prowler: $("$PEERS_DIR/aws/venv/bin/pip" show prowler 2>/dev/null | awk '/^Version/{print $2}'), moto: $("$PEERS_DIR/aws/venv/bin/pip" show moto 2>/dev/null | awk '/^Version/{print $2}')"
} | tee "$OUT/machine.txt"

# CPU seconds (user + system) the emulator process has used so far.
moto_cpu() {
  awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15) / t }' "/proc/$(cat "$PEERS_DIR/aws/run/moto-$1.pid")/stat"
}

# The same credentials and endpoint run-prowler.sh gives Prowler: dummy keys, no profile files.
aws_env=(env -u AWS_PROFILE -u AWS_SESSION_TOKEN
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null)

# HTTP requests the emulator has logged so far (one werkzeug line per request, retries included).
moto_requests() { grep -c '^127.0.0.1 - - ' "$PEERS_DIR/aws/run/moto-$1.log" || true; }

# row SCALE TOOL DIR EMULATOR_CPU_BEFORE EMULATOR_CPU_AFTER LOAD REQUESTS [SCORE_JSON]: one line of results.tsv
row() {
  python3 - "$@" >> "$results" <<'PYEOF'
import json, re, sys
scale, tool, d, cpu_before, cpu_after, load, reqs = sys.argv[1:8]
score = json.load(open(sys.argv[8])) if len(sys.argv) > 8 else {}
t = open(f"{d}/time.txt").read()
w = re.search(r"Elapsed \(wall clock\) time.*: (.*)", t).group(1).split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + \
      float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
found = score.get("found", score.get("found_strict", ""))
fp = score.get("false_positives_on_compliant", "")
if isinstance(fp, dict):
    fp = sum(fp.values())
print("\t".join(str(x) for x in [
    scale, tool, f"{wall:.2f}", f"{cpu:.2f}", f"{rss:.0f}", f"{float(cpu_after) - float(cpu_before):.1f}", reqs, load,
    score.get("resources", ""), score.get("api_calls", ""), score.get("retried", ""),
    found, score.get("planted", ""), fp, score.get("compliant_total", "")]))
PYEOF
}

# run_safeguard SCALE LABEL DIR EP PORT [EXTRA ARGS...]
run_safeguard() {
  local scale=$1 label=$2 d=$3 ep=$4 port=$5; shift 5
  mkdir -p "$d"
  local before reqs load rc=0
  before=$(moto_cpu "$port"); reqs=$(moto_requests "$port"); load=$(cut -d' ' -f1 /proc/loadavg)
  echo "+ safeguard scan --aws --endpoint-url $ep --regions us-east-1 --format json $*" >&2
  (cd "$d" && "${aws_env[@]}" AWS_ENDPOINT_URL="$ep" /usr/bin/time -v -o "$d/time.txt" \
    "$SAFEGUARD_BIN" scan --aws --endpoint-url "$ep" --regions us-east-1 --quiet --timings \
      --format json --output "$d/report.json" --save-inventory "$d/inventory.json" "$@" \
      >"$d/stdout.txt" 2>"$d/stderr.txt") || rc=$?
  # 1: findings, 3: collection incomplete; both still produce a report.
  case $rc in 0|1|3) ;; *) cat "$d/stderr.txt" >&2; die "safeguard exited $rc (see $d)";; esac
  echo "safeguard rc=$rc $(grep -E '^timings' "$d/stderr.txt" || true)"
  python3 "$repo/bench/score_safeguard.py" "$OUT/s$scale/truth.json" "$d/report.json" \
    --inventory "$d/inventory.json" --json "$d/score.json" | tee "$d/score.txt"
  row "$scale" "$label" "$d" "$before" "$(moto_cpu "$port")" "$load" \
    "$(( $(moto_requests "$port") - reqs ))" "$d/score.json"
}

for n in "${scales[@]}"; do
  R="$OUT/s$n"; port=${port_of[$n]}; ep="http://127.0.0.1:$port"
  echo; echo "== scale $n (moto on $ep): $(cat "$R/seed.txt")"

  run_safeguard "$n" safeguard "$R/safeguard" "$ep" "$port"
  if [ -n "$SG_ALT_ARGS" ]; then
    read -r -a alt <<< "$SG_ALT_ARGS"
    run_safeguard "$n" "safeguard $SG_ALT_ARGS" "$R/safeguard-alt" "$ep" "$port" "${alt[@]}"
  fi

  # An untimed extra scan with moto's request recorder on: API calls per service and operation.
  if [ "$SG_COUNT" = 1 ]; then
    d="$R/safeguard-calls"; mkdir -p "$d"
    : > "$R/moto-recording.jsonl"
    curl -sf -X POST "$ep/moto-api/recorder/start-recording" >/dev/null
    (cd "$d" && "${aws_env[@]}" AWS_ENDPOINT_URL="$ep" "$SAFEGUARD_BIN" scan --aws --endpoint-url "$ep" \
      --regions us-east-1 --quiet --format json --output "$d/report.json" >/dev/null 2>"$d/stderr.txt") || true
    curl -sf -X POST "$ep/moto-api/recorder/stop-recording" >/dev/null
    python3 "$repo/bench/calls_by_operation.py" "$R/moto-recording.jsonl" > "$d/calls.tsv"
    rm -f "$R/moto-recording.jsonl"
    echo "requests by service (untimed scan with the emulator's recorder):"
    awk -F'\t' 'NR > 1 { n[$1] += $3 } END { for (s in n) printf "  %s %d\n", s, n[s] }' "$d/calls.tsv" | sort -k2,2nr
  fi

  if [ "$PROWLER" = 1 ]; then
    modes=($PROWLER_MODES)
    for s in $PROWLER_ALL_SCALES; do [ "$s" = "$n" ] && modes+=(all); done
    for m in "${modes[@]}"; do
      d="$R/prowler-$m"; mkdir -p "$d"
      before=$(moto_cpu "$port"); reqs=$(moto_requests "$port"); load=$(cut -d' ' -f1 /proc/loadavg)
      MODE=$m bash "$PEERS_BENCH/run-prowler.sh" "$ep" "$d" | tee "$d/run.txt"
      [ -s "$d/prowler.ocsf.json" ] || die "Prowler wrote no findings (see $d/stderr.txt)"
      "$PY" "$PEERS_BENCH/score_prowler.py" "$R/truth.json" "$d/prowler.ocsf.json" --json "$d/score.json" \
        | tee "$d/score.txt"
      row "$n" "prowler $m" "$d" "$before" "$(moto_cpu "$port")" "$load" \
        "$(( $(moto_requests "$port") - reqs ))" "$d/score.json"
    done
  fi
  bash "$PEERS_BENCH/moto.sh" stop "$port"
done

echo
python3 - "$results" <<'PYEOF' | tee "$OUT/results.md"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
sg = {r["scale"]: r for r in rows if r["tool"] == "safeguard"}
print("| scale | tool | wall s | CPU s | peak RSS MB | emulator CPU s | emulator requests | load | resources | API calls | calls/resource | found/planted | FP/compliant | Prowler wall / safeguard wall |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    calls = r["api_calls"]
    per = f"{int(calls) / int(r['resources']):.2f}" if calls and r["resources"] else ""
    ratio = ""
    if r["tool"].startswith("prowler") and r["scale"] in sg:
        ratio = f"{float(r['wall_s']) / float(sg[r['scale']]['wall_s']):.1f}x"
    print(f"| {r['scale']} | {r['tool']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_rss_mb']} | {r['emulator_cpu_s']} | {r['emulator_requests']} "
          f"| {r['load1']} | {r['resources']} | {calls} | {per} | {r['found']}/{r['planted']} | {r['fp']}/{r['compliant']} | {ratio} |")
PYEOF
echo "results: $OUT"
