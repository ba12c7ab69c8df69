# SPDX-License-Identifier: GPL-3.0-or-later
"""Takes the screenshots of docs/screenshots/ by driving Signaal through its
accessibility tree (see e2e.py). Run by screenshots.sh.
   screenshots.py OUTDIR MODE      MODE: bundled | certificates | scenario | narrow
"certificates" and "narrow" start with a learner who passed two courses
(made by sig-ui-prepare-store, $SIGNAAL_UI_PREPARE): one 30 days ago, one
690 days ago, whose certificate of 24 months expires soon."""

import os
import subprocess
import sys
import time

import e2e
import pyatspi
from dogtail import rawinput

out, mode = sys.argv[1], sys.argv[2]
lang = os.environ.get("LANGUAGE", "en")
tmp = os.environ["SIGNAAL_E2E_TMP"]


def window_geometry(name):
    """The X window of a toplevel: (x, y, width, height), shadows included."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True).stdout
    for line in tree.splitlines():
        if f'"{name}"' in line and "+" in line:
            size, position = line.split(")")[-1].split()[0].split("+", 1)
            width, height = (int(v) for v in size.split("x"))
            x, y = (int(v) for v in position.split("+"))
            if width > 10:
                return x, y, width, height
    raise AssertionError(f"no X window named {name!r}")


def shot(app, name, frame_name="Signaal"):
    """The window without the margins GTK keeps around it for shadows."""
    time.sleep(1.2)  # let transitions and spinners settle
    frame = e2e.window_named(app, frame_name)
    box = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y, width, height = window_geometry(frame.name)
    left, top = x + (width - box.width) // 2, y + (height - box.height) // 2
    path = os.path.join(out, name)
    subprocess.run(["import", "-window", "root", "-crop", f"{box.width}x{box.height}+{left}+{top}",
                    "+repage", "-strip", path], check=True)
    print("wrote", path)


def create_profile(app):
    e2e.press(app, "Continue")
    e2e.find(app, "text").queryEditableText().setTextContents("Sam de Vries")
    e2e.press(app, "Create Profile")


def prepare_learner():
    subprocess.run([os.environ["SIGNAAL_UI_PREPARE"], "Sam", "Sam de Vries", "hair-beauty",
                    "recognising-gbv:30", "pathway-hair-beauty:690"], check=True)


def scroll_down(node, clicks):
    """Mouse wheel over @node."""
    x, y, w, h = e2e.extents(node)
    for _ in range(clicks):
        rawinput.click(int(x + w / 2), int(y + h / 2), button=5)
        time.sleep(0.1)


def main():
    if mode in ("certificates", "narrow", "import"):
        prepare_learner()
    process, app = e2e.start()
    if mode == "bundled":
        shot(app, "welcome.png")
        create_profile(app)
        row = e2e.find(app, "list item", contains="Recognising", timeout=30)
        e2e.select_row(row)
        e2e.find(app, "push button", "Start Course", timeout=20)
        e2e.press(app, "Helplines")
        shot(app, "helplines.png", "Helplines")
        e2e.rawinput.pressKey("Escape")
        time.sleep(0.5)
        e2e.press(app, "Start Course")
        # Through the knowledge check, to the first page of the first module.
        for _ in range(12):
            time.sleep(0.8)
            if e2e.has_text(app, "Knowledge Check Before", timeout=1):
                boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "radio button") and e2e.on_screen(n)]
                e2e.activate(boxes[0])
                e2e.press(app, "Check Answer")
                e2e.press(app, "Next")
            else:
                break
        shot(app, "module-page.png")
        # On to the first question, answered partly right, with its feedback.
        for _ in range(12):
            if e2e.has_text(app, "Check Answer", timeout=1):
                break
            e2e.press(app, "Next")
        boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "radio button") and e2e.on_screen(n)]
        if boxes:
            e2e.activate(boxes[0])
            e2e.press(app, "Check Answer")
        shot(app, "module-question.png")
    elif mode == "certificates":
        row = e2e.find(app, "list item", contains="Hair and beauty", timeout=30)
        e2e.select_row(row)
        e2e.find(app, "label", "Your Certificate", timeout=20)
        shot(app, "library.png")
        scroll_down(e2e.find(app, "label", "Your Certificate"), 6)
        shot(app, "certificate.png")
        # The refresher renews it.
        e2e.press(app, "Take the Refresher")
        for _ in range(15):
            if e2e.has_text(app, "Certificate Renewed", timeout=1):
                break
            if e2e.has_text(app, "Check Answer", timeout=1):
                # The right answer of the refresher's question.
                boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "radio button") and e2e.on_screen(n)
                         and (n.name or "").startswith("At the basin")]
                for box in boxes[:1]:
                    e2e.activate(box)
                e2e.press(app, "Check Answer")
            e2e.press(app, "Next")
        e2e.find(app, "label", "Certificate Renewed", timeout=10)
        shot(app, "refresher-renewed.png")
        e2e.press(app, "Back to the Course")
        e2e.select_tab(app, "Progress")
        e2e.find(app, "label", "Knowledge check", timeout=10)
        e2e.click(e2e.find(app, "label", "Modules"))   # open the first course's modules
        shot(app, "progress.png")
        # The Verify page, for the credential as signaal-course exports it.
        credential = os.path.join(tmp, "certificate.json")
        subprocess.run([os.environ["SIGNAAL_COURSE"], "certificate", "--profile", "Sam",
                        "--course", "recognising-gbv", "--json", credential], check=True)
        result = subprocess.run([os.environ["SIGNAAL_COURSE"], "verify", "--json", credential],
                                capture_output=True, text=True)
        code = __import__("json").loads(result.stdout)["code"]
        subprocess.run([e2e.SIGNAAL, credential], check=True, timeout=30)
        e2e.find(app, "label", "Valid", timeout=15)
        e2e.find(app, "text", "Verification code").queryEditableText().setTextContents(code)
        shot(app, "verify.png")
        e2e.press(app, "Check Code")
        e2e.find(app, "label", contains="The code matches")
        scroll_down(e2e.find(app, "label", "Valid"), 10)
        shot(app, "verify-code.png")
        tampered = os.path.join(tmp, "tampered.json")
        with open(credential, encoding="utf-8") as f:
            text = f.read()
        with open(tampered, "w", encoding="utf-8") as f:
            f.write(text.replace("Sam de Vries", "Sam de Vreis"))
        subprocess.run([e2e.SIGNAAL, tampered], check=True, timeout=30)
        e2e.find(app, "label", "Not Valid", timeout=15)
        shot(app, "verify-not-valid.png")
    elif mode == "scenario":
        create_profile(app)
        e2e.select_row(e2e.find(app, "list item", contains="Interface test course", timeout=30))
        e2e.press(app, "Start Course")
        e2e.answer_check(app, "check", ["True"])
        question = 0
        for _ in range(7):
            if e2e.has_text(app, "Start Scenario", timeout=1):
                break
            if e2e.has_text(app, "Check Answer", timeout=1):
                boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "radio button", "push button", "toggle button")
                         and e2e.on_screen(n) and n.name in ("Listen calmly", "He decides what I wear", "False",
                                                             "She keeps checking her phone")]
                for box in boxes:
                    e2e.activate(box)
                if e2e.has_text(app, "Match each", timeout=1):
                    e2e.choose_in_dropdown(app, "Immediate danger", 2)
                    e2e.choose_in_dropdown(app, "Advice", 1)
                if e2e.has_text(app, "Put the steps", timeout=1):
                    e2e.order_items(app, ["Notice", "Listen", "Refer"])
                e2e.press(app, "Check Answer")
                # Every question type, answered, with its feedback.
                question += 1
                shot(app, "question-%d.png" % question)
            e2e.press(app, "Next")
        e2e.press(app, "Start Scenario")
        e2e.press(app, "Ask whether everything is all right")
        shot(app, "scenario.png")
        e2e.press(app, "Tell Sanne to leave")
        e2e.find(app, "label", "Missed signals")
        shot(app, "scenario-debrief.png")
        # The knowledge check after, then the result with the certificate.
        e2e.press(app, "Continue")
        e2e.answer_check(app, "check after", ["True"])
        e2e.find(app, "label", "You passed", timeout=15)
        shot(app, "course-passed.png")
    elif mode == "import":
        # A course opened from outside the app asks first: the confirmation
        # for a signed package from a publisher this computer does not know.
        # The whole screen (the dialog sits over the window), in the language
        # and at the screen width the run was started with.
        e2e.find(app, "list item", contains="Recognising" if lang == "en" else "Herkennen", timeout=30)
        key = os.path.join(tmp, "publisher.key")
        package = os.path.join(tmp, "course.signaal")
        tool = os.environ["SIGNAAL_COURSE"]
        subprocess.run([tool, "publisher-key", "new", "--name", "Beroepsvereniging Kappers", key], check=True,
                       capture_output=True)
        source = os.path.join(os.environ["SIGNAAL_E2E_SOURCE"], "tests", "fixtures", "valid", "example-course")
        subprocess.run([tool, "pack", source, "-o", package, "--sign", key], check=True, capture_output=True)
        subprocess.Popen([e2e.SIGNAAL, package])
        time.sleep(4)
        path = os.path.join(out, f"import-{lang}-{os.environ.get('SIGNAAL_E2E_WIDTH', 'wide')}.png")
        subprocess.run(["import", "-window", "root", "+repage", "-strip", path], check=True)
        print("wrote", path)
    elif mode == "narrow":
        e2e.find(app, "list item", contains="Recognising", timeout=30)
        shot(app, "narrow-library.png")
        e2e.click(e2e.find(app, "list item", contains="Hair and beauty"))  # a tap
        e2e.find(app, "push button", "Take the Course Again", timeout=20)
        scroll_down(e2e.find(app, "push button", "Take the Course Again"), 5)
        shot(app, "narrow-course.png")
    process.terminate()
    process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
