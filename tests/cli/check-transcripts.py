# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the transcripts of play --all-paths --transcript against the scenario file.

check-transcripts.py FOLDER SCENARIO.xml LANG [--per-path]

For every persona, the transcripts together show every node with its text (the
persona's words in place), every choice taken at every node, and every ending with
its debrief; the index names, for each ending, a number of paths and a transcript
that shows it. With --per-path: one transcript per path, and every choice offered on
a path leads to a written path. Prints one line per persona, then the problems;
exits 1 when there are any.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {'s': 'urn:signaal:course:1'}
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
ID = r'[A-Za-z0-9._-]+'


def text_of(element, tag, lang):
    for child in element.findall('s:' + tag, NS):
        if child.get(XML_LANG) == lang:
            return ' '.join(''.join(child.itertext()).split())
    return None


def pattern(template):
    """The rendered form of a text: any value in place of each {placeholder},
    any run of white space for a run of white space."""
    regex = []
    for k, part in enumerate(re.split(r'\{[A-Za-z0-9_-]+\}', template)):
        if k:
            regex.append(r'.+?')
        regex += [r'\s+' if chunk.isspace() else re.escape(chunk) for chunk in re.split(r'(\s+)', part) if chunk]
    return re.compile(''.join(regex) + '$', re.S)


def read_transcript(text):
    """The node texts shown (id, text), the choices taken (node id, choice id),
    the choices offered before each one taken, the ending and its debrief."""
    shown, taken, offered = [], [], []
    current, choices = None, []
    ending = debrief = None
    lines = text.split('\n')
    for i, line in enumerate(lines):
        node = re.match(r'^(%s): \[[^\]]*\] (.*)$' % ID, line)
        if node:
            current = node.group(1)
            shown.append((current, ' '.join(node.group(2).split())))
            choices = []
            continue
        offer = re.match(r'^  \d+\. .* \((%s)\)$' % ID, line)
        if offer:
            choices.append(offer.group(1))
            continue
        took = re.match(r'^> \d+ \((%s)\)$' % ID, line)
        if took:
            taken.append((current, took.group(1)))
            offered.append(choices)
            continue
        end = re.match(r'^=== \S+: .* \((%s), score \d+\) ===$' % ID, line)
        if end:
            ending = end.group(1)
            debrief = ' '.join('\n'.join(lines[i + 1:]).split('\n\n')[0].split())
    return shown, taken, offered, ending, debrief


def main():
    folder, scenario_file, lang = sys.argv[1:4]
    per_path = '--per-path' in sys.argv[4:]
    root = ET.parse(scenario_file).getroot()
    sid = root.get('id')
    personas = [p.get('id') for p in root.findall('s:persona', NS)]
    nodes = {n.get('id'): n for n in root.findall('s:node', NS)}
    endings = {e.get('id'): e for e in root.findall('s:ending', NS)}
    problems = []

    index_file = os.path.join(folder, f'{sid}.{lang}.index.txt')
    index = open(index_file, encoding='utf-8').read() if os.path.exists(index_file) else ''
    if not index:
        problems.append(f'no index {index_file}')
    sections = re.split(r'^\n', index, flags=re.M)

    for persona in personas:
        names = sorted(n for n in os.listdir(folder)
                       if re.fullmatch(r'%s\.%s\.%s\.(path|cover)-\d{3}\.txt' % (re.escape(sid), re.escape(persona), lang), n))
        kinds = {re.search(r'\.(path|cover)-', n).group(1) for n in names}
        if not names:
            problems.append(f'{persona}: no transcripts')
            continue
        if per_path and kinds != {'path'}:
            problems.append(f'{persona}: not one transcript per path ({sorted(kinds)})')
        shown, taken, ends, paths = set(), set(), {}, {}
        for name in names:
            text = open(os.path.join(folder, name), encoding='utf-8').read()
            header = re.search(r'\((%s)\),' % ID, text.split('\n')[1])
            if not header or header.group(1) != persona:
                problems.append(f'{name}: the second line does not name the persona {persona}')
            if re.search(r'\{[A-Za-z0-9_-]+\}', text):
                problems.append(f'{name}: a placeholder was not substituted')
            s, t, offered, ending, debrief = read_transcript(text)
            path = tuple(re.search(r'^\S+: (.*)$', text.split('\n')[3]).group(1).split(','))
            if tuple(c for _, c in t) != tuple(c for c in path if c):
                problems.append(f'{name}: the choices taken {t} are not the path {path}')
            if ending is None:
                problems.append(f'{name}: no ending and debrief')
            shown |= set(s)
            taken |= set(t)
            ends.setdefault(ending, (name, debrief))
            paths[path] = offered
        for nid, node in nodes.items():
            expected = pattern(text_of(node, 'text', lang))
            if not any(n == nid and expected.match(t) for n, t in shown):
                problems.append(f'{persona}: no transcript shows the node {nid} with its text')
            for choice in node.findall('s:choice', NS):
                if (nid, choice.get('id')) not in taken:
                    problems.append(f'{persona}: no transcript takes the choice {choice.get("id")} at {nid}')
        for eid, ending in endings.items():
            if eid not in ends:
                problems.append(f'{persona}: no transcript reaches the ending {eid}')
            elif not pattern(text_of(ending, 'debrief', lang)).match(ends[eid][1]):
                problems.append(f'{persona}: {ends[eid][0]} does not show the debrief of {eid}: {ends[eid][1]!r}')
        # the index: for each ending, the paths that reach it and a transcript that shows it
        section = next((s for s in sections if re.search(r'\(%s\)' % re.escape(persona), s.split('\n')[0])), '')
        total = 0
        for eid in endings:
            line = re.search(r'^  \S+ %s \(.*\): (\d+) \S+; .*?(%s\.txt)?$' % (re.escape(eid), ID), section, re.M)
            if not line:
                problems.append(f'{persona}: the index has no line for the ending {eid}')
                continue
            total += int(line.group(1))
            if line.group(2) is None or ends.get(eid, (None,))[0] is None:
                problems.append(f'{persona}: the index names no transcript for the ending {eid}')
            elif line.group(2) not in names or read_transcript(
                    open(os.path.join(folder, line.group(2)), encoding='utf-8').read())[3] != eid:
                problems.append(f'{persona}: the index names {line.group(2)} for {eid}, which does not show it')
        if per_path:
            if total != len(names):
                problems.append(f'{persona}: the index counts {total} paths, but there are {len(names)} transcripts')
            prefixes = {p[:k] for p in paths for k in range(len(p) + 1)}
            for p, offered in paths.items():
                for k, choices in enumerate(offered):
                    for c in choices:
                        if p[:k] + (c,) not in prefixes:
                            problems.append(f'{persona}: after {p[:k]} the choice {c} was offered but no transcript takes it')
        print(f'{persona}: {len(names)} transcripts ({"/".join(sorted(kinds))}) for {total} paths')
    for p in problems[:30]:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
