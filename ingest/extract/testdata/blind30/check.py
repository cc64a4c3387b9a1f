#!/usr/bin/env python3
"""Consistency checker for test set 30 gold files (written for this set; does not use the extractor).

Checks, per <doc>.gold.json beside <doc>.txt:
  - every entity name, alias and negative occurs in the document (case-insensitive, word boundaries)
  - every evidence string occurs in the document exactly
  - every relation endpoint is an entity name; no self-relations
  - no core relation uses a non-core entity
  - no surface form (case-insensitive, and after score.py-style normalisation) is shared by two
    entities or by an entity and a negative
  - every entity type and relation type is in graph/vocab.go
  - no duplicate relation triple (symmetric types compared unordered)
Prints counts per document and the total number of errors.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
SYMMETRIC = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH", "MENTIONED_WITH"}

def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'EntityType = "([A-Za-z]+)"', src))
    rels = set(re.findall(r'RelationType = "([A-Z_]+)"', src))
    return ents, rels

def norm(s):  # same normalisation idea as the scorer (re-implemented, scorer not run)
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()

def occurs(text, s):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I) is not None

def check(gold_path, etypes, rtypes):
    errs = []
    g = json.load(open(gold_path))
    doc = os.path.join(HERE, g["document"])
    text = open(doc, encoding="utf-8").read()
    names = {}
    surf = {}
    for e in g["entities"]:
        if e["type"] not in etypes:
            errs.append(f"entity type {e['type']!r} of {e['name']!r} not in vocab")
        if e["name"] in names:
            errs.append(f"duplicate entity {e['name']!r}")
        names[e["name"]] = e
        for s in [e["name"]] + e.get("aliases", []):
            if not occurs(text, s):
                errs.append(f"surface {s!r} ({e['name']}) not in document")
            clash = {surf[k] for k in (("lc", s.lower()), ("norm", norm(s))) if k in surf and surf[k] != e["name"]}
            for c in sorted(clash):
                errs.append(f"surface {s!r} shared by {c!r} and {e['name']!r}")
            surf.setdefault(("lc", s.lower()), e["name"])
            surf.setdefault(("norm", norm(s)), e["name"])
    for n in g.get("negatives", []):
        if not occurs(text, n):
            errs.append(f"negative {n!r} not in document")
        hits = {surf[k] for k in (("lc", n.lower()), ("norm", norm(n))) if k in surf}
        for h in sorted(hits):
            errs.append(f"negative {n!r} shares surface with entity {h!r}")
    seen = set()
    for r in g["relations"]:
        tag = f"{r['source']} {r['type']} {r['target']}"
        if r["type"] not in rtypes:
            errs.append(f"relation type not in vocab: {tag}")
        for end in (r["source"], r["target"]):
            if end not in names:
                errs.append(f"endpoint {end!r} not an entity: {tag}")
            elif r.get("core") and not names[end].get("core"):
                errs.append(f"core relation uses non-core entity {end!r}: {tag}")
        if r["source"] == r["target"]:
            errs.append(f"self relation: {tag}")
        if r["evidence"] not in text:
            errs.append(f"evidence not exact in document: {tag}: {r['evidence']!r}")
        key = (r["type"],) + (tuple(sorted((r["source"], r["target"]))) if r["type"] in SYMMETRIC else (r["source"], r["target"]))
        if key in seen:
            errs.append(f"duplicate triple: {tag}")
        seen.add(key)
        for f in ("source", "type", "target", "core", "evidence"):
            if f not in r:
                errs.append(f"relation missing {f}: {tag}")
    words = len(text.split())
    ne, nec = len(g["entities"]), sum(1 for e in g["entities"] if e.get("core"))
    nr, nrc = len(g["relations"]), sum(1 for r in g["relations"] if r.get("core"))
    return errs, (g["document"], words, ne, nec, nr, nrc, len(g.get("negatives", [])))

def main():
    etypes, rtypes = vocab()
    total = 0
    rows = []
    for p in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        errs, row = check(p, etypes, rtypes)
        rows.append(row)
        for e in errs:
            print(f"{os.path.basename(p)}: {e}")
        total += len(errs)
    print(f"{'document':<20} {'words':>5} {'entities (core)':>16} {'relations (core)':>17} {'negatives':>9}")
    T = [0] * 6
    for d, w, ne, nec, nr, nrc, nn in rows:
        print(f"{d:<20} {w:>5} {ne:>9} ({nec:>3}) {nr:>10} ({nrc:>3}) {nn:>9}")
        for i, v in enumerate((w, ne, nec, nr, nrc, nn)):
            T[i] += v
    print(f"{'total':<20} {T[0]:>5} {T[1]:>9} ({T[2]:>3}) {T[3]:>10} ({T[4]:>3}) {T[5]:>9}")
    print(f"{total} errors")
    return 1 if total else 0

if __name__ == "__main__":
    sys.exit(main())
