#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The FSRS-6 scheduler of `signaal-course review schedule` agrees with the
# reference implementation, the npm package ts-fsrs (installed by ./setup test
# into tests/npm/node_modules): stability and difficulty to 1e-6, due times,
# states, repetitions and lapses exactly, for thousands of random review logs,
# with and without short-term scheduling and at two retentions. Fails, never
# skips, when Node.js or ts-fsrs is missing.
#   check-fsrs-reference.sh SIGNAAL_COURSE
set -u
tool=${1:?usage: check-fsrs-reference.sh SIGNAAL_COURSE}
here=$(cd "$(dirname "$0")" && pwd)
modules="$here/../npm/node_modules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

if ! command -v node >/dev/null; then
  echo "not ok - Node.js is missing: run ./setup test, which installs it"; echo "0 passed, 1 failed"; exit 1; fi
if [ ! -f "$modules/ts-fsrs/package.json" ]; then
  echo "not ok - ts-fsrs is missing from tests/npm/node_modules: run ./setup test, which installs it"
  echo "0 passed, 1 failed"; exit 1; fi

seed=${FSRS_SEED:-$(date +%s)}
echo "# seed $seed (FSRS_SEED=$seed replays this run)"

run () {
  local name=$1 items=$2 retention=$3 mode=$4 extra=()
  [ "$mode" = long ] && extra=(--long-term)
  if ! node "$here/fsrs-reference.mjs" "$modules" "$seed" "$items" "$retention" "$mode" \
      "$tmp/$name.csv" "$tmp/$name.expected.json"; then
    echo "not ok - $name: the reference run failed"; failed=$((failed + 1)); return; fi
  if ! "$tool" review schedule --log "$tmp/$name.csv" --retention "$retention" "${extra[@]}" --json \
      > "$tmp/$name.actual.json"; then
    echo "not ok - $name: signaal-course review schedule failed"; failed=$((failed + 1)); return; fi
  if node - "$tmp/$name.expected.json" "$tmp/$name.actual.json" <<'JS'
const fs = require('fs');
const expected = JSON.parse(fs.readFileSync(process.argv[2]));
const actual = JSON.parse(fs.readFileSync(process.argv[3]));
let bad = 0;
if (expected.length !== actual.length) { console.log(`# ${expected.length} items expected, ${actual.length} printed`); process.exit(1); }
for (let i = 0; i < expected.length; i++) {
  const e = expected[i], a = actual[i];
  const problems = [];
  if (e.item !== a.item) problems.push(`item ${a.item}`);
  if (!(Math.abs(e.stability - a.stability) <= 1e-6)) problems.push(`stability ${a.stability} != ${e.stability}`);
  if (!(Math.abs(e.difficulty - a.difficulty) <= 1e-6)) problems.push(`difficulty ${a.difficulty} != ${e.difficulty}`);
  for (const key of ['due', 'state', 'reps', 'lapses'])
    if (e[key] !== a[key]) problems.push(`${key} ${a[key]} != ${e[key]}`);
  if (problems.length && bad++ < 10) console.log(`# ${e.item}: ${problems.join(', ')}`);
}
console.log(`# ${expected.length} items, ${bad} differ`);
process.exit(bad ? 1 : 0);
JS
  then echo "ok - $name"; passed=$((passed + 1))
  else echo "not ok - $name (the log is kept as $name.csv only for this run)"; failed=$((failed + 1)); fi
}

run short-term-0.9 2000 0.9 short
run long-term-0.9 1000 0.9 long
run short-term-0.8 1000 0.8 short
run long-term-0.95 500 0.95 long

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
