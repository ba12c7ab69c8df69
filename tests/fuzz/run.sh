#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every fuzz target for a fixed time on a copy of its seed corpus and fails
# on the first finding (a crash, a leak, a timeout, a GLib warning or critical).
#
#   tests/fuzz/run.sh BUILD-DIR [SECONDS [TARGET...]]
#
# BUILD-DIR is configured with CC=clang and -Dfuzzing=true. Findings are written
# to BUILD-DIR/fuzz-findings/; the corpora grow in BUILD-DIR/fuzz-corpus/.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
build=$(readlink -f "${1:?usage: run.sh BUILD-DIR [SECONDS [TARGET...]]}")
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-loader fuzz-credential fuzz-package fuzz-engine-state fuzz-helplines fuzz-key-file)

# The largest input worth trying, per target: a little over its largest seed.
max_len () {
  case $1 in
    fuzz-package) echo 131072 ;;
    fuzz-loader) echo 65536 ;;
    fuzz-credential|fuzz-helplines) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

mkdir -p "$build/fuzz-findings"
failed=0
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  log="$build/fuzz-findings/$target.log"
  mkdir -p "$corpus"
  cp -n "$here/corpus/$target/"* "$corpus/"
  # A GLib warning or critical is a finding too (G_DEBUG makes it trap, and
  # AddressSanitizer reports the trap like a crash); the timeout is generous
  # for a busy machine (a real hang runs far longer).
  G_DEBUG=fatal-warnings ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_sigtrap=1" \
    SIGNAAL_DATA_DIR="$build/data" \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
      -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-findings/$target-" "$corpus" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  edges=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ $status -eq 0 ]; then
    echo "ok - $target: ${runs:-?} runs in ${seconds} s, ${edges:-?} edges covered"
  else
    failed=$((failed + 1))
    echo "not ok - $target (exit $status): a finding, see $log"
    grep -E 'ERROR|SUMMARY|CRITICAL|WARNING|Test unit written' "$log" | head -n 20 | sed 's/^/    /'
  fi
done
[ $failed -eq 0 ]
