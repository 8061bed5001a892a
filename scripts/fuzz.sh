#!/usr/bin/env bash
# Fuzzes, with cargo fuzz (libFuzzer): `from_item` of a generated model with
# every kind of field, on any item; and the rendering of conditions and
# updates built from any names and values. A panic, a failed round trip or
# an allocation over 2 GB fails the run and leaves the input in
# fuzz/artifacts/<target>/.
#   scripts/fuzz.sh [seconds per target]     (default 60)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

secs="${1:-60}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2
# cargo fuzz passes -Z flags to rustc; these machines have one stable toolchain
export RUSTC_BOOTSTRAP=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in from_item render; do
  printf '\n==> fuzzing %s for %s s\n' "$target" "$secs" >&2
  status=0
  (cd fuzz && cargo fuzz run -O --sanitizer none "$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1 || status=$?
  # libFuzzer's progress lines are many; show the summary, or everything on failure
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzzing $target failed; the input is in fuzz/artifacts/$target/" >&2
    exit "$status"
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" >&2
done
