#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up of Signaal against a bare libadwaita window, started the same way
# in the same X server, RUNS times each (default 7), alternating:
#  - time from launch to the first window mapped (median), and
#  - resident memory (VmRSS) three seconds after that window is mapped, when
#    the work begun after it (checking the course files) has settled, and the
#    peak resident memory until then (VmHWM) (medians),
# for a library of each size in COURSES (default "8 200 1000"; the learner's
# library index already holds them, as after a first start). Prints one table
# row per size with the ratios Signaal / bare. Needs Xvfb and dbus-run-session.
#   bench/ui/bench-startup.sh BUILD_DIR ["COURSES..."] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build_dir=$(cd "${1:?usage: bench-startup.sh BUILD_DIR [\"COURSES...\"] [RUNS]}" && pwd)
sizes=${2:-8 200 1000}
runs=${3:-7}

median () { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "runs each: $runs; time: launch to first window mapped; memory: VmRSS 3 s later; peak: VmHWM then (medians)"
printf '%-8s | %-8s | %-10s | %-10s | %-8s | %-11s | %-9s | %-10s\n' courses "bare ms" "Signaal ms" "time ratio" "bare MiB" "Signaal MiB" "mem ratio" "peak ratio"
for courses in $sizes; do
  run="$tmp/$courses"
  mkdir -p "$run/data/courses" "$run/data/scenarios" "$run/home"
  cp "$source_dir/content/helplines.xml" "$run/data/"
  cp "$source_dir/tests/ui/fixtures/ui-course/scenarios/"*.xml "$run/data/scenarios/"
  i=1
  while [ "$i" -le "$courses" ]; do
    dir="$run/data/courses/bench-course-$i"
    mkdir -p "$dir"
    sed -e "s/id=\"ui-test-course\"/id=\"bench-course-$i\"/" \
        -e "s/Interface test course/Benchmark course $i/" \
        "$source_dir/tests/ui/fixtures/ui-course/course.xml" > "$dir/course.xml"
    i=$((i + 1))
  done

  (
    export HOME="$run/home" XDG_DATA_HOME="$run/home/data" XDG_CONFIG_HOME="$run/home/config"
    export SIGNAAL_DATA_DIR="$run/data" GSETTINGS_SCHEMA_DIR="$build_dir/app/data" GSETTINGS_BACKEND=memory
    export GSK_RENDERER=cairo NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
    "$build_dir/bench/ui/bench-ui-prepare" > /dev/null

    cat > "$run/measure.sh" <<EOS
#!/bin/sh
set -eu
# run-xvfb.sh gives a fresh home; the prepared one is wanted here.
export HOME="$run/home" XDG_DATA_HOME="$run/home/data" XDG_CONFIG_HOME="$run/home/config"
wait="$build_dir/bench/ui/bench-ui-wait-mapped"
# One warm-up each, not counted.
"\$wait" "$build_dir/bench/ui/bench-ui-bare-adw" >/dev/null
"\$wait" "$build_dir/app/ui/signaal" >/dev/null
: > "$run/bare" ; : > "$run/signaal"
for n in \$(seq $runs); do
  "\$wait" --rss "$build_dir/bench/ui/bench-ui-bare-adw" >> "$run/bare"
  "\$wait" --rss "$build_dir/app/ui/signaal" >> "$run/signaal"
done
EOS
    chmod +x "$run/measure.sh"
    "$source_dir/tests/ui/run-xvfb.sh" "$run/measure.sh" 2> "$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
  )

  for who in bare signaal; do
    cut -d' ' -f1 "$run/$who" > "$run/$who.ms"
    cut -d' ' -f2 "$run/$who" > "$run/$who.kib"
    cut -d' ' -f3 "$run/$who" > "$run/$who.peak"
  done
  bare_ms=$(median "$run/bare.ms"); signaal_ms=$(median "$run/signaal.ms")
  bare_kib=$(median "$run/bare.kib"); signaal_kib=$(median "$run/signaal.kib")
  bare_peak=$(median "$run/bare.peak"); signaal_peak=$(median "$run/signaal.peak")
  printf '%-8s | %-8s | %-10s | %-10s | %-8s | %-11s | %-9s | %-10s\n' "$courses" "$bare_ms" "$signaal_ms" \
    "$(ratio "$signaal_ms" "$bare_ms")" "$(awk -v k="$bare_kib" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v k="$signaal_kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$(ratio "$signaal_kib" "$bare_kib")" \
    "$(ratio "$signaal_peak" "$bare_peak")"
  rm -rf "$run"
done
