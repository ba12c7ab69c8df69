# SPDX-License-Identifier: GPL-3.0-or-later
"""Takes the screenshots of docs/screenshots/ by driving Signaal through its
accessibility tree (see e2e.py). Run by screenshots.sh.
   screenshots.py OUTDIR MODE      MODE: bundled | scenario | narrow"""

import os
import subprocess
import sys
import time

import e2e
import pyatspi
from dogtail import tree

out, mode = sys.argv[1], sys.argv[2]


def shot(app, name, frame_name=None):
    time.sleep(1.2)  # let transitions and spinners settle
    frames = [n for n in app.children if n.roleName in ("frame", "dialog", "window")]
    frame = frames[0]
    if frame_name is not None:
        frame = next(f for f in frames if f.name == frame_name)
    box = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    path = os.path.join(out, name)
    subprocess.run(["import", "-window", "root", "-crop", f"{box.width}x{box.height}+0+0", "+repage", path], check=True)
    print("wrote", path)


def create_profile(app):
    e2e.press(app, "Continue")
    e2e.find(app, "text").queryEditableText().setTextContents("Sam de Vries")
    e2e.press(app, "Create Profile")


def main():
    process, app = e2e.start()
    if mode == "bundled":
        shot(app, "welcome.png")
        create_profile(app)
        row = e2e.find(app, "list item", contains="Recognising", timeout=30)
        e2e.select_row(row)
        e2e.find(app, "push button", "Start Course", timeout=20)
        shot(app, "library.png")
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
        # On to the first question, answered, with its feedback.
        for _ in range(12):
            if e2e.has_text(app, "Check Answer", timeout=1):
                break
            e2e.press(app, "Next")
        boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "radio button") and e2e.on_screen(n)]
        if boxes:
            e2e.activate(boxes[0])
            e2e.press(app, "Check Answer")
        shot(app, "module-question.png")
    elif mode == "scenario":
        create_profile(app)
        e2e.select_row(e2e.find(app, "list item", contains="Interface test course", timeout=30))
        e2e.press(app, "Start Course")
        e2e.answer_check(app, "check", ["True"])
        for _ in range(7):
            if e2e.has_text(app, "Start Scenario", timeout=1):
                break
            if e2e.has_text(app, "Check Answer", timeout=1):
                boxes = [n for n in e2e.walk(app) if n.roleName in ("check box", "push button")
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
            e2e.press(app, "Next")
        e2e.press(app, "Start Scenario")
        e2e.press(app, "Ask whether everything is all right")
        shot(app, "scenario.png")
        e2e.press(app, "Tell Sanne to leave")
        e2e.find(app, "label", "Missed signals")
        shot(app, "scenario-debrief.png")
    elif mode == "narrow":
        create_profile(app)
        e2e.find(app, "list item", contains="Recognising", timeout=30)
        shot(app, "narrow-library.png")
        e2e.click(e2e.find(app, "list item", contains="Recognising"))  # a tap
        e2e.find(app, "push button", "Start Course", timeout=20)
        shot(app, "narrow-course.png")
    process.terminate()
    process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
