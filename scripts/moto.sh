#!/usr/bin/env bash
# moto's server mode, which serves S3 and KMS over HTTP on localhost, for the
# tests of encrypted fields (KMS) and S3-backed fields.
#
#   scripts/moto.sh install    # moto[server] from PyPI into .venv-moto/
#   scripts/moto.sh start      # install if needed, start on a free port,
#                              # wait until it answers, print its endpoint URL
#   scripts/moto.sh endpoint   # print the endpoint of the running server
#   scripts/moto.sh stop       # stop it
#
# Needs python3 with venv and pip (and PyPI). Fails, never skips, when moto
# cannot be installed or started.
set -euo pipefail

VERSION=5.2.5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-moto"
dir="$root/target/moto"
pid_file="$dir/pid"
endpoint_file="$dir/endpoint"
log="$dir/server.log"

say() { echo "moto: $*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=lib/service.sh
. "$root/scripts/lib/service.sh"

install() {
  if [ -x "$venv/bin/moto_server" ] &&
    "$venv/bin/python" -c "import moto, sys; sys.exit(moto.__version__ != '$VERSION')" 2>/dev/null; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || die "'python3' is not installed; moto is a Python program"
  say "installing moto[server]==$VERSION from PyPI into $venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check "moto[server]==$VERSION" >&2
  [ -x "$venv/bin/moto_server" ] || die "pip installed moto but $venv/bin/moto_server is missing"
}

# Answers a KMS ListKeys request (a signed-looking POST; moto does not check
# signatures) with a 200?
answers() {
  "$venv/bin/python" - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
req = urllib.request.Request(
    sys.argv[1] + "/",
    data=b"{}",
    headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "TrentService.ListKeys",
        "Authorization": "AWS4-HMAC-SHA256 Credential=dynox/20240101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0",
    },
)
with urllib.request.urlopen(req, timeout=2) as res:
    sys.exit(0 if res.status == 200 and b"Keys" in res.read() else 1)
EOF
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if running_endpoint; then return 0; fi
  install
  stop_quietly
  mkdir -p "$dir"
  local port endpoint pid
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  pid=$!
  await_answer "$pid" "$endpoint" "moto"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop_quietly ;;
  endpoint) running_endpoint || die "not running" ;;
  *) die "usage: $0 install|start|stop|endpoint" ;;
esac
