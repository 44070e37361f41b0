#!/usr/bin/env bash
# Copies the fixtures and examples into fuzz/corpus/<target>/ as seed inputs.
#   bash fuzz/seed.sh && cd fuzz && cargo +nightly fuzz run cfn_yaml -- -max_total_time=600
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
srcs=("$root/crates/safeguard-iac/tests/fixtures")
[ -d "$root/examples/clinic" ] && srcs+=("$root/examples/clinic")
put() { # target file
  mkdir -p "$here/corpus/$1"
  cp "$2" "$here/corpus/$1/$(printf %s "$2" | md5sum | cut -c1-12)-$(basename "$2")"
}
while IFS= read -r -d '' f; do
  case "$f" in
    *.tf.json) put tf_json "$f" ;;
    *.tf|*.tfvars) put hcl "$f" ;;
    *.yaml|*.yml) put cfn_yaml "$f" ;;
    *plan*.json) put plan_json "$f" ;;
    *.json) put cfn_json "$f" ;;
  esac
done < <(find "${srcs[@]}" -type f -print0)
for d in "$here"/corpus/*; do echo "$(ls "$d" | wc -l) seeds in $d"; done
