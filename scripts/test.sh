#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it:
#   formatting, clippy, docs, unit/UI/doc tests, every integration test on the
#   embedded engine AND on DynamoDB Local (started here, stopped on exit), and
#   the examples on both backends, and the boto3 interoperability test
#   (boto3 from PyPI into .venv-interop), and 30 s of fuzzing per target.
# Fails (never skips) when DynamoDB Local cannot be installed or started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets --features dynox-tests/dynamodb-local -- -D warnings

step "cargo doc (warnings denied)"
RUSTDOCFLAGS=-Dwarnings cargo doc --workspace --no-deps

step "dynox-core without default features, and with every optional field type"
cargo check -p dynox-core --no-default-features
cargo clippy -p dynox-core --all-features -- -D warnings

step "starting DynamoDB Local"
endpoint=$(scripts/dynamodb-local.sh start)
trap 'scripts/dynamodb-local.sh stop' EXIT
export DYNOX_TEST_ENDPOINT="$endpoint"
echo "DynamoDB Local at $endpoint" >&2

step "boto3 (from PyPI, into .venv-interop) for the interoperability test"
python3 -m venv .venv-interop
.venv-interop/bin/pip install -q --disable-pip-version-check "boto3>=1.34,<2"
export DYNOX_PYTHON="$PWD/.venv-interop/bin/python"

step "tests: unit, UI, doc, and integration on embedded + DynamoDB Local"
cargo test --workspace --features dynox-tests/dynamodb-local
cargo test -p dynox-core --lib --features chrono,time,uuid,rust_decimal

step "examples on the embedded engine"
cargo run -q -p dynox-examples -- all

step "examples on DynamoDB Local"
AWS_ENDPOINT_URL_DYNAMODB="$endpoint" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=dynox AWS_SECRET_ACCESS_KEY=dynox \
  cargo run -q -p dynox-examples -- all

step "fuzzing from_item and expression rendering (bounded; scripts/fuzz.sh 600 runs longer)"
scripts/fuzz.sh 30
