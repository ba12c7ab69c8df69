#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a script that drives Signaal through the accessibility tree, in its own
# X server (Xvfb), D-Bus session and AT-SPI bus, with a temporary home and the
# fixture course as the only course.
#   run-e2e.sh SIGNAAL SOURCE_DIR SCHEMA_DIR SCRIPT [ARGS...]
set -eu

signaal=$1 source_dir=$2 schema_dir=$3 script=$4
# The build tree the program belongs to (its catalogues are in BUILD/i18n).
build_dir=$(cd "$(dirname "$signaal")/../.." && pwd)
shift 4

for tool in Xvfb dbus-run-session /usr/libexec/at-spi-bus-launcher gsettings; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "run-e2e: $tool is missing; install the Debian packages xvfb, dbus, at-spi2-core and libglib2.0-bin" >&2
    exit 1
  }
done
/usr/bin/python3 -c 'import dogtail' 2>/dev/null || {
  echo "run-e2e: dogtail is missing; install the Debian package python3-dogtail" >&2
  exit 1
}

tmp=$(mktemp -d)
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Data: the helplines, the fixture course and its scenario.
mkdir -p "$tmp/data/courses" "$tmp/data/scenarios" "$tmp/home/config/gtk-4.0" "$tmp/runtime"
# As on GNOME: only a close button in the title bar.
printf '[Settings]\ngtk-decoration-layout=:close\n' > "$tmp/home/config/gtk-4.0/settings.ini"
chmod 700 "$tmp/runtime"
cp "$source_dir/content/helplines.xml" "$tmp/data/helplines.xml"
if [ "${SIGNAAL_E2E_CONTENT:-fixture}" = bundled ]; then
  # The bundled courses and scenarios (for screenshots).
  for course in "$source_dir"/content/*/; do
    [ -f "$course/course.xml" ] && cp -r "$course" "$tmp/data/courses/"
  done
  cp "$source_dir"/scenarios/*.xml "$tmp/data/scenarios/"
else
  cp -r "$source_dir/tests/ui/fixtures/ui-course" "$tmp/data/courses/ui-course"
fi
if [ -n "${SIGNAAL_E2E_WIDTH:-}" ]; then
  GSETTINGS_SCHEMA_DIR=$schema_dir GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$tmp/home/config \
    gsettings set nl.signaal.Signaal window-width "$SIGNAAL_E2E_WIDTH"
fi
if [ -n "${SIGNAAL_E2E_TEXT_SCALE:-}" ]; then
  GSETTINGS_SCHEMA_DIR=$schema_dir GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$tmp/home/config \
    gsettings set nl.signaal.Signaal text-scale "$SIGNAAL_E2E_TEXT_SCALE"
fi

# Dutch number formats (a decimal comma), for the runs in Dutch.
mkdir -p "$tmp/locale"
localedef -i nl_NL -f UTF-8 "$tmp/locale/nl_NL.UTF-8" 2>"$tmp/localedef.log" || {
  echo "run-e2e: the Dutch locale could not be built; install the Debian package locales" >&2
  cat "$tmp/localedef.log" >&2
  exit 1
}

# The X server picks a free display and tells which.
exec 3<> "$tmp/display"
Xvfb -displayfd 3 -screen 0 ${E2E_SCREEN:-1280x900x24} -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -s "$tmp/display" ] && break
  sleep 0.1
done
[ -s "$tmp/display" ] || { echo "run-e2e: Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
display=":$(head -n1 "$tmp/display")"

export DISPLAY=$display
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/data XDG_CONFIG_HOME=$tmp/home/config
export XDG_CACHE_HOME=$tmp/home/cache XDG_RUNTIME_DIR=$tmp/runtime
export SIGNAAL_DATA_DIR=$tmp/data
export GSETTINGS_SCHEMA_DIR=$schema_dir GSETTINGS_BACKEND=keyfile
export GSK_RENDERER=cairo GTK_A11Y=atspi LC_ALL=C.UTF-8 LANGUAGE=en
# G_DEBUG (fatal warnings in the test suite) is for Signaal, not for the
# accessibility libraries the driving script loads.
if [ -n "${G_DEBUG:-}" ]; then
  printf '#!/bin/sh\nG_DEBUG="%s" exec "%s" "$@"\n' "$G_DEBUG" "$signaal" > "$tmp/signaal"
  chmod +x "$tmp/signaal"
  signaal=$tmp/signaal
  unset G_DEBUG
fi
export SIGNAAL=$signaal SIGNAAL_E2E_TMP=$tmp SIGNAAL_E2E_LOCPATH=$tmp/locale SIGNAAL_E2E_BUILD=$build_dir
export SIGNAAL_E2E_SOURCE=$source_dir
# SIGNAAL_E2E_LANG=nl: the whole run in Dutch, with Dutch number formats.
if [ "${SIGNAAL_E2E_LANG:-en}" = nl ]; then
  export LANGUAGE=nl LC_ALL=nl_NL.UTF-8 LOCPATH=$tmp/locale SIGNAAL_LOCALE_DIR=$build_dir/i18n
fi
unset NO_AT_BRIDGE GDK_BACKEND WAYLAND_DISPLAY

dbus-run-session -- bash -c '
  set -eu
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  launcher=$!
  gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true
  sleep 1
  status=0
  /usr/bin/python3 "$@" || status=$?
  kill $launcher 2>/dev/null || true
  exit $status
' e2e "$script" "$@"
