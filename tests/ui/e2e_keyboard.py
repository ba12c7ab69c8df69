# SPDX-License-Identifier: GPL-3.0-or-later
"""Parts of the end-to-end test (e2e.py) that drive Signaal by keyboard
alone, measure the layout of every question type through the accessibility
tree, and press leave now from every window and dialog.

keyboard_run(lang, width): a new learner, in its own home, goes through the
whole fixture module and its scenario with Tab, Shift+Tab, the arrow keys,
Space and Enter only. On the way every option of every question type is
reached and changed by keyboard, and each question is measured: nothing is
wider than the window, a phrase of the signals passage is wider than tall,
and (in the language's own number format) a heading is larger than body text.

leave_from_every_window(app): Escape twice (and the leave button of the
Helplines window) from Preferences, Helplines, Keyboard Shortcuts, About,
the file chooser and a message dialog: at once nothing on screen names the
program, the learner or a course."""

import os
import subprocess
import tempfile
import time

import pyatspi
from dogtail import rawinput

import e2e

# What the interface says, per language (nl from i18n/nl.po).
WORDS = {
    "en": {"continue": "Continue", "create": "Create Profile", "start": "Start Course",
           "check": "Check Answer", "next": "Next", "start_scenario": "Start Scenario",
           "passed": "You passed", "true": "True", "false": "False", "untitled": "Untitled",
           "up": ("Move “", "” up")},
    "nl": {"continue": "Doorgaan", "create": "Profiel maken", "start": "Cursus starten",
           "check": "Antwoord controleren", "next": "Volgende", "start_scenario": "Casus starten",
           "passed": "Je bent geslaagd", "true": "Juist", "false": "Onjuist", "untitled": "Naamloos",
           "up": ("“", "” omhoog verplaatsen")},
}


def all_focused(app):
    found = []
    for node in e2e.walk(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                found.append(f"{node.roleName}:{node.name!r}")
        except Exception:
            pass
    return found


def focused(app):
    for node in e2e.walk(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
        except Exception:
            pass
    return None


def key(name):
    rawinput.pressKey(name)
    time.sleep(0.25)


def tab_to(app, test, what, limit=40, back=False):
    """Tab (or Shift+Tab) until the focused node passes @test."""
    for _ in range(limit):
        node = focused(app)
        try:
            if node is not None and test(node):
                return node
        except Exception:
            pass
        if back:
            rawinput.keyCombo("<Shift>Tab")
            time.sleep(0.25)
        else:
            key("Tab")
    node = focused(app)
    raise AssertionError(f"Tab does not reach {what}; the focus is on "
                         f"{node.roleName + ' ' + repr(node.name) if node else 'nothing'}")


def named(role, name):
    return lambda n: n.roleName == role and n.name == name


def checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def on_screen_nodes(app, role):
    nodes = [n for n in e2e.walk(app) if n.roleName == role and e2e.on_screen(n)]
    nodes.sort(key=lambda n: (e2e.extents(n)[1], e2e.extents(n)[0]))
    return nodes


PASSAGE = ("Passage", "Tekstfragment")
PHRASE_ROLES = ("toggle button", "check box")


def is_phrase(node):
    """A phrase of a signals passage: a toggle (GTK 4.10: toggle button; GTK
    4.8 has no such role and gives a check box) in the passage."""
    try:
        return node.roleName in PHRASE_ROLES and node.parent.name in PASSAGE
    except Exception:
        return False


def check_geometry(app, screen, frame):
    """Nothing sticks out of the window; phrase toggles are wider than tall."""
    fx, fy, fw, fh = e2e.extents(frame)
    if fw > e2e.WIDTH_LIMIT.get("now", 10 ** 6):
        wide = sorted(((e2e.extents(n)[2], f"{n.roleName} {n.name!r}") for n in e2e.walk(app)
                       if e2e.on_screen(n) and n.roleName in ("label", "heading", "push button", "list item")),
                      reverse=True)[:3]
        e2e.fail(f"{screen}: the window is {fw} pixels wide; widest: {wide}")
    for node in e2e.walk(app):
        try:
            role = node.roleName
            if role in ("frame", "filler", "scroll pane", "viewport") or not e2e.on_screen(node):
                continue
            x, y, w, h = e2e.extents(node)
        except Exception:
            continue
        if role in e2e.INTERACTIVE or role in ("label", "heading"):
            if x < -1 or x + w > fw + 1:
                e2e.fail(f"{screen}: the {role} '{node.name}' is outside the window "
                         f"(x {x}, width {w}; the window is {fw} wide)")
        if is_phrase(node) and w <= h:
            e2e.fail(f"{screen}: the phrase '{node.name}' is {w}x{h}, taller than wide")


def check_heading_size(app, screen, prompt):
    """A heading is larger than the body text beside it (the text-size CSS
    must be readable in every language)."""
    heading = e2e.find(app, "label", prompt)
    body = [n for n in e2e.walk(app) if n.roleName == "label" and e2e.on_screen(n)
            and (n.name or "").endswith(" ") and len((n.name or "").strip()) > 0]
    if not body:
        return
    h_heading = e2e.extents(heading)[3]
    h_body = min(e2e.extents(n)[3] for n in body)
    if h_heading < h_body * 1.15:
        e2e.fail(f"{screen}: the heading '{prompt}' ({h_heading} px high) is not larger than body text ({h_body} px)")


def radio_by_keyboard(app, screen, wanted):
    """Every option of a radio group: reached and chosen with the arrow keys;
    ends with @wanted chosen."""
    radios = on_screen_nodes(app, "radio button")
    if len(radios) < 2:
        e2e.fail(f"{screen}: the options are not radio buttons ({len(radios)} found)")
        return
    first = tab_to(app, lambda n: n.roleName == "radio button", f"{screen}: the options")
    key("space")
    if not checked(first):
        e2e.fail(f"{screen}: Space does not choose '{first.name}'")
    seen = {first.name}
    for _ in range(len(radios) - 1):
        key("Down")
        node = focused(app)
        if node is None or node.roleName != "radio button":
            e2e.fail(f"{screen}: Down does not move to the next option")
            break
        if not checked(node):
            e2e.fail(f"{screen}: Down moves to '{node.name}' without choosing it")
        seen.add(node.name)
    missing = {r.name for r in radios} - seen
    if missing:
        e2e.fail(f"{screen}: the arrow keys do not reach {sorted(missing)}")
    for _ in range(len(radios)):
        node = focused(app)
        if node is not None and node.name == wanted:
            break
        key("Up")
    if not any(checked(r) and r.name == wanted for r in on_screen_nodes(app, "radio button")):
        e2e.fail(f"{screen}: '{wanted}' could not be chosen with the arrow keys")
    # Tab leaves the group at once: one stop for the whole group.
    key("Tab")
    node = focused(app)
    if node is not None and node.roleName == "radio button":
        e2e.fail(f"{screen}: Tab stays in the radio group ('{node.name}')")


def checks_by_keyboard(app, screen, wanted):
    boxes = on_screen_nodes(app, "check box")
    for box in boxes:
        node = tab_to(app, named("check box", box.name), f"{screen}: '{box.name}'")
        for _ in range(2):   # on and off again: each can be changed
            before = checked(node)
            key("space")
            if checked(node) == before:
                e2e.fail(f"{screen}: Space does not change '{box.name}'")
        if (box.name in wanted) != checked(node):
            key("space")


def phrases_by_keyboard(app, screen, wanted):
    phrases = [n for n in e2e.walk(app) if is_phrase(n) and e2e.on_screen(n)]
    phrases.sort(key=lambda n: (e2e.extents(n)[1], e2e.extents(n)[0]))
    if not phrases:
        e2e.fail(f"{screen}: the phrases are not toggle buttons")
        return
    order = []
    node = tab_to(app, is_phrase, f"{screen}: the first phrase")
    while node is not None and is_phrase(node) and len(order) < 20:
        order.append(node.name)
        before = checked(node)
        key("space")
        if checked(node) == before:
            e2e.fail(f"{screen}: Space does not toggle '{node.name}'")
        if (node.name in wanted) != checked(node):
            key("space")
        key("Tab")
        node = focused(app)
    reading = [p.name for p in phrases]
    if order != reading:
        e2e.fail(f"{screen}: Tab goes through the phrases as {order}, not in reading order {reading}")


def ordering_by_keyboard(app, screen, wanted, up):
    before, after = up
    for _ in range(10):
        buttons = [n for n in on_screen_nodes(app, "push button")
                   if (n.name or "").startswith(before) and n.name.endswith(after)]
        current = [b.name[len(before):-len(after)] for b in buttons]
        if current == wanted:
            return
        for i, item in enumerate(current):
            if wanted.index(item) < i:
                tab_to(app, named("push button", buttons[i].name), f"{screen}: {buttons[i].name}")
                key("space")
                time.sleep(0.3)
                break
    e2e.fail(f"{screen}: the items could not be put in order by keyboard")


def dropdown_by_keyboard(app, screen, name, position):
    # The drop-down's button has the focus (and the drop-down's name).
    tab_to(app, lambda n: n.name == name and n.roleName in ("combo box", "push button"),
           f"{screen}: the drop-down '{name}'")
    key("space")
    time.sleep(0.6)
    key("Home")
    for _ in range(position):
        key("Down")
    key("Return")
    time.sleep(0.4)


def check_and_next(app, screen, words):
    tab_to(app, named("push button", words["check"]), f"{screen}: {words['check']}")
    key("Return")
    time.sleep(0.6)
    node = focused(app)
    if node is None or node.roleName not in ("heading", "label"):
        e2e.fail(f"{screen}: after checking, the focus is not on the feedback "
                 f"({node.roleName + ' ' + repr(node.name) if node else 'nothing'})")
    # The next Tab stop after the feedback is Next.
    key("Tab")
    node = focused(app)
    if node is None or node.name != words["next"]:
        e2e.fail(f"{screen}: the Tab after the feedback goes to "
                 f"{node.roleName + ' ' + repr(node.name) if node else 'nothing'}, not {words['next']}")
        tab_to(app, named("push button", words["next"]), f"{screen}: {words['next']}")
    key("Return")
    time.sleep(0.6)


def start_in_home(lang, width, scale):
    """Signaal in a fresh home (a new learner), in @lang, @width wide."""
    home = tempfile.mkdtemp(dir=os.environ["SIGNAAL_E2E_TMP"])
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_CACHE_HOME=os.path.join(home, "cache"))
    os.makedirs(os.path.join(home, "config", "gtk-4.0"))
    with open(os.path.join(home, "config", "gtk-4.0", "settings.ini"), "w") as f:
        f.write("[Settings]\ngtk-decoration-layout=:close\n")
    if lang == "nl":
        build = os.environ["SIGNAAL_E2E_BUILD"]
        env.update(LC_ALL="nl_NL.UTF-8", LANGUAGE="nl", LOCPATH=os.environ["SIGNAAL_E2E_LOCPATH"],
                   SIGNAAL_LOCALE_DIR=os.path.join(build, "i18n"))
    for setting, value in (("window-width", str(width)), ("window-maximized", "false"),
                           ("text-scale", str(scale))):
        subprocess.run(["gsettings", "set", "nl.signaal.Signaal", setting, value], env=env, check=True)
    process = subprocess.Popen([e2e.SIGNAAL], env=env)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            app = e2e.tree.root.application("signaal")
            frame = e2e.find(app, "frame", timeout=5)
            # A window manager would give the new window the keyboard; without
            # one, a click on the middle of its title bar does.
            x, y, w, h = e2e.extents(frame)
            rawinput.click(int(x + w / 2), int(y + 20))
            time.sleep(0.3)
            return process, app
        except Exception:
            time.sleep(0.5)
    raise AssertionError("Signaal did not appear in the accessibility tree")


def keyboard_run(lang, width, scale=1.0):
    """The fixture module and its scenario by keyboard only, measured."""
    words = WORDS[lang]
    where = f"keyboard {lang} {width}px text {scale}x"
    e2e.WIDTH_LIMIT["now"] = width + 40 if width < 1000 else 10 ** 6
    process, app = start_in_home(lang, width, scale)
    frame = e2e.find(app, "frame")
    try:
        e2e.find(app, "push button", words["continue"])
        tab_to(app, named("push button", words["continue"]), f"{where}: {words['continue']}")
        key("Return")
        # The first focus on the profile page is the name: typing at once
        # fills it in. (GTK 4.8 does not tell AT-SPI that the text of an
        # entry row has the focus, so what was typed is what is checked.)
        time.sleep(1)
        rawinput.typeText("Kim Toets")
        time.sleep(0.5)
        name = e2e.find(app, "text")
        text = name.queryText()
        typed = text.getText(0, text.characterCount)
        if typed != "Kim Toets":
            e2e.fail(f"{where}: typing on the profile page does not fill in the name (it holds {typed!r})")
            name.queryEditableText().setTextContents("Kim Toets")
        tab_to(app, named("push button", words["create"]), f"{where}: {words['create']}")
        key("Return")
        e2e.find(app, "list item", contains="Interface test course", timeout=20)
        tab_to(app, lambda n: n.roleName == "list item" and "Interface test course" in (n.name or ""),
               f"{where}: the course")
        key("Return")
        start = e2e.find(app, "push button", words["start"], timeout=20)
        tab_to(app, named("push button", words["start"]), f"{where}: {words['start']}")
        key("Return")

        e2e.find(app, "label", "Anyone may ask Veilig Thuis for advice.", timeout=15)
        check_geometry(app, f"{where}, true-false before", frame)
        radio_by_keyboard(app, f"{where}, true-false before", words["true"])
        check_and_next(app, f"{where}, true-false before", words)

        e2e.find(app, "label", "Abuse often starts small")
        check_geometry(app, f"{where}, page", frame)
        tab_to(app, named("push button", words["next"]), f"{where}: {words['next']}")
        key("Return")

        e2e.find(app, "label", "What do you do first?", timeout=10)
        check_geometry(app, f"{where}, single", frame)
        radio_by_keyboard(app, f"{where}, single", "Listen calmly")
        check_and_next(app, f"{where}, single", words)

        e2e.find(app, "check box", "He decides what I wear")
        check_geometry(app, f"{where}, multiple", frame)
        checks_by_keyboard(app, f"{where}, multiple", {"He decides what I wear", "I must be home by four"})
        check_and_next(app, f"{where}, multiple", words)

        e2e.find(app, "radio button", words["false"])
        check_geometry(app, f"{where}, true-false", frame)
        radio_by_keyboard(app, f"{where}, true-false", words["false"])
        check_and_next(app, f"{where}, true-false", words)

        e2e.find(app, "label", "Put the steps in order.")
        check_geometry(app, f"{where}, ordering", frame)
        ordering_by_keyboard(app, f"{where}, ordering", ["Notice", "Listen", "Refer"], words["up"])
        check_and_next(app, f"{where}, ordering", words)

        e2e.find(app, "label", "Match each situation to the number.")
        check_geometry(app, f"{where}, matching", frame)
        dropdown_by_keyboard(app, f"{where}, matching", "Immediate danger", 2)
        dropdown_by_keyboard(app, f"{where}, matching", "Advice", 1)
        check_geometry(app, f"{where}, matching answered", frame)
        check_and_next(app, f"{where}, matching", words)

        e2e.find(app, "label", "Select the signals.")
        check_geometry(app, f"{where}, spot the signals", frame)
        check_heading_size(app, f"{where}, spot the signals", "Select the signals.")
        phrases_by_keyboard(app, f"{where}, spot the signals", {"She keeps checking her phone"})
        check_and_next(app, f"{where}, spot the signals", words)

        # The scenario: the second persona, chosen with the arrow keys.
        e2e.find(app, "label", "A short case")
        check_geometry(app, f"{where}, scenario start", frame)
        radio_by_keyboard(app, f"{where}, persona", "Daan (he/him)")
        tab_to(app, named("push button", words["start_scenario"]), f"{where}: {words['start_scenario']}")
        key("Return")
        e2e.find(app, "label", contains="Daan is in the chair;", timeout=10)
        check_geometry(app, f"{where}, scenario", frame)
        tab_to(app, named("push button", "Ask whether everything is all right"), f"{where}: the first choice")
        key("Return")
        time.sleep(0.6)
        tab_to(app, named("push button", "Listen and say that help exists"), f"{where}: the second choice")
        key("Return")
        e2e.find(app, "label", "Sanne knows where help is".replace("Sanne", "Daan"), timeout=10)
        time.sleep(0.6)
        check_geometry(app, f"{where}, debrief", frame)
        tab_to(app, named("push button", words["continue"]), f"{where}: {words['continue']}")
        key("Return")

        e2e.find(app, "label", "Anyone may ask Veilig Thuis for advice.", timeout=15)
        radio_by_keyboard(app, f"{where}, true-false after", words["true"])
        tab_to(app, named("push button", words["check"]), f"{where}: {words['check']}")
        key("Return")
        time.sleep(0.6)
        tab_to(app, named("push button", words["next"]), f"{where}: {words['next']}")
        key("Return")
        e2e.find(app, "label", words["passed"], timeout=15)
        time.sleep(0.6)
        check_geometry(app, f"{where}, result", frame)
    finally:
        if e2e.failures and os.environ.get("SIGNAAL_E2E_SHOT"):
            subprocess.run(["import", "-window", "root", os.environ["SIGNAAL_E2E_SHOT"]])
            subprocess.run(["xwininfo", "-root", "-tree"])
        e2e.WIDTH_LIMIT.pop("now", None)
        process.terminate()
        process.wait(timeout=10)


# ---- Leave now from every window ------------------------------------------

def assert_left(app, screen, secrets):
    time.sleep(0.8)
    visible = []
    for window in app.children:
        try:
            if window.getState().contains(pyatspi.STATE_VISIBLE):
                visible.append(window)
        except Exception:
            pass
    names = [w.name for w in visible]
    if len(visible) != 1 or names[0] != "Untitled":
        e2e.fail(f"leave now from {screen}: the windows on screen are {names}, not one 'Untitled'")
    for secret in secrets:
        if e2e.has_text(app, secret, timeout=0.5):
            e2e.fail(f"leave now from {screen}: '{secret}' is still on screen")


def go_back(app):
    e2e.press(app, "Back")
    e2e.find(app, "list item", contains="Interface test course", timeout=10)


def escape_twice():
    rawinput.pressKey("Escape")
    rawinput.pressKey("Escape")


def leave_from_every_window(app, secrets):
    openers = [
        ("Preferences", lambda: e2e.press_keys("<Control>comma"), "Preferences"),
        ("Helplines", lambda: e2e.press_keys("F1"), "Helplines"),
        ("Keyboard Shortcuts", lambda: (e2e.click(e2e.find(app, "push button", "Main menu")),
                                        e2e.activate(e2e.find(app, "menu item", "Keyboard Shortcuts"))),
         "Keyboard Shortcuts"),
        ("About", lambda: (e2e.click(e2e.find(app, "push button", "Main menu")),
                           e2e.activate(e2e.find(app, "menu item", "About Signaal"))), "About"),
        ("the file chooser", lambda: e2e.press_keys("<Control>o"), "Import a Course"),
        ("a message dialog", lambda: (e2e.press_keys("<Control>comma"),
                                      e2e.window_named(app, "Preferences"),
                                      e2e.press(app, "Delete…")), "Delete Your Profile?"),
    ]
    for screen, open_it, title in openers:
        open_it()
        try:
            e2e.window_named(app, title) if title != "Delete Your Profile?" else \
                e2e.find(app, "label", title)
        except AssertionError as error:
            e2e.fail(f"leave now from {screen}: it did not open ({error})")
            continue
        time.sleep(0.6)
        escape_twice()
        assert_left(app, screen, secrets)
        go_back(app)
    # The leave button of the (modal) Helplines window.
    e2e.press_keys("F1")
    helplines = e2e.window_named(app, "Helplines")
    buttons = [n for n in e2e.walk(helplines) if n.roleName == "push button" and n.name == "Leave now"]
    if not buttons:
        e2e.fail("leave now: the Helplines window has no leave button")
        escape_twice()
    else:
        e2e.activate(buttons[0])
    assert_left(app, "the leave button of Helplines", secrets)
    go_back(app)


if __name__ == "__main__":
    # One run on its own, for working on it: e2e_keyboard.py LANG WIDTH
    import sys
    try:
        keyboard_run(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 1.0)
    except AssertionError as error:
        e2e.fail(str(error))
    if os.environ.get("SIGNAAL_E2E_SHOT"):
        subprocess.run(["import", "-window", "root", os.environ["SIGNAAL_E2E_SHOT"]])
    sys.exit(1 if e2e.failures else 0)
