#!/usr/bin/env python3
"""Consistency checker for test set 34 (gold files against their documents).

usage: python3 check.py            (from any directory)

Checks, per <name>.gold.json:
  - the document exists, has 450-650 words (wc -w style) and matches the gold "document" field;
  - every entity name, alias and negative occurs in the document case-insensitively at word
    boundaries (no letter, digit or underscore immediately before or after);
  - every evidence string occurs in the document exactly (case-sensitive substring);
  - every relation endpoint is an entity name;
  - no core relation uses a non-core entity;
  - no surface form (name/alias/negative, compared lower-cased and also after the scorer's
    normalisation) is shared by two entities or by an entity and a negative;
  - entity and relation types are in graph/vocab.go;
  - no duplicate entity names, no self-relations, properties (if any) are a string map.
Prints per-document counts and the number of errors; exits 1 if any.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"


def vocab():
    src = open(VOCAB, encoding="utf-8").read()
    ents = set(re.findall(r'\w+\s+EntityType\s*=\s*"(\w+)"', src))
    rels = set(re.findall(r'\w+\s+RelationType\s*=\s*"(\w+)"', src))
    assert ents and rels, "could not parse vocab.go"
    return ents, rels


def norm(s):  # same normalisation as the scorer uses for matching surfaces
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(text, s):
    pat = r"(?<!\w)" + re.escape(s) + r"(?!\w)"
    return re.search(pat, text, re.IGNORECASE) is not None


def check(path, ENTS, RELS):
    errs = []
    g = json.load(open(path, encoding="utf-8"))
    doc = os.path.join(HERE, os.path.basename(path).replace(".gold.json", ".txt"))
    if g.get("document") != os.path.basename(doc):
        errs.append(f"document field {g.get('document')!r} != {os.path.basename(doc)!r}")
    if not os.path.exists(doc):
        return [f"missing document {doc}"], {}
    text = open(doc, encoding="utf-8").read()
    words = len(text.split())
    if not 450 <= words <= 650:
        errs.append(f"word count {words} outside 450-650")
    for k in ("about", "entities", "negatives", "relations"):
        if k not in g:
            errs.append(f"missing key {k}")
    names = {}
    surfaces = {}  # lower -> owner ; norm -> owner
    nsurf = {}

    def claim(s, owner):
        for key, table in ((s.lower(), surfaces), (norm(s), nsurf)):
            if not key:
                errs.append(f"{owner}: surface {s!r} normalises to empty")
                continue
            if key in table and table[key] != owner:
                errs.append(f"surface {s!r} shared by {table[key]!r} and {owner!r}")
            table[key] = owner

    for e in g["entities"]:
        n = e["name"]
        if n in names:
            errs.append(f"duplicate entity {n!r}")
        names[n] = e
        if e.get("type") not in ENTS:
            errs.append(f"entity {n!r}: type {e.get('type')!r} not in vocab")
        if not isinstance(e.get("core"), bool):
            errs.append(f"entity {n!r}: core not boolean")
        for s in [n] + list(e.get("aliases", [])):
            if not occurs(text, s):
                errs.append(f"entity {n!r}: surface {s!r} not found at word boundaries")
            claim(s, "entity:" + n)
    for s in g["negatives"]:
        if not occurs(text, s):
            errs.append(f"negative {s!r} not found at word boundaries")
        claim(s, "negative:" + s)
    for i, r in enumerate(g["relations"]):
        tag = f"relation {i} {r.get('source')} {r.get('type')} {r.get('target')}"
        if r.get("type") not in RELS:
            errs.append(f"{tag}: type not in vocab")
        for end in ("source", "target"):
            if r.get(end) not in names:
                errs.append(f"{tag}: {end} is not an entity")
        if r.get("source") == r.get("target"):
            errs.append(f"{tag}: self-relation")
        if not isinstance(r.get("core"), bool):
            errs.append(f"{tag}: core not boolean")
        if r.get("core"):
            for end in ("source", "target"):
                e = names.get(r.get(end))
                if e is not None and not e.get("core"):
                    errs.append(f"{tag}: core relation uses non-core entity {r.get(end)!r}")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"{tag}: evidence not found exactly: {ev!r}")
        if "..." in ev or "\u2026" in ev:
            errs.append(f"{tag}: evidence contains an ellipsis")
        p = r.get("properties")
        if p is not None and not (isinstance(p, dict) and all(isinstance(v, str) for v in p.values())):
            errs.append(f"{tag}: properties must be a string map")
    sym = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH"}

    def canon(r):
        s, t, o = r["source"], r["type"], r["target"]
        if t in sym and o < s:
            s, o = o, s
        return (s, t, o)

    trip = {canon(r) for r in g["relations"]}
    ctrip = {canon(r) for r in g["relations"] if r.get("core")}
    stats = dict(words=words,
                 ents=len(g["entities"]), core_ents=sum(1 for e in g["entities"] if e.get("core")),
                 rels=len(g["relations"]), core_rels=sum(1 for r in g["relations"] if r.get("core")),
                 triples=len(trip), core_triples=len(ctrip), negs=len(g["negatives"]))
    return errs, stats


def main():
    ENTS, RELS = vocab()
    total = 0
    files = sorted(glob.glob(os.path.join(HERE, "*.gold.json")))
    if not files:
        print("no gold files")
        sys.exit(1)
    for f in files:
        errs, st = check(f, ENTS, RELS)
        total += len(errs)
        print(f"{os.path.basename(f)}: {len(errs)} errors; {st}")
        for e in errs:
            print("   ", e)
    print(f"TOTAL ERRORS: {total}")
    sys.exit(1 if total else 0)


main()
