#!/usr/bin/env bash
# Benchmarks against DynamoDB Local: starts it (or reuses a running one),
# runs the named benchmarks of dynox-core, and stops it if it started it.
#   scripts/bench.sh             # the batch-write benchmark
#   scripts/bench.sh batch streaming
# DYNOX_BENCH_COUNT sets the item count of the batch benchmark (default 100000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if endpoint=$(scripts/dynamodb-local.sh endpoint 2>/dev/null); then
  echo "using the running DynamoDB Local at $endpoint" >&2
else
  endpoint=$(scripts/dynamodb-local.sh start)
  trap 'scripts/dynamodb-local.sh stop' EXIT
fi

export AWS_ENDPOINT_URL_DYNAMODB="$endpoint" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=dynox AWS_SECRET_ACCESS_KEY=dynox DYNOX_BENCH_AWS=1

for bench in "${@:-batch}"; do
  cargo bench -q -p dynox-core --bench "$bench"
done
