#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The outbox and `signaal-course sync` end to end, against the real statement
# service that with-lrs.sh starts: learners' activity recorded by
# `signaal-course play` on bundled courses, sent, and what the LRS then holds
# (read back with GET, following "more") compared with the outboxes: every
# statement exactly once, none lost, none duplicated. Also when the
# connection is cut mid-sync (a socat relay killed and started again), when
# signaal-course is killed mid-sync, when the LRS refuses one statement of a
# batch, and for 10,000 statements. Fails, never skips, when a peer is missing.
set -u
tool=${SIGNAAL_COURSE:?}
data=${SIGNAAL_DATA_DIR:?}
lrs=${SIGNAAL_TEST_LRS:?}
lrs_port=${SIGNAAL_TEST_LRS_PORT:?}
for need in socat sqlite3 python3; do
  command -v "$need" >/dev/null || { echo "not ok - $need is missing: run ./setup test, which installs it"; exit 1; }
done
tmp=$(mktemp -d)
relay_pid=
canned_pid=
stop_relay () {
  # socat's children hold the open connections: kill them all, then the listener.
  [ -n "$relay_pid" ] || return 0
  pkill -KILL -P "$relay_pid"; kill -KILL "$relay_pid" 2>/dev/null; wait "$relay_pid" 2>/dev/null; relay_pid=
}
cleanup () {
  stop_relay
  [ -n "$canned_pid" ] && kill "$canned_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
passed=0
failed=0
export SIGNAAL_LRS_SECRET=test
key=test

ok () { passed=$((passed + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2" | head -40; }
run () {
  local name=$1 expected=$2; shift 2
  out=$("$@" 2>&1 </dev/null); status=$?
  if [ "$status" -eq "$expected" ]; then ok "$name"; else not_ok "$name (exit $status, wanted $expected)" "$out"; fi
}
expect () {
  if grep -Eq -- "$2" <<<"$out"; then ok "$1"; else not_ok "$1 (no match for /$2/)" "$out"; fi
}
sql () { sqlite3 -cmd '.timeout 10000' "$@"; }
equal () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got “$2”, wanted “$3”)"; fi
}

# Every statement id the LRS holds, one a line (duplicates kept), following "more".
# Pages are as large as everything the test sends: the statement service's
# memory store (xapi-statements 5.0.1) sorts by "stored" but pages with a cursor
# that compares its internal UUID v1 ids as strings, whose first field wraps
# every 7 minutes, so small pages skip and repeat statements once a run is long.
lrs_ids () {
  python3 - "$lrs" <<'PY'
import base64, json, sys, urllib.parse, urllib.request
endpoint = sys.argv[1]
auth = "Basic " + base64.b64encode(b"test:test").decode()
url = urllib.parse.urljoin(endpoint, "statements?limit=50000")
while url:
    request = urllib.request.Request(url, headers={"Authorization": auth, "X-Experience-API-Version": "1.0.3"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        result = json.load(answer)
    for statement in result["statements"]:
        print(statement["id"])
    more = result.get("more") or ""
    url = urllib.parse.urljoin(endpoint, more) if more else None
PY
}

# The LRS holds every statement marked sent in any outbox so far exactly once,
# and nothing else; with "in-flight", also statements still waiting (a batch
# the LRS stored but whose answer was cut off), which must be sent again.
check_lrs () {
  local name=$1 in_flight=${2:-}
  lrs_ids > "$tmp/lrs-ids" || { not_ok "$name: the LRS could not be read"; return; }
  : > "$tmp/sent-ids"
  for db in "$tmp"/*.db; do sql "$db" "SELECT statement_id FROM outbox WHERE state = 'sent'" >> "$tmp/sent-ids"; done
  local dups missing extra
  dups=$(sort "$tmp/lrs-ids" | uniq -d | wc -l)
  missing=$(comm -23 <(sort -u "$tmp/sent-ids") <(sort -u "$tmp/lrs-ids") | wc -l)
  comm -13 <(sort -u "$tmp/sent-ids") <(sort -u "$tmp/lrs-ids") > "$tmp/extra-ids"
  if [ -n "$in_flight" ]; then
    : > "$tmp/waiting-ids"
    for db in "$tmp"/*.db; do sql "$db" "SELECT statement_id FROM outbox WHERE state = 'waiting'" >> "$tmp/waiting-ids"; done
    echo "# $(wc -l < "$tmp/extra-ids") statements reached the LRS in the batch that was cut, and wait to be sent again"
    comm -23 <(sort -u "$tmp/extra-ids") <(sort -u "$tmp/waiting-ids") > "$tmp/extra-ids.left"
    mv "$tmp/extra-ids.left" "$tmp/extra-ids"
  fi
  extra=$(wc -l < "$tmp/extra-ids")
  if [ "$dups" -eq 0 ] && [ "$missing" -eq 0 ] && [ "$extra" -eq 0 ]; then
    ok "$name: the LRS holds each of the $(wc -l < "$tmp/sent-ids") statements sent exactly once"
  else
    not_ok "$name: LRS against outboxes: $dups duplicated, $missing sent but missing, $extra unknown to the outboxes"
  fi
}

count () { sql "$1" "SELECT count(*) FROM outbox WHERE state = '$2'"; }

# A learner with a connection (the keys of docs/organisations.md), consent now.
connect () {
  local db=$1 name=$2 number=$3 id
  id=$(sql "$db" "SELECT id FROM profiles WHERE name = '$name'")
  sql "$db" "INSERT INTO profile_settings (profile_id, key, value) VALUES
    ('$id', 'connection.endpoint', '$lrs'), ('$id', 'connection.key', '$key'),
    ('$id', 'connection.account-homepage', 'https://school.example.org'),
    ('$id', 'connection.account-name', '$number'),
    ('$id', 'connection.consent', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
}

# @n waiting statements in @db made from the real statements of $tmp/a.db, each with a new id.
. "$(dirname "$0")/outbox-fill.sh"
fill () { outbox_fill "$tmp/a.db" "$1" "$2"; }

courses=("$data/courses/recognising-gbv/course.xml" "$data/courses/online-violence/course.xml")

# ---- (a) plain --------------------------------------------------------------------
db="$tmp/a.db"
run "play without a connection" 0 "$tool" play --db "$db" --profile Anna --best --lang en "${courses[0]}"
equal "no connection: nothing in the outbox" "$(sql "$db" 'SELECT count(*) FROM outbox')" 0
before=$(sql "$db" 'SELECT max(id) FROM events')
connect "$db" Anna 20231234
run "play with a connection" 0 "$tool" play --db "$db" --profile Anna --best --lang en "${courses[1]}"
events=$(sql "$db" "SELECT count(*) + sum(kind IN ('passed', 'failed', 'completed')) FROM events WHERE id > $before")
equal "one statement per event after consent (and the end of the attempt), none before" \
  "$(sql "$db" 'SELECT count(*) FROM outbox')" "$events"
equal "the outbox holds the statement of each event, by its id" \
  "$(sql "$db" "SELECT count(*) FROM events e JOIN outbox o ON o.statement_id = e.statement_id WHERE e.id > $before")" \
  "$(sql "$db" "SELECT count(*) FROM events WHERE id > $before")"
equal "the actor is the organisation's account" \
  "$(sql "$db" "SELECT DISTINCT json_extract(statement, '$.actor.account.homePage') || ' ' || json_extract(statement, '$.actor.account.name') FROM outbox")" \
  "https://school.example.org 20231234"
[ "$(count "$db" waiting)" -gt 20 ] && ok "statements wait: $(count "$db" waiting)" || not_ok "too few statements to test with"
run "sync over the configured connection" 0 "$tool" sync --db "$db" --profile Anna
expect "sync says what it sent" "Anna: [0-9]+ sent, 0 refused, 0 waiting"
equal "(a) nothing waits" "$(count "$db" waiting)" 0
check_lrs "(a) plain"
run "sync again: nothing to send" 0 "$tool" sync --db "$db"
expect "sync again sends nothing" "Anna: 0 sent, 0 refused, 0 waiting"
run "a secret on the command line is refused" 2 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key" --secret test
expect "it says where the secret goes" "SIGNAAL_LRS_SECRET"
run "no secret in the environment" 2 env -u SIGNAAL_LRS_SECRET "$tool" sync --db "$db"

# ---- (b) the connection cut mid-sync --------------------------------------------------
relay_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
start_relay () {
  stop_relay
  socat "TCP-LISTEN:$relay_port,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$lrs_port" &
  relay_pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$relay_port") 2>/dev/null && return; sleep 0.1; done
}
# Waits until @db has at least @n rows sent; FALSE when @pid ended first.
wait_sent () {
  local db=$1 n=$2 pid=$3
  for _ in $(seq 600); do
    [ "$(count "$db" sent)" -ge "$n" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
db="$tmp/b.db"
fill "$db" 3000
start_relay
relay="http://127.0.0.1:$relay_port/xAPI/"
"$tool" sync --db "$db" --endpoint "$relay" --key "$key" --batch-size 50 > "$tmp/b.out" 2>&1 &
sync_pid=$!
if wait_sent "$db" 200 "$sync_pid"; then
  stop_relay
  ok "(b) the relay was cut while the sync ran"
else
  not_ok "(b) the sync ended before the relay could be cut" "$(cat "$tmp/b.out")"
fi
wait "$sync_pid"; status=$?
equal "(b) the cut sync exits 2 (connection error)" "$status" 2
grep -q "statements wait" "$tmp/b.out" && ok "(b) it says what waits and why" || not_ok "(b) no word of what waits" "$(cat "$tmp/b.out")"
[ "$(count "$db" waiting)" -gt 0 ] && ok "(b) statements wait after the cut: $(count "$db" waiting)" || not_ok "(b) nothing waits after the cut"
check_lrs "(b) after the cut" in-flight
start_relay
run "(b) sync again through the relay" 0 "$tool" sync --db "$db" --endpoint "$relay" --key "$key" --batch-size 10
stop_relay
equal "(b) nothing waits" "$(count "$db" waiting)" 0
equal "(b) all 3000 sent" "$(count "$db" sent)" 3000
check_lrs "(b) cut and synced again"

# ---- (c) signaal-course killed mid-sync ------------------------------------------------
db="$tmp/c.db"
fill "$db" 3000
"$tool" sync --db "$db" --endpoint "$lrs" --key "$key" --batch-size 10 > "$tmp/c.out" 2>&1 &
sync_pid=$!
if wait_sent "$db" 200 "$sync_pid"; then
  kill -KILL "$sync_pid"; wait "$sync_pid" 2>/dev/null
  ok "(c) signaal-course killed with SIGKILL while it sent"
else
  not_ok "(c) the sync ended before it could be killed" "$(cat "$tmp/c.out")"
fi
[ "$(count "$db" waiting)" -gt 0 ] && ok "(c) statements wait after the kill: $(count "$db" waiting)" || not_ok "(c) nothing waits after the kill"
check_lrs "(c) after the kill" in-flight
run "(c) sync again" 0 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key" --batch-size 10
equal "(c) all 3000 sent" "$(count "$db" sent)" 3000
check_lrs "(c) killed and synced again"

# ---- (d) one statement of a batch refused ---------------------------------------------
db="$tmp/d.db"
fill "$db" 40
bad=$(sql "$db" "SELECT statement_id FROM outbox ORDER BY id LIMIT 1 OFFSET 14")
sql "$db" "UPDATE outbox SET statement = json_set(statement, '$.verb.id', 'not an IRI') WHERE statement_id = '$bad'"
run "(d) sync with one invalid statement exits 1" 1 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key" --batch-size 10
expect "(d) the refused statement is named" "$bad: .+"
expect "(d) the counts" "Anna: 39 sent, 1 refused, 0 waiting"
equal "(d) it is kept as refused with the LRS's reason" \
  "$(sql "$db" "SELECT state, length(reason) > 0 FROM outbox WHERE statement_id = '$bad'")" "refused|1"
equal "(d) the other 39 landed" "$(count "$db" sent)" 39
if grep -qx "$bad" <(lrs_ids); then not_ok "(d) the invalid statement is in the LRS"; else ok "(d) the invalid statement is not in the LRS"; fi
check_lrs "(d) one refused"
run "(d) a later sync still reports it" 1 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key"
expect "(d) still named" "$bad: .+"

# ---- 401 and 503: what the statement service cannot be made to answer, from a canned server
canned () {
  python3 - "$1" "$2" <<'PY' &
import http.server, sys
port, status = int(sys.argv[1]), int(sys.argv[2])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"message":"canned"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
  canned_pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done
}
canned_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
db="$tmp/f.db"
fill "$db" 30
canned "$canned_port" 401
run "401: the sync stops with exit 2" 2 "$tool" sync --db "$db" --endpoint "http://127.0.0.1:$canned_port/xAPI/" --key "$key"
kill "$canned_pid"; wait "$canned_pid" 2>/dev/null; canned_pid=
equal "401: nothing sent, all 30 wait" "$(count "$db" waiting)" 30
equal "401: the outbox notes that sending stopped on the credentials" \
  "$(sql "$db" "SELECT value FROM profile_settings WHERE key = 'outbox.stopped'")" unauthorized
equal "401: and why" "$(sql "$db" "SELECT length(value) > 0 FROM profile_settings WHERE key = 'outbox.last-error'")" 1
canned "$canned_port" 503
run "503: the sync stops with exit 2" 2 "$tool" sync --db "$db" --endpoint "http://127.0.0.1:$canned_port/xAPI/" --key "$key"
kill "$canned_pid"; wait "$canned_pid" 2>/dev/null; canned_pid=
expect "503: it says what waits and when it is tried again" "statements wait: .+|tries again from"
equal "503: the batch tried waits for a later retry (its second try), with its reason" \
  "$(sql "$db" "SELECT count(*) FROM outbox WHERE state = 'waiting' AND tries = 2 AND next_try > 0 AND reason IS NOT NULL")" 30
run "then the LRS answers: all sent" 0 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key"
equal "and the stop is lifted" "$(sql "$db" "SELECT count(*) FROM profile_settings WHERE key = 'outbox.stopped'")" 0
check_lrs "401, 503, then sent"

# ---- (e) 10,000 statements ----------------------------------------------------------------
db="$tmp/e.db"
fill "$db" 10000
start=$(date +%s.%N)
run "(e) sync 10,000 statements" 0 "$tool" sync --db "$db" --endpoint "$lrs" --key "$key" --batch-size 100
end=$(date +%s.%N)
echo "# 10,000 statements in batches of 100: $(python3 -c "print(round($end - $start, 2))") s"
equal "(e) all 10,000 sent" "$(count "$db" sent)" 10000
check_lrs "(e) 10,000"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
