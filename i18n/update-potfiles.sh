#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes i18n/POTFILES: every source file with translatable strings.
# The test i18n/check-catalogue.sh fails when this list is out of date.
cd "$(dirname "$0")/.." || exit 2
grep -rlE '(^|[^A-Za-z0-9_])N?_\(|g_dngettext|translatable="yes"' app --include='*.c' --include='*.ui' | sort > i18n/POTFILES
