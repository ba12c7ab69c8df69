#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# signaal-course review schedule: output, exit codes, and bad logs refused with
# file and line, in bounded time, whatever the path is.
set -u
tool=${SIGNAAL_COURSE:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok () { passed=$((passed + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }
run () {
  local name=$1 expected=$2; shift 2
  out=$(timeout 30 "$@" 2>&1 </dev/null); local status=$?
  if [ "$status" -eq "$expected" ]; then ok "$name"; else not_ok "$name (exit $status, wanted $expected)" "$out"; fi
}
expect () {
  if grep -Eq -- "$2" <<<"$out"; then ok "$1"; else not_ok "$1 (no match for /$2/)" "$out"; fi
}

printf 'item_id,review_time,rating\nsig-1,2026-01-01T08:00:00Z,3\nsig-1,2026-01-01T08:10:00Z,3\ndec-1,2026-01-01T09:00:00Z,1\n' > "$tmp/log.csv"
run "schedule a log" 0 "$tool" review schedule --log "$tmp/log.csv" --json
expect "the first item graduates to review in two days" '"due" : "2026-01-03T08:10:00.000Z"'
expect "the second is learning" '"state" : "learning"'
run "the same as a table" 0 "$tool" review schedule --log "$tmp/log.csv"
expect "the table names each item" '^sig-1: review, due 2026-01-03T08:10:00.000Z'
run "in Dutch" 0 env LANGUAGE=nl "$tool" review schedule --log "$tmp/log.csv"
expect "the Dutch table" '^sig-1: review, herhalen op'

run "review without a command" 2 "$tool" review
run "review schedule --help" 0 "$tool" review schedule --help
run "no log named" 2 "$tool" review schedule
run "a retention out of range" 2 "$tool" review schedule --log "$tmp/log.csv" --retention 1.5
run "a missing log" 2 "$tool" review schedule --log "$tmp/none.csv"

printf 'sig-1,2026-01-02T08:00:00Z,3\nsig-1,2026-01-01T08:00:00Z,3\n' > "$tmp/order.csv"
run "reviews out of order" 1 "$tool" review schedule --log "$tmp/order.csv"
expect "named with file and line" "^$tmp/order.csv:2: error: .*time order"
printf 'sig-1,2026-01-01T08:00:00Z,7\n' > "$tmp/rating.csv"
run "a rating out of range" 1 "$tool" review schedule --log "$tmp/rating.csv"
expect "the rating is named" "^$tmp/rating.csv:1: error: .*rating"
printf '\033]0;owned\007x,2026-01-01T08:00:00Z,3\n' > "$tmp/escape.csv"
run "an id with terminal escapes" 1 "$tool" review schedule --log "$tmp/escape.csv"
if grep -q $'\033' <<<"$out"; then not_ok "no escape reaches the terminal" "$out"; else ok "no escape reaches the terminal"; fi

start=$(date +%s)
run "an endless device is refused at the size limit" 2 "$tool" review schedule --log /dev/zero
expect "the limit is named" "larger than 64 MiB"
mkfifo "$tmp/fifo"
( printf 'a,2026-01-01T08:00:00Z,3\n' > "$tmp/fifo" ) &
run "a pipe is read" 0 "$tool" review schedule --log "$tmp/fifo"
[ $(( $(date +%s) - start )) -lt 30 ] && ok "bounded in time" || not_ok "bounded in time"

echo "review-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
