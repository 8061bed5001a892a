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

running_endpoint() {
  [ -f "$pid_file" ] && [ -f "$endpoint_file" ] || return 1
  kill -0 "$(cat "$pid_file")" 2>/dev/null || return 1
  local e
  e="$(cat "$endpoint_file")"
  answers "$e" || return 1
  echo "$e"
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
  echo "$pid" >"$pid_file"
  local waited=0
  until answers "$endpoint"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      die "moto exited while starting (log above, full log in $log)"
    fi
    if [ "$waited" -ge 120 ]; then
      tail -n 30 "$log" >&2 || true
      kill "$pid" 2>/dev/null || true
      die "moto did not answer within 60 s (log above)"
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "$endpoint" >"$endpoint_file"
  say "running at $endpoint (pid $pid)"
  echo "$endpoint"
}

stop_quietly() {
  if [ -f "$pid_file" ]; then
    local pid
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file" "$endpoint_file"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop_quietly ;;
  endpoint) running_endpoint || die "not running" ;;
  *) die "usage: $0 install|start|stop|endpoint" ;;
esac
