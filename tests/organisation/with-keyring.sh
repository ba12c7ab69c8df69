#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a real keyring: a private D-Bus session with its own
# gnome-keyring-daemon (the Secret Service), whose login keyring is created and
# unlocked here with a password given on its standard input. A machine without
# them fails the test: ./setup test installs dbus and gnome-keyring.
set -eu

for program in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$program" >/dev/null; then
    echo "with-keyring.sh: $program is missing; run ./setup test (it installs dbus and gnome-keyring)." >&2
    exit 1
  fi
done

if [ "${1:-}" != "--inside" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -m 0700 "$tmp/run"
  HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
  XDG_RUNTIME_DIR="$tmp/run" dbus-run-session -- bash "$0" --inside "$@"
  exit $?
fi
shift

# the daemon is not under test: G_DEBUG=fatal-warnings would stop it at its own harmless warnings
printf "%s" "keyring-password" | env -u G_DEBUG gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &
daemon=$!
trap 'kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
"$@"
