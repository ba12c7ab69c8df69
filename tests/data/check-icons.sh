#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the application icons: well-formed SVG, the declared canvas, no text, a
# single colour in the symbolic icon, and that the full-colour icon renders to a PNG
# of its nominal size.
# Usage: check-icons.sh SCALABLE.svg SYMBOLIC.svg

set -u

scalable=$1
symbolic=$2
status=0

fail () {
  echo "FAIL: $*" >&2
  status=1
}

need () {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "FAIL: $1 not found; install the Debian package $2" >&2
    exit 1
  fi
}

need xmllint libxml2-utils

svg_attr () {
  xmllint --xpath "string(/*[local-name()='svg' and namespace-uri()='http://www.w3.org/2000/svg']/@$2)" "$1" 2>/dev/null
}

# png_size FILE: prints "WIDTH HEIGHT" from the PNG header (IHDR).
png_size () {
  set -- $(od -An -tu1 -j16 -N8 "$1")
  if [ $# -ne 8 ]; then
    echo "0 0"
    return
  fi
  echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 )) $(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}

check_svg () {
  file=$1
  viewbox=$2
  if ! xmllint --noout "$file"; then
    fail "$file is not well-formed XML"
    return
  fi
  got=$(svg_attr "$file" viewBox)
  if [ "$got" != "$viewbox" ]; then
    fail "$file: root must be an SVG element with viewBox=\"$viewbox\" (found \"$got\")"
  fi
  if [ "$(xmllint --xpath "count(//*[local-name()='text'])" "$file")" != "0" ]; then
    fail "$file: icons must not contain text elements"
  fi
}

check_svg "$scalable" "0 0 128 128"
check_svg "$symbolic" "0 0 16 16"

# The symbolic icon is recoloured by the theme: every colour in it must be #2e3436.
colours=$(grep -o -i -E '(fill|stroke|stop-color|color)[=:]"?[^";>]*' "$symbolic" \
            | sed -E 's/^[a-z-]+[=:]"?//' | tr 'A-F' 'a-f' | sort -u)
for c in $colours; do
  case $c in
    '#2e3436'|none) ;;
    *) fail "$symbolic: colour $c found; symbolic icons use only #2e3436" ;;
  esac
done
if [ -z "$colours" ]; then
  fail "$symbolic: no fill colour found; paint the paths with #2e3436"
fi

# Render the full-colour icon.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
png=$tmp/icon.png
if command -v rsvg-convert >/dev/null 2>&1; then
  renderer=rsvg-convert
  rsvg-convert --format=png -o "$png" "$scalable" || fail "rsvg-convert could not render $scalable"
elif command -v convert >/dev/null 2>&1; then
  renderer=convert
  convert -background none "$scalable" "png:$png" || fail "convert could not render $scalable"
else
  echo "FAIL: neither rsvg-convert nor convert found; install the Debian package librsvg2-bin" >&2
  exit 1
fi
if [ -s "$png" ]; then
  size=$(png_size "$png")
  if [ "$size" != "128 128" ]; then
    fail "$renderer rendered $scalable at $size pixels, expected 128 128"
  fi
else
  fail "$renderer produced no image for $scalable"
fi

[ $status -eq 0 ] && echo "icons OK (rendered with $renderer)"
exit $status
