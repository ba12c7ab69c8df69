#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The programs given do not need libsoup or libsecret to start: neither is
# among their direct dependencies (they are loaded when the organisation
# connection is first used, see app/core/export/sig-dynamic.h).
#   check-not-linked.sh PROGRAM...
set -euo pipefail
command -v readelf >/dev/null || { echo "readelf is missing; install the Debian package binutils" >&2; exit 1; }
[ "$#" -gt 0 ] || { echo "usage: check-not-linked.sh PROGRAM..." >&2; exit 2; }
status=0
for program in "$@"; do
  needed=$(readelf -d "$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  [ -n "$needed" ] || { echo "FAIL: no dependencies read from $program" >&2; status=1; continue; }
  for library in libsoup-3.0 libsecret-1; do
    if grep -q "^$library\.so" <<<"$needed"; then
      echo "FAIL: $program is linked with $library" >&2
      status=1
    else
      echo "ok: $(basename "$program") does not link $library"
    fi
  done
done
exit $status
