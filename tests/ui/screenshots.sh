#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the screenshots of docs/screenshots/ from a build:
#   tests/ui/screenshots.sh [BUILD_DIR]      (default: _build)
# Needs the Debian packages xvfb, dbus, at-spi2-core, python3-dogtail,
# imagemagick and x11-utils.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build_dir=$(cd "${1:-$source_dir/_build}" && pwd)
out=$source_dir/docs/screenshots
mkdir -p "$out"
command -v import >/dev/null 2>&1 || { echo "screenshots: install the Debian package imagemagick" >&2; exit 1; }
command -v xwininfo >/dev/null 2>&1 || { echo "screenshots: install the Debian package x11-utils" >&2; exit 1; }

export SIGNAAL_UI_PREPARE=$build_dir/tests/ui/sig-ui-prepare-store
export SIGNAAL_COURSE=$build_dir/app/cli/signaal-course
run () {
  "$here/run-e2e.sh" "$build_dir/app/ui/signaal" "$source_dir" "$build_dir/app/data" \
    "$here/screenshots.py" "$out" "$1"
}
SIGNAAL_E2E_CONTENT=bundled run bundled
SIGNAAL_E2E_CONTENT=bundled run certificates
SIGNAAL_E2E_CONTENT=fixture run scenario
SIGNAAL_E2E_CONTENT=bundled SIGNAAL_E2E_WIDTH=360 run narrow
# The confirmation before a course from outside installs, in both languages,
# on a wide screen and on a 360 px one.
for lang in en nl; do
  SIGNAAL_E2E_CONTENT=bundled SIGNAAL_E2E_LANG=$lang run import
  SIGNAAL_E2E_CONTENT=bundled SIGNAAL_E2E_LANG=$lang SIGNAAL_E2E_WIDTH=360 E2E_SCREEN=360x740x24 run import
done
ls -l "$out"
