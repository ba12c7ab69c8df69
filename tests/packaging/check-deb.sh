#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian packages from this source tree (its committed and
# uncommitted files) with dpkg-buildpackage, then checks what each package
# holds and depends on, and runs lintian on them. With --autopkgtest, also
# installs them and runs debian/tests (as root, on a machine that may change).
#   tests/packaging/check-deb.sh OUTPUT-DIR [--autopkgtest]
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
out=${1:?usage: check-deb.sh OUTPUT-DIR [--autopkgtest]}
autopkgtest=${2:-}
for tool in dpkg-buildpackage dh lintian; do
  command -v "$tool" >/dev/null || {
    echo "check-deb: $tool is missing; install the Debian packages dpkg-dev, debhelper and lintian (./setup package does)" >&2
    exit 1
  }
done

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
rm -rf "$out"
mkdir -p "$out/signaal-$version"
out=$(cd "$out" && pwd)
(cd "$src" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$src" && xargs -0 cp --parents -t "$out/signaal-$version" 2>/dev/null || true)
[ -f "$out/signaal-$version/debian/rules" ] || { echo "check-deb: copying the source tree failed" >&2; exit 1; }

echo "== dpkg-buildpackage"
(cd "$out/signaal-$version" &&
  DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -b -us -uc) > "$out/build.log" 2>&1 || {
  tail -n 60 "$out/build.log" >&2
  echo "check-deb: dpkg-buildpackage failed; the whole log is $out/build.log" >&2
  exit 1
}

failures=0
fail () { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
deb () { ls "$out"/"$1"_"$version"_*.deb 2>/dev/null | head -n1; }

# What each package must hold (and nothing may be missing).
declare -A expected
expected[signaal]="
./usr/bin/signaal
./usr/share/applications/nl.signaal.Signaal.desktop
./usr/share/metainfo/nl.signaal.Signaal.metainfo.xml
./usr/share/glib-2.0/schemas/nl.signaal.Signaal.gschema.xml
./usr/share/icons/hicolor/scalable/apps/nl.signaal.Signaal.svg
./usr/share/icons/hicolor/symbolic/apps/nl.signaal.Signaal-symbolic.svg
./usr/share/icons/hicolor/scalable/mimetypes/application-x-signaal-course.svg
./usr/share/mime/packages/nl.signaal.Signaal.xml
./usr/share/gnome-shell/search-providers/nl.signaal.Signaal.search-provider.ini
./usr/share/dbus-1/services/nl.signaal.Signaal.service
./usr/share/man/man1/signaal.1.gz
./usr/share/doc/signaal/copyright"
expected[signaal-course]="
./usr/bin/signaal-course
./usr/share/man/man1/signaal-course.1.gz
./usr/share/doc/signaal-course/copyright"
expected[signaal-data]="
./usr/share/signaal/helplines.xml
./usr/share/signaal/schema/signaal.rng
./usr/share/signaal/courses/recognising-gbv.signaal
./usr/share/signaal/courses/coercive-control-escalation.signaal
./usr/share/signaal/publishers/signaal.publisher
./usr/share/signaal/scenarios/coercive-control-pattern.xml
./usr/share/locale/nl/LC_MESSAGES/signaal.mo
./usr/share/doc/signaal-data/copyright"

for package in signaal signaal-course signaal-data; do
  file=$(deb "$package")
  [ -n "$file" ] || { fail "no $package package was built"; continue; }
  dpkg-deb -c "$file" | awk '{ print $6 }' | sed 's|/$||' > "$out/$package.files"
  echo "== $package: $(wc -l < "$out/$package.files") entries"
  for path in ${expected[$package]}; do
    grep -qxF "$path" "$out/$package.files" || fail "$package lacks $path"
  done
  # Files that belong in another package, or in none.
  while read -r path; do
    fail "$package holds $path"
  done < <(grep -E '^\./usr/(include|lib/.*\.a$|share/signaal/.*meson\.build$)' "$out/$package.files" || true)
  if grep -qx './usr/share/glib-2.0/schemas/gschemas.compiled' "$out/$package.files"; then
    fail "$package holds gschemas.compiled (the trigger compiles it)"
  fi
done

# signaal-data is the same on every architecture; the tool runs without GTK.
[ "$(dpkg-deb -f "$(deb signaal-data)" Architecture)" = all ] || fail "signaal-data is not Architecture: all"
course_depends=$(dpkg-deb -f "$(deb signaal-course)" Depends)
echo "signaal-course depends on: $course_depends"
if grep -Eq 'libgtk|libadwaita|libgdk' <<<"$course_depends"; then
  fail "signaal-course depends on GTK: $course_depends"
fi
mkdir -p "$out/course-root"
dpkg-deb -x "$(deb signaal-course)" "$out/course-root"
if objdump -p "$out/course-root/usr/bin/signaal-course" | grep -E 'NEEDED.*(gtk|adwaita|gdk)'; then
  fail "signaal-course links GTK"
fi
app_depends=$(dpkg-deb -f "$(deb signaal)" Depends)
grep -q 'libgtk-4' <<<"$app_depends" && grep -q 'libadwaita-1' <<<"$app_depends" ||
  fail "signaal does not depend on GTK 4 and libadwaita: $app_depends"
# libsoup and libsecret are loaded when the organisation connection is first
# used, not linked: the packages must still depend on them.
for package in signaal signaal-course; do
  depends=$(dpkg-deb -f "$(deb "$package")" Depends)
  grep -q 'libsoup-3.0-0' <<<"$depends" && grep -q 'libsecret-1-0' <<<"$depends" ||
    fail "$package does not depend on libsoup-3.0-0 and libsecret-1-0, which it loads: $depends"
done

echo "== lintian"
if ! lintian --fail-on error,warning --suppress-tags-from-file /dev/null \
     "$out"/signaal_"$version"_*.changes > "$out/lintian.log" 2>&1; then
  cat "$out/lintian.log" >&2
  fail "lintian reports errors or warnings"
else
  cat "$out/lintian.log"
fi

if [ "$autopkgtest" = --autopkgtest ]; then
  echo "== autopkgtest"
  command -v autopkgtest >/dev/null || { echo "check-deb: autopkgtest is missing" >&2; exit 1; }
  autopkgtest --no-built-binaries "$out"/*.deb "$out/signaal-$version/" -- null ||
    fail "autopkgtest failed"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures packaging checks failed" >&2
  exit 1
fi
echo "the Debian packages build, hold what they should and pass lintian"
