#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The course format guide and the tool agree: every example of docs/course-format.md
runs against signaal-course.

- Each complete XML file in the guide (a fenced ```xml block starting with <?xml and
  without "..." left to fill in) is written where the guide says it goes: the first
  course of the tutorial as balie-signalen/course.xml, the worked example as
  salon-basics/course.xml with its scenario in salon-basics/scenarios/ and the
  pictures it names (taken from the test fixture, as the guide has none).
- Each shell example (a line starting with "signaal-course") runs in that folder, in
  the guide's order, and must end as the guide says: exit 0, or for play, standard
  input ending before the course does (exit 2); "> FILE" writes its output there.
  Examples with a placeholder ("…", "z6Mk", a word in capitals such as ID, or an
  optional part in brackets) are checked only for a known command and known options.
- Every option the guide puts in a table of a command's options exists in that
  command's --help, and every command the man page names in its COMMANDS section
  exists.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

tool = os.environ["SIGNAAL_COURSE"]
src = os.environ["SOURCE_DIR"]
guide_path = os.path.join(src, "docs", "course-format.md")
guide = open(guide_path, encoding="utf-8").read()
passed = failed = 0


def check(condition, name, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
        for line in str(detail).splitlines()[:20]:
            print("    " + line)


def run(args, cwd, stdin=""):
    return subprocess.run([tool] + args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def line_of(offset):
    return guide.count("\n", 0, offset) + 1


blocks = [(m.group(1), m.group(2), line_of(m.start()))
          for m in re.finditer(r"^```(\w*)\n(.*?)^```", guide, re.S | re.M)]
check(len(blocks) > 10, "the guide has its examples", len(blocks))

work = tempfile.mkdtemp(prefix="signaal-guide-")
try:
    # ---- the complete XML files
    documents = [(text, line) for lang, text, line in blocks
                 if lang == "xml" and text.lstrip().startswith("<?xml") and not re.search(r"\.\.\.>|^\s*\.\.\.\s*$", text, re.M)]
    ids = {}
    for text, line in documents:
        m = re.search(r"<(course|scenario)\b[^>]*?\bid=\"([^\"]+)\"", text, re.S)
        check(m is not None, "the XML example on line %d names its id" % line)
        if m:
            ids.setdefault(m.group(2), []).append((m.group(1), text, line))

    def place(folder, kind, text, name=None):
        target = os.path.join(work, folder)
        os.makedirs(os.path.join(target, "scenarios"), exist_ok=True)
        path = os.path.join(target, "course.xml") if kind == "course" else \
            os.path.join(target, "scenarios", name + ".xml")
        open(path, "w", encoding="utf-8").write(text)
        return path

    # The tutorial's course: the last complete version in the guide ("here it is in one piece").
    tutorial = ids.get("balie-signalen", [])
    check(len(tutorial) > 0, "the tutorial's course is in the guide in one piece")
    if tutorial:
        kind, text, line = tutorial[-1]
        path = place("balie-signalen", kind, text)
        r = run(["validate", path], work)
        check(r.returncode == 0, "the tutorial's course (line %d) validates" % line, r.stdout + r.stderr)

    # The worked example: course and scenario, with the pictures they name.
    example = ids.get("example-salon-basics", [])
    scenario = ids.get("example-salon-case", [])
    check(len(example) == 1 and len(scenario) == 1, "the worked example and its scenario are in the guide")
    if example and scenario:
        place("salon-basics", "course", example[0][1])
        place("salon-basics", "scenario", scenario[0][1], "example-salon-case")
        fixture = os.path.join(src, "tests", "fixtures", "valid", "example-course", "media")
        shutil.copytree(fixture, os.path.join(work, "salon-basics", "media"))
        for name, folder in (("course", "salon-basics"),):
            r = run(["validate", folder], work)
            check(r.returncode == 0, "the worked example (line %d) validates" % example[0][2], r.stdout + r.stderr)
        # The guide's worked example is the one in the tests.
        for guide_text, fixture_path in ((example[0][1], "course.xml"),
                                         (scenario[0][1], os.path.join("scenarios", "example-salon-case.xml"))):
            fixture_text = open(os.path.join(src, "tests", "fixtures", "valid", "example-course", fixture_path),
                                encoding="utf-8").read()
            check(guide_text.strip() == fixture_text.strip(),
                  "the guide's %s is tests/fixtures/valid/example-course/%s" % (fixture_path, fixture_path))

    # ---- the shell examples, in order
    commands = []
    for lang, text, line in blocks:
        if lang not in ("", "sh", "shell", "console", "bash"):
            continue
        for offset, command in enumerate(text.splitlines()):
            if command.startswith("signaal-course "):
                commands.append((command, line + 1 + offset))
    check(len(commands) > 3, "the guide has signaal-course examples", len(commands))
    known = run(["--help"], work).stdout
    for command, line in commands:
        args = shlex.split(command)[1:]
        name = args[0]
        check(re.search(r"^  " + re.escape(name) + r"\b", known, re.M) is not None,
              "line %d: the command %s exists" % (line, name), known)
        help_text = run([name, "--help"], work).stdout
        for option in [a.split("=")[0] for a in args if a.startswith("--")]:
            check(re.search(r"(^|\s)" + re.escape(option) + r"\b", help_text, re.M) is not None,
                  "line %d: %s has the option %s" % (line, name, option), help_text)
        # a synopsis ("new course ID --sector SECTOR [-o DIR]") is not a command to run
        if "…" in command or "z6Mk" in command or "[" in command or re.search(r"\b[A-Z]{2,}\b", command):
            continue
        # "> FILE": standard output to a file in the guide's folder
        redirect = None
        if ">" in args:
            at = args.index(">")
            args, redirect = args[:at], args[at + 1]
        # a key or file made by an example that has a placeholder, or by a translator
        missing = [a for a in args[1:] if re.search(r"\.(key|json|po)$", a) and not a.startswith("-")
                   and not os.path.exists(os.path.join(work, a)) and name not in ("publisher-key", "issuer-key")]
        if missing:
            print("# line %d: not run, it needs %s from an example with a placeholder" % (line, ", ".join(missing)))
            continue
        r = run(args, work)
        if redirect is not None:
            with open(os.path.join(work, redirect), "w", encoding="utf-8") as f:
                f.write(r.stdout)
        expected = (0, 2) if name == "play" else (0,)
        check(r.returncode in expected, "line %d: %s (exit %d)" % (line, command, r.returncode), r.stdout + r.stderr)

    # ---- tables of a command's options ("| option of `play` | ...")
    for m in re.finditer(r"^\| option of `([a-z-]+)` \|.*?\n((?:\|.*\n)+)", guide, re.M):
        name = m.group(1)
        help_text = run([name, "--help"], work).stdout
        for option in re.findall(r"^\| `(--[a-z-]+)", m.group(2), re.M):
            check(re.search(r"(^|\s)" + re.escape(option) + r"\b", help_text, re.M) is not None,
                  "line %d: the table's %s %s exists" % (line_of(m.start()), name, option), help_text)

    # ---- stats --json has the figures the guide names
    m = re.search(r"`signaal-course stats --json PATH` \| prints figures about the course as JSON: ([^|]*)\|", guide)
    check(m is not None, "the guide says what stats --json prints")
    if m and example:
        r = run(["stats", "--json", "salon-basics"], work)
        for word in re.findall(r"[a-z]+", m.group(1).replace("and so on", "")):
            if word in ("and", "so", "on"):
                continue
            check('"%s"' % word in r.stdout, "stats --json has the %s the guide promises" % word, r.stdout[:400])

    # ---- the guide and the man page say the same about what validate checks
    page = re.search(r"^\.BI validate .*?\n(.*?)^\.TP", open(os.path.join(src, "app", "cli", "signaal-course.1"),
                                                              encoding="utf-8").read(), re.S | re.M)
    row = re.search(r"^\| `signaal-course validate PATH` \| (.*) \|$", guide, re.M)
    for topic, man_words, guide_words in (("ids", r"duplicate or dangling ids", r"no id twice"),
                                          ("the schema", r"schema", r"schema"),
                                          ("the limits", r"limits", r"limits")):
        check(page is not None and row is not None and re.search(man_words, page.group(1)) is not None
              and re.search(guide_words, row.group(1)) is not None,
              "the man page and the guide both say validate checks %s" % topic)

    # ---- the man page's commands exist
    man = open(os.path.join(src, "app", "cli", "signaal-course.1"), encoding="utf-8").read()
    commands_part = man[man.index(".SH COMMANDS"):man.index(".SH EXIT STATUS")]
    for name in sorted(set(re.findall(r"^\.TP\n\.BI? \"?([a-z][a-z-]+)", commands_part, re.M))):
        if name in ("signaal-course",):
            continue
        check(re.search(r"^  " + re.escape(name) + r"\b", known, re.M) is not None or name.startswith("-"),
              "the man page's command %s exists" % name)
finally:
    shutil.rmtree(work, ignore_errors=True)

print("guide: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
