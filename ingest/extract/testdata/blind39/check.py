#!/usr/bin/env python3
"""Consistency checker for test set 39 gold files (run from anywhere).

Checks, per document: every entity name, alias and negative occurs in the text
case-insensitively at word boundaries; every evidence string occurs exactly; every
relation endpoint is an entity; no core relation uses a non-core entity; no surface form
is shared by two entities or by an entity and a negative; entity and relation types are
in graph/vocab.go; no duplicate relation rows; word count 450-650.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"

def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'^\s*\w+\s+EntityType = "(\w+)"', src, re.M))
    rels = set(re.findall(r'^\s*\w+\s+RelationType = "(\w+)"', src, re.M))
    return ents, rels

def occurs(text, s):
    pat = r'(?<![\w])' + re.escape(s) + r'(?![\w])'
    return re.search(pat, text, re.I) is not None

def main():
    etypes, rtypes = vocab()
    assert etypes and rtypes, "could not read vocab"
    total = 0
    golds = sorted(glob.glob(os.path.join(HERE, "*.gold.json")))
    for gp in golds:
        g = json.load(open(gp))
        doc = g["document"]
        text = open(os.path.join(HERE, doc)).read()
        errs = []
        words = len(text.split())
        if not 450 <= words <= 650:
            errs.append(f"word count {words} outside 450-650")
        names = {}
        core = {}
        surf = {}
        for e in g["entities"]:
            n = e["name"]
            if n in names:
                errs.append(f"duplicate entity {n!r}")
            names[n] = e
            core[n] = bool(e.get("core"))
            if e["type"] not in etypes:
                errs.append(f"entity {n!r}: type {e['type']!r} not in vocab")
            for s in [n] + e.get("aliases", []):
                if not occurs(text, s):
                    errs.append(f"entity {n!r}: surface {s!r} not in text")
                k = s.lower()
                if k in surf and surf[k] != n:
                    errs.append(f"surface {s!r} shared by {surf[k]!r} and {n!r}")
                surf[k] = n
        for s in g.get("negatives", []):
            if not occurs(text, s):
                errs.append(f"negative {s!r} not in text")
            if s.lower() in surf:
                errs.append(f"negative {s!r} is also a surface of entity {surf[s.lower()]!r}")
        seen = set()
        for r in g["relations"]:
            tag = f"{r['source']} {r['type']} {r['target']}"
            if r["type"] not in rtypes:
                errs.append(f"{tag}: type not in vocab")
            for end in (r["source"], r["target"]):
                if end not in names:
                    errs.append(f"{tag}: endpoint {end!r} is not an entity")
            if r.get("core") and not (core.get(r["source"]) and core.get(r["target"])):
                errs.append(f"{tag}: core relation uses a non-core entity")
            if r["evidence"] not in text:
                errs.append(f"{tag}: evidence not found exactly: {r['evidence']!r}")
            if r["source"] == r["target"]:
                errs.append(f"{tag}: self relation")
            key = (r["source"], r["type"], r["target"], r["evidence"])
            if key in seen:
                errs.append(f"{tag}: duplicate row")
            seen.add(key)
        ne, nec = len(g["entities"]), sum(core.values())
        nr, nrc = len(g["relations"]), sum(1 for r in g["relations"] if r.get("core"))
        print(f"{doc:20s} words={words:4d} entities={ne} ({nec} core) relations={nr} ({nrc} core) negatives={len(g.get('negatives', []))} errors={len(errs)}")
        for e in errs:
            print("   ERROR:", e)
        total += len(errs)
    print(f"TOTAL errors: {total} in {len(golds)} gold files")
    sys.exit(1 if total else 0)

main()
