#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the desktop integration files agree with each other: the desktop file,
the AppStream metainfo, the MIME package, the GSettings schema and the Flatpak manifest
name the same application, program, icon and course file type, and the metainfo
describes the version being built; the GNOME Shell search provider and the D-Bus
service that starts Signaal for it name the same desktop file, bus name and program.

Usage: check-data-consistency.py APP_ID VERSION DESKTOP METAINFO MIME GSCHEMA MANIFEST
                                 SEARCH_PROVIDER DBUS_SERVICE
"""

import configparser
import json
import sys
import xml.etree.ElementTree as ET

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
STABLE_ID = "nl.signaal.Signaal"


def main():
    if len(sys.argv) != 10:
        print(__doc__, file=sys.stderr)
        return 2
    (app_id, version, desktop_path, metainfo_path, mime_path, schema_path, manifest_path,
     provider_path, service_path) = sys.argv[1:]
    errors = []

    def fail(msg):
        errors.append(msg)

    # Desktop file.
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(desktop_path, encoding="utf-8")
    entry = desktop["Desktop Entry"] if desktop.has_section("Desktop Entry") else {}
    if entry.get("Icon") != app_id:
        fail("%s: Icon is %r, expected the app id %r" % (desktop_path, entry.get("Icon"), app_id))
    exec_line = entry.get("Exec", "").split()
    program = exec_line[0] if exec_line else ""
    if program != "signaal":
        fail("%s: Exec runs %r, expected signaal" % (desktop_path, program))
    desktop_types = [t for t in entry.get("MimeType", "").split(";") if t]

    # MIME package.
    mime_root = ET.parse(mime_path).getroot()
    mime_types = [t.get("type") for t in mime_root.findall(MIME_NS + "mime-type")]
    if desktop_types != mime_types:
        fail("%s opens %s but %s defines %s"
             % (desktop_path, desktop_types, mime_path, mime_types))

    # Metainfo.
    meta = ET.parse(metainfo_path).getroot()
    if meta.findtext("id") != app_id:
        fail("%s: id is %r, expected %r" % (metainfo_path, meta.findtext("id"), app_id))
    launchables = [l.text for l in meta.findall("launchable[@type='desktop-id']")]
    if launchables != [app_id + ".desktop"]:
        fail("%s: launchable is %s, expected %s.desktop" % (metainfo_path, launchables, app_id))
    binaries = sorted(b.text for b in meta.findall("provides/binary"))
    if binaries != ["signaal", "signaal-course"]:
        fail("%s: provides binaries %s, expected signaal and signaal-course"
             % (metainfo_path, binaries))
    if program not in binaries:
        fail("%s: the program %r of the desktop file is not among the provided binaries"
             % (metainfo_path, program))
    media = [m.text for m in meta.findall("provides/mediatype")]
    if media != mime_types:
        fail("%s: provides media types %s, but %s defines %s"
             % (metainfo_path, media, mime_path, mime_types))
    releases = [r.get("version") for r in meta.findall("releases/release")]
    if version not in releases:
        fail("%s: no <release version=\"%s\"> for the version being built"
             % (metainfo_path, version))
    if meta.find("content_rating[@type='oars-1.1']") is None:
        fail("%s: no OARS 1.1 content rating" % metainfo_path)

    # GSettings schema: one schema, the stable id, the matching path.
    schemas = ET.parse(schema_path).getroot().findall("schema")
    ids = [(s.get("id"), s.get("path")) for s in schemas]
    if ids != [(STABLE_ID, "/nl/signaal/Signaal/")]:
        fail("%s: schemas %s, expected one schema %s with path /nl/signaal/Signaal/"
             % (schema_path, ids, STABLE_ID))

    # Flatpak manifest: the stable app id, the same program.
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("id", manifest.get("app-id")) != STABLE_ID:
        fail("%s: id is not %s" % (manifest_path, STABLE_ID))
    if manifest.get("command") != program:
        fail("%s: command %r differs from the desktop file's program %r"
             % (manifest_path, manifest.get("command"), program))

    # Search provider and D-Bus service.
    provider = configparser.ConfigParser(interpolation=None)
    provider.optionxform = str
    provider.read(provider_path, encoding="utf-8")
    section = provider["Shell Search Provider"] if provider.has_section("Shell Search Provider") else {}
    expected = {
        "DesktopId": app_id + ".desktop",
        "BusName": app_id,
        "ObjectPath": "/" + app_id.replace(".", "/") + "/SearchProvider",
        "Version": "2",
    }
    for key, value in expected.items():
        if section.get(key) != value:
            fail("%s: %s is %r, expected %r" % (provider_path, key, section.get(key), value))
    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str
    service.read(service_path, encoding="utf-8")
    section = service["D-BUS Service"] if service.has_section("D-BUS Service") else {}
    if section.get("Name") != app_id:
        fail("%s: Name is %r, expected %r" % (service_path, section.get("Name"), app_id))
    service_exec = section.get("Exec", "").split()
    if len(service_exec) != 2 or not service_exec[0].endswith("/" + program) \
            or service_exec[1] != "--gapplication-service":
        fail("%s: Exec is %r, expected the installed %s --gapplication-service"
             % (service_path, section.get("Exec"), program))

    for e in errors:
        print("FAIL: %s" % e, file=sys.stderr)
    if not errors:
        print("desktop, metainfo, MIME, schema and manifest agree")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
