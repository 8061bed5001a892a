#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it:
#   formatting, clippy, docs, unit/UI/doc tests, every integration test on the
#   embedded engine AND on DynamoDB Local (started here, stopped on exit), and
#   the examples on both backends, and the boto3 and pydynox interoperability
#   tests (both from PyPI into .venv-interop), the KMS and S3 tests against moto's
#   server (moto[server] from PyPI into .venv-moto), and 30 s of fuzzing per
#   target.
# Fails (never skips) when DynamoDB Local or moto cannot be installed or
# started.
#
#   scripts/test.sh               # everything, as CI runs it
#   scripts/test.sh --repeat 10   # only the test step, 10 times in a row on one
#                                 # DynamoDB Local, counting the runs that failed
#                                 # (to show that no test depends on luck)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

start_services() {
  step "starting DynamoDB Local"
  endpoint=$(scripts/dynamodb-local.sh start)
  trap 'scripts/dynamodb-local.sh stop; scripts/moto.sh stop' EXIT
  export DYNOX_TEST_ENDPOINT="$endpoint"
  echo "DynamoDB Local at $endpoint" >&2

  step "moto's server (S3 and KMS) for the encrypted and S3-backed field tests"
  moto=$(scripts/moto.sh start)
  export DYNOX_TEST_MOTO="$moto"
  echo "moto at $moto" >&2

  step "boto3 and pydynox (from PyPI, into .venv-interop) for the interoperability tests"
  python3 -m venv .venv-interop
  .venv-interop/bin/pip install -q --disable-pip-version-check "boto3>=1.34,<2" "pydynox==1.8.0"
  export DYNOX_PYTHON="$PWD/.venv-interop/bin/python"
}

test_step() {
  step "tests: unit, UI, doc, and integration on embedded + DynamoDB Local"
  # chained with && so that a failure counts under --repeat too, where the
  # function runs as an `if` condition and `set -e` does not apply
  cargo test --workspace --features dynox-tests/dynamodb-local &&
    cargo test -p dynox-core --lib --features chrono,time,uuid,rust_decimal
}

if [ "${1:-}" = "--repeat" ]; then
  runs="${2:?--repeat takes a count}"
  start_services
  mkdir -p target
  passed=0 failed=0
  for i in $(seq 1 "$runs"); do
    step "run $i of $runs"
    if (test_step) >"target/repeat-$i.log" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "run $i failed; its output is in target/repeat-$i.log" >&2
    fi
  done
  echo "repeat: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets --features dynox-tests/dynamodb-local -- -D warnings

step "cargo doc (warnings denied)"
RUSTDOCFLAGS=-Dwarnings cargo doc --workspace --no-deps

step "dynox-core without default features, and with every optional field type"
cargo check -p dynox-core --no-default-features
cargo clippy -p dynox-core --all-features -- -D warnings

start_services
test_step

step "examples on the embedded engine"
cargo run -q -p dynox-examples -- all

step "examples on DynamoDB Local (KMS and S3 from moto)"
AWS_ENDPOINT_URL_DYNAMODB="$endpoint" AWS_ENDPOINT_URL_KMS="$moto" AWS_ENDPOINT_URL_S3="$moto" \
  AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=dynox AWS_SECRET_ACCESS_KEY=dynox \
  cargo run -q -p dynox-examples -- all

step "fuzzing from_item and expression rendering (bounded; scripts/fuzz.sh 600 runs longer)"
scripts/fuzz.sh 30
