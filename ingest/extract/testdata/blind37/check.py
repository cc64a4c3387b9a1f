#!/usr/bin/env python3
"""Consistency checker for test set 37 (written for this set; does not run the extractor).

usage: python3 check.py            (checks every *.gold.json in this directory)

Checks: every entity name, alias and negative occurs in its document case-insensitively at
word boundaries; every evidence string occurs exactly; every relation endpoint is an entity;
no core relation uses a non-core entity; no surface form (compared after the scorer's
normalisation: case, leading "the", trailing "'s", punctuation) is shared by two entities or by
an entity and a negative; entity and relation types are those of graph/vocab.go; word count
450-650; symmetric duplicate triples; required keys.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"


def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'\w+\s+EntityType = "(\w+)"', src))
    rels = set(re.findall(r'\w+\s+RelationType = "(\w+)"', src))
    return ents, rels


def norm(s):  # same normalisation as the scorer uses for matching surfaces
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(text, s):
    return re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.IGNORECASE) is not None


SYM = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH"}


def check(path, ents_ok, rels_ok):
    errs, warns = [], []
    g = json.load(open(path))
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g:
            errs.append(f"missing key {k}")
    doc = os.path.join(HERE, g["document"])
    if os.path.basename(path) != g["document"].replace(".txt", ".gold.json"):
        errs.append("document field does not match file name")
    text = open(doc).read()
    words = len(text.split())
    if not 450 <= words <= 650:
        errs.append(f"word count {words} outside 450-650")
    names, core = {}, {}
    surf = {}
    for e in g["entities"]:
        n = e["name"]
        if n in names:
            errs.append(f"duplicate entity {n}")
        names[n] = e
        core[n] = bool(e.get("core"))
        if e.get("type") not in ents_ok:
            errs.append(f"entity {n}: bad type {e.get('type')}")
        if not isinstance(e.get("aliases"), list):
            errs.append(f"entity {n}: aliases not a list")
        for s in [n] + e.get("aliases", []):
            if not occurs(text, s):
                errs.append(f"entity {n}: surface {s!r} not in document")
            k = norm(s)
            if k in surf and surf[k] != n:
                errs.append(f"surface {s!r} shared by {surf[k]} and {n}")
            surf[k] = n
    for s in g["negatives"]:
        if not occurs(text, s):
            errs.append(f"negative {s!r} not in document")
        if norm(s) in surf:
            errs.append(f"negative {s!r} is also a surface of entity {surf[norm(s)]}")
    seen = set()
    for r in g["relations"]:
        s, t, o = r["source"], r["type"], r["target"]
        tag = f"{s} {t} {o}"
        for x in (s, o):
            if x not in names:
                errs.append(f"{tag}: endpoint {x} is not an entity")
        if t not in rels_ok:
            errs.append(f"{tag}: bad relation type")
        if s == o:
            errs.append(f"{tag}: self relation")
        if r.get("core") and (not core.get(s) or not core.get(o)):
            errs.append(f"{tag}: core relation with non-core entity")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"{tag}: evidence not found exactly: {ev!r}")
        if "..." in ev or "\u2026" in ev:
            errs.append(f"{tag}: ellipsis in evidence")
        if "properties" in r and not isinstance(r["properties"], dict):
            errs.append(f"{tag}: properties not an object")
        key = (s, t, o) if t not in SYM else (min(s, o), t, max(s, o))
        if key in seen:
            warns.append(f"{tag}: duplicate triple (second evidence row)")
        seen.add(key)
    ne = len(g["entities"]); nec = sum(core.values())
    nr = len(g["relations"]); nrc = sum(1 for r in g["relations"] if r.get("core"))
    return errs, warns, (words, ne, nec, nr, nrc)


def main():
    ents_ok, rels_ok = vocab()
    total = 0
    rows = []
    for p in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        errs, warns, c = check(p, ents_ok, rels_ok)
        total += len(errs)
        name = os.path.basename(p).replace(".gold.json", "")
        rows.append((name,) + c)
        for e in errs:
            print(f"ERROR {name}: {e}")
        for w in warns:
            print(f"warn  {name}: {w}")
    print("| document | words | entities (core) | relations (core) |")
    for n, w, ne, nec, nr, nrc in rows:
        print(f"| {n} | {w} | {ne} ({nec}) | {nr} ({nrc}) |")
    t = [sum(r[i] for r in rows) for i in range(1, 6)]
    print(f"| total | {t[0]} | {t[1]} ({t[2]}) | {t[3]} ({t[4]}) |")
    print(f"{total} errors")
    sys.exit(1 if total else 0)


main()
