# SPDX-License-Identifier: GPL-3.0-or-later
"""The GNOME Shell search provider over a real session bus, as GNOME Shell
uses it: Signaal is not running; the bus starts it through its D-Bus service
file (--gapplication-service, no window); GetInitialResultSet and
GetSubsearchResultSet find bundled courses by title (in either language) and
by theme, GetResultMetas names them, and ActivateResult opens the course's
page in the Signaal window (checked through the accessibility tree).

Run by run-e2e.sh with SIGNAAL_E2E_CONTENT=bundled.
  search-provider.py PREPARE-STORE SERVICE-FILE-TEMPLATE"""

import os
import subprocess
import sys
import time

from gi.repository import Gio, GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402  (the accessibility-tree helpers; runs nothing on import)

APP_ID = "nl.signaal.Signaal"
OBJECT_PATH = "/nl/signaal/Signaal/SearchProvider"
INTERFACE = "org.gnome.Shell.SearchProvider2"

prepare_store, service_template = sys.argv[1:3]
failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message, flush=True)
    if not condition:
        failures.append(message)


# A learner who chose a profile already, so that the library is the first screen.
subprocess.run([prepare_store, "Sam", "Sam Jansen", "healthcare"], check=True)

# The service file as installed, with the program of this build.
services = os.path.join(os.environ["XDG_DATA_HOME"], "dbus-1", "services")
os.makedirs(services, exist_ok=True)
with open(service_template, encoding="utf-8") as f:
    service = f.read()
service = "\n".join(
    "Exec=%s --gapplication-service" % os.environ["SIGNAAL"] if line.startswith("Exec=") else line
    for line in service.splitlines())
with open(os.path.join(services, APP_ID + ".service"), "w", encoding="utf-8") as f:
    f.write(service + "\n")

bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
check(not bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                        "NameHasOwner", GLib.Variant("(s)", (APP_ID,)), None,
                        Gio.DBusCallFlags.NONE, -1, None).unpack()[0],
      "Signaal is not running before the first search")


def call(method, signature, *args):
    reply = bus.call_sync(APP_ID, OBJECT_PATH, INTERFACE, method,
                          GLib.Variant(signature, args) if signature else None,
                          None, Gio.DBusCallFlags.NONE, 30000, None)
    return reply.unpack() if reply is not None else None


results = call("GetInitialResultSet", "(as)", ["coercive"])[0]
check("coercive-control-escalation" in results,
      "'coercive' finds the course by its title: %r" % (results,))
bundled = {d for d in os.listdir(os.path.join(os.environ["SOURCE_DIR"], "content"))
           if os.path.isfile(os.path.join(os.environ["SOURCE_DIR"], "content", d, "course.xml"))}
check(results and all(r in bundled for r in results),
      "'coercive' finds only bundled courses: %r" % (results,))

results = call("GetInitialResultSet", "(as)", ["dwingende", "escalatie"])[0]
check(results == ["coercive-control-escalation"],
      "the Dutch title is found word by word: %r" % (results,))

results = call("GetInitialResultSet", "(as)", ["male", "victims"])[0]
check(set(results) == {"pathway-healthcare", "pathway-sport-community", "recognising-gbv"},
      "the theme 'male victims' finds the three courses with that theme: %r" % (results,))

results = call("GetInitialResultSet", "(as)", ["xylofoonles"])[0]
check(results == [], "a word in no title or theme finds nothing: %r" % (results,))

wide = call("GetInitialResultSet", "(as)", ["pathway"])[0]
narrow = call("GetSubsearchResultSet", "(asas)", wide, ["pathway", "dental"])[0]
check(len(wide) >= 5 and narrow == ["pathway-dental"],
      "a longer search narrows the previous results: %r then %r" % (wide, narrow))

metas = call("GetResultMetas", "(as)", ["meldcode-in-practice", "no-such-course"])[0]
check(len(metas) == 1, "metas for a known course only: %d" % len(metas))
if metas:
    meta = metas[0]
    check(meta.get("id") == "meldcode-in-practice", "meta id: %r" % meta.get("id"))
    check(meta.get("name") == "The meldcode in practice", "meta name: %r" % meta.get("name"))
    check(bool(meta.get("description")), "meta description: %r" % meta.get("description"))
    check(meta.get("icon") is not None, "meta icon: %r" % (meta.get("icon"),))

# Activating a result opens that course's page; a second one replaces it.
call("ActivateResult", "(sasu)", "meldcode-in-practice", ["meldcode"], 0)
deadline = time.time() + 20
app = None
while app is None and time.time() < deadline:
    try:
        app = e2e.tree.root.application("signaal")
    except Exception:
        time.sleep(0.5)
check(app is not None, "the Signaal window appears after ActivateResult")
if app is not None:
    try:
        e2e.find(app, "heading", name="The meldcode in practice", timeout=20)
        check(True, "the page of 'The meldcode in practice' is shown")
    except AssertionError as e:
        check(False, str(e))
    call("ActivateResult", "(sasu)", "pathway-dental", ["dental"], 0)
    try:
        e2e.find(app, "heading", name="Dental pathway: the dental practice", timeout=20)
        check(True, "activating another result shows that course's page")
    except AssertionError as e:
        check(False, str(e))
    check(not any(n.roleName == "heading" and n.name == "The meldcode in practice" and e2e.on_screen(n)
                  for n in e2e.walk(app)),
          "the first course's page is no longer shown")

try:
    bus.call_sync(APP_ID, "/nl/signaal/Signaal", "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", ("quit", [], {})), None, Gio.DBusCallFlags.NONE, 5000, None)
except GLib.Error:
    pass

if failures:
    print("%d search provider checks failed" % len(failures))
    sys.exit(1)
print("the search provider works")
