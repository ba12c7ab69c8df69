#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How long `signaal-course sync` takes to send N statements (default 10,000) to
# Learning Locker's statement service, against curl posting the same kind of
# statements in batches of the same size over one connection: the cost of the
# outbox (reading rows, marking each batch in one transaction) and of libsoup
# over the bare HTTP requests. Run from the source tree after a build:
#   tests/lrs/with-lrs.sh bench/lrs/bench-sync.sh [N] [BATCH]
# (with-lrs.sh starts the LRS and sets SIGNAAL_TEST_LRS.) Each side sends its own
# statements (same content, other ids), so neither finds the other's already stored.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$src/_build}
tool=${SIGNAAL_COURSE:-$build/app/cli/signaal-course}
export SIGNAAL_DATA_DIR=${SIGNAAL_DATA_DIR:-$build/data}
lrs=${SIGNAAL_TEST_LRS:?run through tests/lrs/with-lrs.sh}
n=${1:-10000}
batch=${2:-100}
rounds=${ROUNDS:-3}
. "$src/tests/lrs/outbox-fill.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SIGNAAL_LRS_SECRET=test

# Real statements: a learner with a connection plays a bundled course.
"$tool" play --db "$tmp/seed.db" --profile Anna --best --lang en "$SIGNAAL_DATA_DIR/courses/recognising-gbv/course.xml" >/dev/null
id=$(sqlite3 "$tmp/seed.db" "SELECT id FROM profiles WHERE name = 'Anna'")
sqlite3 "$tmp/seed.db" "INSERT INTO profile_settings (profile_id, key, value) VALUES
  ('$id', 'connection.endpoint', '$lrs'), ('$id', 'connection.key', 'test'),
  ('$id', 'connection.consent', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
"$tool" play --db "$tmp/seed.db" --profile Anna --best --lang en "$SIGNAAL_DATA_DIR/courses/online-violence/course.xml" >/dev/null

now () { date +%s.%N; }
elapsed () { python3 -c "print(f'{$2 - $1:.2f}')"; }

echo "statements: $n, batch: $batch, rounds: $rounds"
for round in $(seq "$rounds"); do
  # curl: the same kind of statements, one POST per batch, all over one connection (--next).
  outbox_fill "$tmp/seed.db" "$tmp/curl.db" "$n"
  mkdir -p "$tmp/batches"; rm -f "$tmp/batches/"*
  sqlite3 "$tmp/curl.db" "SELECT (id - (SELECT min(id) FROM outbox)) / $batch, statement FROM outbox ORDER BY id" |
    python3 -c '
import sys, collections
batches = collections.defaultdict(list)
for line in sys.stdin:
    k, statement = line.rstrip("\n").split("|", 1)
    batches[int(k)].append(statement)
for k, statements in batches.items():
    open(f"'"$tmp"'/batches/{k:06d}.json", "w").write("[" + ",".join(statements) + "]")
'
  : > "$tmp/curl.cfg"
  first=1
  for f in "$tmp/batches/"*.json; do
    [ $first -eq 1 ] || echo "next" >> "$tmp/curl.cfg"
    first=0
    printf 'url = "%sstatements"\nuser = "test:test"\nheader = "X-Experience-API-Version: 1.0.3"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$lrs" "$f" >> "$tmp/curl.cfg"
  done
  start=$(now)
  curl --config "$tmp/curl.cfg" > "$tmp/codes"
  end=$(now)
  bad=$(grep -vc '^200$' "$tmp/codes" || true)
  curl_time=$(elapsed "$start" "$end")

  outbox_fill "$tmp/seed.db" "$tmp/sync.db" "$n"
  start=$(now)
  "$tool" sync --db "$tmp/sync.db" --endpoint "$lrs" --key test --batch-size "$batch" > "$tmp/sync.out"
  end=$(now)
  sync_time=$(elapsed "$start" "$end")
  sent=$(sqlite3 "$tmp/sync.db" "SELECT count(*) FROM outbox WHERE state = 'sent'")
  echo "round $round: curl ${curl_time} s ($bad answers not 200), signaal-course sync ${sync_time} s ($sent sent), ratio $(python3 -c "print(f'{$sync_time / $curl_time:.2f}')")"
done
