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
# run with standard input from the file $input_file
run_input () {
  local name=$1 expected=$2; shift 2
  out=$(timeout 60 "$@" 2>&1 <"$input_file"); local status=$?
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

# A review session from the progress store: complete a bundled course with
# play --db, then review its cards at later times, answers from standard
# input; every card's state in the store must be what `review schedule`
# makes of the same reviews.
course="${SIGNAAL_DATA_DIR:?}/courses/recognising-gbv/course.xml"
db="$tmp/progress.db"
run "play the course into a database" 0 "$tool" play --db "$db" --profile Anna --best --lang en "$course"
cards=$(sqlite3 "$db" "SELECT count(*) FROM review_cards")
[ "$cards" -gt 0 ] && ok "completing modules filled the deck ($cards cards)" || not_ok "completing modules filled the deck"
iso () { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
start=$(date -u +%s)
run "nothing is due the same day" 0 "$tool" review --db "$db" --profile Anna --now "$(iso $((start + 12 * 3600)))" --due
expect "said calmly" "Nothing to review now"
run "a day later every card is due" 0 "$tool" review --db "$db" --profile Anna --now "$(iso $((start + 2 * 86400)))" --due --json
[ "$(grep -c '"item"' <<<"$out")" -eq "$cards" ] && ok "all $cards listed" || not_ok "all $cards listed" "$out"
run "an unknown learner" 2 "$tool" review --db "$db" --profile Nobody
run "--json without --due" 2 "$tool" review --db "$db" --profile Anna --json
run "a bad --now" 2 "$tool" review --db "$db" --profile Anna --now yesterday

# Compares the store's cards with `review schedule` on the reviews the store holds.
compare_with_schedule () {
  sqlite3 "$db" "SELECT item_id || ',' || strftime ('%Y-%m-%dT%H:%M:%fZ', time / 1000000.0, 'unixepoch') || ',' || rating
                 FROM review_events WHERE kind = 'reviewed' ORDER BY id" > "$tmp/reviews.csv"
  "$tool" review schedule --log "$tmp/reviews.csv" --json > "$tmp/schedule.json"
  "$tool" review --db "$db" --profile Anna --now 2100-01-01T00:00:00Z --due --json > "$tmp/store.json"
  python3 - "$tmp/schedule.json" "$tmp/store.json" <<'PY'
import json, sys
schedule = {c["item"]: c for c in json.load(open(sys.argv[1]))}
store = {c["item"]: c for c in json.load(open(sys.argv[2]))}
assert set(schedule) == set(store), (sorted(schedule), sorted(store))
for item, want in schedule.items():
    got = store[item]
    for key in ("due", "state", "reps", "lapses"):
        assert got[key] == want[key], (item, key, got[key], want[key])
    for key in ("stability", "difficulty"):
        assert abs(got[key] - want[key]) < 1e-9, (item, key, got[key], want[key])
PY
}

t=$((start + 2 * 86400))
for round in 1 2 3; do
  due=$(sqlite3 "$db" "SELECT count(*) FROM review_cards WHERE due <= $t * 1000")
  input_file=$tmp/answers-$round.txt
  for _ in $(seq "$due"); do printf '1\n%s\n' $((round == 1 ? 4 : 3)); done > "$input_file"
  run_input "review session $round at $(iso $t) ($due cards)" 0 "$tool" review --db "$db" --profile Anna --now "$(iso $t)" --lang en
  out=$(timeout 60 "$tool" review --db "$db" --profile Anna --now "$(iso $t)" --lang en --due 2>&1)
  expect "round $round: nothing left due at that time" "Nothing to review now|due today"
  if compare_with_schedule 2>"$tmp/compare.txt"; then ok "round $round: the store agrees with review schedule"
  else not_ok "round $round: the store agrees with review schedule" "$(cat "$tmp/compare.txt")"; fi
  # The next round when the last of them comes due again.
  t=$(( ($(sqlite3 "$db" "SELECT max (due) FROM review_cards") + 999) / 1000 ))
done
wrong=$(sqlite3 "$db" "SELECT count(*) FROM review_events WHERE grade = 'wrong' AND rating != 1")
[ "$wrong" -eq 0 ] && ok "a wrong answer is always rated Again" || not_ok "a wrong answer is always rated Again"
graduated=$(sqlite3 "$db" "SELECT count(*) FROM review_cards WHERE json_extract (card, '$.state') = 'review'")
[ "$graduated" -gt 0 ] && ok "cards reach review state, due days later" || not_ok "cards reach review state"
[ "$(sqlite3 "$db" "SELECT count(*) FROM review_events WHERE kind = 'reviewed'")" -ge $((cards * 3)) ] \
  && ok "every card was reviewed three times" || not_ok "every card was reviewed three times"
input_file=$tmp/short.txt
printf '1\n' > "$input_file"
run_input "input that ends mid-session" 2 "$tool" review --db "$db" --profile Anna --now "$(iso $((t + 400 * 86400)))"
expect "stops calmly" "Stopped after 0 of"

echo "review-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
