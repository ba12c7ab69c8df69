#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks debian/*.install against what `meson install` installs: every installed
# file goes to exactly one of the packages signaal, signaal-course and
# signaal-data, and every line of the lists installs something. (The packages
# themselves are built and checked by check-deb.sh, a step of CI.)
# Usage: check-install-lists.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail () { echo "FAIL: $*" >&2; status=1; }

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; echo "FAIL: meson install failed" >&2; exit 1; }
prefix=$(meson introspect "$build" --buildoptions |
  python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
[ -d "$tmp/root$prefix" ] || { echo "FAIL: nothing installed under $prefix" >&2; exit 1; }
# Installed files relative to the prefix (usr/ in the package lists).
(cd "$tmp/root$prefix" && find . -type f -o -type l) | sed 's|^\./||' | sort > "$tmp/installed"

: > "$tmp/claimed"
for list in "$src"/debian/signaal.install "$src"/debian/signaal-course.install "$src"/debian/signaal-data.install; do
  package=$(basename "$list" .install)
  while read -r entry _; do
    [ -n "$entry" ] || continue
    case $entry in \#*) continue ;; esac
    path=${entry#usr/}
    n=$(grep -c -E "^$(printf '%s' "$path" | sed 's/[.[\*^$]/\\&/g')(/|$)" "$tmp/installed" || true)
    [ "$n" -gt 0 ] || fail "$package.install: $entry installs nothing"
    grep -E "^$(printf '%s' "$path" | sed 's/[.[\*^$]/\\&/g')(/|$)" "$tmp/installed" |
      sed "s|\$| $package|" >> "$tmp/claimed" || true
  done < "$list"
done

while read -r file; do
  owners=$(grep -F "$file " "$tmp/claimed" | grep -c -x -F -e "$file signaal" -e "$file signaal-course" -e "$file signaal-data" || true)
  [ "$owners" -eq 1 ] || fail "$file is in $owners Debian packages, expected exactly one (debian/*.install)"
done < "$tmp/installed"

[ $status -eq 0 ] && echo "$(wc -l < "$tmp/installed") installed files, each in one Debian package"
exit $status
