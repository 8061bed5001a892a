# What the scripts that run a test service (dynamodb-local.sh, moto.sh)
# share: finding the running one, waiting for a new one to answer, and
# stopping it. Sourced after the script sets `pid_file`, `endpoint_file`
# and `log`, and defines `answers ENDPOINT`, `say` and `die`.

# The endpoint of the running service, if it answers.
running_endpoint() {
  [ -f "$pid_file" ] && [ -f "$endpoint_file" ] || return 1
  kill -0 "$(cat "$pid_file")" 2>/dev/null || return 1
  local e
  e="$(cat "$endpoint_file")"
  answers "$e" || return 1
  echo "$e"
}

# Waits up to 60 s for the service started as PID to answer at ENDPOINT,
# then records and prints the endpoint; dies with the log's tail otherwise.
await_answer() {
  local pid="$1" endpoint="$2" name="$3" waited=0
  echo "$pid" >"$pid_file"
  until answers "$endpoint"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      die "$name exited while starting (log above, full log in $log)"
    fi
    if [ "$waited" -ge 120 ]; then
      tail -n 30 "$log" >&2 || true
      kill "$pid" 2>/dev/null || true
      die "$name did not answer within 60 s (log above)"
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "$endpoint" >"$endpoint_file"
  say "running at $endpoint (pid $pid)"
  echo "$endpoint"
}

# Stops the service, if one runs, and forgets it.
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
