#!/usr/bin/env python3
"""Consistency checker for set 27 gold files. usage: check_gold.py [DIR]"""
import json, re, sys, glob, os
D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
src = open(VOCAB).read()
ETYPES = set(re.findall(r'^\s*\w+\s+EntityType = "(\w+)"', src, re.M))
RTYPES = set(re.findall(r'^\s*\w+\s+RelationType = "(\w+)"', src, re.M))
assert ETYPES and RTYPES

def norm(s):  # as in score.py
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s); s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()

def occurs(text, s):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I) is not None

total = 0
for gp in sorted(glob.glob(os.path.join(D, "*.gold.json"))):
    errs = []
    g = json.load(open(gp))
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g: errs.append(f"missing key {k}")
    text = open(os.path.join(D, g["document"])).read()
    names = {}
    surf = {}
    for e in g["entities"]:
        if e["type"] not in ETYPES: errs.append(f"bad entity type {e}")
        if e["name"] in names: errs.append(f"duplicate entity {e['name']}")
        names[e["name"]] = e
        if not isinstance(e.get("core"), bool): errs.append(f"core not bool {e['name']}")
        for s in [e["name"]] + e["aliases"]:
            if not occurs(text, s): errs.append(f"surface not in text: {s!r} ({e['name']})")
            n = norm(s)
            if n in surf and surf[n] != e["name"]: errs.append(f"surface {s!r} shared by {surf[n]} and {e['name']}")
            surf[n] = e["name"]
    for s in g["negatives"]:
        if not occurs(text, s): errs.append(f"negative not in text: {s!r}")
        if norm(s) in surf: errs.append(f"negative {s!r} equals surface of entity {surf[norm(s)]}")
    seen = set()
    for r in g["relations"]:
        if r["type"] not in RTYPES: errs.append(f"bad relation type {r['type']}")
        for end in ("source", "target"):
            if r[end] not in names: errs.append(f"endpoint not an entity: {r[end]!r}")
        if r["evidence"] not in text: errs.append(f"evidence not exact: {r['evidence']!r}")
        if r["source"] == r["target"]: errs.append(f"self relation {r}")
        if r.get("core") and r["source"] in names and r["target"] in names:
            for end in ("source", "target"):
                if not names[r[end]]["core"]: errs.append(f"core relation uses non-core entity {r[end]}: {r['source']} {r['type']} {r['target']}")
        key = (r["source"], r["type"], r["target"])
        if key in seen: errs.append(f"duplicate relation {key}")
        seen.add(key)
    used = {r["source"] for r in g["relations"]} | {r["target"] for r in g["relations"]}
    words = len(text.split())
    ne, nec = len(g["entities"]), sum(e["core"] for e in g["entities"])
    nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
    print(f"{os.path.basename(gp)}: {words} words, {ne} entities ({nec} core), {nr} relations ({nrc} core), "
          f"{len(g['negatives'])} negatives, unused core entities: {sorted(n for n in names if names[n]['core'] and n not in used)}")
    if not 450 <= words <= 650: errs.append(f"word count {words} outside 450-650")
    for e in errs: print("  ERROR", e)
    total += len(errs)
print("total errors:", total)
