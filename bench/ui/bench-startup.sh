#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Time from launch to the first window mapped: Signaal with COURSES courses in
# its library (default 200) against a bare libadwaita window, started the same
# way in the same X server, RUNS times each (default 7), alternating. Prints
# the medians and their ratio. Needs Xvfb and dbus-run-session.
#   bench/ui/bench-startup.sh BUILD_DIR [COURSES] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build_dir=$(cd "${1:?usage: bench-startup.sh BUILD_DIR [COURSES] [RUNS]}" && pwd)
courses=${2:-200}
runs=${3:-7}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/courses" "$tmp/data/scenarios" "$tmp/home"
cp "$source_dir/content/helplines.xml" "$tmp/data/"
cp "$source_dir/tests/ui/fixtures/ui-course/scenarios/"*.xml "$tmp/data/scenarios/"
i=1
while [ "$i" -le "$courses" ]; do
  dir="$tmp/data/courses/bench-course-$i"
  mkdir -p "$dir"
  sed -e "s/id=\"ui-test-course\"/id=\"bench-course-$i\"/" \
      -e "s/Interface test course/Benchmark course $i/" \
      "$source_dir/tests/ui/fixtures/ui-course/course.xml" > "$dir/course.xml"
  i=$((i + 1))
done

export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config"
export SIGNAAL_DATA_DIR="$tmp/data" GSETTINGS_SCHEMA_DIR="$build_dir/app/data" GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
"$build_dir/bench/ui/bench-ui-prepare"

cat > "$tmp/measure.sh" <<EOS
#!/bin/sh
set -eu
# run-xvfb.sh gives a fresh home; the prepared one is wanted here.
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config"
wait="$build_dir/bench/ui/bench-ui-wait-mapped"
# One warm-up each, not counted.
"\$wait" "$build_dir/bench/ui/bench-ui-bare-adw" >/dev/null
"\$wait" "$build_dir/app/ui/signaal" >/dev/null
: > "$tmp/bare" ; : > "$tmp/signaal"
for n in \$(seq $runs); do
  "\$wait" "$build_dir/bench/ui/bench-ui-bare-adw" >> "$tmp/bare"
  "\$wait" "$build_dir/app/ui/signaal" >> "$tmp/signaal"
done
EOS
chmod +x "$tmp/measure.sh"
"$source_dir/tests/ui/run-xvfb.sh" "$tmp/measure.sh"

median () { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bare=$(median "$tmp/bare")
signaal=$(median "$tmp/signaal")
echo "courses in library:        $courses"
echo "runs each:                 $runs"
echo "bare libadwaita window:    $bare ms (median; all: $(tr '\n' ' ' < "$tmp/bare"))"
echo "Signaal:                   $signaal ms (median; all: $(tr '\n' ' ' < "$tmp/signaal"))"
echo "ratio Signaal / bare:      $(awk -v a="$signaal" -v b="$bare" 'BEGIN { printf "%.2f", a / b }')"
