#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: identity, a pinned stable runtime, a tight sandbox,
pinned dependency sources, and that the last module builds Signaal with meson.

Usage: check-flatpak-manifest.py MANIFEST.json
"""

import json
import os
import re
import sys

APP_ID = "nl.signaal.Signaal"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"

# Sandbox holes an offline app that opens files through portals has no need for.
FORBIDDEN_ARGS = (
    ("--filesystem", "file access goes through the file chooser portal"),
    ("--share=network", "Signaal works offline and has no network code"),
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
        fail("runtime-version is %r: pin a stable numbered runtime such as \"47\", "
             "not master or nightly" % (version,))

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


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    errors = check(sys.argv[1])
    for e in errors:
        print("FAIL: %s: %s" % (sys.argv[1], e), file=sys.stderr)
    if not errors:
        print("%s OK" % sys.argv[1])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
