#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Packs and signs the bundled courses at build time (content/meson.build runs it).
#
#   sign-bundled.sh SIGNAAL-COURSE RELEASE-KEY RELEASE-PUBLISHER SOURCE-DIR OUT-DIR ID…
#
# RELEASE-KEY is the private half of the project's release publisher key (the
# meson option publisher_key), or empty. With it, the build checks that it is
# the key whose public half is committed as RELEASE-PUBLISHER, and signs with
# it. Without it, a development key is made once in OUT-DIR (never in the
# source tree) and signs instead; its public half is installed, so a
# development build trusts its own bundled courses and nothing else changes.
#
# Writes OUT-DIR/ID.signaal for every ID and OUT-DIR/signaal.publisher (the
# project key the app reads). A package is made again only when a file of its
# course or of the scenarios is newer, or the key changed.
set -eu
cli=$1 release_key=$2 release_publisher=$3 source_dir=$4 out_dir=$5
shift 5

mkdir -p "$out_dir"
if [ -n "$release_key" ]; then
  key=$release_key
  did=$("$cli" publisher-key show --trust-file "$key" 2>/dev/null | sed -n 's/^Id=//p')
  want=$(sed -n 's/^Id=//p' "$release_publisher")
  if [ "$did" != "$want" ]; then
    echo "sign-bundled: $key is not the release key ($want, from $release_publisher): it is ${did:-not a publisher key}." >&2
    echo "sign-bundled: give the release key with -Dpublisher_key=FILE, or leave the option empty for a development build." >&2
    exit 1
  fi
else
  key=$out_dir/development.key
  if [ ! -f "$key" ]; then
    "$cli" publisher-key new --name "Signaal (development build)" "$key" >/dev/null
  fi
fi

publisher=$out_dir/signaal.publisher
"$cli" publisher-key show --trust-file "$key" 2>/dev/null > "$publisher.tmp"
if [ -f "$publisher" ] && cmp -s "$publisher" "$publisher.tmp"; then
  rm -f "$publisher.tmp"
else
  mv "$publisher.tmp" "$publisher"
fi

for id in "$@"; do
  package=$out_dir/$id.signaal
  if [ -f "$package" ] && [ "$package" -nt "$publisher" ] &&
     [ -z "$(find "$source_dir/content/$id" "$source_dir/scenarios" -newer "$package" -print -quit)" ]; then
    continue
  fi
  tmp=$out_dir/.$id.tmp.signaal
  rm -f "$tmp"
  if ! "$cli" pack "$source_dir/content/$id" -o "$tmp" --sign "$key" >"$out_dir/.pack.log" 2>&1; then
    cat "$out_dir/.pack.log" >&2
    exit 1
  fi
  mv "$tmp" "$package"
done
