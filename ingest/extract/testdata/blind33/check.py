#!/usr/bin/env python3
"""Consistency checker for blind33 gold files (run from anywhere; no arguments).

Checks, per document: every entity name, alias and negative occurs in the text
case-insensitively at word boundaries; every evidence string occurs exactly; every
relation endpoint is a gold entity; no core relation uses a non-core entity; no surface
form (compared case-insensitively and after score.py-style normalisation) is shared by two
entities or by an entity and a negative; entity and relation types are in graph/vocab.go;
no duplicate (source, type, target, evidence) rows; word count within 450-650.
Prints per-document counts and the number of errors.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
DOCS = ["businessdaily", "panel", "lcnote", "casenote", "clientalert"]

src = open(VOCAB).read()
ENT_TYPES = set(re.findall(r'^\s*\w+\s+EntityType\s*=\s*"(\w+)"', src, re.M))
REL_TYPES = set(re.findall(r'^\s*\w+\s+RelationType\s*=\s*"(\w+)"', src, re.M))
assert len(ENT_TYPES) == 7 and len(REL_TYPES) == 20, (ENT_TYPES, REL_TYPES)

def norm(s):  # same normalisation as the scorer's surface matching
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()

def occurs(s, text):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I) is not None

errors = 0
def err(doc, msg):
    global errors
    errors += 1
    print(f"ERROR {doc}: {msg}")

rows = []
for d in DOCS:
    text = open(os.path.join(HERE, d + ".txt"), encoding="utf-8").read()
    g = json.load(open(os.path.join(HERE, d + ".gold.json"), encoding="utf-8"))
    if g.get("document") != d + ".txt":
        err(d, "document field is %r" % g.get("document"))
    words = len(text.split())
    if not 450 <= words <= 650:
        err(d, f"word count {words} outside 450-650")
    ents = {}
    surface = {}
    for e in g["entities"]:
        if set(e) != {"name", "type", "aliases", "core"}:
            err(d, f"entity keys {sorted(e)}")
        if e["name"] in ents:
            err(d, f"duplicate entity {e['name']}")
        ents[e["name"]] = e
        if e["type"] not in ENT_TYPES:
            err(d, f"entity type {e['type']} of {e['name']}")
        for s in [e["name"]] + e["aliases"]:
            if not occurs(s, text):
                err(d, f"surface {s!r} ({e['name']}) not in text")
            for k in {s.lower(), norm(s)}:
                if k in surface and surface[k] != e["name"]:
                    err(d, f"surface {s!r} shared by {surface[k]} and {e['name']}")
                surface[k] = e["name"]
    for n in g["negatives"]:
        if not occurs(n, text):
            err(d, f"negative {n!r} not in text")
        for k in {n.lower(), norm(n)}:
            if k in surface:
                err(d, f"negative {n!r} equals a surface form of {surface[k]}")
    seen = set()
    for r in g["relations"]:
        for k in ("source", "type", "target", "core", "evidence"):
            if k not in r:
                err(d, f"relation missing {k}: {r}")
        if r["type"] not in REL_TYPES:
            err(d, f"relation type {r['type']}")
        for end in (r["source"], r["target"]):
            if end not in ents:
                err(d, f"endpoint {end!r} is not an entity")
            elif r["core"] and not ents[end]["core"]:
                err(d, f"core relation {r['source']} {r['type']} {r['target']} uses non-core {end}")
        if r["source"] == r["target"]:
            err(d, f"self relation {r}")
        if r["evidence"] not in text:
            err(d, f"evidence not in text: {r['evidence']!r}")
        key = (r["source"], r["type"], r["target"], r["evidence"])
        if key in seen:
            err(d, f"duplicate relation {key}")
        seen.add(key)
    ne, nec = len(ents), sum(e["core"] for e in ents.values())
    nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
    trip = {(r["source"], r["type"], r["target"]) for r in g["relations"]}
    rows.append((d, words, ne, nec, nr, nrc, len(trip), len(g["negatives"])))

print(f"{'document':14} {'words':>5} {'ents':>5} {'core':>5} {'rels':>5} {'core':>5} {'triples':>7} {'negs':>5}")
for row in rows:
    print(f"{row[0]:14} {row[1]:5} {row[2]:5} {row[3]:5} {row[4]:5} {row[5]:5} {row[6]:7} {row[7]:5}")
tot = [sum(r[i] for r in rows) for i in range(1, 8)]
print(f"{'total':14} " + " ".join(f"{t:{w}}" for t, w in zip(tot, [5, 5, 5, 5, 5, 7, 5])))
print(f"{errors} errors")
sys.exit(1 if errors else 0)
