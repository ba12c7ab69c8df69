#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the shared-mime-info package: it is well-formed, update-mime-database accepts
# it without complaint, the compiled database holds the glob, the XML root, the parent
# type and both comments, and GIO detects a *.signaal file as a Signaal course.
# The database is built in a temporary directory that holds nothing else, so the result
# does not depend on what is installed on this machine.
# With ICON.svg, also that the type names its own icon, that the icon file has that
# name, is well-formed SVG and renders, and that GIO gives a course file that icon.
# Usage: check-mime.sh PACKAGE.xml [ICON.svg]

set -u

package=$1
icon_file=${2:-}
type=application/x-signaal-course
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
need update-mime-database shared-mime-info
need gio libglib2.0-bin

if ! xmllint --noout "$package"; then
  echo "FAIL: $package is not well-formed XML" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/share/mime/packages" "$tmp/home/.local/share" "$tmp/files"
cp "$package" "$tmp/share/mime/packages/"

if ! env XDG_DATA_HOME="$tmp/home/.local/share" XDG_DATA_DIRS="$tmp/share" \
     update-mime-database "$tmp/share/mime" 2>"$tmp/umd.err"; then
  cat "$tmp/umd.err" >&2
  echo "FAIL: update-mime-database rejected $package" >&2
  exit 1
fi
if [ -s "$tmp/umd.err" ]; then
  cat "$tmp/umd.err" >&2
  fail "update-mime-database warned about $package"
fi

db=$tmp/share/mime
grep -q -x -F "50:$type:*.signaal" "$db/globs2" \
  || fail "no glob *.signaal for $type in the compiled database"
grep -q -x -F "urn:signaal:course:1 course $type" "$db/XMLnamespaces" \
  || fail "no root-XML rule (urn:signaal:course:1, course) for $type"
grep -q -x -F "$type application/xml" "$db/subclasses" \
  || fail "$type is not registered as a subclass of application/xml"
if [ -f "$db/$type.xml" ]; then
  xmllint --xpath "//*[local-name()='comment' and not(@xml:lang)]/text()" "$db/$type.xml" >/dev/null 2>&1 \
    || fail "$type has no English comment"
  xmllint --xpath "//*[local-name()='comment' and @xml:lang='nl']/text()" "$db/$type.xml" >/dev/null 2>&1 \
    || fail "$type has no Dutch comment"
else
  fail "update-mime-database wrote no description of $type"
fi

# What a file manager would see.
printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
  '<course xmlns="urn:signaal:course:1" format="1" id="x" version="1.0.0" languages="en"/>' \
  > "$tmp/files/x.signaal"
cp "$tmp/files/x.signaal" "$tmp/files/x.txt"

content_type () {
  env HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_DATA_DIRS="$tmp/share" \
    GIO_USE_VFS=local \
    gio info -a standard::content-type "$1" 2>&1 \
    | sed -n 's/^ *standard::content-type: *//p'
}

got=$(content_type "$tmp/files/x.signaal")
if [ "$got" != "$type" ]; then
  fail "GIO detects x.signaal as '$got', expected $type"
fi
# A control: the same bytes under another name must not be taken for a course package.
got=$(content_type "$tmp/files/x.txt")
if [ "$got" = "$type" ] || [ -z "$got" ]; then
  fail "GIO detects x.txt as '$got'; the detection should come from the *.signaal glob"
fi

if [ -n "$icon_file" ]; then
  icon=$(printf '%s' "$type" | tr / -)
  [ "$(basename "$icon_file" .svg)" = "$icon" ] \
    || fail "the icon file is $(basename "$icon_file"), expected $icon.svg"
  grep -q -x -F "$type:$icon" "$db/icons" 2>/dev/null \
    || fail "$type does not name its own icon $icon (<icon name=\"$icon\"/>)"
  if ! xmllint --noout "$icon_file"; then
    fail "$icon_file is not well-formed XML"
  elif command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert --format=png -o "$tmp/icon.png" "$icon_file" && [ -s "$tmp/icon.png" ] \
      || fail "rsvg-convert could not render $icon_file"
  else
    fail "rsvg-convert not found; install the Debian package librsvg2-bin"
  fi
  got=$(env HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_DATA_DIRS="$tmp/share" \
          GIO_USE_VFS=local gio info -a standard::icon "$tmp/files/x.signaal" 2>&1 \
          | sed -n 's/^ *standard::icon: *//p')
  case "$got" in
    "$icon,"*|"$icon") ;;
    *) fail "GIO gives x.signaal the icons '$got'; $icon should come first" ;;
  esac
fi

[ $status -eq 0 ] && echo "MIME type $type OK"
exit $status
