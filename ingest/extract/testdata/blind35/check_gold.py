#!/usr/bin/env python3
"""Consistency checker for test set 35 (written for this set; does not run the extractor).

Checks, for every <name>.gold.json next to this file:
  - the gold names its own document, and the document exists;
  - every entity name, alias and negative occurs in the document case-insensitively at word
    boundaries (no letter, digit or underscore directly before or after);
  - every evidence string occurs exactly (case-sensitive substring);
  - every relation endpoint is an entity name;
  - no core relation uses a non-core entity;
  - no surface form (name or alias) is shared by two entities, or by an entity and a negative,
    compared both lower-cased and after the scorer's normalisation (leading "the", trailing
    "'s", punctuation), and no entity repeats a surface form of its own;
  - entity and relation types are in graph/vocab.go;
  - no relation triple (symmetric ones unordered) appears twice;
  - properties, where present, are a JSON object of strings;
  - the document has 450-650 words (wc -w).
Prints every error and a summary line; exit status 1 if any error.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
SYMMETRIC = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH"}


def vocab():
    src = open(VOCAB, encoding="utf-8").read()
    ents = set(re.findall(r'^\s*\w+\s+EntityType\s*=\s*"([^"]+)"', src, re.M))
    rels = set(re.findall(r'^\s*\w+\s+RelationType\s*=\s*"([^"]+)"', src, re.M))
    return ents, rels


def norm(s):  # the scorer's normalisation, re-implemented here (score.py is not run)
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(text, s):
    pat = r"(?<![\w])" + re.escape(s) + r"(?![\w])"
    return re.search(pat, text, re.I) is not None


def check(path, ent_types, rel_types):
    errs = []
    g = json.load(open(path, encoding="utf-8"))
    doc = os.path.join(HERE, g.get("document", ""))
    base = os.path.basename(path).replace(".gold.json", ".txt")
    if g.get("document") != base:
        errs.append(f"document field {g.get('document')!r} != {base!r}")
    if not os.path.exists(doc):
        return errs + [f"missing document {doc}"]
    text = open(doc, encoding="utf-8").read()
    words = len(text.split())
    if not 450 <= words <= 650:
        errs.append(f"{words} words, outside 450-650")

    names = {}
    surf_lower, surf_norm = {}, {}
    for e in g["entities"]:
        n = e["name"]
        if n in names:
            errs.append(f"duplicate entity name {n!r}")
        names[n] = e
        if e.get("type") not in ent_types:
            errs.append(f"entity {n!r}: type {e.get('type')!r} not in vocab")
        if not isinstance(e.get("core"), bool):
            errs.append(f"entity {n!r}: core not boolean")
        own = set()
        for s in [n] + e.get("aliases", []):
            if not occurs(text, s):
                errs.append(f"entity {n!r}: surface {s!r} not in document")
            if s.lower() in own:
                errs.append(f"entity {n!r}: surface {s!r} repeated")
            if s.lower() in surf_lower and surf_lower[s.lower()] != n:
                errs.append(f"surface {s!r} shared by {surf_lower[s.lower()]!r} and {n!r}")
            elif norm(s) in surf_norm and surf_norm[norm(s)] != n:
                errs.append(f"surface {s!r} normalises like a surface of {surf_norm[norm(s)]!r} (entity {n!r})")
            surf_lower.setdefault(s.lower(), n)
            surf_norm.setdefault(norm(s), n)
            own.add(s.lower())
    for s in g.get("negatives", []):
        if not occurs(text, s):
            errs.append(f"negative {s!r} not in document")
        if s.lower() in surf_lower:
            errs.append(f"negative {s!r} is a surface of entity {surf_lower[s.lower()]!r}")
        elif norm(s) in surf_norm:
            errs.append(f"negative {s!r} normalises to a surface of entity {surf_norm[norm(s)]!r}")
    if len(set(x.lower() for x in g.get("negatives", []))) != len(g.get("negatives", [])):
        errs.append("duplicate negative")

    seen = set()
    for r in g["relations"]:
        s, t, o = r["source"], r["type"], r["target"]
        tag = f"{s} {t} {o}"
        if t not in rel_types:
            errs.append(f"relation {tag}: type not in vocab")
        for end in (s, o):
            if end not in names:
                errs.append(f"relation {tag}: endpoint {end!r} is not an entity")
        if s == o:
            errs.append(f"relation {tag}: self-loop")
        if not isinstance(r.get("core"), bool):
            errs.append(f"relation {tag}: core not boolean")
        if r.get("core") and any(end in names and not names[end]["core"] for end in (s, o)):
            errs.append(f"core relation {tag} uses a non-core entity")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"relation {tag}: evidence not found exactly: {ev!r}")
        if "..." in ev or "\u2026" in ev:
            errs.append(f"relation {tag}: evidence has an ellipsis")
        key = (min(s, o), t, max(s, o)) if t in SYMMETRIC else (s, t, o)
        if key in seen:
            errs.append(f"relation {tag}: duplicate triple")
        seen.add(key)
        p = r.get("properties")
        if p is not None and (not isinstance(p, dict) or not all(isinstance(v, str) for v in p.values())):
            errs.append(f"relation {tag}: properties not an object of strings")

    ne, nc = len(g["entities"]), sum(e["core"] for e in g["entities"])
    nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
    return errs, (words, ne, nc, nr, nrc, len(g.get("negatives", [])))


def main():
    ent_types, rel_types = vocab()
    if not ent_types or not rel_types:
        print("could not read types from", VOCAB)
        sys.exit(2)
    total = 0
    for path in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        res = check(path, ent_types, rel_types)
        errs, stats = (res if isinstance(res, tuple) else (res, None))
        name = os.path.basename(path)
        for e in errs:
            print(f"{name}: {e}")
        if stats:
            w, ne, nc, nr, nrc, nn = stats
            print(f"{name}: {w} words, {ne} entities ({nc} core), {nr} relations ({nrc} core), {nn} negatives, {len(errs)} errors")
        total += len(errs)
    print(f"TOTAL ERRORS: {total}")
    sys.exit(1 if total else 0)


main()
