# SPDX-License-Identifier: GPL-3.0-or-later
"""The library through the accessibility tree (AT-SPI, with dogtail), with
eight courses: the first focus is on Search; every row is a list item named
with its title, its sector mark, its progress; the courses for the learner's
sector come first and are marked; after a search only the rows shown are in
the tree (four of eight); a course left in progress is offered at the top
("Continue: …, part 1 of 2") after a restart, and that entry resumes it;
the window after that restart has loaded no SVG renderer, libsoup or
libsecret.
Run by run-e2e.sh with the fixture course; the other seven are copies."""

import os
import subprocess
import sys
import time

import pyatspi

from dogtail import rawinput

import e2e
from e2e import activate, check_names, fail, find, has_text, press, start

# The profile page offers "general" first; four courses are for it.
GENERAL = {2, 4, 6, 8}


def add_courses():
    courses = os.path.join(os.environ["SIGNAAL_DATA_DIR"], "courses")
    source = os.path.join(courses, "ui-course")
    with open(os.path.join(source, "course.xml"), encoding="utf-8") as f:
        xml = f.read()
    for i in range(2, 9):
        title = f"Signals at work {i}" if i <= 4 else f"Control at home {i}"
        if i == 8:
            title = "Signals in the salon 8"
        folder = os.path.join(courses, f"library-{i}")
        subprocess.run(["cp", "-r", source, folder], check=True)
        sector = "general" if i in GENERAL else "dental"
        text = (xml.replace('id="ui-test-course"', f'id="library-course-{i}"')
                   .replace("Interface test course", title)
                   .replace("<sector>hair-beauty</sector>", f"<sector>{sector}</sector>"))
        with open(os.path.join(folder, "course.xml"), "w", encoding="utf-8") as f:
            f.write(text)


def focused_node(app):
    for node in e2e.walk(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
        except Exception:
            pass
    return None


def course_list(app):
    return find(app, "list", "Courses")


def rows(app):
    """Every list item the tree has under the course list, shown or not:
    a screen reader counts them all."""
    return [child for child in course_list(app).children if child.roleName == "list item"]


def wait_rows(app, count, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = rows(app)
        if len(found) == count:
            return found
        time.sleep(0.3)
    return rows(app)


def first_run(app):
    find(app, "label", "Welcome to Signaal")
    press(app, "Continue")
    entry = find(app, "text", timeout=10)
    entry.queryEditableText().setTextContents("Lee Tester")
    time.sleep(0.5)
    press(app, "Create Profile")


def check_start_libraries(pid):
    """The library window, drawn, has loaded GTK but no SVG renderer (its
    icons are PNGs; the Review and Progress pages with their large icons are
    built when first shown) and not libsoup or libsecret (loaded when the
    organisation connection is first used)."""
    time.sleep(2)
    with open(f"/proc/{pid}/maps", encoding="utf-8") as f:
        names = {os.path.basename(line.split()[-1]) for line in f if "/" in line}
    if not any(name.startswith("libgtk-4.so") for name in names):
        fail(f"start: no libgtk-4 among the libraries of process {pid}: is it Signaal?")
    for library in ("librsvg-2.so", "libsoup-3.0.so", "libsecret-1.so"):
        loaded = sorted(name for name in names if name.startswith(library))
        if loaded:
            fail(f"start: the first window loaded {loaded[0]}")


def main():
    add_courses()
    process, app = start()
    first_run(app)

    # Eight rows, named; the first focus is on Search.
    find(app, "list item", contains="Interface test course", timeout=20)
    search = find(app, "entry", "Search courses")
    time.sleep(0.5)
    focused = focused_node(app)
    if focused is None or "Search courses" not in (focused.name or "") + " " + (focused.parent.name or ""):
        fail("library: the first focus is not on Search but on "
             f"{focused.roleName + ' ' + repr(focused.name) if focused else 'nothing'}")
    found = wait_rows(app, 8)
    if len(found) != 8:
        fail(f"library: {len(found)} list items in the tree, not 8")
    # Names: title, sector mark, progress. The rows read their progress
    # once drawn: give them a moment.
    time.sleep(1)
    found = rows(app)
    names = [row.name or "" for row in found]
    for name in names:
        if "Not started" not in name:
            fail(f"library: the row '{name}' does not say its progress")
        # Bundled: who published it, proven by the installation.
        if "Published by" not in name or "verified" not in name:
            fail(f"library: the row '{name}' does not say who published it and that it is verified")
    marked = [name for name in names if "For your sector" in name]
    if len(marked) != 4:
        fail(f"library: {len(marked)} rows are marked for the learner's sector, not 4: {names}")
    if names[:4] != marked:
        fail(f"library: the learner's sector does not come first: {names}")
    check_names(app, "library of eight")

    # A search for "Signals" shows four: the tree has those four, no more.
    search.queryEditableText().setTextContents("Signals")
    time.sleep(1)
    found = wait_rows(app, 4)
    if len(found) != 4:
        fail(f"search: {len(found)} list items in the tree while 4 are shown: "
             f"{[row.name for row in found]}")
    for row in found:
        if "Signals" not in (row.name or ""):
            fail(f"search: the row '{row.name}' does not match")
    search.queryEditableText().setTextContents("")
    if len(wait_rows(app, 8)) != 8:
        fail("search: clearing it does not bring the eight rows back")

    # Start a course and leave it in progress.
    e2e.select_row(find(app, "list item", contains="Interface test course"))
    activate(find(app, "push button", "Start Course", timeout=20))
    find(app, "label", "Anyone may ask Veilig Thuis for advice.")
    e2e.answer_check(app, "knowledge check before", ["True"])
    find(app, "label", "Abuse often starts small")
    press(app, "Next")
    find(app, "label", "What do you do first?")
    rawinput.keyCombo("<Control>q")
    process.wait(timeout=15)
    time.sleep(1)

    # After a restart the library offers to continue it.
    process, app = start()
    entry = find(app, "push button", contains="Continue: Interface test course", timeout=20)
    if entry.name != "Continue: Interface test course, part 1 of 2":
        fail(f"continue: the entry is named '{entry.name}'")
    check_names(app, "library with the continue entry")
    check_start_libraries(process.pid)
    activate(entry)
    find(app, "label", "What do you do first?", timeout=20)
    if has_text(app, "Search courses", timeout=1):
        fail("continue: the library still shows after the entry was used")
    process.terminate()
    process.wait(timeout=10)

    print(f"checked {e2e.checked_controls} controls for accessible names")
    if e2e.failures:
        print(f"0 passed, {len(e2e.failures)} failed")
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print(f"FAIL: {error}")
        sys.exit(1)
