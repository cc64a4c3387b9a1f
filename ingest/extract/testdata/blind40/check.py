#!/usr/bin/env python3
"""Consistency checker for test set 40 (run from anywhere: python3 check.py).

Checks, for every <name>.gold.json next to this script and its <name>.txt:
  - names, aliases and negatives occur in the document, case-insensitively, at word boundaries;
  - every evidence string occurs in the document exactly;
  - every relation endpoint is an entity of the file; no core relation uses a non-core entity;
  - no surface form (normalised as the scorer normalises names) belongs to two entities, or to
    an entity and a negative;
  - entity and relation types are those declared in graph/vocab.go;
  - no duplicate triple (symmetric types read in either direction) with the same evidence;
  - the document has 450-650 words (as wc -w counts them).
Prints one line per error and a summary with counts per document.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"

src = open(VOCAB).read()
ENT_TYPES = set(re.findall(r'^\s*\w+\s+EntityType\s*=\s*"(\w+)"', src, re.M))
REL_TYPES = set(re.findall(r'^\s*\w+\s+RelationType\s*=\s*"(\w+)"', src, re.M))
SYMMETRIC = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH", "MENTIONED_WITH"}
assert ENT_TYPES and REL_TYPES, "could not read vocab.go"


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(surface, text):
    pat = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    return re.search(pat, text, re.I) is not None


errors = 0
rows = []


def err(f, msg):
    global errors
    errors += 1
    print(f"{f}: {msg}")


for gp in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
    f = os.path.basename(gp)
    g = json.load(open(gp))
    dp = os.path.join(HERE, g.get("document", ""))
    if not os.path.exists(dp):
        err(f, f"document {g.get('document')} missing")
        continue
    text = open(dp, encoding="utf-8").read()
    words = len(text.split())
    if not 450 <= words <= 650:
        err(f, f"document has {words} words (want 450-650)")
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g:
            err(f, f"missing key {k}")
    ents = {}
    surf = {}
    for e in g["entities"]:
        n = e["name"]
        if n in ents:
            err(f, f"duplicate entity {n}")
        ents[n] = e
        if e["type"] not in ENT_TYPES:
            err(f, f"entity {n}: type {e['type']} not in vocab")
        if not isinstance(e.get("core"), bool):
            err(f, f"entity {n}: core not boolean")
        for s in [n] + e.get("aliases", []):
            if not occurs(s, text):
                err(f, f"entity {n}: surface {s!r} not in document")
            k = norm(s)
            if k in surf and surf[k] != n:
                err(f, f"surface {s!r} shared by {surf[k]} and {n}")
            surf.setdefault(k, n)
    for s in g["negatives"]:
        if not occurs(s, text):
            err(f, f"negative {s!r} not in document")
        if norm(s) in surf:
            err(f, f"negative {s!r} is also a surface of entity {surf[norm(s)]}")
    seen = set()
    for r in g["relations"]:
        s, t, o = r["source"], r["type"], r["target"]
        tag = f"{s} {t} {o}"
        if t not in REL_TYPES:
            err(f, f"relation {tag}: type not in vocab")
        for x in (s, o):
            if x not in ents:
                err(f, f"relation {tag}: endpoint {x!r} is not an entity")
        if s == o:
            err(f, f"relation {tag}: self-loop")
        if not isinstance(r.get("core"), bool):
            err(f, f"relation {tag}: core not boolean")
        if r.get("core") and any(x in ents and not ents[x]["core"] for x in (s, o)):
            err(f, f"relation {tag}: core relation uses a non-core entity")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            err(f, f"relation {tag}: evidence not an exact substring: {ev!r}")
        if "..." in ev or "\u2026" in ev:
            err(f, f"relation {tag}: ellipsis in evidence")
        if "properties" in r and not isinstance(r["properties"], dict):
            err(f, f"relation {tag}: properties not an object")
        key = (min(s, o), t, max(s, o)) if t in SYMMETRIC else (s, t, o)
        if (key, ev) in seen:
            err(f, f"relation {tag}: duplicate with same evidence")
        seen.add((key, ev))
    ne, nec = len(g["entities"]), sum(e["core"] for e in g["entities"])
    nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
    rows.append((g["document"], words, ne, nec, nr, nrc, len(g["negatives"])))

print()
print(f"{'document':22} {'words':>5} {'entities (core)':>16} {'relations (core)':>17} {'negatives':>9}")
tot = [0] * 6
for d, w, ne, nec, nr, nrc, nn in rows:
    print(f"{d:22} {w:5} {ne:9} ({nec:3}) {nr:10} ({nrc:3}) {nn:9}")
    for i, v in enumerate((w, ne, nec, nr, nrc, nn)):
        tot[i] += v
print(f"{'total':22} {tot[0]:5} {tot[1]:9} ({tot[2]:3}) {tot[3]:10} ({tot[4]:3}) {tot[5]:9}")
print(f"\n{errors} errors")
sys.exit(1 if errors else 0)
