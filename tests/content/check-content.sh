#!/usr/bin/env bash
# SPDX-License-Identifier: CC-BY-SA-4.0
# The bundled curriculum meets its bar: it lints clean, every ending of every
# scenario is reachable with no path stuck, the named themes exist in both
# languages, and stats reports sectors and themes.
set -u
tool=${SIGNAAL_COURSE:?}
src=${SOURCE_DIR:?}
cd "$src" || exit 2
passed=0
failed=0
tmp_err=$(mktemp)
trap 'rm -f "$tmp_err"' EXIT
ok () { passed=$((passed + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }

out=$("$tool" validate content scenarios 2>&1) && ok "validate content scenarios" || not_ok "validate content scenarios" "$out"
out=$("$tool" lint content scenarios 2>&1) && ok "lint content scenarios" || not_ok "lint content scenarios" "$out"

for s in scenarios/*.xml; do
  out=$("$tool" play --all-paths "$s" 2>&1)
  if [ $? -eq 0 ] && ! grep -q "NOT reached\|stuck after\|no way out" <<<"$out"; then
    ok "every ending of $s reached, no path stuck"
  else
    not_ok "all paths of $s" "$out"
  fi
done
for c in content/*/; do
  [ -f "$c/course.xml" ] || continue
  out=$("$tool" play --best --lang nl "$c" 2>&1)
  # --lang nl: the tool speaks Dutch too
  grep -q "geslaagd" <<<"$out" && [ $? -eq 0 ] && ok "$c passes with the best answers (nl)" || not_ok "$c best play (nl)" "$(tail -5 <<<"$out")"
  out=$("$tool" play --best --lang en "$c" 2>&1)
  grep -q "passed" <<<"$out" && ok "$c passes with the best answers (en)" || not_ok "$c best play (en)" "$(tail -5 <<<"$out")"
done

json=$("$tool" stats --json content scenarios 2>"$tmp_err")
report=$(/usr/bin/python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
courses, scenarios = d["courses"], d["scenarios"]
problems = []
def check(cond, msg):
    print(("ok - " if cond else "not ok - ") + msg)
check(len(courses) >= 9, "at least 9 courses (%d)" % len(courses))
check(len(scenarios) >= 9, "at least 9 scenarios (%d)" % len(scenarios))
for item in courses + scenarios:
    check(set(item["languages"]) >= {"nl", "en"}, "%s claims nl and en" % item["id"])
    check(set(item["title"]) >= {"nl", "en"}, "%s has a title in nl and en" % item["id"])
    check(len(item["sectors"]) > 0 and len(item["themes"]) > 0, "%s reports sectors and themes" % item["id"])
for s in scenarios:
    check(s["decisions"] >= 8, "%s has at least 8 decision points (%d)" % (s["id"], s["decisions"]))
    check(s["endings"] >= 3, "%s has at least 3 endings (%d)" % (s["id"], s["endings"]))
    check(len(s["personas"]) >= 2, "%s can be replayed with another persona" % s["id"])
themes = {t for s in scenarios for t in s["themes"]}
for t in ["coercive-control", "transgender-sensitivity", "male-victims"]:
    check(t in themes, "a scenario on %s (in both languages, checked above)" % t)
for t in ["online-violence", "economic-abuse", "caribbean-netherlands"]:
    check(t in themes, "a scenario on %s" % t)
import re
labelled = set(re.findall(r'theme, "([a-z0-9-]+)"', open("app/ui/sig-labels.c", encoding="utf-8").read()))
for t in sorted({t for item in courses + scenarios for t in item["themes"]}):
    check(t in labelled, "the theme %s has a translated label in app/ui/sig-labels.c" % t)
for s in scenarios:
    if s["id"] in ("online-images-tracking", "statia-protection-code"):
        check(s["decisions"] >= 10 and s["endings"] >= 4, "%s has at least 10 decisions and 4 endings" % s["id"])
sectors = {x for s in scenarios for x in s["sectors"]}
for x in ["healthcare", "education", "dental", "hair-beauty", "sport-community"]:
    check(x in sectors, "a scenario for the sector %s" % x)
refs = {r for c in courses for r in c["scenarios"]}
for s in scenarios:
    check(s["id"] in refs, "%s is part of a course" % s["id"])
PY
)
while IFS= read -r line; do
  case "$line" in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) not_ok "${line#not ok - }" ;;
    *) not_ok "stats --json could not be read" "$line" ;;
  esac
done <<<"$report"

echo "content: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
