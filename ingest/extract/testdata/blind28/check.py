#!/usr/bin/env python3
"""Consistency checker for blind28 gold files (does not run the extractor or score.py)."""
import json, re, glob, os, sys, subprocess
HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
src = open(VOCAB).read()
ETYPES = set(re.findall(r'EntityType = "(\w+)"', src))
RTYPES = set(re.findall(r'RelationType = "(\w+)"', src))
def norm(s):
    # same normalisation as the scorer uses to match surfaces (re-implemented here, not imported)
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s); s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()
def occurs(s, text):
    pat = r'(?<!\w)' + re.escape(s) + r'(?!\w)'
    return re.search(pat, text, re.I) is not None
errors = 0
def err(doc, msg):
    global errors; errors += 1; print(f"{doc}: {msg}")
rows = []
for gp in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
    g = json.load(open(gp))
    doc = g["document"]
    text = open(os.path.join(HERE, doc), encoding="utf-8").read()
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g: err(doc, f"missing key {k}")
    names = {}; surf = {}
    for e in g["entities"]:
        if e["type"] not in ETYPES: err(doc, f"bad entity type {e['type']} for {e['name']}")
        if e["name"] in names: err(doc, f"duplicate entity {e['name']}")
        names[e["name"]] = e
        for s in [e["name"]] + e["aliases"]:
            if not occurs(s, text): err(doc, f"surface not in text: {s!r}")
            k = norm(s)
            if k in surf and surf[k] != e["name"]: err(doc, f"surface {s!r} shared by {surf[k]} and {e['name']}")
            surf[k] = e["name"]
    for n in g["negatives"]:
        if not occurs(n, text): err(doc, f"negative not in text: {n!r}")
        if norm(n) in surf: err(doc, f"negative {n!r} is also a surface of {surf[norm(n)]}")
    seen = set()
    for r in g["relations"]:
        if r["type"] not in RTYPES: err(doc, f"bad relation type {r['type']}")
        for end in ("source", "target"):
            if r[end] not in names: err(doc, f"{end} not an entity: {r[end]!r}")
        if r["evidence"] not in text: err(doc, f"evidence not exact: {r['evidence']!r}")
        if "..." in r["evidence"] or "…" in r["evidence"]: err(doc, f"ellipsis in evidence {r['evidence']!r}")
        if r["core"] and not all(names.get(r[x], {}).get("core") for x in ("source", "target")):
            err(doc, f"core relation uses non-core entity: {r['source']} {r['type']} {r['target']}")
        if r["source"] == r["target"]: err(doc, f"self relation {r['source']}")
        t = (r["source"], r["type"], r["target"])
        if t in seen: err(doc, f"duplicate triple {t}")
        seen.add(t)
    words = len(text.split())
    if not 450 <= words <= 650: err(doc, f"word count {words} outside 450-650")
    ne = len(g["entities"]); nec = sum(e["core"] for e in g["entities"])
    nr = len(g["relations"]); nrc = sum(r["core"] for r in g["relations"])
    rows.append((doc, words, ne, nec, nr, nrc))
for r in rows:
    print("%-16s words=%d entities=%d (%d core) relations=%d (%d core)" % r)
print(f"{errors} errors")
sys.exit(1 if errors else 0)
