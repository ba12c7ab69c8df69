#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# signaal-course as an author uses it: exit codes, messages that name file and
# line, every class of bad input refused in bounded time and memory.
set -u
tool=${SIGNAAL_COURSE:?}
src=${SOURCE_DIR:?}
example="$src/tests/fixtures/valid/example-course"
bad="$src/tests/fixtures/bad"
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

# run_with NAME EXPECTED-EXIT INPUT COMMAND...: as run, with INPUT (printf escapes) on standard input
run_with () {
  local name=$1 expected=$2 input=$3; shift 3
  out=$(printf "$input" | "$@" 2>&1); local status=$?
  if [ "$status" -eq "$expected" ]; then ok "$name"; else not_ok "$name (exit $status, wanted $expected)" "$out"; fi
}

# expect NAME PATTERN: $out matches the extended regular expression
expect () {
  if grep -Eq -- "$2" <<<"$out"; then ok "$1"; else not_ok "$1 (no match for /$2/)" "$out"; fi
}

# Memory is bounded for hostile input; AddressSanitizer reserves address space, so only limit without it.
limit_memory () {
  if [ -z "${ASAN_OPTIONS:-}" ] && ! ldd "$tool" | grep -q libasan; then ulimit -v 1048576; fi
}

run "help" 0 "$tool" --help
expect "help lists commands" "validate.*lint|lint"
run "no arguments is a usage error" 2 "$tool"
run "unknown command" 2 "$tool" frobnicate
for cmd in validate lint stats pack play; do
  run "$cmd --help" 0 "$tool" "$cmd" --help
done
# Every command's --help names it once, and the man page documents every option (issue 10, item 10)
commands=$("$tool" --help 2>&1 | awk '/^  [a-z]/{print $1}' | sort -u)
if [ -n "$commands" ]; then ok "help lists the commands"; else not_ok "no commands in --help"; fi
for cmd in $commands; do
  usage=$("$tool" "$cmd" --help 2>&1 | sed -n 2p)
  if grep -Eq -- "signaal-course $cmd \[OPTION…\] $cmd( |$)" <<<"$usage"; then not_ok "$cmd --help repeats the command" "$usage"; else ok "$cmd --help names the command once"; fi
  while read -r short long; do
    [ "$long" = "--help" ] && continue
    if grep -Eq -- "(^|[^a-z-])$long([^a-z-]|$)" "$src/app/cli/signaal-course.1" ||
       { [ "$short" != none ] && grep -Eq -- "(^|[^a-z-])$short([^a-z-]|$)" "$src/app/cli/signaal-course.1"; }; then
      ok "the man page has $cmd $long"
    else
      not_ok "the man page lacks $cmd $long"
    fi
  done < <("$tool" "$cmd" --help 2>/dev/null | sed -nE 's/^  (-[a-zA-Z]), (--[a-z-]+).*/\1 \2/p; s/^  (--[a-z-]+).*/none \1/p')
done

run "validate without paths" 2 "$tool" validate
run "validate a missing path" 2 "$tool" validate "$tmp/nothing-here"
run "bad option" 2 "$tool" validate --no-such-option "$example"

run "validate the worked example" 0 "$tool" validate "$example"
run "lint the worked example" 0 "$tool" lint "$example"
run "validate the small scenario" 0 "$tool" validate "$src/tests/fixtures/valid/small-scenario.xml"

# Every bad input: exit 1 and FILE:LINE[:COL]: error: message
for f in not-xml truncated wrong-namespace xxe external-dtd billion-laughs xinclude invalid-utf8 duplicate-id dangling-id; do
  run "refuses $f" 1 bash -c "$(declare -f limit_memory); tool=$tool; limit_memory; timeout 20 \"\$tool\" validate \"$bad/$f.xml\""
  expect "$f names file and line" "^$bad/$f\.xml:[0-9]+(:[0-9]+)?: error: .+"
done
run "refuses an empty file" 1 "$tool" validate "$bad/empty.xml"
expect "empty names the file" "^$bad/empty\.xml: error: .*empty"
run "refuses a media path escaping the package" 1 "$tool" validate "$bad/media-escape"
expect "media escape names file, line and column" "^$bad/media-escape/course\.xml:[0-9]+:[0-9]+: error: .*outside the course package"
run "lint finds a cycle with no exit" 1 "$tool" lint "$bad/cycle-no-exit.xml"
expect "cycle names file and line" "^$bad/cycle-no-exit\.xml:[0-9]+:[0-9]+: error: .*loop with no way out"
run "all-paths reports the loop" 1 "$tool" play --all-paths "$bad/cycle-no-exit.xml"
expect "all-paths names the stuck ending" "NOT reached|loop with no way out"

# Messages are translated: the same refusal in Dutch
out=$(LANGUAGE=nl "$tool" validate "$bad/xxe.xml" 2>&1)
expect "a Dutch message names file and line" "^$bad/xxe\\.xml:2:1: fout: Een DOCTYPE .* is niet toegestaan"

# Generated hostile input
/usr/bin/python3 - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
head = '<?xml version="1.0"?>\n<course xmlns="urn:signaal:course:1">\n'
open(os.path.join(d, 'deep.xml'), 'w').write(head + '<p>' * 200000 + '\n')
open(os.path.join(d, 'attributes.xml'), 'w').write(head[:-2] + '\n' + ''.join(' a%d="x"' % i for i in range(100000)) + '/>\n')
with open(os.path.join(d, 'huge.xml'), 'wb') as f:
    f.write(head.encode())
    chunk = b'<p>' + b'x' * 1000 + b'</p>\n'
    for _ in range(120 * 1000):
        f.write(chunk)
PY
for f in deep attributes huge; do
  start=$(date +%s)
  run "refuses $f input" 1 bash -c "$(declare -f limit_memory); tool=$tool; limit_memory; timeout 60 \"\$tool\" validate \"$tmp/$f.xml\""
  expect "$f names the file" "^$tmp/$f\.xml(:[0-9]+)*: error: "
  end=$(date +%s)
  if [ $((end - start)) -lt 30 ]; then ok "$f refused in $((end - start)) s"; else not_ok "$f took $((end - start)) s"; fi
done

# A folder is searched recursively: one bad file makes the whole run exit 1
mkdir -p "$tmp/tree/a/b"
cp "$src/tests/fixtures/valid/small-scenario.xml" "$tmp/tree/a/"
cp "$bad/dangling-id.xml" "$tmp/tree/a/b/"
run "validate a folder with one bad file" 1 "$tool" validate "$tmp/tree"
expect "the bad file is named" "tree/a/b/dangling-id\.xml:[0-9]+:[0-9]+: error:"

# stats --json has the documented shape
run "stats --json" 0 "$tool" stats --json "$example"
if /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
c = d["courses"][0]
for k in ["id","version","path","title","languages","sectors","themes","minutes","modules","pages","questions","scenarios"]:
    assert k in c, k
assert c["id"] == "example-salon-basics" and c["modules"] == 3 and c["pages"] == 2 and c["questions"] == 7, c
assert c["scenarios"] == ["example-salon-case"], c
assert set(c["title"]) == {"nl", "en"}
s = d["scenarios"][0]
for k in ["id","path","title","languages","sectors","themes","decisions","endings","personas"]:
    assert k in s, k
assert s["decisions"] == 4 and s["endings"] == 3 and len(s["personas"]) == 2, s
' "$out" 2>"$tmp/err"; then ok "stats --json shape"; else not_ok "stats --json shape" "$(cat "$tmp/err")"; fi

# pack, then the package stands on its own
run "pack" 0 "$tool" pack "$example" -o "$tmp/example.signaal"
run "pack refuses an output without .signaal" 2 "$tool" pack "$example" -o "$tmp/example.zip"
run "validate the package" 0 "$tool" validate "$tmp/example.signaal"
run "lint the package" 0 "$tool" lint "$tmp/example.signaal"
run "play the package with the best answers" 0 "$tool" play --best --lang en "$tmp/example.signaal"
expect "best play passes" "Score: 12\.0 of 12 points \(100%\).*passed"
expect "best play reaches the good ending" "Ending: Sanne knows where help is"
expect "the text of a step without a decision is shown" "\\[you\\] You explain that Veilig Thuis gives advice"

# play reads answers from standard input
scenario="$example/scenarios/example-salon-case.xml"
run "play a scenario with scripted choices" 0 "$tool" play --lang en --choices 2,2 "$scenario"
expect "scripted choices reach the missed ending" "Ending: Missed signals \(score 0\)"
expect "the debrief names what was recommended" "recommended: \"You're checking your phone a lot"
expect "the debrief lists missed signals" "Signals missed:"
out=$(printf '1\n1\n' | "$tool" play --lang nl --persona daan "$scenario" 2>&1); status=$?
if [ $status -eq 0 ]; then ok "play from standard input"; else not_ok "play from standard input ($status)" "$out"; fi
expect "Dutch text with the persona filled in" "Daan zit in de stoel\. Hij kijkt steeds op zijn telefoon"
expect "meldcode steps in the debrief, in the language played" "meldcodestap 1"
out=$(printf '9\n1\n1\n' | "$tool" play --lang en "$scenario" 2>&1)
expect "a wrong number is asked again" "Choose a number from 1 to 2"
out=$(printf '1\n' | "$tool" play --lang en "$scenario" 2>&1); status=$?
if [ $status -eq 2 ]; then ok "end of input before an ending is an I/O error"; else not_ok "end of input ($status)" "$out"; fi
run "play --all-paths" 0 "$tool" play --all-paths "$scenario"
expect "every ending reached" "ending end-missed: reached"
run "play --all-paths through a course" 0 "$tool" play --all-paths "$example"
run "play --persona that does not exist" 1 "$tool" play --persona nobody --choices 1 "$scenario"
mkdir -p "$tmp/no-course" && echo "notes" > "$tmp/no-course/readme.txt"
run "play a folder without a course" 2 "$tool" play "$tmp/no-course"
expect "it says there is no course" "no course or scenario here"
run "play --lang must be nl or en" 2 "$tool" play --lang de "$scenario"

# --scenario and --persona are checked before anything is played (issue 10, item 2)
run "play --scenario that does not exist" 2 "$tool" play --scenario nope --lang en "$example"
expect "it names the scenario and the known ones" "no scenario “nope”.*example-salon-case"
run "play --persona that does not exist, in a course" 1 "$tool" play --persona nobody --lang en "$example"
expect "it names the persona before playing" "no persona “nobody”"
if grep -q "Module 1" <<<"$out"; then not_ok "a module was played before the persona was refused" "$out"; else ok "nothing was played first"; fi

# --choices: by the number shown or by id; an entry that does not fit stops (item 5);
# the debrief never marks a choice right when the recommended one was hidden (item 9)
cat > "$tmp/conditional.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<scenario xmlns="urn:signaal:course:1" format="1" id="conditional-case" version="1.0.0" languages="en" start="n-one">
  <title xml:lang="en">A conditional case</title>
  <summary xml:lang="en">A choice that a condition hides.</summary>
  <sectors><sector>general</sector></sectors>
  <themes><theme>test</theme></themes>
  <minutes>5</minutes>
  <sources/>
  <persona id="alex" gender="non-binary">
    <name>Alex</name>
    <pronouns xml:lang="en">they/them</pronouns>
  </persona>
  <variables>
    <flag id="rushed" initial="false"/>
  </variables>
  <node id="n-one" speaker="narrator">
    <text xml:lang="en">{name} arrives.</text>
    <choice id="c-rush" goto="n-two">
      <text xml:lang="en">Hurry on.</text>
      <set var="rushed" value="true"/>
    </choice>
    <choice id="c-wait" goto="n-two" recommended="true">
      <text xml:lang="en">Take your time.</text>
    </choice>
  </node>
  <node id="n-two" speaker="you">
    <text xml:lang="en">What now?</text>
    <choice id="c-ask" goto="end-one" recommended="true" if="not rushed">
      <text xml:lang="en">Ask how they are.</text>
    </choice>
    <choice id="c-leave" goto="end-one">
      <text xml:lang="en">Say goodbye.</text>
    </choice>
  </node>
  <ending id="end-one" score="50">
    <title xml:lang="en">Done</title>
    <debrief xml:lang="en">The end.</debrief>
  </ending>
</scenario>
XML
run "the conditional scenario is valid" 0 "$tool" validate "$tmp/conditional.xml"
run "choices by id" 0 "$tool" play --lang en --choices c-wait,c-ask "$tmp/conditional.xml"
expect "the ids were followed" "> 2.*"
expect "to the ending" "Ending: Done"
run "choices by id after a hidden choice" 0 "$tool" play --lang en --choices c-rush,c-leave "$tmp/conditional.xml"
expect "the debrief does not mark the choice right when the recommended one was hidden" "✘ Say goodbye"
expect "and names the hidden recommended choice" "recommended: Ask how they are\. \(not open to you here"
run "an out-of-range choice stops" 1 "$tool" play --lang en --choices 1,3 "$tmp/conditional.xml"
expect "it names the entry" "--choices entry 2, “3”, is not a choice at “n-two”.*c-leave"
if grep -q "Ending:" <<<"$out"; then not_ok "the play went on after a bad --choices entry" "$out"; else ok "the play stopped at the bad entry"; fi
run "choices that are neither numbers nor ids" 1 "$tool" play --lang en --choices a,b "$tmp/conditional.xml"
expect "a is refused" "--choices entry 1, “a”"
run "an id hidden by its condition is refused" 1 "$tool" play --lang en --choices c-rush,c-ask "$tmp/conditional.xml"

# play --lang sets the tool's own words too, not only the course text (issue 10, item 4)
out=$(LANGUAGE=en "$tool" play --lang nl --choices 1,1 "$src/tests/fixtures/valid/small-scenario.xml" 2>&1)
expect "play --lang nl speaks Dutch" "Jouw route naast de aanbevolen route"
out=$(LANGUAGE=nl "$tool" play --lang en --choices 1,1 "$src/tests/fixtures/valid/small-scenario.xml" 2>&1)
expect "play --lang en speaks English" "Your path beside the recommended one"

# What the guide promises (issue 10, item 13): stats --json has the points; a
# <helpline ref> shows in play as the helpline's name and number
run "stats --json" 0 "$tool" stats --json "$example"
expect "stats --json has the points" '"points" : 12'
run "play shows a helpline by name and number" 0 "$tool" play --best --lang en "$example"
expect "the helpline is named" "☎ Helpline: Veilig Thuis, 0800-2000"

# a whole course from standard input: one answer per question, numbers as shown
# the knowledge check before (kc-1), the questions, the scenario, the refresher, the check after
# (the optional refresher module is not part of the first run)
answers='2\n1\n1,2\n1\n1,2,3\nA=2,B=1\n1,2\n1\n1\n2\n'
out=$(printf "$answers" | "$tool" play --lang en "$example" 2>&1); status=$?
if [ $status -eq 0 ]; then ok "play a course from standard input"; else not_ok "play a course ($status)" "$out"; fi
expect "course play reports a score" "Score: [0-9.]+ of 12 points"
expect "the knowledge check is asked before the course" "Knowledge check before the course"
expect "and after it" "Knowledge check after the course"

# a refresher after a pass renews the certificate
db="$tmp/progress.db"
# a learner's answers (not --best, which gives no certificate) that pass with 75%
pass_answers='2\n1\n1,2\n1\n1,2,3\nA=2,B=1\n1,2\n1\n1\n2\n'
run_with "play and pass, recorded" 0 "$pass_answers" "$tool" play --db "$db" --profile Anna --lang en "$tmp/example.signaal"
expect "the first run leaves the optional refresher module out" "Refresher: the refresher, played later"
n=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE module_id = 'm-refresh'")
if [ "$n" = 0 ]; then ok "nothing of the refresher module was recorded in the first run"; else not_ok "$n refresher events in the first run"; fi
run "a refresher needs --db" 2 "$tool" play --refresher "$tmp/example.signaal"
run "a refresher for a learner who has not passed" 2 "$tool" play --db "$db" --profile Bram --refresher "$tmp/example.signaal"
run_with "take the refresher" 0 '1\n' "$tool" play --db "$db" --profile Anna --refresher --lang en "$tmp/example.signaal"
kinds=$(sqlite3 "$db" "SELECT group_concat(kind, ',') FROM (SELECT kind FROM certificates ORDER BY issued_at, rowid)")
if [ "$kinds" = "course,refresher" ]; then ok "the refresher renewed the certificate"; else not_ok "certificates after the refresher: $kinds"; fi
run "export the renewed certificate" 0 "$tool" certificate --db "$db" --profile Anna --course example-salon-basics --json "$tmp/cert.json"
run "it verifies" 0 "$tool" verify "$tmp/cert.json"

# play --best is for testing: its attempt is marked automated and never gives a
# certificate, not even with an organisation's key in place (issue 10, item 14)
"$tool" issuer-key new --name "Voorbeeldvereniging" "$tmp/org.key" >/dev/null 2>&1
adb="$tmp/automated.db"
run "play --db --best with an organisation key" 0 env SIGNAAL_ISSUER_KEY_FILE="$tmp/org.key" "$tool" play --db "$adb" --profile Anna --best --lang en "$tmp/example.signaal"
expect "play says the attempt is automated" "recorded as automated"
expect "and that it gives no certificate" "automated \(--best\), so it gives no certificate"
n=$(sqlite3 "$adb" "SELECT count(*) FROM certificates")
if [ "$n" = 0 ]; then ok "no certificate was recorded"; else not_ok "$n certificates recorded for an automated attempt"; fi
n=$(sqlite3 "$adb" "SELECT count(*) FROM attempts WHERE automated = 1")
if [ "$n" = 1 ]; then ok "the attempt is marked automated in the store"; else not_ok "automated attempts: $n"; fi
run "no certificate on request either" 1 env SIGNAAL_ISSUER_KEY_FILE="$tmp/org.key" "$tool" certificate --db "$adb" --profile Anna --course example-salon-basics --json "$tmp/automated-cert.json"
expect "it says why" "only in an automated attempt"
if [ ! -e "$tmp/automated-cert.json" ]; then ok "no certificate file was written"; else not_ok "a certificate was written for an automated attempt"; fi
n=$(sqlite3 "$adb" "SELECT count(*) FROM certificates")
if [ "$n" = 0 ]; then ok "still no certificate recorded"; else not_ok "$n certificates after asking"; fi
run "progress of an automated attempt" 0 "$tool" progress --db "$adb"
expect "progress shows it" "latest attempt automated"
run "progress --json" 0 "$tool" progress --db "$adb" --json
expect "progress --json shows it" '"automated" : true'
run "xAPI export" 0 "$tool" export --db "$adb" --format xapi
expect "xAPI statements carry the automated extension" 'xapi/extension/automated" : true'
run "CSV export" 0 "$tool" export --db "$adb" --format csv
expect "the CSV report has an automated column" '^name,.*,automated'
expect "the row says yes" ',yes.?$'
run "my data export" 0 "$tool" export --db "$adb" --format mydata --profile Anna
expect "my data marks the attempt" '"automated" : true'
run "a refresher cannot be played with --best" 2 "$tool" play --db "$adb" --profile Anna --refresher --best "$tmp/example.signaal"

# signed packages and publishers
run "publisher-key new" 0 "$tool" publisher-key new --name "Uitgever A" "$tmp/a.key"
perm=$(stat -c %a "$tmp/a.key")
if [ "$perm" = "600" ]; then ok "the publisher key file is 0600"; else not_ok "publisher key file mode $perm"; fi
run "publisher-key new never overwrites" 1 "$tool" publisher-key new --name "Uitgever B" "$tmp/a.key"
run "publisher-key show" 0 "$tool" publisher-key show "$tmp/a.key"
did=$(grep -Eo 'did:key:z[1-9A-HJ-NP-Za-km-z]+' <<<"$out" | head -1)
expect "show prints the did:key" "did:key:z6Mk"
run "pack --sign" 0 "$tool" pack "$example" -o "$tmp/signed.signaal" --sign "$tmp/a.key"
run "verify-package: VALID" 0 "$tool" verify-package "$tmp/signed.signaal"
expect "it names the publisher and key" "Uitgever A"
expect "and the did:key" "$did"
run "verify-package --json" 0 "$tool" verify-package --json "$tmp/signed.signaal"
expect "json status" '"status" : "VALID"'
run "verify-package: UNSIGNED" 1 "$tool" verify-package "$tmp/example.signaal"
expect "unsigned says so" "^UNSIGNED"
python3 - "$tmp/signed.signaal" "$tmp/changed.signaal" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
i = d.find(b'salon')
d[i] ^= 0x20
open(sys.argv[2], 'wb').write(d)
PY
run "verify-package: one changed byte is NOT VALID" 1 "$tool" verify-package "$tmp/changed.signaal"
expect "with the reason" "^NOT VALID"
expect "the digest" "SHA-256"
pdb="$tmp/packages.db"
run "import a signed package" 0 "$tool" import --db "$pdb" "$tmp/signed.signaal"
expect "import names the publisher" "Uitgever A"
"$tool" publisher-key new --name "Uitgever B" "$tmp/b.key" >/dev/null 2>&1
sed 's/version="1.2.0" languages=/version="1.3.0" languages=/' "$example/course.xml" > "$tmp/course-130.xml"
cp -r "$example" "$tmp/example-130" && cp "$tmp/course-130.xml" "$tmp/example-130/course.xml"
"$tool" pack "$tmp/example-130" -o "$tmp/b130.signaal" --sign "$tmp/b.key" >/dev/null 2>&1
run "another publisher cannot take the id" 1 "$tool" import --db "$pdb" "$tmp/b130.signaal"
expect "the refusal names the owner" "$did"
"$tool" pack "$tmp/example-130" -o "$tmp/u130.signaal" >/dev/null 2>&1
run "an unsigned package cannot replace a signed one" 1 "$tool" import --db "$pdb" "$tmp/u130.signaal"
run "remove the course" 0 "$tool" remove --db "$pdb" example-salon-basics
expect "progress is kept" "progress is kept"
run "remove a course that is not installed" 1 "$tool" remove --db "$pdb" example-salon-basics
# remove --delete-progress: only when asked, of one learner or of all
# its own folder: beside the other databases another publisher owns this id by now
mkdir -p "$tmp/remove"
rdb="$tmp/remove/progress.db"
"$tool" import --db "$rdb" "$tmp/example.signaal" >/dev/null 2>&1
# answered, not --best: an automated attempt gets no certificate
printf "$pass_answers" | "$tool" play --db "$rdb" --profile Anna --lang en "$tmp/example.signaal" >/dev/null 2>&1
printf "$pass_answers" | "$tool" play --db "$rdb" --profile Bram --lang en "$tmp/example.signaal" >/dev/null 2>&1
run "--profile without --delete-progress is a usage error" 2 "$tool" remove --db "$rdb" --profile Anna example-salon-basics
run "remove with Anna's progress" 0 "$tool" remove --db "$rdb" --delete-progress --profile Anna example-salon-basics
expect "it says so" "Removed example-salon-basics and its progress \(1 learner\)"
left=$(sqlite3 "$rdb" "SELECT group_concat(name) FROM (SELECT DISTINCT p.name FROM events e JOIN profiles p ON p.id = e.profile_id ORDER BY 1)")
if [ "$left" = "Bram" ]; then ok "Anna's events are gone, Bram's kept"; else not_ok "events left of: $left"; fi
certs=$(sqlite3 "$rdb" "SELECT count(*) FROM certificates")
if [ "$certs" = "1" ]; then ok "Anna's certificate is gone, Bram's kept"; else not_ok "certificates left: $certs"; fi
"$tool" import --db "$rdb" "$tmp/example.signaal" >/dev/null 2>&1
run "remove with everyone's progress" 0 "$tool" remove --db "$rdb" --delete-progress example-salon-basics
left=$(sqlite3 "$rdb" "SELECT count(*) FROM events")
if [ "$left" = "0" ]; then ok "no events of the course are left"; else not_ok "$left events left"; fi
sed 's/version="1.2.0" languages=/version="99999999999999999999999999.0.0" languages=/' "$example/course.xml" > "$tmp/course-absurd.xml"
cp -r "$example" "$tmp/example-absurd" && cp "$tmp/course-absurd.xml" "$tmp/example-absurd/course.xml"
run "an absurd version is refused" 1 "$tool" validate "$tmp/example-absurd"
expect "it says why" "not valid"

# Changed content with an unchanged version (issue 10, item 8): an unsigned development
# copy is replaced and says so; a signed course of the same version is refused
mkdir -p "$tmp/same-version" "$tmp/same-version-signed"
idb="$tmp/same-version/progress.db"
cp -r "$example" "$tmp/example-dev"
"$tool" pack "$tmp/example-dev" -o "$tmp/dev-a.signaal" >/dev/null 2>&1
sed -i 's|Noticing in the salon: the basics|Noticing in the salon: the basics, revised|' "$tmp/example-dev/course.xml"
"$tool" pack "$tmp/example-dev" -o "$tmp/dev-b.signaal" >/dev/null 2>&1
run "import the development copy" 0 "$tool" import --db "$idb" "$tmp/dev-a.signaal"
run "import the same file again" 0 "$tool" import --db "$idb" "$tmp/dev-a.signaal"
expect "it is unchanged" "already installed; nothing was changed"
run "import changed content, same version, unsigned" 0 "$tool" import --db "$idb" "$tmp/dev-b.signaal"
expect "it replaces the development copy and says so" "Replaced the installed copy of example-salon-basics 1.2.0"
run "the changed copy is what is installed now" 0 "$tool" import --db "$idb" "$tmp/dev-b.signaal"
expect "so importing it again changes nothing" "already installed; nothing was changed"
"$tool" pack "$tmp/example-dev" -o "$tmp/dev-signed-b.signaal" --sign "$tmp/a.key" >/dev/null 2>&1
sed -i 's|the basics, revised|the basics, revised twice|' "$tmp/example-dev/course.xml"
"$tool" pack "$tmp/example-dev" -o "$tmp/dev-signed-c.signaal" --sign "$tmp/a.key" >/dev/null 2>&1
sdb2="$tmp/same-version-signed/progress.db"
run "import a signed course" 0 "$tool" import --db "$sdb2" "$tmp/dev-signed-b.signaal"
run "changed content of a signed course, same version" 1 "$tool" import --db "$sdb2" "$tmp/dev-signed-c.signaal"
expect "is refused with what to do" "same id and version is already installed. Give the changed course a higher version"

# A picture whose contents do not match its name (item 6): lint and pack name the
# file and the fix, in words for an authoring folder
cp -r "$example" "$tmp/example-textpng"
echo "just some text" > "$tmp/example-textpng/media/salon.png"
run "lint a text file named .png" 1 "$tool" lint "$tmp/example-textpng"
expect "lint names the picture and the fix" "salon\.png” is not a PNG picture: what is in the file does not match its name"
run "pack refuses it" 1 "$tool" pack "$tmp/example-textpng" -o "$tmp/textpng.signaal"
if grep -q "packed file" <<<"$out"; then not_ok "pack speaks of a packed file it never wrote" "$out"; else ok "pack does not speak of a packed file"; fi
if [ ! -e "$tmp/textpng.signaal" ]; then ok "no package was written"; else not_ok "a package was written"; fi

# A logo that is not a PNG (item 3): refused with its line, since certificates carry PNG only
cp -r "$example" "$tmp/example-jpglogo"
sed -i 's|<logo src="media/logo.png"/>|<logo src="media/logo.jpg"/>|' "$tmp/example-jpglogo/course.xml"
run "a logo that is not a PNG" 1 "$tool" validate "$tmp/example-jpglogo"
expect "it names the logo, line and column" "course\.xml:[0-9]+:[0-9]+: error: The publisher's logo “media/logo\.jpg” must be a PNG"

# pack of a course whose scenario is broken names the scenario's own problem (item 7)
cp -r "$example" "$tmp/example-brokenscenario"
sed -i '0,/goto="[^"]*"/s//goto="n-nowhere"/' "$tmp/example-brokenscenario/scenarios/example-salon-case.xml"
run "pack a course with a broken scenario" 1 "$tool" pack "$tmp/example-brokenscenario" -o "$tmp/brokenscenario.signaal"
expect "it reports the cause with its file, line and column" "cannot be loaded because of a problem in its file: .*example-salon-case\.xml:[0-9]+:[0-9]+: error: goto=\"n-nowhere\" leads nowhere"

# pack follows no symbolic link and reads nothing outside the folder
echo "secret" > "$tmp/private.txt"
cp -r "$example" "$tmp/example-link"
rm "$tmp/example-link/media/salon.png" && ln -s "$tmp/private.txt" "$tmp/example-link/media/salon.png"
run "pack refuses a symlinked picture" 1 "$tool" pack "$tmp/example-link" -o "$tmp/link.signaal"
expect "it says it is a link" "symbolic link"
if [ ! -e "$tmp/link.signaal" ]; then ok "nothing was written"; else not_ok "a package was written"; fi
run "lint reports the symlinked picture" 1 "$tool" lint "$tmp/example-link"
cp -r "$example" "$tmp/example-dirlink"
mv "$tmp/example-dirlink/media" "$tmp/outside-media" && ln -s "$tmp/outside-media" "$tmp/example-dirlink/media"
run "pack refuses a symlinked media folder" 1 "$tool" pack "$tmp/example-dirlink" -o "$tmp/dirlink.signaal"

# control characters never reach the terminal
esc=$'\e'
run_with "a profile with escape codes in its name" 0 "$pass_answers" "$tool" play --db "$tmp/esc.db" --profile "Anna${esc}[2K${esc}[1A VALID" --lang en "$tmp/example.signaal"
run "profiles" 0 "$tool" profiles --db "$tmp/esc.db"
if grep -q "$esc" <<<"$out"; then not_ok "profiles printed an escape code"; else ok "profiles neutralise control characters"; fi
run "progress" 0 "$tool" progress --db "$tmp/esc.db"
if grep -q "$esc" <<<"$out"; then not_ok "progress printed an escape code"; else ok "progress neutralises control characters"; fi
run "certificate for the escaped name" 0 "$tool" certificate --db "$tmp/esc.db" --profile "Anna${esc}[2K${esc}[1A VALID" --course example-salon-basics --json "$tmp/esc-cert.json"
"$tool" verify "$tmp/esc-cert.json" > "$tmp/verify-out.txt" 2>&1
if grep -q "Anna" "$tmp/verify-out.txt" && ! grep -q "$esc" "$tmp/verify-out.txt"; then ok "verify neutralises control characters"; else not_ok "verify printed an escape code" "$(cat -v "$tmp/verify-out.txt")"; fi

# a certificate names the did:key of the course's publisher, and verify shows it
sdb="$tmp/signed-cert.db"
run "import the signed course for a learner" 0 "$tool" import --db "$sdb" "$tmp/signed.signaal"
run_with "pass the signed course" 0 "$pass_answers" "$tool" play --db "$sdb" --profile Anna --lang en "$tmp/signed.signaal"
run "its certificate" 0 "$tool" certificate --db "$sdb" --profile Anna --course example-salon-basics --json "$tmp/signed-cert.json"
if grep -q "\"id\" : \"$did\"" "$tmp/signed-cert.json" || grep -q "\"id\": \"$did\"" "$tmp/signed-cert.json"; then ok "the certificate names the publisher did:key"; else not_ok "no publisher did:key in the certificate" "$(grep -A3 creator "$tmp/signed-cert.json")"; fi
run "verify the certificate" 0 "$tool" verify "$tmp/signed-cert.json"
expect "verify shows the publisher did:key" "Publisher: .*$did"

# Outside files are read up to a limit counted in bytes read, whatever size they
# claim: a device, a pipe, a sparse file. Each stops quickly with the limit named.
run "verify /dev/zero stops" 2 timeout 20 "$tool" verify /dev/zero
expect "verify /dev/zero names the limit" "larger than 1\.0.MB"
mkfifo "$tmp/endless.pipe" "$tmp/silent.pipe"
# The writer holds the pipe open before the tool opens it (read-write opens at
# once on Linux), so the tool never finds it without a writer.
exec 7<>"$tmp/endless.pipe"
timeout 30 cat /dev/zero >&7 2>/dev/null &
endless_writer=$!
run "verify an endless pipe stops" 2 timeout 20 "$tool" verify "$tmp/endless.pipe"
expect "verify an endless pipe names the limit" "larger than 1\.0.MB"
kill "$endless_writer" 2>/dev/null
exec 7<&-
run "verify a pipe nobody writes to ends" 1 timeout 20 "$tool" verify "$tmp/silent.pipe"
run "verify from an endless standard input stops" 2 bash -c "timeout 20 \"$tool\" verify - < /dev/zero"
expect "verify - names the limit" "larger than 1\.0.MB"
run "validate a pipe is refused" 2 timeout 20 "$tool" validate "$tmp/silent.pipe"
expect "validate a pipe says why" "not a regular file"
truncate -s 40M "$tmp/sparse.xml"
run "validate a file larger than the limit" 1 timeout 60 "$tool" validate "$tmp/sparse.xml"
expect "validate a large file names the limit" "sparse\.xml: error: The file is larger than 33\.6.MB"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
