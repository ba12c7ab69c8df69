# SPDX-License-Identifier: CC-BY-SA-4.0
"""Safety rules of the bundled content, checked by playing it.

- Wherever strangulation comes up, the recommended path of a scenario (for every
  persona) and the best answers of a course reach advice to have a doctor look
  at it the same day, in Dutch and in English.
- Where a victim has children, the recommended path does the kindcheck.
- In the dental case, a path that reports after a disclosure scores higher than
  one that does not.
- In the school case, the best ending reports, and names the offence and
  Helpwanted.
- Guiami is Bonaire's advice point: it serves Bonaire only, and no text names it
  without naming Bonaire.
"""
import glob
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

TOOL = os.environ["SIGNAAL_COURSE"]
os.chdir(os.environ["SOURCE_DIR"])
NS = "{urn:signaal:course:1}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

failures = 0
passes = 0


def check(cond, message, detail=""):
    global failures, passes
    if cond:
        passes += 1
        print("ok - " + message)
    else:
        failures += 1
        print("not ok - " + message)
        if detail:
            print("    " + detail.replace("\n", "\n    "))


def play(path, *args):
    result = subprocess.run([TOOL, "play", *args, path], capture_output=True, text=True)
    return result.stdout + result.stderr


STRANGULATION = {
    "nl": re.compile(r"wurg|bij de keel|keel dicht", re.I),
    "en": re.compile(r"strangul|by the throat|squeezed (her|his|their|your) throat", re.I),
}
# A sentence that sends the person to a doctor on the same day.
MEDICAL_TODAY = {
    "nl": re.compile(r"[^.!?]*(arts|huisarts|spoedeisende hulp|medische beoordeling)[^.!?]*(vandaag|dezelfde dag)"
                     r"|[^.!?]*(vandaag|dezelfde dag)[^.!?]*(arts|huisarts|spoedeisende hulp|medische beoordeling)", re.I),
    "en": re.compile(r"[^.!?]*(doctor|GP|emergency department|medical assessment)[^.!?]*(today|same day|same-day)"
                     r"|[^.!?]*(today|same day|same-day)[^.!?]*(doctor|GP|emergency department|medical assessment)", re.I),
}


def personas(path):
    root = ET.parse(path).getroot()
    return [p.get("id") for p in root.iter(NS + "persona")]


scenarios = sorted(glob.glob("scenarios/*.xml"))
courses = sorted(glob.glob("content/*/course.xml"))

# 1. strangulation -> same-day medical assessment on the recommended path
for path in scenarios:
    for persona in personas(path):
        for lang in ("nl", "en"):
            out = play(path, "--best", "--persona", persona, "--lang", lang)
            if STRANGULATION[lang].search(out):
                check(MEDICAL_TODAY[lang].search(out) is not None,
                      "%s (%s, %s): strangulation comes up and the recommended path advises a doctor the same day"
                      % (path, persona, lang))
for path in courses:
    folder = os.path.dirname(path)
    for lang in ("nl", "en"):
        out = play(folder, "--best", "--lang", lang)
        if STRANGULATION[lang].search(out):
            check(MEDICAL_TODAY[lang].search(out) is not None,
                  "%s (%s): strangulation comes up and the best answers advise a doctor the same day" % (folder, lang))

# 2. the kindcheck where a victim has children
CHILDREN = {"nl": re.compile(r"\bde kinderen\b|\bmijn kinderen\b", re.I),
            "en": re.compile(r"\bthe kids\b|\bmy kids\b|\bmy children\b|\bthe children\b", re.I)}
kindcheck_cases = 0
for path in scenarios:
    root = ET.parse(path).getroot()
    for persona in root.iter(NS + "persona"):
        words = {lang: " ".join(w.text or "" for w in persona.iter(NS + "word") if w.get(XML_LANG) == lang)
                 for lang in ("nl", "en")}
        for lang in ("nl", "en"):
            if CHILDREN[lang].search(words[lang]):
                kindcheck_cases += 1
                out = play(path, "--best", "--persona", persona.get("id"), "--lang", lang)
                check("kindcheck" in out.lower(),
                      "%s (%s, %s): the victim has children and the recommended path does the kindcheck"
                      % (path, persona.get("id"), lang))
check(kindcheck_cases >= 2, "at least one bundled victim has children, in both languages (%d)" % kindcheck_cases)


def ending_score(out):
    m = re.search(r"=== .*\((?:score|score) (\d+)\) ===", out)
    return int(m.group(1)) if m else None


# 3. the dental case follows the meldcode's logic: after a disclosure a report scores higher
dental = "scenarios/dental-partner-in-the-room.xml"
best = ending_score(play(dental, "--best", "--lang", "en"))
# disclosure (trust >= 2), safe contact agreed, factual notes, consult; then at Veilig Thuis
# "unsure" and a follow-up without a report ...
unreported = ending_score(play(dental, "--choices", "1,1,1,1,1,1,1,1,2,1", "--lang", "en"))
# ... against the same disclosure reported without telling the patient first.
reported_untold = ending_score(play(dental, "--choices", "1,1,1,1,1,2,1,1,1,2", "--lang", "en"))
check(None not in (best, unreported, reported_untold) and best > reported_untold > unreported,
      "dental case: after a disclosure, reporting (%s, %s) scores above not reporting (%s)" % (best, reported_untold, unreported))

# 4. the school case: the best ending reports and names the offence and Helpwanted
school = "scenarios/school-dating-violence.xml"
for lang, words in (("nl", ["melding bij Veilig Thuis", "strafbaar", "Helpwanted", "aangifte"]),
                    ("en", ["report to Veilig Thuis", "criminal offence", "Helpwanted", "police"])):
    out = play(school, "--best", "--lang", lang)
    ending = out[out.find("=== "):] if "=== " in out else ""
    missing = [w for w in words if w.lower() not in ending.lower()]
    check(not missing and "score 100" in ending,
          "%s (%s): the best ending reports and names the offence and Helpwanted" % (school, lang),
          "missing: %s" % ", ".join(missing))

# 5. Guiami is Bonaire's advice point
helplines = ET.parse("content/helplines.xml").getroot()
for line in helplines.iter(NS + "helpline"):
    if line.get("id") == "guiami":
        check(line.get("region", "").split() == ["bonaire"], "Guiami serves Bonaire only in helplines.xml")
for path in courses + scenarios:
    root = ET.parse(path).getroot()
    for element in root.iter():
        if element.tag in (NS + "source",) or element.tag.endswith("}sources"):
            continue
        text = "".join(element.itertext()) if element.tag in (NS + "item", NS + "p", NS + "explanation",
                                                              NS + "feedback", NS + "text", NS + "debrief",
                                                              NS + "right", NS + "left", NS + "prompt") else ""
        if "Guiami" in text:
            check("Bonaire" in text, "%s: Guiami is named together with Bonaire: %s" % (path, text.strip()[:80]))

print("safety: %d passed, %d failed" % (passes, failures))
sys.exit(1 if failures else 0)
