#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a program beside a real learning record store: Learning Locker's xAPI
# statement service (npm package xapi-statements, installed by ./setup test into
# tests/npm), in memory, with its events in a private redis-server. Both listen
# on 127.0.0.1 only, on free ports, and are stopped afterwards.
#   with-lrs.sh PROGRAM [ARGS...]
# The program finds the LRS in SIGNAAL_TEST_LRS (the xAPI endpoint, ending in
# /xAPI/) and SIGNAAL_TEST_LRS_PORT. Fails, never skips, when a part is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
service="$here/../npm/node_modules/xapi-statements/dist/index.js"
for need in node redis-server; do
  command -v "$need" >/dev/null || { echo "with-lrs: $need is missing: run ./setup test, which installs it" >&2; exit 1; }
done
[ -f "$service" ] || { echo "with-lrs: xapi-statements is missing from tests/npm: run ./setup test, which installs it" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup () {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port () {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" \
  > "$tmp/redis.log" 2>&1 &
pids+=($!)

lrs_port=$(free_port)
(cd "$tmp" && AUTH_REPO=test MODELS_REPO=memory STORAGE_REPO=local EVENTS_REPO=redis \
  REDIS_URL="redis://127.0.0.1:$redis_port/0" EXPRESS_PORT="$lrs_port" LOG_LEVEL=error \
  exec node "$service" > "$tmp/lrs.log" 2>&1) &
pids+=($!)

endpoint="http://127.0.0.1:$lrs_port/xAPI/"
for _ in $(seq 100); do
  if /usr/bin/python3 - "$lrs_port" <<'PY' 2>/dev/null
import sys, urllib.request
r = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/xAPI/about")
urllib.request.urlopen(r, timeout=1)
PY
  then ready=1; break; fi
  sleep 0.2
done
if [ -z "${ready:-}" ]; then
  echo "with-lrs: the statement service did not start" >&2; cat "$tmp/redis.log" "$tmp/lrs.log" >&2; exit 1
fi

export SIGNAAL_TEST_LRS="$endpoint" SIGNAAL_TEST_LRS_PORT="$lrs_port"
"$@"
status=$?
if [ $status -ne 0 ]; then echo "with-lrs: the statement service's log:" >&2; tail -20 "$tmp/lrs.log" >&2; fi
exit $status
