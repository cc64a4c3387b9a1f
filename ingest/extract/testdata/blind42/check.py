#!/usr/bin/env python3
"""Consistency checker for blind42 gold files (run from anywhere).

Checks: names/aliases/negatives occur in the document case-insensitively at word
boundaries; evidence strings occur exactly; relation endpoints are entities; no core
relation uses a non-core entity; no surface form shared by two entities or by an entity
and a negative (compared case-insensitively and after score.py-style normalisation);
entity and relation types are those of graph/vocab.go; no duplicate relation rows.
"""
import json, os, re, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"

def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'EntityType = "(\w+)"', src))
    rels = set(re.findall(r'RelationType = "(\w+)"', src))
    return ents, rels

def norm(s):  # as in score.py
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s

def occurs(term, text):
    pat = r"(?<!\w)" + re.escape(term) + r"(?!\w)"
    return re.search(pat, text, re.IGNORECASE) is not None

def check(gold_path, ents_ok, rels_ok):
    errs = []
    g = json.load(open(gold_path))
    doc = os.path.join(os.path.dirname(gold_path), g["document"])
    text = open(doc).read()
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g: errs.append(f"missing key {k}")
    names = {}
    core = {}
    surf = {}
    for e in g["entities"]:
        if set(e) != {"name", "type", "aliases", "core"}: errs.append(f"entity keys {e}")
        if e["type"] not in ents_ok: errs.append(f"bad entity type {e['type']} for {e['name']}")
        if e["name"] in names: errs.append(f"duplicate entity {e['name']}")
        names[e["name"]] = e; core[e["name"]] = e["core"]
        for s in [e["name"]] + e["aliases"]:
            if not occurs(s, text): errs.append(f"surface not in doc: {s!r} ({e['name']})")
            for key in {s.lower(), norm(s)}:
                if key in surf and surf[key] != e["name"]:
                    errs.append(f"surface {s!r} shared by {surf[key]} and {e['name']}")
                surf[key] = e["name"]
    for n in g["negatives"]:
        if not occurs(n, text): errs.append(f"negative not in doc: {n!r}")
        for key in {n.lower(), norm(n)}:
            if key in surf: errs.append(f"negative {n!r} equals surface of entity {surf[key]}")
    seen = set()
    for r in g["relations"]:
        if not {"source", "type", "target", "core", "evidence"} <= set(r): errs.append(f"relation keys {r}")
        if r["type"] not in rels_ok: errs.append(f"bad relation type {r['type']}")
        for end in ("source", "target"):
            if r[end] not in names: errs.append(f"endpoint not an entity: {r[end]!r}")
        if r["evidence"] not in text: errs.append(f"evidence not exact: {r['evidence']!r}")
        if r["core"] and (not core.get(r["source"], True) or not core.get(r["target"], True)):
            errs.append(f"core relation uses non-core entity: {r['source']} {r['type']} {r['target']}")
        if r["source"] == r["target"]: errs.append(f"self relation {r}")
        t = (r["source"], r["type"], r["target"])
        if t in seen: errs.append(f"duplicate relation {t}")
        seen.add(t)
    words = len(text.split())
    if not 450 <= words <= 650: errs.append(f"word count {words} outside 450-650")
    return g, words, errs

def main():
    ents_ok, rels_ok = vocab()
    total = 0
    for p in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        g, words, errs = check(p, ents_ok, rels_ok)
        ne, nec = len(g["entities"]), sum(e["core"] for e in g["entities"])
        nr, nrc = len(g["relations"]), sum(r["core"] for r in g["relations"])
        print(f"{os.path.basename(p):24s} words={words} entities={ne} ({nec} core) relations={nr} ({nrc} core) negatives={len(g['negatives'])} errors={len(errs)}")
        for e in errs: print("   ", e)
        total += len(errs)
    print(f"TOTAL ERRORS: {total}")
    return 1 if total else 0

sys.exit(main())
