#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bundled courses as the build installs them: one package for every
# course folder in content/, each signed with the project key whose public
# half is installed beside them; a changed byte makes a package NOT VALID; and
# an installation laid out with them lists every course as bundled and
# verified, while a changed one is left out of the library.
#   check-bundled-signed.sh SIGNED-DIR
set -u
tool=${SIGNAAL_COURSE:?}
src=${SOURCE_DIR:?}
signed=${1:?}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok () { passed=$((passed + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }

project=$(sed -n 's/^Id=//p' "$signed/signaal.publisher")
[[ $project == did:key:z* ]] && ok "the project key's public half: $project" || not_ok "no project key in $signed/signaal.publisher"

n=0
for folder in "$src"/content/*/; do
  [ -f "$folder/course.xml" ] || continue
  id=$(basename "$folder")
  package=$signed/$id.signaal
  n=$((n + 1))
  if [ ! -f "$package" ]; then
    not_ok "$id has no signed package (is it in bundled_courses in content/meson.build?)"
    continue
  fi
  out=$("$tool" verify-package "$package" 2>&1)
  if [ $? -eq 0 ] && grep -q "^VALID" <<<"$out" && grep -qxF "did:key:       $project" <<<"$out"; then
    ok "$id is signed with the project key"
  else
    not_ok "$id signature" "$out"
  fi
done
[ "$n" -ge 8 ] && ok "$n bundled courses" || not_ok "only $n bundled courses found"

# One changed byte (a letter of the course text) breaks the signature.
cp "$signed/recognising-gbv.signaal" "$tmp/changed.signaal"
sed -i '0,/<title xml:lang="en">/s//<title xml:lang="en">X/' "$tmp/changed.signaal"
cmp -s "$signed/recognising-gbv.signaal" "$tmp/changed.signaal" && not_ok "the test did not change the package"
out=$("$tool" verify-package "$tmp/changed.signaal" 2>&1)
[ $? -eq 1 ] && grep -q "^NOT VALID" <<<"$out" && ok "a changed package is NOT VALID" || not_ok "changed package" "$out"

# An installation: data/courses/*.signaal and data/publishers/signaal.publisher.
data=$tmp/data
mkdir -p "$data/courses" "$data/publishers"
cp "$signed"/*.signaal "$data/courses/"
cp "$signed/signaal.publisher" "$data/publishers/"
cp "$src/content/helplines.xml" "$data/"
cp "$tmp/changed.signaal" "$data/courses/zz-changed.signaal"
export SIGNAAL_DATA_DIR=$data XDG_DATA_HOME=$tmp/home XDG_CONFIG_DIRS=$tmp/no-config
"$tool" pack "$src/tests/fixtures/valid/example-course" -o "$tmp/example.signaal" >/dev/null 2>&1
out=$("$tool" import --db "$tmp/progress.db" "$tmp/example.signaal" 2>&1)
listed=$(sqlite3 "$tmp/progress.db" "SELECT count(*) FROM library WHERE bundled = 1 AND info LIKE '%\"publisher-did\":\"$project\"%'" 2>&1)
[ "$listed" = "$n" ] && ok "all $n bundled packages are in the library, signed by the project" || not_ok "library lists $listed of $n" "$out"
changed=$(sqlite3 "$tmp/progress.db" "SELECT count(*) FROM library WHERE path LIKE '%zz-changed%'" 2>&1)
[ "$changed" = "0" ] && ok "a changed bundled package is left out of the library" || not_ok "changed package listed ($changed)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
