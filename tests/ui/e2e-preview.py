# SPDX-License-Identifier: GPL-3.0-or-later
"""The preview of an authoring folder through the accessibility tree
(AT-SPI, with dogtail): `signaal --preview DIR` on a copy of the worked
example shows the banner "Preview — nothing is recorded", every control on
screen has a name, the Problems button is reached with the keyboard and its
mnemonic opens the list; a broken edit saved on disk shows "This Course
Cannot Be Shown" and a problem named with its file:line; and the progress
store is never even created. Run by run-e2e.sh."""

import os
import subprocess
import time

import pyatspi
from dogtail import rawinput

import e2e
from e2e import check_names, fail, find, has_text, start


def focused_name():
    for node in e2e.walk(APP):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return f"{node.roleName}:{node.name}"
        except Exception:
            pass
    return None


def main():
    global APP
    tmp = os.environ["SIGNAAL_E2E_TMP"]
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "valid", "example-course")
    folder = os.path.join(tmp, "my-course")
    subprocess.run(["cp", "-r", source, folder], check=True)
    store = os.path.join(os.environ["XDG_DATA_HOME"], "signaal", "progress.db")

    process, APP = start("--preview", folder)
    find(APP, "label", "Preview — nothing is recorded")
    if not has_text(APP, "Knowledge Check Before"):
        fail("preview: the course does not open at its knowledge check")
    check_names(APP, "preview")

    # The Problems button by keyboard: Tab reaches it, its mnemonic opens the list.
    reached = False
    for _ in range(30):
        rawinput.pressKey("Tab")
        time.sleep(0.2)
        if (focused_name() or "").split(":")[-1].startswith("Problems"):
            reached = True
            break
    if not reached:
        fail("preview: Tab never reaches the Problems button")
    rawinput.keyCombo("<Alt>p")
    time.sleep(0.8)
    if not has_text(APP, "No problems found"):
        fail("preview: Alt+P does not show the problems")
    check_names(APP, "preview with problems")

    # A broken edit, saved: the status page and the problem with file:line.
    course = os.path.join(folder, "course.xml")
    with open(course, encoding="utf-8") as f:
        xml = f.read()
    broken = xml.replace("<h>Geweld begint vaak klein</h>", "<h>Geweld begint vaak klein</h>\n<bogus/>", 1)
    line = broken[:broken.index("<bogus/>")].count("\n") + 1
    with open(course, "w", encoding="utf-8") as f:
        f.write(broken)
    if not has_text(APP, "This Course Cannot Be Shown", timeout=15):
        fail("preview: a broken course.xml does not show the status page")
    if not has_text(APP, f"course.xml:{line}", timeout=5):
        fail(f"preview: no problem names course.xml:{line}")
    check_names(APP, "preview of a broken course")

    # Fixed again: the course is back.
    with open(course, "w", encoding="utf-8") as f:
        f.write(xml)
    if not has_text(APP, "No problems found", timeout=15):
        fail("preview: the course does not come back after the fix")

    if os.path.exists(store):
        fail(f"preview: the progress store was created ({store})")
    process.terminate()
    process.wait(timeout=10)
    print(f"preview: {e2e.checked_controls} controls checked for names")
    if e2e.failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
