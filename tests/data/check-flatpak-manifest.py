#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: identity, a pinned stable runtime that is still
supported, a tight sandbox with a justification for every permission, pinned
dependency sources, and that the last module builds Signaal with meson. With
METAINFO, also what Flathub's linter asks of the app's AppStream metainfo: a
launchable desktop id, releases with notes, screenshots (files that exist in
docs/screenshots/) and an OARS content rating.

Usage: check-flatpak-manifest.py MANIFEST.json [METAINFO.xml]
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

APP_ID = "nl.signaal.Signaal"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
# The oldest GNOME runtime Flathub still supports: the two newest releases are
# (GNOME 50 from March 2026 until GNOME 52 comes out). Raise it with each release.
OLDEST_SUPPORTED_RUNTIME = 50
# Where the metainfo's screenshots are served from, in the repository.
SCREENSHOT_PATH = "/raw/branch/main/"

# Sandbox holes an offline app that opens files through portals has no need for.
FORBIDDEN_ARGS = (
    ("--filesystem", "file access goes through the file chooser portal"),
    ("--socket=x11", "use --socket=fallback-x11 next to --socket=wayland"),
    ("--socket=session-bus", "talk to named services with --talk-name instead"),
    ("--socket=system-bus", "talk to named services with --system-talk-name instead"),
    ("--device=all", "--device=dri is all the app needs"),
    ("--talk-name=org.freedesktop.Flatpak", "the app must not escape its sandbox"),
)
REQUIRED_ARGS = ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri")


def check(manifest_path):
    errors = []

    def fail(msg):
        errors.append(msg)

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s: cannot read the manifest as JSON: %s" % (manifest_path, e)]
    if not isinstance(manifest, dict):
        return ["%s: the manifest must be a JSON object" % manifest_path]

    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != APP_ID:
        fail("id is %r, expected %r" % (app_id, APP_ID))
    if manifest.get("command") != "signaal":
        fail("command is %r, expected 'signaal'" % manifest.get("command"))
    if manifest.get("runtime") != RUNTIME:
        fail("runtime is %r, expected %r" % (manifest.get("runtime"), RUNTIME))
    if manifest.get("sdk") != SDK:
        fail("sdk is %r, expected %r" % (manifest.get("sdk"), SDK))
    version = manifest.get("runtime-version")
    if not isinstance(version, str) or not re.fullmatch(r"[0-9]+(\.[0-9]+)?", version):
        fail("runtime-version is %r: pin a stable numbered runtime such as \"50\", "
             "not master or nightly" % (version,))
    elif int(version.split(".")[0]) < OLDEST_SUPPORTED_RUNTIME:
        fail("runtime-version %s is no longer supported: use GNOME %d or newer"
             % (version, OLDEST_SUPPORTED_RUNTIME))

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        fail("finish-args must be a list of strings")
        finish_args = []
    for arg in finish_args:
        for forbidden, why in FORBIDDEN_ARGS:
            if arg == forbidden or arg.startswith(forbidden + "="):
                fail("finish-args contains %s: %s" % (arg, why))
    for arg in REQUIRED_ARGS:
        if arg not in finish_args:
            fail("finish-args lacks %s" % arg)

    # Every permission says why (as Flathub reviewers ask), and only the ones given.
    why = manifest.get("x-finish-args-justification")
    if not isinstance(why, dict):
        fail("x-finish-args-justification must map each finish-arg to why the app needs it")
        why = {}
    for arg in finish_args:
        if not isinstance(why.get(arg), str) or len(why[arg].split()) < 2:
            fail("finish-arg %s has no justification in x-finish-args-justification" % arg)
    for arg in why:
        if arg not in finish_args:
            fail("x-finish-args-justification explains %s, which finish-args does not have" % arg)
    # The network only for the organisation connection, which is off until turned on.
    if "--share=network" in finish_args:
        reason = str(why.get("--share=network", "")).lower()
        if "organisation connection" not in reason or "off by default" not in reason:
            fail("--share=network needs a justification that it serves the organisation "
                 "connection and that this is off by default")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        fail("the manifest has no modules")
        return errors

    for module in modules:
        if not isinstance(module, dict):
            # A string names a module file next to the manifest.
            if not os.path.isfile(os.path.join(os.path.dirname(manifest_path), str(module))):
                fail("module file %r does not exist" % (module,))
            continue
        name = module.get("name", "?")
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind in ("archive", "file"):
                url = source.get("url", "")
                if not url.startswith("https://"):
                    fail("module %s: source URL %r must use https" % (name, url))
                if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                    fail("module %s: archive %s needs a sha256 checksum" % (name, url))
            elif kind == "git":
                if not (source.get("tag") or source.get("commit")):
                    fail("module %s: git source %s must be pinned with a tag or commit"
                         % (name, source.get("url")))

    last = modules[-1]
    if not isinstance(last, dict):
        fail("the last module must be Signaal itself, written inline")
        return errors
    if last.get("name") != "signaal":
        fail("the last module is %r, expected 'signaal'" % last.get("name"))
    if last.get("buildsystem") != "meson":
        fail("the last module builds with %r, expected meson" % last.get("buildsystem"))
    if "-Dfuzzing=false" not in last.get("config-opts", []):
        fail("the signaal module must configure with -Dfuzzing=false")
    sources = last.get("sources", [])
    dirs = [s for s in sources if s.get("type") == "dir"]
    if len(dirs) != 1 or dirs[0].get("path") != "..":
        fail("the signaal module must take its source from the directory '..'")
    else:
        top = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)),
                                            dirs[0]["path"]))
        try:
            with open(os.path.join(top, "meson.build"), encoding="utf-8") as f:
                if not re.search(r"project\(\s*'signaal'", f.read()):
                    fail("%s/meson.build is not the Signaal project" % top)
        except OSError as e:
            fail("the signaal module's source directory has no meson.build: %s" % e)

    return errors


def check_metainfo(metainfo_path, manifest_path):
    errors = []

    def fail(msg):
        errors.append(msg)

    try:
        root = ET.parse(metainfo_path).getroot()
    except (OSError, ET.ParseError) as e:
        return ["cannot read the metainfo: %s" % e]
    app_id = root.findtext("id")

    launchables = [l.text for l in root.findall("launchable")
                   if l.get("type") == "desktop-id"]
    if launchables != ["%s.desktop" % app_id]:
        fail("<launchable type=\"desktop-id\"> is %s, expected %s.desktop" % (launchables, app_id))

    releases = root.findall("releases/release")
    if not releases:
        fail("no <releases>: Flathub shows the release notes of the newest release")
    for release in releases:
        if not release.get("version") or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.get("date", "")):
            fail("release %r needs a version and a date (YYYY-MM-DD)" % release.get("version"))
    if releases:
        notes = releases[0].find("description")
        if notes is None or not "".join(notes.itertext()).strip():
            fail("the newest release %s has no notes (<description>)" % releases[0].get("version"))

    shots = root.findall("screenshots/screenshot")
    if not shots:
        fail("no <screenshots>")
    if shots and sum(1 for s in shots if s.get("type") == "default") != 1:
        fail("exactly one screenshot must be type=\"default\"")
    top = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), ".."))
    for shot in shots:
        url = shot.findtext("image") or ""
        if not url.startswith("https://") or re.search(r"example\.|localhost|TODO|@", url):
            fail("screenshot %r must be an https address of a published image" % url)
        if not [c for c in shot.findall("caption") if c.get("{http://www.w3.org/XML/1998/namespace}lang") is None]:
            fail("screenshot %s has no caption" % url)
        if SCREENSHOT_PATH in url:
            path = os.path.join(top, url.split(SCREENSHOT_PATH, 1)[1])
            if not os.path.isfile(path):
                fail("screenshot %s is not in the repository: %s does not exist" % (url, path))
        else:
            fail("screenshot %s is not served from the repository (%s...)" % (url, SCREENSHOT_PATH))

    rating = root.find("content_rating")
    if rating is None or rating.get("type") != "oars-1.1":
        fail("no OARS 1.1 <content_rating type=\"oars-1.1\">")
    elif not rating.findall("content_attribute"):
        fail("the OARS content rating names no attributes")
    return errors


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    errors = ["%s: %s" % (sys.argv[1], e) for e in check(sys.argv[1])]
    if len(sys.argv) == 3:
        errors += ["%s: %s" % (sys.argv[2], e) for e in check_metainfo(sys.argv[2], sys.argv[1])]
    for e in errors:
        print("FAIL: %s" % e, file=sys.stderr)
    if not errors:
        print("%s OK" % " and ".join(sys.argv[1:]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
