#!/usr/bin/env python3
"""Consistency checker for blind26 gold files. usage: python3 check.py [DIR]"""
import glob, json, os, re, sys

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
src = open(VOCAB).read()
ETYPES = set(re.findall(r'EntityType = "(\w+)"', src))
RTYPES = set(re.findall(r'RelationType = "(\w+)"', src))
assert ETYPES and RTYPES

def norm(s):  # same normalisation as the scorer
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()

def occurs(s, text):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I) is not None

total_err = 0
rows = []
for gp in sorted(glob.glob(os.path.join(D, "*.gold.json"))):
    errs = []
    g = json.load(open(gp))
    tp = os.path.join(D, g["document"])
    text = open(tp).read()
    ents = {}
    for e in g["entities"]:
        if e["name"] in ents: errs.append(f"duplicate entity {e['name']}")
        ents[e["name"]] = e
        if e["type"] not in ETYPES: errs.append(f"bad entity type {e['type']} for {e['name']}")
        if not isinstance(e.get("core"), bool): errs.append(f"core not bool: {e['name']}")
        for s in [e["name"]] + e.get("aliases", []):
            if not occurs(s, text): errs.append(f"surface not in text: {s!r} ({e['name']})")
    for n in g.get("negatives", []):
        if not occurs(n, text): errs.append(f"negative not in text: {n!r}")
    # shared surface forms
    owner = {}
    for e in g["entities"]:
        for s in [e["name"]] + e.get("aliases", []):
            for k in {s.lower(), norm(s)}:
                if k in owner and owner[k] != e["name"]:
                    errs.append(f"surface {s!r} shared by {owner[k]} and {e['name']}")
                owner.setdefault(k, e["name"])
    for n in g.get("negatives", []):
        for k in {n.lower(), norm(n)}:
            if k in owner: errs.append(f"negative {n!r} equals surface of entity {owner[k]}")
    seen = set()
    for r in g["relations"]:
        tag = f"{r['source']} {r['type']} {r['target']}"
        if r["type"] not in RTYPES: errs.append(f"bad relation type: {tag}")
        for end in (r["source"], r["target"]):
            if end not in ents: errs.append(f"endpoint not an entity: {end!r} in {tag}")
        if r["source"] == r["target"]: errs.append(f"self relation: {tag}")
        if not isinstance(r.get("core"), bool): errs.append(f"core not bool: {tag}")
        if r.get("core") and any(end in ents and not ents[end]["core"] for end in (r["source"], r["target"])):
            errs.append(f"core relation with non-core entity: {tag}")
        ev = r.get("evidence", "")
        if not ev or ev not in text: errs.append(f"evidence not exact substring: {tag}: {ev!r}")
        if "..." in ev or "\u2026" in ev: errs.append(f"ellipsis in evidence: {tag}")
        key = (r["source"], r["type"], r["target"], ev)
        if key in seen: errs.append(f"duplicate relation: {tag}")
        seen.add(key)
    words = len(text.split())
    ne, nec = len(ents), sum(e["core"] for e in ents.values())
    nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
    rows.append((g["document"], words, ne, nec, nr, nrc, len(g.get("negatives", []))))
    for e in errs: print(f"{os.path.basename(gp)}: {e}")
    total_err += len(errs)

print("document            words  entities(core)  relations(core)  negatives")
for d, w, ne, nec, nr, nrc, nn in rows:
    print(f"{d:18s} {w:6d}  {ne:4d} ({nec:3d})      {nr:4d} ({nrc:3d})      {nn:3d}")
t = [sum(x[i] for x in rows) for i in range(1, 7)]
print(f"{'total':18s} {t[0]:6d}  {t[1]:4d} ({t[2]:3d})      {t[3]:4d} ({t[4]:3d})      {t[5]:3d}")
print(f"{total_err} errors")
sys.exit(1 if total_err else 0)
