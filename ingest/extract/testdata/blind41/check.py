#!/usr/bin/env python3
"""Consistency checker for test set 41 (gold files only; never runs the extractor).

usage: python3 check.py            (from any directory)

Checks, per <name>.gold.json against <name>.txt:
  - JSON shape: document, about, entities, negatives, relations; core is a bool
  - every entity name, alias and negative occurs in the document, case-insensitively,
    at word boundaries
  - every evidence string occurs in the document exactly (case-sensitive)
  - every relation endpoint is an entity name
  - no core relation uses a non-core entity
  - no surface form (compared raw-lowercased and as normalised by score.py's rule) is
    shared by two entities, or by an entity and a negative; no duplicate entity names
  - every entity type and relation type is in graph/vocab.go
  - no relation from an entity to itself; properties, when present, are an object
  - document length 450-650 words (wc -w style: whitespace-separated tokens)
Prints each error and a summary line; exit status 1 if any error.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
DOCS = ["thaidaily", "crp", "fueltrack", "exilenews", "amlo"]


def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'EntityType\s*=\s*"([A-Za-z]+)"', src))
    rels = set(re.findall(r'RelationType\s*=\s*"([A-Z_]+)"', src))
    return ents, rels


def norm(s):  # same rule as /work/shared/eval/score.py (copied, not imported or run)
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(text, s):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.IGNORECASE) is not None


def check(name, ENT, REL):
    errs = []
    text = open(os.path.join(HERE, name + ".txt"), encoding="utf-8").read()
    g = json.load(open(os.path.join(HERE, name + ".gold.json"), encoding="utf-8"))
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g:
            errs.append(f"missing key {k}")
    if g.get("document") != name + ".txt":
        errs.append(f"document field {g.get('document')!r}")
    words = len(text.split())
    if not 450 <= words <= 650:
        errs.append(f"length {words} words outside 450-650")
    names = {}
    surf = {}  # lowercased surface -> owner
    nsurf = {}  # normalised surface -> owner
    for e in g["entities"]:
        n = e["name"]
        if n in names:
            errs.append(f"duplicate entity {n!r}")
        names[n] = e
        if e["type"] not in ENT:
            errs.append(f"entity {n!r}: type {e['type']!r} not in vocab")
        if not isinstance(e.get("core"), bool):
            errs.append(f"entity {n!r}: core not bool")
        for s in [n] + e.get("aliases", []):
            if not occurs(text, s):
                errs.append(f"entity {n!r}: surface {s!r} not in document")
            for table, key in ((surf, s.lower()), (nsurf, norm(s))):
                if key in table and table[key] != n:
                    errs.append(f"surface {s!r} shared by {table[key]!r} and {n!r}")
                table.setdefault(key, n)
    for s in g["negatives"]:
        if not occurs(text, s):
            errs.append(f"negative {s!r} not in document")
        if s.lower() in surf or norm(s) in nsurf:
            errs.append(f"negative {s!r} is also a surface of entity {surf.get(s.lower()) or nsurf.get(norm(s))!r}")
    for i, r in enumerate(g["relations"]):
        tag = f"relation {i} {r.get('source')} {r.get('type')} {r.get('target')}"
        if r["type"] not in REL:
            errs.append(f"{tag}: type not in vocab")
        if not isinstance(r.get("core"), bool):
            errs.append(f"{tag}: core not bool")
        for end in ("source", "target"):
            if r[end] not in names:
                errs.append(f"{tag}: {end} not an entity")
        if r["source"] == r["target"]:
            errs.append(f"{tag}: self relation")
        if r.get("core") and any(x in names and not names[x]["core"] for x in (r["source"], r["target"])):
            errs.append(f"{tag}: core relation uses a non-core entity")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"{tag}: evidence not found exactly: {ev!r}")
        if "..." in ev or "\u2026" in ev:
            errs.append(f"{tag}: ellipsis in evidence")
        if "properties" in r and not isinstance(r["properties"], dict):
            errs.append(f"{tag}: properties not an object")
    ents = g["entities"]
    rels = g["relations"]
    triples = {(r["source"], r["type"], r["target"]) for r in rels}
    ctriples = {(r["source"], r["type"], r["target"]) for r in rels if r["core"]}
    stats = dict(words=words, ents=len(ents), cents=sum(e["core"] for e in ents),
                 rels=len(rels), crels=sum(r["core"] for r in rels),
                 triples=len(triples), ctriples=len(ctriples), negs=len(g["negatives"]))
    return errs, stats


def main():
    ENT, REL = vocab()
    total = 0
    for d in DOCS:
        errs, st = check(d, ENT, REL)
        total += len(errs)
        for e in errs:
            print(f"{d}: {e}")
        print(f"{d}: {st['words']} words, {st['ents']} entities ({st['cents']} core), "
              f"{st['rels']} relations ({st['crels']} core; {st['triples']} distinct triples, "
              f"{st['ctriples']} core), {st['negs']} negatives, {len(errs)} errors")
    print(f"TOTAL ERRORS: {total}")
    sys.exit(1 if total else 0)


main()
