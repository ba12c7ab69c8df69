#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The time of play --all-paths --transcript per scenario, beside play --all-paths
# alone (the walk over every state that the command does anyway), the two
# alternated in the same run. Prints paths and states per persona, transcripts
# written, the median times and their ratio.
#   bench/transcripts/bench-transcripts.sh BUILD-DIR [RUNS] [SCENARIO.xml...]
set -u
build=${1:?give the build folder, e.g. _build}
runs=${2:-7}
shift $(($# < 2 ? $# : 2))
src=$(cd "$(dirname "$0")/../.." && pwd)
tool="$build/app/cli/signaal-course"
[ $# -gt 0 ] || set -- "$src/scenarios/statia-protection-code.xml" "$src/scenarios/coercive-control-pattern.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seconds COMMAND...: the wall time of one run
seconds () {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median () { sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] }'; }

printf '%-28s %12s %8s %11s %10s %10s %6s\n' scenario "paths" states transcripts "walk (s)" "+ text (s)" ratio
for scenario in "$@"; do
  id=$(basename "$scenario" .xml)
  : >"$tmp/walk"; : >"$tmp/write"
  for _ in $(seq "$runs"); do
    seconds "$tool" play --all-paths "$scenario" >>"$tmp/walk"
    rm -rf "$tmp/out"
    seconds "$tool" play --all-paths --transcript "$tmp/out" --lang en "$scenario" >>"$tmp/write"
  done
  paths=$(sed -n 's/^Persona .*): \([0-9]*\) paths.*/\1/p' "$tmp"/out/*.en.index.txt | head -1)
  states=$("$tool" play --all-paths "$scenario" | sed -n 's/.*: \([0-9]*\) states$/\1/p' | head -1)
  written=$(ls "$tmp/out" | grep -c '\.txt$')
  walk=$(median <"$tmp/walk"); write=$(median <"$tmp/write")
  printf '%-28s %12s %8s %11s %10s %10s %6.2f\n' "$id" "$paths" "$states" "$((written - 1))" "$walk" "$write" "$(echo "$write / $walk" | bc -l)"
done
