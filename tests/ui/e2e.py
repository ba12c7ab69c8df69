# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test: drives the real Signaal program only through the
accessibility tree (AT-SPI, with dogtail), as a screen-reader or switch user
would. Run by run-e2e.sh, which gives it an X server, a D-Bus session, an
AT-SPI bus, a temporary home and the fixture course.

first run -> profile -> course -> one question of each type -> scenario to
an ending -> "You passed" with the certificate, saved through the save dialog
-> quit -> start again -> the progress and the certificate are there -> the
Progress screen -> the refresher renews the certificate -> Preferences, About
and Keyboard Shortcuts -> the Verify page for the saved credential (VALID,
and its code) and for a tampered copy (NOT VALID) -> a course file opened
from the command line -> leave now from every window and dialog (Preferences,
Helplines, Keyboard Shortcuts, About, the file chooser, a message dialog) ->
start again 360 pixels wide: the folded library works by keyboard -> three
new learners go through the whole module and its scenario by keyboard alone,
in Dutch and English, 360 pixels and full width, every option of every
question type reached and changed, each question measured (e2e_keyboard.py). Every control that is on screen on the way (in
every window of the program) must have an accessible name."""

import json
import os
import re
import subprocess
import sys
import time

import pyatspi

from dogtail import config, rawinput, tree
from dogtail.predicate import GenericPredicate

config.config.actionDelay = 0.2
config.config.defaultDelay = 0.2
config.config.typingDelay = 0.02
config.config.searchBackoffDuration = 0.2
config.config.searchCutoffCount = 10
config.config.logDebugToFile = False

SIGNAAL = os.environ["SIGNAAL"]
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
               "text", "entry", "spin button", "slider", "switch", "menu item",
               "page tab", "link", "password text"}
failures = []
checked_controls = 0
WIDTH_LIMIT = {}


def fail(message):
    print("FAIL: " + message, flush=True)
    failures.append(message)


def extents(node):
    """Window coordinates: GTK 4 has no screen coordinates."""
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return box.x, box.y, box.width, box.height


def on_screen(node):
    try:
        x, y, w, h = extents(node)
    except Exception:
        return False
    return w > 0 and h > 0


def walk(node):
    """The nodes a person can perceive: a node that is not visible (such as
    a page of a stack that is not shown) is left out with what it holds."""
    try:
        if node.roleName != "application" and not node.getState().contains(pyatspi.STATE_VISIBLE):
            return
        children = node.children
    except Exception:
        return
    yield node
    for child in children:
        yield from walk(child)


def check_names(app, screen):
    """Fails for each control on screen without a name; returns nothing."""
    _check_names(app, screen)


def _check_names(app, screen):
    """Every window and every control on screen has a name a person can read."""
    global checked_controls
    for window in app.children:
        try:
            if not window.getState().contains(pyatspi.STATE_VISIBLE):
                continue
            title = (window.name or "").strip()
        except Exception:
            continue
        if not title or title.startswith(("Gtk", "Adw")):
            fail(f"{screen}: a window ({window.roleName}) has no title, only '{title}'")
    for node in walk(app):
        try:
            role = node.roleName
        except Exception:
            continue
        if not on_screen(node):
            continue
        _check_name_reads(node, role, screen)
        if role not in INTERACTIVE:
            continue
        checked_controls += 1
        name = (node.name or "").strip()
        # GTK falls back to the type name (GtkToggleButton) when nothing names a widget.
        if not name or name.startswith(("Gtk", "Adw")):
            try:
                where = f" (in {node.parent.roleName} '{node.parent.name}', at {extents(node)})"
            except Exception:
                where = ""
            fail(f"{screen}: a {role} has no accessible name{where}")
        elif "_" in name.split(" ")[0] and role == "push button":
            fail(f"{screen}: the {role} '{name}' shows its mnemonic in its name")


GTYPE_NAME = re.compile(r"(Gtk|Adw|Sig)[A-Z][A-Za-z]+")
# Roles a screen reader passes over without reading their name: GTK 4.8 names
# its internal layout widgets (AdwGizmo, GtkRange) after their type there.
UNANNOUNCED = {"filler", "scroll bar"}


def _window_of(node):
    try:
        while node.parent is not None and node.parent.roleName != "application":
            node = node.parent
        return f"the {node.roleName} '{node.name}'"
    except Exception:
        return "a window"


def _check_name_reads(node, role, screen):
    """A name is read aloud as it is: not a type name that GTK put there for
    want of a label ("GtkListBox"), not the same words twice because a label
    and its description both name a control ("Text size Text size"), and a
    list item says what it is."""
    try:
        name = (node.name or "").strip()
    except Exception:
        return
    words = name.split()
    half = len(words) // 2
    if GTYPE_NAME.fullmatch(name) and role in INTERACTIVE:
        fail(f"{screen}: a {role} is named after its type, '{name}' (in {_window_of(node)})")
    elif GTYPE_NAME.fullmatch(name) and role not in UNANNOUNCED:
        # Images and lists that libadwaita builds itself (the About window, the
        # Preferences switcher, combo row lists) still carry type names on GTK
        # 4.8: listed, not yet failed.
        print(f"NOTE: {screen}: a {role} is named after its type, '{name}' (in {_window_of(node)})", flush=True)
    elif half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]:
        fail(f"{screen}: a {role} has its name twice, '{name}'")
    elif role == "list item" and not name and not _names_below(node):
        fail(f"{screen}: a list item has no name and holds no text, at {extents(node)}")


def _names_below(node):
    """Whether a node holds anything a screen reader can read."""
    for child in walk(node):
        if child is not node and (child.name or "").strip():
            return True
    return False


def find(app, role, name=None, contains=None, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(app):
            try:
                node_role = node.roleName
                if node_role != role and not (role == "label" and node_role == "heading"):
                    continue
                node_name = node.name or ""
            except Exception:
                continue
            if name is not None and node_name != name:
                continue
            if contains is not None and contains not in node_name:
                continue
            if on_screen(node):
                return node
        time.sleep(0.3)
    seen = [f"{n.roleName}:{n.name!r}" for n in walk(app) if on_screen(n) and (n.name or "").strip()]
    raise AssertionError(f"no {role} named {name or contains!r} on screen; on screen: {', '.join(seen[:60])}")


def has_text(app, text, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(app):
            try:
                if text in (node.name or "") and on_screen(node):
                    return True
            except Exception:
                pass
        time.sleep(0.3)
    return False


def click(node):
    """Clicks where the accessibility tree says the control is. GTK 4 gives
    window coordinates; without a window manager the window is at 0,0."""
    x, y, w, h = extents(node)
    rawinput.click(int(x + w / 2), int(y + h / 2))
    time.sleep(0.4)


def activate(node):
    actions = list(node.actions.keys())
    if not actions:
        # GTK 4.8 gives check buttons and drop-downs no AT-SPI action.
        click(node)
        return
    for preferred in ("click", "activate", "toggle", "press"):
        if preferred in actions:
            node.doActionNamed(preferred)
            break
    else:
        node.doActionNamed(actions[0])
    time.sleep(0.3)


def select_row(row):
    """List rows have no action in GTK 4.8; a list is a Selection."""
    row.parent.querySelection().selectChild(row.indexInParent)
    time.sleep(0.5)


def press(app, name, role="push button"):
    activate(find(app, role, name))


def press_keys(combo):
    rawinput.keyCombo(combo)
    time.sleep(0.6)


def window_named(app, name, timeout=10):
    """A top-level window of the program by name (GTK 4.8 gives some
    windows, such as the file chooser, the role "filler")."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in app.children:
            try:
                if name in (node.name or "") and node.getState().contains(pyatspi.STATE_VISIBLE):
                    return node
            except Exception:
                pass
        time.sleep(0.3)
    names = [f"{n.roleName}:{n.name!r}" for n in app.children]
    raise AssertionError(f"no window named {name!r}; windows: {names}")


def window_gone(app, name, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if not any(name in (n.name or "") and n.getState().contains(pyatspi.STATE_VISIBLE)
                       for n in app.children):
                return True
        except Exception:
            pass
        time.sleep(0.3)
    return False


def close_window(app, name):
    rawinput.pressKey("Escape")
    if not window_gone(app, name):
        fail(f"{name}: Escape does not close it")


def save_through_dialog(app, button, title, path):
    """Presses @button, and in the save dialog that opens types @path as the
    file name (the dialog takes a full path) and saves."""
    press(app, button)
    # GTK's own file chooser (used when no portal runs, as here) is not
    # Signaal's: its controls are not checked for names.
    dialog = window_named(app, title)
    time.sleep(0.8)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.3)
    rawinput.pressKey("Return")
    if not window_gone(app, title, timeout=10):
        fail(f"{title}: the dialog did not close after saving")
    return dialog


def select_tab(app, name):
    """A page of the view switcher (role page tab: neither an action nor a
    selection in GTK 4.8, so a click)."""
    click(find(app, "page tab", name))
    time.sleep(0.4)


def start(*args):
    process = subprocess.Popen([SIGNAAL, *args])
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            app = tree.root.application("signaal")
            find(app, "frame", timeout=5)
            return process, app
        except Exception:
            time.sleep(0.5)
    raise AssertionError("Signaal did not appear in the accessibility tree")


def answer_check(app, screen, choose):
    for name in choose:
        options = [n for n in walk(app) if n.roleName in ("radio button", "check box")
                   and n.name == name and on_screen(n)]
        activate(options[0] if options else find(app, "check box", name))
    check_names(app, screen)
    press(app, "Check Answer")
    if not has_text(app, " point"):
        fail(f"{screen}: no feedback after checking")
    press(app, "Next")


def order_items(app, wanted):
    """Moves items with their Move up buttons until the list reads @wanted."""
    for _ in range(10):
        buttons = [n for n in walk(app) if n.roleName == "push button" and on_screen(n)
                   and (n.name or "").startswith("Move “") and n.name.endswith("” up")]
        buttons.sort(key=lambda n: extents(n)[1])
        current = [b.name[len("Move “"):-len("” up")] for b in buttons]
        if current == wanted:
            return
        for i, item in enumerate(current):
            target = wanted.index(item)
            if target < i:
                activate(buttons[i])
                break
    raise AssertionError("the items could not be put in order")


def choose_in_dropdown(app, name, position):
    combo = find(app, "combo box", name)
    click(combo)
    time.sleep(0.8)
    rawinput.pressKey("Home")
    for _ in range(position):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    time.sleep(0.5)


def pack_copy_of_fixture():
    """A packed .signaal copy of the fixture course under another id."""
    tmp = os.environ["SIGNAAL_E2E_TMP"]
    folder = os.path.join(tmp, "import-src")
    subprocess.run(["cp", "-r", os.path.join(os.environ["SIGNAAL_DATA_DIR"], "courses", "ui-course"), folder], check=True)
    course_xml = os.path.join(folder, "course.xml")
    with open(course_xml, encoding="utf-8") as f:
        text = f.read()
    text = text.replace('id="ui-test-course"', 'id="ui-imported-course"').replace("Interface test course", "Imported test course")
    with open(course_xml, "w", encoding="utf-8") as f:
        f.write(text)
    package = os.path.join(tmp, "imported.signaal")
    subprocess.run([os.environ["SIGNAAL_COURSE"], "pack", folder, "-o", package], check=True)
    return package


def narrow():
    """360 pixels wide: the library and the course page one at a time,
    the view switcher at the bottom; all of it by keyboard."""
    subprocess.run(["gsettings", "set", "nl.signaal.Signaal", "window-width", "360"], check=True)
    subprocess.run(["gsettings", "set", "nl.signaal.Signaal", "window-maximized", "false"], check=True)
    process, app = start()
    frame = find(app, "frame")
    width = extents(frame)[2]
    if width > 400:
        fail(f"narrow: the window is {width} pixels wide, not 360")
    row = find(app, "list item", contains="Interface test course", timeout=20)
    if has_text(app, "Take the Course Again", timeout=1):
        fail("narrow: the course page shows beside the list")
    find(app, "page tab", "Progress")   # the switcher bar at the bottom
    check_names(app, "narrow library")
    # Keyboard only: from the search entry, Tab to the course, Enter opens it.
    click(find(app, "entry", "Search courses"))
    for _ in range(8):
        if row.getState().contains(pyatspi.STATE_FOCUSED):
            break
        rawinput.pressKey("Tab")
        time.sleep(0.3)
    else:
        fail("narrow: Tab does not reach the course in the list")
    rawinput.pressKey("Return")
    find(app, "push button", "Take the Course Again", timeout=20)
    if has_text(app, "Search courses", timeout=1):
        fail("narrow: the list still shows beside the course page")
    back = find(app, "push button", "All Courses")
    check_names(app, "narrow course page")
    activate(back)
    find(app, "list item", contains="Interface test course")
    process.terminate()
    process.wait(timeout=10)


def main():
    process, app = start()

    # First run: welcome with a content warning and the helplines.
    find(app, "label", "Welcome to Signaal")
    if not has_text(app, "Veilig Thuis"):
        fail("welcome: the helplines are not shown")
    check_names(app, "welcome")
    press(app, "Continue")

    # Create a profile.
    entry = find(app, "text", timeout=10)
    check_names(app, "profile")
    entry.queryEditableText().setTextContents("Sam Tester")
    time.sleep(0.5)
    press(app, "Create Profile")

    # The library, then the course.
    row = find(app, "list item", contains="Interface test course", timeout=20)
    check_names(app, "library")
    select_row(row)
    start_button = find(app, "push button", "Start Course", timeout=20)
    check_names(app, "course page")
    activate(start_button)

    # Knowledge check before the course.
    find(app, "label", "Anyone may ask Veilig Thuis for advice.")
    answer_check(app, "knowledge check before", ["True"])

    # The page, rendered natively.
    find(app, "label", "Abuse often starts small")
    if not has_text(app, "& grows into control"):
        fail("page: escaped text is not shown as written")
    check_names(app, "page")
    press(app, "Next")

    answer_check(app, "single", ["Listen calmly"])
    answer_check(app, "multiple", ["He decides what I wear", "I must be home by four"])
    answer_check(app, "true-false", ["False"])

    find(app, "label", "Put the steps in order.")
    check_names(app, "ordering")
    order_items(app, ["Notice", "Listen", "Refer"])
    press(app, "Check Answer")
    if not has_text(app, "Correct"):
        fail("ordering: the order was not scored as correct")
    press(app, "Next")

    find(app, "label", "Match each situation to the number.")
    check_names(app, "matching")
    choose_in_dropdown(app, "Immediate danger", 2)   # "0800-2000" sorts before "112"
    choose_in_dropdown(app, "Advice", 1)
    press(app, "Check Answer")
    if not has_text(app, "Correct"):
        fail("matching: the pairs were not scored as correct")
    press(app, "Next")

    find(app, "label", "Select the signals.")
    # A toggle: "toggle button" from GTK 4.10, a check box (with its state) before.
    phrase = [n for n in walk(app) if n.roleName in ("toggle button", "check box")
              and n.name == "She keeps checking her phone" and on_screen(n)]
    if not phrase:
        fail("spot the signals: the phrase is not a toggle")
    else:
        click(phrase[0])
    check_names(app, "spot the signals")
    press(app, "Check Answer")
    if not has_text(app, "Correct"):
        fail("spot the signals: the signal was not scored as correct")
    press(app, "Next")

    # The scenario, to an ending.
    find(app, "label", "A short case")
    check_names(app, "scenario start")
    press(app, "Start Scenario")
    find(app, "label", "Sanne is in the chair; she keeps checking the phone.")
    check_names(app, "scenario")
    press(app, "Ask whether everything is all right")
    if not has_text(app, "relieved that someone asks"):
        fail("scenario: the consequence of the choice is not shown")
    if not has_text(app, "Trust"):
        fail("scenario: the visible variable is not shown")
    press(app, "Listen and say that help exists")
    find(app, "label", "Sanne knows where help is")
    for text in ("Meldcode step 1: map the signals", "Meldcode step 3: talk with the client",
                 "Has no money of their own", "Has to be reachable all the time"):
        if not has_text(app, text):
            fail(f"debrief: '{text}' is missing")
    check_names(app, "debrief")
    press(app, "Continue")

    # Knowledge check after the course, then the result.
    find(app, "label", "Anyone may ask Veilig Thuis for advice.")
    answer_check(app, "knowledge check after", ["True"])
    find(app, "label", "You passed", timeout=15)
    check_names(app, "result")

    # The certificate, right away: what it says, and saved as a credential
    # through the save dialog.
    find(app, "label", "Your Certificate")
    for text in ("Sam Tester", "Interface test course", "Valid until", "Verification code", "did:key:z6Mk"):
        if not has_text(app, text, timeout=3):
            fail(f"certificate after passing: '{text}' is missing")
    find(app, "push button", "Save as PDF…")
    check_names(app, "result with the certificate")
    tmp = os.environ["SIGNAAL_E2E_TMP"]
    credential = os.path.join(tmp, "sam-certificate.json")
    save_through_dialog(app, "Save Credential…", "Save Credential", credential)
    if not has_text(app, "Credential saved as “sam-certificate.json”", timeout=10):
        fail("certificate: no message that the credential was saved")
    if not os.path.exists(credential):
        fail("certificate: the credential file was not written")

    # Helplines from anywhere, and back.
    press(app, "Helplines")
    if not has_text(app, "Caribbean Netherlands"):
        fail("helplines: the Caribbean Netherlands are missing")
    rawinput.pressKey("Escape")
    time.sleep(0.5)

    # Quit, and start again: the progress is there.
    rawinput.keyCombo("<Control>q")
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("Signaal did not quit on Ctrl+Q")
    time.sleep(1)

    process, app = start()
    row = find(app, "list item", contains="Interface test course", timeout=20)
    if "Passed" not in (row.name + " " + (row.description or "")) and not has_text(app, "Passed with"):
        fail("after a restart the library does not show the course as passed")
    if not has_text(app, "Certificate valid until"):
        fail("after a restart the library does not show the certificate")
    check_names(app, "library after restart")

    # The Progress screen.
    select_tab(app, "Progress")
    if not has_text(app, "Knowledge check", timeout=10):
        fail("progress: the knowledge check is not shown")
    if not has_text(app, "Certificate valid until"):
        fail("progress: the certificate is not shown")
    check_names(app, "progress")
    select_tab(app, "Library")

    # The course page with the certificate, and the refresher that renews it.
    select_row(find(app, "list item", contains="Interface test course"))
    find(app, "label", "Your Certificate", timeout=20)
    find(app, "push button", "Save Credential…")
    check_names(app, "course page with the certificate")
    press(app, "Take the Refresher")
    find(app, "label", "Notice, listen, refer.", timeout=15)
    check_names(app, "refresher")
    press(app, "Next")
    answer_check(app, "refresher question", ["True"])
    find(app, "label", "Certificate Renewed", timeout=15)
    check_names(app, "refresher result")
    press(app, "Back to the Course")
    find(app, "list item", contains="Interface test course")

    # Preferences, About and Keyboard Shortcuts: every control named.
    press_keys("<Control>comma")
    window_named(app, "Preferences")
    check_names(app, "preferences")
    close_window(app, "Preferences")
    click(find(app, "push button", "Main menu"))
    activate(find(app, "menu item", "About Signaal"))
    window_named(app, "About")
    check_names(app, "about")
    close_window(app, "About")
    click(find(app, "push button", "Main menu"))
    activate(find(app, "menu item", "Keyboard Shortcuts"))
    window_named(app, "Keyboard Shortcuts")
    if not has_text(app, "Verify a certificate"):
        fail("keyboard shortcuts: the verify page is missing")
    check_names(app, "keyboard shortcuts")
    close_window(app, "Keyboard Shortcuts")

    # The Verify page: by keyboard, then for the saved credential (opened
    # from the command line, as a file manager does) and a tampered copy.
    press_keys("<Control><Shift>v")
    find(app, "push button", "Choose Certificate File…")
    check_names(app, "verify page")
    press(app, "Back")
    find(app, "list item", contains="Interface test course")
    if os.path.exists(credential):
        subprocess.run([SIGNAAL, credential], timeout=30, check=True)
        find(app, "label", "Valid", timeout=15)
        for text in ("The certificate is authentic and valid.", "Sam Tester", "What the Certificate Says"):
            if not has_text(app, text, timeout=3):
                fail(f"verify: '{text}' is missing for a real credential")
        check_names(app, "verify result")
        with open(credential, encoding="utf-8") as f:
            data = f.read()
        # The code printed on the paper, as signaal-course computes it.
        result = subprocess.run([os.environ["SIGNAAL_COURSE"], "verify", "--json", credential],
                                capture_output=True, text=True, timeout=30)
        code = json.loads(result.stdout)["code"]
        entry = find(app, "text", "Verification code")
        for typed, expected in ((code.lower().replace("-", " "), "The code matches"),
                                ("0000000000", "does not belong to this certificate")):
            entry.queryEditableText().setTextContents(typed)
            time.sleep(0.3)
            press(app, "Check Code")
            if not has_text(app, expected, timeout=5):
                fail(f"verify: the code '{typed}' does not give '{expected}'")
        check_names(app, "verify result with the code checked")
        tampered = os.path.join(tmp, "tampered.json")
        with open(tampered, "w", encoding="utf-8") as f:
            f.write(data.replace("Sam Tester", "Sam Faker"))
        subprocess.run([SIGNAAL, tampered], timeout=30, check=True)
        find(app, "label", "Not Valid", timeout=15)
        if not has_text(app, "changed after it was issued"):
            fail("verify: a tampered credential does not say why it is not valid")
        if not has_text(app, "What the File Claims (Not Confirmed)"):
            fail("verify: the claims of a tampered credential are shown as facts")
        check_names(app, "verify result, not valid")
        press(app, "Back")
        find(app, "list item", contains="Interface test course")

    # A course file opened from the command line (as a file manager does) is
    # handed to the running program, confirmed, and imported in the background.
    if os.environ.get("SIGNAAL_COURSE"):
        package = pack_copy_of_fixture()
        subprocess.run([SIGNAAL, package], timeout=30, check=True)
        # From outside the app, Signaal asks first: the title, the publisher and
        # whether that is proven (this package is unsigned).
        find(app, "label", contains="Install “Imported test course”?", timeout=30)
        find(app, "label", contains="Unverified publisher")
        # The dialog's response buttons are named by their label child.
        click(find(app, "label", "Install"))
        find(app, "list item", contains="Imported test course", timeout=30)
    else:
        fail("SIGNAAL_COURSE is not set: the import from the command line was not tried")

    # Leave now: from every window and dialog, Escape twice (or the leave
    # button) hides everything at once.
    import e2e_keyboard
    e2e_keyboard.leave_from_every_window(app, ["Interface test course", "Sam Tester", "Signaal"])
    click(find(app, "list item", contains="Interface test course"))
    rawinput.pressKey("Escape")
    rawinput.pressKey("Escape")
    time.sleep(1)
    frame = find(app, "frame")
    if frame.name != "Untitled" or has_text(app, "Interface test course", timeout=1):
        fail(f"leave now: after Escape twice the window is '{frame.name}' and course content may show")
    check_names(app, "neutral screen")
    process.terminate()
    process.wait(timeout=10)

    # Keyboard only, measured: the whole module and its scenario, in English
    # and in Dutch (once with the text enlarged 1.4 times, in Dutch number
    # format), full width and 360 pixels wide.
    for lang, width, scale in (("nl", 360, 1.0), ("en", 360, 1.0), ("nl", 1280, 1.4)):
        e2e_keyboard.keyboard_run(lang, width, scale)

    narrow()

    print(f"checked {checked_controls} controls for accessible names")
    if failures:
        print(f"0 passed, {len(failures)} failed")
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print(f"FAIL: {error}")
        if os.environ.get("SIGNAAL_E2E_SHOT"):
            subprocess.run(["import", "-window", "root", os.environ["SIGNAAL_E2E_SHOT"]])
        sys.exit(1)
