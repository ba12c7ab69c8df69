#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The author's tools of signaal-course: errors and warnings, "did you mean",
# JSON and SARIF output (checked against the official SARIF 2.1.0 schema),
# new, play --transcript, translate.
set -u
tool=${SIGNAAL_COURSE:?}
src=${SOURCE_DIR:?}
example="$src/tests/fixtures/valid/example-course"
modules="$src/tests/npm/node_modules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok () { passed=$((passed + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }

# run NAME EXPECTED-EXIT COMMAND...: checks the exit status; output in $out
run () {
  local name=$1 expected=$2; shift 2
  out=$("$@" 2>&1 </dev/null); local status=$?
  if [ "$status" -eq "$expected" ]; then ok "$name"; else not_ok "$name (exit $status, wanted $expected)" "$out"; fi
}
# expect NAME PATTERN / refute NAME PATTERN: $out does (not) match the extended regular expression
expect () {
  if grep -Eq -- "$2" <<<"$out"; then ok "$1"; else not_ok "$1 (no match for /$2/)" "$out"; fi
}
refute () {
  if grep -Eq -- "$2" <<<"$out"; then not_ok "$1 (matched /$2/)" "$out"; else ok "$1"; fi
}
# json NAME EXPRESSION FILE: a Python expression over the JSON document d is true
json () {
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" "$3" 2>/dev/null
  then ok "$1"; else not_ok "$1 ($2)" "$(head -c 3000 "$3")"; fi
}

# ---------------------------------------------------------------- severity
cp -r "$example" "$tmp/warned"
cp "$example/media/salon.png" "$tmp/warned/media/unused.png"
run "lint with only warnings exits 0" 0 "$tool" lint "$tmp/warned"
expect "a warning says warning:" "^$tmp/warned/course\.xml: warning: The media file “media/unused\.png” is never used"
expect "the summary counts errors and warnings" "0 errors, 1 warning; 2 files checked"
run "pack is not blocked by a warning" 0 "$tool" pack "$tmp/warned" -o "$tmp/warned.signaal"
expect "pack shows the warning" "warning: The media file “media/unused\.png” is never used"

cp -r "$tmp/warned" "$tmp/broken"
sed -i 's|<option id="a" correct="true">|<option id="a">|' "$tmp/broken/course.xml"
run "lint with an error exits 1" 1 "$tool" lint "$tmp/broken"
expect "an error says error:" "^$tmp/broken/course\.xml:[0-9]+:[0-9]+: error: The question “q-single” has no correct answer"
run "pack is blocked by a lint error" 1 "$tool" pack "$tmp/broken" -o "$tmp/broken.signaal"
expect "pack names the error" "error: The question “q-single” has no correct answer"
expect "pack says why it did not pack" "Not packed: lint found 1 error"
[ ! -e "$tmp/broken.signaal" ] && ok "no package was written" || not_ok "no package was written"

# ---------------------------------------------------------- did you mean …?
cp -r "$example" "$tmp/typo"
sed -i 's|<module id="m-see">|<module id="m-see" requried="true">|' "$tmp/typo/course.xml"
run "an unknown attribute is refused" 1 "$tool" validate "$tmp/typo"
expect "an unknown attribute gets a suggestion" "error: <module> has an attribute “requried” that the course format does not know\. Did you mean “required”\?"
cp "$example/course.xml" "$tmp/typo/course.xml"
sed -i 's|goto="n-colleague"|goto="n-coleague"|' "$tmp/typo/scenarios/example-salon-case.xml"
run "an unknown id is refused" 1 "$tool" validate "$tmp/typo"
expect "an unknown id gets a suggestion" "example-salon-case\.xml:[0-9]+:[0-9]+: error: goto=\"n-coleague\" leads nowhere: there is no node or ending with that id\. Did you mean “n-colleague”\?"

# ----------------------------------------------------------- JSON and SARIF
"$tool" lint --format json "$tmp/warned" >"$tmp/warned.json" 2>"$tmp/stderr"; status=$?
[ "$status" -eq 0 ] && ok "lint --format json with warnings exits 0" || not_ok "lint --format json with warnings exits 0 (exit $status)"
json "json counts files, errors and warnings" 'd["files"] == 2 and d["errors"] == 0 and d["warnings"] == 1' "$tmp/warned.json"
json "json names rule, severity, file" 'd["diagnostics"][0]["rule"] == "media-unused" and d["diagnostics"][0]["severity"] == "warning" and d["diagnostics"][0]["file"].endswith("course.xml")' "$tmp/warned.json"
[ ! -s "$tmp/stderr" ] && ok "json output has nothing on stderr" || not_ok "json output has nothing on stderr" "$(cat "$tmp/stderr")"

"$tool" lint --format json "$tmp/broken" >"$tmp/broken.json" 2>/dev/null; status=$?
[ "$status" -eq 1 ] && ok "lint --format json with errors exits 1" || not_ok "lint --format json with errors exits 1 (exit $status)"
json "json gives the line of an error" '[x for x in d["diagnostics"] if x["rule"] == "question-answers" and x["severity"] == "error" and x["line"] > 0]' "$tmp/broken.json"

"$tool" validate --format json "$tmp/typo" >"$tmp/typo.json" 2>/dev/null
json "validate --format json takes a load error apart" 'd["errors"] == 1 and d["diagnostics"][0]["rule"] == "reference" and d["diagnostics"][0]["line"] > 0 and d["diagnostics"][0]["file"].endswith("example-salon-case.xml") and "Did you mean" in d["diagnostics"][0]["message"]' "$tmp/typo.json"

(cd "$tmp" && "$tool" lint --format sarif broken warned typo) >"$tmp/lint.sarif" 2>/dev/null
(cd "$tmp" && "$tool" validate --format sarif typo) >"$tmp/validate.sarif" 2>/dev/null
"$tool" lint --format sarif "$example" >"$tmp/clean.sarif" 2>/dev/null
json "sarif names the tool and its rules" 'd["version"] == "2.1.0" and d["runs"][0]["tool"]["driver"]["name"] == "signaal-course" and any(r["id"] == "media-unused" and r["defaultConfiguration"]["level"] == "warning" for r in d["runs"][0]["tool"]["driver"]["rules"])' "$tmp/lint.sarif"
json "sarif results have ruleId, level, message, uri and region" 'any(r["ruleId"] == "question-answers" and r["level"] == "error" and r["message"]["text"] and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken/course.xml" and r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0 for r in d["runs"][0]["results"])' "$tmp/lint.sarif"
json "sarif ruleIndex points at the rule" 'all(d["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in d["runs"][0]["results"])' "$tmp/lint.sarif"
json "a clean course has no sarif results" 'd["runs"][0]["results"] == []' "$tmp/clean.sarif"
printf '<?xml version="1.0"?>\n<course xmlns="urn:signaal:course:1">\n  <oops\n' >"$tmp/not-xml.xml"
"$tool" validate --format sarif "$tmp/not-xml.xml" >"$tmp/column.sarif" 2>/dev/null
json "sarif gives the column where there is one" '[r for r in d["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["region"].get("startColumn", 0) > 0 and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")]' "$tmp/column.sarif"
# The official schema: a missing validator is a failure, never a skip.
if [ ! -d "$modules/ajv-draft-04" ] || [ ! -f "$modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]; then
  not_ok "the SARIF 2.1.0 schema and ajv are missing from tests/npm/node_modules: run ./setup test, which installs them"
else
  out=$(node "$src/tests/cli/check-sarif.js" "$modules" "$tmp/lint.sarif" "$tmp/validate.sarif" "$tmp/clean.sarif" "$tmp/column.sarif" 2>&1); status=$?
  [ "$status" -eq 0 ] && ok "sarif output is valid against the SARIF 2.1.0 schema" || not_ok "sarif output is valid against the SARIF 2.1.0 schema" "$out"
  echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}' >"$tmp/invalid.sarif"
  node "$src/tests/cli/check-sarif.js" "$modules" "$tmp/invalid.sarif" >/dev/null 2>&1 \
    && not_ok "the schema check refuses an invalid log" || ok "the schema check refuses an invalid log"
fi
run "an unknown --format is a usage error" 2 "$tool" lint --format xml "$example"

# ------------------------------------------- attributes on the wrong element
cp -r "$example" "$tmp/misplaced"
sed -i 's|<module id="m-see">|<module id="m-see" points="2">|' "$tmp/misplaced/course.xml"
run "an attribute of another element is refused" 1 "$tool" validate "$tmp/misplaced"
expect "it says where the attribute belongs" "course\.xml:[0-9]+:3: error: “points” is not an attribute of <module>; it belongs on one of these: <accreditation>, <question>\. Move it there"
cp "$example/course.xml" "$tmp/misplaced/course.xml"
sed -i 's|<module id="m-see">|<module id="m-see" recommended="true">|' "$tmp/misplaced/course.xml"
run "an attribute of one other element is refused" 1 "$tool" validate "$tmp/misplaced"
expect "it names that element" "error: “recommended” is not an attribute of <module>; it belongs on <choice>\. Move it there"
cp "$example/course.xml" "$tmp/misplaced/course.xml"
sed -i 's|<module id="m-see">|<module id="m-see" reqired="true">|' "$tmp/misplaced/course.xml"
run "a misspelt attribute is refused" 1 "$tool" validate "$tmp/misplaced"
expect "the suggestion is among the element's own attributes" "“reqired” that the course format does not know\. Did you mean “required”\?"

# --------------------------------------- causes first (issue 12, item 7)
# A course whose scenario does not load: the scenario's own error, then the
# course's, which names it; once each, in text, JSON, SARIF and pack.
cp -r "$example" "$tmp/cause"
sed -i '0,/goto="[^"]*"/s//goto="n-nowhere"/' "$tmp/cause/scenarios/example-salon-case.xml"
cause="example-salon-case\.xml:[0-9]+:[0-9]+: error: goto=\"n-nowhere\" leads nowhere"
run "lint a course whose scenario is broken" 1 "$tool" lint "$tmp/cause"
first=$(grep -n "error:" <<<"$out" | head -1)
if grep -Eq -- "^1:$tmp/cause/scenarios/$cause" <<<"$first"; then ok "the scenario's own error comes first"; else not_ok "the scenario's own error comes first" "$out"; fi
expect "then the course's error, naming the cause" "^$tmp/cause/course\.xml:[0-9]+:[0-9]+: error: The scenario “example-salon-case” cannot be loaded because of a problem in its file: .*$cause"
[ "$(grep -c "error:" <<<"$out")" -eq 2 ] && ok "each is reported once" || not_ok "each is reported once" "$out"
expect "and counted once" "^2 errors, 0 warnings; 2 files checked"
run "lint the course file alone" 1 "$tool" lint "$tmp/cause/course.xml"
if grep -Eq -- "^1:$tmp/cause/scenarios/$cause" <<<"$(grep -n "error:" <<<"$out" | head -1)"; then ok "the cause comes first for the course file too"; else not_ok "the cause comes first for the course file too" "$out"; fi
"$tool" lint --format json "$tmp/cause" >"$tmp/cause.json" 2>/dev/null
json "json: the cause first, then the course" 'd["errors"] == 2 and len(d["diagnostics"]) == 2 and d["diagnostics"][0]["file"].endswith("example-salon-case.xml") and d["diagnostics"][1]["file"].endswith("course.xml")' "$tmp/cause.json"
(cd "$tmp" && "$tool" lint --format sarif cause) >"$tmp/cause.sarif" 2>/dev/null
json "sarif: the cause first, then the course" '[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in d["runs"][0]["results"]] == ["cause/scenarios/example-salon-case.xml", "cause/course.xml"]' "$tmp/cause.sarif"
run "pack a course whose scenario is broken" 1 "$tool" pack "$tmp/cause" -o "$tmp/cause.signaal"
if grep -Eq -- "^1:$tmp/cause/scenarios/$cause" <<<"$(grep -n "error:" <<<"$out" | head -1)"; then ok "pack prints the cause first"; else not_ok "pack prints the cause first" "$out"; fi

# ----------------------------- a column for every problem (issue 12, item 12)
# Problems found after reading and lint problems carry the column of their
# element's start tag, counted in characters (the comment holds an é).
loc () { # FILE LINE COLUMN: the problem's location in JSON and in SARIF
  json "json: $2:$3 in $1" "any(x[\"file\"].endswith(\"$1\") and x[\"line\"] == $2 and x[\"column\"] == $3 for x in d[\"diagnostics\"])" "$tmp/loc.json"
  json "sarif: $2:$3 in $1" "any(r[\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"].endswith(\"$1\") and r[\"locations\"][0][\"physicalLocation\"][\"region\"] == {\"startLine\": $2, \"startColumn\": $3} for r in d[\"runs\"][0][\"results\"])" "$tmp/loc.sarif"
}
# check NAME COMMAND DIR: runs lint or validate on DIR as text, JSON and SARIF
check () {
  run "$1" 1 "$tool" "$2" "$3"
  "$tool" "$2" --format json "$3" >"$tmp/loc.json" 2>/dev/null
  "$tool" "$2" --format sarif "$3" >"$tmp/loc.sarif" 2>/dev/null
}
scenario=scenarios/example-salon-case.xml
cp -r "$example" "$tmp/col-goto"
sed -i '69s|<choice id="c-ask" goto="n-open"|<!-- café --><choice id="c-ask" goto="n-nowhere"|' "$tmp/col-goto/$scenario"
check "an unknown goto target" validate "$tmp/col-goto"
expect "it has the column of <choice>, in characters" "^$tmp/col-goto/$scenario:69:18: error: goto=\"n-nowhere\" leads nowhere"
loc "$scenario" 69 18
cp -r "$example" "$tmp/col-speaker"
sed -i '114s|speaker="colleague"|speaker="colleage"|' "$tmp/col-speaker/$scenario"
check "an unknown speaker" validate "$tmp/col-speaker"
expect "it has the column of <node>" "^$tmp/col-speaker/$scenario:114:3: error: The speaker “colleage” is unknown"
loc "$scenario" 114 3
cp -r "$example" "$tmp/col-ref"
sed -i '113s|<cite ref="src-vt"/>|<cite ref="src-vx"/>|' "$tmp/col-ref/course.xml"
check "an unknown source id" validate "$tmp/col-ref"
expect "it has the column of <cite>" "^$tmp/col-ref/course\.xml:113:108: error: The source “src-vx” does not exist in this file"
loc course.xml 113 108
cp -r "$example" "$tmp/col-condition"
sed -i '93s|if="trust &lt; 3"|if="trusts \&lt; 3"|' "$tmp/col-condition/$scenario"
check "an undeclared variable in a condition" validate "$tmp/col-condition"
expect "it has the column of <choice>" "^$tmp/col-condition/$scenario:93:5: error: The condition uses “trusts”"
loc "$scenario" 93 5
cp -r "$example" "$tmp/col-lint"
sed -i 's|<source id="src-policy"|<!-- één --><source id="src-policy" checked="2020"|' "$tmp/col-lint/course.xml"
sed -i 's|<option id="a" correct="true">|<option id="a">|' "$tmp/col-lint/course.xml"
check "lint errors and warnings" lint "$tmp/col-lint"
expect "a lint warning has the column of its element, in characters" "^$tmp/col-lint/course\.xml:42:17: warning: The source “src-policy” was last checked in 2020"
expect "a lint error has the column of its element" "^$tmp/col-lint/course\.xml:98:5: error: The question “q-single” has no correct answer"
loc course.xml 42 17
loc course.xml 98 5

# --------------------------------------------------------------------- new
mkdir -p "$tmp/new"
run "new course" 0 bash -c "cd '$tmp/new' && '$tool' new course kids-care --sector childcare --lang nl,en"
[ -f "$tmp/new/kids-care/course.xml" ] && ok "new course writes ID/course.xml" || not_ok "new course writes ID/course.xml"
run "new scenario in the course folder" 0 "$tool" new scenario desk-talk -o "$tmp/new/kids-care" --sector childcare
[ -f "$tmp/new/kids-care/scenarios/desk-talk.xml" ] && ok "new scenario goes to scenarios/" || not_ok "new scenario goes to scenarios/"
out=$(cat "$tmp/new/kids-care/course.xml")
expect "the course teaches the format in comments" "languages: every language this file is complete in"
expect "the course is in both languages" '<title xml:lang="nl">.*' 
expect "the course has the sector" "<sector>childcare</sector>"
run "the new course validates" 0 "$tool" validate "$tmp/new/kids-care"
run "the new course lints clean" 0 "$tool" lint "$tmp/new/kids-care"
expect "no warnings either" "2 files checked: no problems"
sed -i 's|    </question>|    </question>\n    <scenario ref="desk-talk"/>|' "$tmp/new/kids-care/course.xml"
run "the course with its new scenario lints clean" 0 "$tool" lint "$tmp/new/kids-care"
expect "still no warnings" "2 files checked: no problems"
run "every path of the new scenario ends" 0 "$tool" play --all-paths "$tmp/new/kids-care"
run "the new course packs" 0 "$tool" pack "$tmp/new/kids-care" -o "$tmp/new/kids-care.signaal"
run "the package validates" 0 "$tool" validate "$tmp/new/kids-care.signaal"
cp "$tmp/new/kids-care/course.xml" "$tmp/new/before.xml"
run "new refuses to overwrite a course" 2 "$tool" new course kids-care -o "$tmp/new/kids-care"
expect "and says so" "already exists; nothing was written"
cmp -s "$tmp/new/before.xml" "$tmp/new/kids-care/course.xml" && ok "the course is unchanged" || not_ok "the course is unchanged"
run "new refuses to overwrite a scenario" 2 "$tool" new scenario desk-talk -o "$tmp/new/kids-care"
run "new refuses a bad id" 2 "$tool" new course Kids_Care -o "$tmp/new/bad"
expect "a bad id is explained" "“Kids_Care” is not a valid id\. Use lowercase letters"
run "new refuses an unknown sector" 2 "$tool" new course kids -o "$tmp/new/bad" --sector dentist
expect "the sectors are listed" "“dentist” is not a sector\. Use one of: healthcare, .*childcare"
run "new refuses a bad language" 2 "$tool" new course kids -o "$tmp/new/bad" --lang nl,EN
expect "a bad language is explained" "“EN” is not a language code"
[ ! -e "$tmp/new/bad" ] && ok "nothing is written after a refusal" || not_ok "nothing is written after a refusal"
run "new without what to make" 2 "$tool" new kids
run "new course in a third language" 0 "$tool" new course fy-course --lang fy,nl -o "$tmp/new/fy"
run "which validates" 0 "$tool" validate "$tmp/new/fy"

# ------------------------------------------------ play --all-paths --transcript
check_transcripts="$src/tests/cli/check-transcripts.py"
# Every bundled scenario: the transcripts together show every node with its text,
# every choice at every node and every ending with its debrief, whatever the
# number of paths (coercive-control-pattern has 82,734 per persona).
for scenario in "$src"/scenarios/*.xml; do
  id=$(basename "$scenario" .xml)
  run "play --all-paths --transcript $id" 0 "$tool" play --all-paths --transcript "$tmp/transcripts/$id" --lang nl "$scenario"
  python3 "$check_transcripts" "$tmp/transcripts/$id" "$scenario" nl >"$tmp/transcripts.check" 2>&1 \
    && ok "the transcripts of $id show every node, choice and ending ($(head -1 "$tmp/transcripts.check"))" \
    || not_ok "the transcripts of $id show every node, choice and ending" "$(cat "$tmp/transcripts.check")"
  "$tool" play --all-paths --transcript "$tmp/again/$id" --lang nl "$scenario" >/dev/null 2>&1
  diff -r "$tmp/transcripts/$id" "$tmp/again/$id" >"$tmp/transcripts.diff" 2>&1 \
    && ok "the transcripts of $id are the same every run" || not_ok "the transcripts of $id are the same every run" "$(head -20 "$tmp/transcripts.diff")"
done
scenario="$src/scenarios/coercive-control-pattern.xml"
run "play --all-paths --transcript, in Dutch" 0 "$tool" play --all-paths --transcript "$tmp/coercive" --lang nl "$scenario"
# --lang nl: the tool's own words are Dutch too
expect "it says how many paths and transcripts" "coercive-control-pattern: 82734 routes voor persona nadia; [0-9] verslagen in .* die samen elke node, elke keuze en elk einde laten zien"
expect "it names the index" "coercive-control-pattern\.nl\.index\.txt"
n=$(ls "$tmp/coercive" | grep -c '^coercive-control-pattern\.nadia\.nl\.cover-[0-9]*\.txt$')
[ "$n" -gt 0 ] && [ "$n" -le 20 ] && ok "a scenario with many paths gets a few transcripts ($n)" || not_ok "a scenario with many paths gets a few transcripts ($n)"
out=$(cat "$tmp/coercive/coercive-control-pattern.nl.index.txt")
expect "the index counts the paths to each ending and names a transcript" "^  einde end-safe \(.*\): [0-9]+ routes; te zien in coercive-control-pattern\.nadia\.nl\.cover-[0-9]{3}\.txt$"
scenario="$src/scenarios/statia-protection-code.xml"
"$tool" play --all-paths --transcript "$tmp/statia" --lang nl "$scenario" >/dev/null 2>&1
out=$(cat "$tmp/statia"/statia-protection-code.marcus.nl.cover-001.txt)
expect "a transcript names scenario, persona and language" "^Persona: Marcus \(marcus\), voornaamwoorden hij/hem"
expect "a transcript holds the persona's words substituted" "Marcus komt met een snee"
expect "a transcript names each node it shows" "^n-start: \[narrator\] "
expect "a transcript holds the debrief" "Gemiste signalen:|Signals missed:"
out=$(cat "$tmp/statia"/statia-protection-code.shanice.nl.cover-001.txt)
expect "the other persona reads with her own name" "Shanice"
run "--transcript without --all-paths is a usage error" 2 "$tool" play --transcript "$tmp/t2" "$scenario"
# A small scenario still gets one transcript per path.
run "transcripts for a course's scenarios" 0 "$tool" play --all-paths --transcript "$tmp/course-transcripts" "$example"
python3 "$check_transcripts" "$tmp/course-transcripts" "$example/scenarios/example-salon-case.xml" en --per-path >"$tmp/transcripts.check" 2>&1 \
  && ok "a small scenario gets one transcript per path and persona ($(head -1 "$tmp/transcripts.check"))" \
  || not_ok "a small scenario gets one transcript per path and persona" "$(cat "$tmp/transcripts.check")"
# A loop (a choice back to an earlier node) and choices offered only under a
# condition, with more paths than one transcript each: counted by walking them.
python3 - "$tmp/loop.xml" <<'PY' >"$tmp/loop.count"
import sys
# node: [(choice, goto, condition, sets asked)]
nodes = {f'n-{i}': [(f'c-a{i}', f'n-{i + 1}', None, False), (f'c-b{i}', f'n-{i + 1}', None, False)] for i in range(1, 6)}
nodes['n-6'] = [('c-a6', 'end-one', None, False), ('c-b6', 'end-two', None, False)]
nodes['n-3'] += [('c-again', 'n-2', 'not asked', True), ('c-round', 'n-2', 'asked', False)]
nodes['n-4'] += [('c-hidden', 'end-two', 'asked', False)]
xml = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<scenario xmlns="urn:signaal:course:1" format="1" id="loop-case" version="1.0.0" languages="en" start="n-1">',
       '<title xml:lang="en">A loop</title><summary xml:lang="en">A case that goes round.</summary>',
       '<sectors><sector>general</sector></sectors><themes><theme>test</theme></themes><minutes>5</minutes><sources/>',
       '<persona id="alex" gender="non-binary"><name>Alex</name><pronouns xml:lang="en">they/them</pronouns></persona>',
       '<variables><flag id="asked" initial="false"/></variables>']
for node, choices in nodes.items():
    xml.append(f'<node id="{node}"><text xml:lang="en">{{name}} is at step {node}.</text>')
    for cid, goto, condition, sets in choices:
        xml.append(f'<choice id="{cid}" goto="{goto}"' + (f' if="{condition}"' if condition else '') + f'><text xml:lang="en">Take {cid}.</text>'
                   + ('<set var="asked" value="true"/>' if sets else '') + '</choice>')
    xml.append('</node>')
for ending in ('end-one', 'end-two'):
    xml.append(f'<ending id="{ending}" score="50"><title xml:lang="en">Ending {ending}</title><debrief xml:lang="en">You reached {ending}.</debrief></ending>')
open(sys.argv[1], 'w', encoding='utf-8').write('\n'.join(xml + ['</scenario>']) + '\n')
# The paths: a path does not enter a state (node, asked) it is already in.
counts = {}
def walk(state, on_path):
    node, asked = state
    if node.startswith('end-'):
        counts[node] = counts.get(node, 0) + 1
        return
    for cid, goto, condition, sets in nodes[node]:
        if condition == 'asked' and not asked or condition == 'not asked' and asked:
            continue
        after = (goto, asked or sets)
        if after not in on_path:
            walk(after, on_path | {after})
walk(('n-1', False), {('n-1', False)})
print(' '.join(f'{e}={n}' for e, n in sorted(counts.items())))
PY
run "transcripts of a scenario with a loop" 0 "$tool" play --all-paths --transcript "$tmp/loop" "$tmp/loop.xml"
python3 "$check_transcripts" "$tmp/loop" "$tmp/loop.xml" en >"$tmp/transcripts.check" 2>&1 \
  && ok "with a loop too, every node, choice and ending is shown ($(head -1 "$tmp/transcripts.check"))" \
  || not_ok "with a loop too, every node, choice and ending is shown" "$(cat "$tmp/transcripts.check")"
counted=$(sed -n 's/^  ending \([a-z-]*\) .*: \([0-9]*\) paths;.*/\1=\2/p' "$tmp/loop/loop-case.en.index.txt" | tr '\n' ' ')
[ "$counted" = "$(cat "$tmp/loop.count") " ] && ok "the index counts the paths through a loop ($counted)" \
  || not_ok "the index counts the paths through a loop" "index: $counted; expected: $(cat "$tmp/loop.count")"

# --------------------------------------------------------------- translate
cp -r "$example" "$tmp/fr"
run "translate extract" 0 "$tool" translate extract "$tmp/fr" -o "$tmp/fr.pot"
out=$(cat "$tmp/fr.pot")
expect "the template holds the Dutch course text" '^msgid "Signaleren in de salon: de basis"$'
expect "the template holds the scenario text" '^#: scenarios/example-salon-case\.xml:[0-9]+'
expect "the template holds page text with its markup" 'msgid "Mishandeling begint vaak met <em>negeren</em>'
refute "the template holds no English text" '^msgid "Noticing in the salon: the basics"$'
refute "ids are not translated" '^msgid "(m-see|q-single|veilig-thuis)"$'
# A French translator's file: every message translated, markup kept.
python3 - "$tmp/fr.pot" "$tmp/fr.po" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read().replace('charset=CHARSET', 'charset=UTF-8')
def fill(m):
    msgid = m.group(1)
    joined = ''.join(re.findall(r'"(.*)"', msgid))
    if not joined:
        return m.group(0)
    return 'msgid ' + msgid + 'msgstr "(fr) ' + joined + '"'
text = re.sub(r'msgid ((?:".*"\n)+)msgstr ""', fill, text)
open(sys.argv[2], 'w', encoding='utf-8').write(text.replace('"Language: \\n"', '"Language: fr\\n"'))
PY
run "translate merge" 0 "$tool" translate merge "$tmp/fr" --lang fr "$tmp/fr.po"
out=$(cat "$tmp/fr/course.xml")
expect "the course claims the new language" 'languages="nl en fr"'
expect "a translation sits beside the source" '<title xml:lang="fr">\(fr\) Signaleren in de salon: de basis</title>'
expect "markup inside a translated paragraph is kept" '<p>\(fr\) Mishandeling begint vaak met <em>negeren</em>'
expect "the other languages are kept" '<title xml:lang="en">Noticing in the salon: the basics</title>'
out=$(cat "$tmp/fr/scenarios/example-salon-case.xml")
expect "the scenario claims the new language" 'languages="nl en fr"'
expect "persona words are translated" '<word key="subj" xml:lang="fr">\(fr\) ze</word>'
run "the course completed in French validates" 0 "$tool" validate "$tmp/fr"
run "and lints without errors" 0 "$tool" lint "$tmp/fr"
run "a package of it validates" 0 "$tool" pack "$tmp/fr" -o "$tmp/fr.signaal"
cp "$tmp/fr/course.xml" "$tmp/fr-once.xml"
run "merging again" 0 "$tool" translate merge "$tmp/fr" --lang fr "$tmp/fr.po"
cmp -s "$tmp/fr-once.xml" "$tmp/fr/course.xml" && ok "merging again replaces the French texts, it does not add more" \
  || not_ok "merging again replaces the French texts" "$(diff "$tmp/fr-once.xml" "$tmp/fr/course.xml" | head)"
# Without the merge the claim alone is refused: the merge is what completes the course.
cp -r "$example" "$tmp/claim"
sed -i 's|languages="nl en">|languages="nl en fr">|' "$tmp/claim/course.xml"
run "claiming French without the texts is refused by lint" 1 "$tool" lint "$tmp/claim"
run "merge needs --lang" 2 "$tool" translate merge "$tmp/fr" "$tmp/fr.po"
run "merge refuses a PO file that is not one" 1 "$tool" translate merge "$tmp/fr" --lang de "$tmp/fr.pot.missing"
run "translate without what to do" 2 "$tool" translate

# ---------------------------------------------- the guide and the man page agree
python3 - "$tmp/lint.sarif" "$src/docs/course-format.md" "$src/app/cli/signaal-course.1" <<'PY' >"$tmp/docs.check" 2>&1; status=$?
import json, re, sys
rules = json.load(open(sys.argv[1]))['runs'][0]['tool']['driver']['rules']
guide = open(sys.argv[2], encoding='utf-8').read()
man = open(sys.argv[3], encoding='utf-8').read()
problems = []
for rule in rules:
    rid, level = rule['id'], rule['defaultConfiguration']['level']
    row = re.search(r'^\| `%s` \| (error|warning) \|' % re.escape(rid), guide, re.M)
    if rid in ('io', 'too-large', 'xml', 'forbidden', 'unsupported', 'format', 'reference'):
        if '`%s`' % rid not in guide:
            problems.append(f'the guide does not name the rule {rid}')
    elif not row:
        problems.append(f'the guide lists no level for the lint rule {rid}')
    elif row.group(1) != level:
        problems.append(f'the guide calls {rid} a {row.group(1)}, the tool a {level}')
for words in ('new course', 'new scenario', 'translate extract', 'translate merge', '--transcript', '--format'):
    if words.replace('-', '\\-') not in man and words not in man:
        problems.append(f'the man page lacks {words}')
print('\n'.join(problems))
sys.exit(1 if problems else 0)
PY
[ "$status" -eq 0 ] && ok "the guide lists every lint rule with the tool's level; the man page has the new commands" || not_ok "the guide and the man page agree with the tool" "$(cat "$tmp/docs.check")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
