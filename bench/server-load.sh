#!/usr/bin/env bash
# Latency of `safeguard serve` under load, over a large scan history.
#
#   bench/server-load.sh [SCANS] [FINDINGS-PER-SCAN]      default: 100 10000
#
# Seeds an SQLite store with SCANS scans of one target, FINDINGS-PER-SCAN findings each
# (`cargo run --release -p safeguard-store --example seed_store`, through the store's own
# write path; kept between runs), starts the release server on a free loopback port with a
# bearer token, and measures every main API route and dashboard page with wrk: p50 and p99
# latency and throughput, first with one connection (the time one request takes) and then
# with CONNECTIONS concurrent ones (default 4; queueing included). Every URL is checked for
# a 200 answer first, so a broken route cannot pass as a fast one.
#
# Needs wrk (Debian package `wrk`; installed with apt-get when run as root), curl and jq.
# Environment: DURATION per measurement (default 10s), CONNECTIONS (default 4),
# BENCH_DIR for the store (default $TMPDIR/safeguard-bench).
# Figures go to docs/performance.md ("Server") with the machine they were measured on.
set -euo pipefail
cd "$(dirname "$0")/.."
scans="${1:-100}"
findings="${2:-10000}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-4}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/safeguard-bench}"
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing wrk (Debian package) ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
  else
    echo "this benchmark needs wrk: apt-get install wrk" >&2
    exit 2
  fi
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "this benchmark needs $tool: apt-get install $tool" >&2; exit 2; }
done

# The server does not need live collection; building without it leaves the AWS SDK out of
# the release build (minutes instead of most of an hour on two cores).
cargo build --release --locked -q -p safeguard --bin safeguard --no-default-features
cargo build --release --locked -q -p safeguard-store --example seed_store
bin="${CARGO_TARGET_DIR:-target}/release/safeguard"
seed="${CARGO_TARGET_DIR:-target}/release/examples/seed_store"

db="$work/server-load-$scans-$findings.db"
if [ ! -f "$db" ]; then
  "$seed" "sqlite:$db.partial" "$scans" "$findings" >/dev/null
  for ext in "" -wal -shm; do [ ! -f "$db.partial$ext" ] || mv "$db.partial$ext" "$db$ext"; done
fi

token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log="$work/server-load.log"
SAFEGUARD_TOKEN="$token" "$bin" serve --bind 127.0.0.1:0 --store "sqlite:$db" 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
addr=""
# Opening migrates an older store first (new indexes over every finding): allow for it.
for _ in $(seq 1 1200); do
  addr="$(grep -o 'on http://[0-9.:]*' "$log" | head -1 | sed 's|on http://||' || true)"
  [ -n "$addr" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$addr" ] || { echo "the server did not start; log: $log" >&2; exit 1; }
base="http://$addr"
auth="Authorization: Bearer $token"
api() { curl -fsS -H "$auth" "$base$1"; }

latest="$(api /api/v1/scans?limit=1 | jq '.scans[0].id')"
fp="$(api "/api/v1/scans/$latest/findings?limit=1" | jq -r '.items[0].fingerprint')"
service="$(api "/api/v1/scans/$latest/facets" | jq -r '.service | max_by(.count) | .value')"
total="$(api "/api/v1/scans/$latest/findings?limit=1" | jq '.total')"
deep=$(( total > 100 ? total - 50 : 0 ))

routes=(
  "/api/v1/scans"
  "/api/v1/scans/$latest"
  "/api/v1/scans/$latest/findings"
  "/api/v1/scans/$latest/findings?severity=high&service=$service"
  "/api/v1/scans/$latest/findings?text=00042"
  "/api/v1/scans/$latest/findings?offset=$deep"
  "/api/v1/scans/$latest/findings/$fp"
  "/api/v1/scans/$latest/facets"
  "/api/v1/scans/$latest/drift"
  "/api/v1/scans/$latest/waivers"
  "/api/v1/scores"
  "/api/v1/targets"
  "/"
  "/scans"
  "/scans/$latest/findings?severity=high&service=$service"
  "/scans/$latest/findings/$fp"
  "/scans/$latest/drift"
)

# wrk prints latencies as 812.00us, 4.21ms or 1.02s: in milliseconds.
ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.0f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f", v * 1000 }
    else printf "%s", v }'
}

measure() { # connections url -> "p50 p99 req/s"
  local out
  out="$(wrk -t1 -c"$1" -d"$duration" --timeout 30s --latency -H "$auth" "$base$2")"
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "non-2xx answers from $2" >&2
    exit 1
  fi
  if [ "$(awk '/requests in/ {print $1}' <<<"$out")" -lt 1 ]; then
    echo "no answer from $2 within $duration: raise DURATION" >&2
    exit 1
  fi
  echo "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")") $(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")") $(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store:   $db ($(du -h "$db" | cut -f1)), $scans scans x $findings findings; latest scan #$latest"
echo "wrk:     $duration per route; 1 connection, then $connections"
echo
echo "| route | bytes | p50 (1 conn) | p99 (1 conn) | p50 ($connections conn) | p99 ($connections conn) | req/s ($connections conn) |"
echo "|---|---|---|---|---|---|---|"
for route in "${routes[@]}"; do
  status="$(curl -s -o "$work/reply" -w '%{http_code}' -H "$auth" "$base$route")"
  [ "$status" = 200 ] || { echo "$route answered $status: $(head -c 300 "$work/reply")" >&2; exit 1; }
  bytes="$(wc -c <"$work/reply")"
  # Assigned first, so that a failed measurement stops the script (set -e).
  one="$(measure 1 "$route")"
  many="$(measure "$connections" "$route")"
  read -r p50a p99a _ <<<"$one"
  read -r p50b p99b rps <<<"$many"
  echo "| \`${route//$fp/FP}\` | $bytes | $p50a ms | $p99a ms | $p50b ms | $p99b ms | $rps |"
done
