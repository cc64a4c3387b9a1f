#!/usr/bin/env python3
"""Consistency checker for test set 31 gold files (run from anywhere).

Checks, per document: every entity name, alias and negative occurs in the text
case-insensitively at word boundaries; every evidence string occurs exactly; every
relation endpoint is an entity; no core relation uses a non-core entity; no surface
form (normalised as score.py does, and lower-cased) is shared by two entities or by an
entity and a negative; entity and relation types are those of graph/vocab.go; no
duplicate (source, type, target) triple; 450-650 words. Prints counts and errors.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = os.path.join(HERE, '..', '..', '..', 'graph', 'vocab.go')
DOCS = ['mashreq', 'assemblee', 'senate', 'abstracts', 'circular']

def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'\w+\s+EntityType = "(\w+)"', src))
    rels = set(re.findall(r'\w+\s+RelationType = "(\w+)"', src))
    assert ents and rels
    return ents, rels

def norm(s):  # as in /work/shared/eval/score.py
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s

def occurs(s, text):
    return re.search(r'(?<!\w)' + re.escape(s) + r'(?!\w)', text, re.I) is not None

def main():
    ent_types, rel_types = vocab()
    total_err = 0
    rows = []
    for d in DOCS:
        errs = []
        text = open(os.path.join(HERE, d + '.txt')).read()
        g = json.load(open(os.path.join(HERE, d + '.gold.json')))
        if g.get('document') != d + '.txt':
            errs.append('document field')
        words = len(text.split())
        if not 450 <= words <= 650:
            errs.append(f'word count {words}')
        names = {}
        surf = {}
        for e in g['entities']:
            if e['type'] not in ent_types:
                errs.append(f"entity type {e['type']} ({e['name']})")
            if e['name'] in names:
                errs.append(f"duplicate entity {e['name']}")
            names[e['name']] = e
            if not isinstance(e.get('core'), bool):
                errs.append(f"core flag {e['name']}")
            for s in [e['name']] + e.get('aliases', []):
                if not occurs(s, text):
                    errs.append(f"surface not in text: {s!r} ({e['name']})")
                for k in {norm(s), s.lower()}:
                    if k in surf and surf[k] != e['name']:
                        errs.append(f"surface {s!r} shared by {e['name']} and {surf[k]}")
                    surf[k] = e['name']
        for n in g.get('negatives', []):
            if not occurs(n, text):
                errs.append(f"negative not in text: {n!r}")
            for k in {norm(n), n.lower()}:
                if k in surf:
                    errs.append(f"negative {n!r} equals a surface of {surf[k]}")
        seen = set()
        for r in g['relations']:
            tag = f"{r['source']} {r['type']} {r['target']}"
            if r['type'] not in rel_types:
                errs.append(f"relation type: {tag}")
            for end in (r['source'], r['target']):
                if end not in names:
                    errs.append(f"endpoint not an entity: {end!r} in {tag}")
            if r.get('core') and any(names.get(x, {}).get('core') is False for x in (r['source'], r['target'])):
                errs.append(f"core relation on non-core entity: {tag}")
            if r['source'] == r['target']:
                errs.append(f"self relation: {tag}")
            ev = r.get('evidence', '')
            if not ev or ev not in text:
                errs.append(f"evidence not in text: {tag}: {ev!r}")
            if '...' in ev or '\u2026' in ev:
                errs.append(f"ellipsis in evidence: {tag}")
            key = (r['source'], r['type'], r['target'])
            if key in seen:
                errs.append(f"duplicate triple: {tag}")
            seen.add(key)
        ne = len(g['entities']); nec = sum(e['core'] for e in g['entities'])
        nr = len(g['relations']); nrc = sum(bool(r['core']) for r in g['relations'])
        rows.append((d, words, ne, nec, nr, nrc, len(g.get('negatives', []))))
        for x in errs:
            print(f"{d}: ERROR {x}")
        total_err += len(errs)
    print(f"{'document':10} words entities(core) relations(core) negatives")
    for d, w, ne, nec, nr, nrc, nn in rows:
        print(f"{d:10} {w:5} {ne:3} ({nec:2})        {nr:3} ({nrc:2})        {nn}")
    t = [sum(x[i] for x in rows) for i in range(1, 7)]
    print(f"{'total':10} {t[0]:5} {t[1]:3} ({t[2]:3})       {t[3]:3} ({t[4]:3})        {t[5]}")
    print(f"{total_err} errors")
    return 1 if total_err else 0

sys.exit(main())
