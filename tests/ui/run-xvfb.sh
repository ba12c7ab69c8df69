#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a program in its own X server (Xvfb) and D-Bus session.
#   run-xvfb.sh PROGRAM [ARGS...]
set -eu
command -v Xvfb >/dev/null 2>&1 || { echo "run-xvfb: Xvfb is missing; install the Debian package xvfb" >&2; exit 1; }
command -v dbus-run-session >/dev/null 2>&1 || { echo "run-xvfb: dbus-run-session is missing; install the Debian package dbus" >&2; exit 1; }
tmp=$(mktemp -d)
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -s "$tmp/display" ] && break
  sleep 0.1
done
[ -s "$tmp/display" ] || { echo "run-xvfb: Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/display")"
mkdir -p "$tmp/home" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" XDG_RUNTIME_DIR="$tmp/runtime"
unset WAYLAND_DISPLAY GDK_BACKEND
status=0
dbus-run-session -- "$@" || status=$?
exit $status
