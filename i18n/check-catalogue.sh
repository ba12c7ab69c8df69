#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Dutch catalogue is complete: POTFILES lists every file with translatable
# strings, and nl.po translates every string of the current sources, with no
# fuzzy entries and matching format strings. Fails on any untranslated string.
set -u
src=${SOURCE_DIR:?}
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0

grep -rlE '(^|[^A-Za-z0-9_])N?_\(|g_dngettext|translatable="yes"' app --include='*.c' --include='*.ui' | sort > "$tmp/POTFILES"
if diff -u i18n/POTFILES "$tmp/POTFILES"; then passed=$((passed + 1)); else
  echo "not ok - i18n/POTFILES is out of date: run i18n/update-potfiles.sh"; failed=$((failed + 1)); fi

xgettext --from-code=UTF-8 --add-comments=Translators --package-name=signaal \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 -f i18n/POTFILES -o "$tmp/signaal.pot" || exit 2
for lang in $(cat i18n/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "i18n/$lang.po" "$tmp/signaal.pot" -o "$tmp/$lang.po" || exit 2
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  status=$?
  echo "$lang: $stats"
  if [ $status -ne 0 ] || grep -qE "untranslated|fuzzy" <<<"$stats"; then
    echo "not ok - $lang.po is incomplete; the strings without a translation:"
    msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep '^msgid' | head -20
    msgattrib --untranslated "$tmp/$lang.po" | grep '^msgid' | head -40
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "i18n: $passed passed, $failed failed"
[ $failed -eq 0 ]
