#!/usr/bin/env python3
"""Consistency checker for blind38 gold files (written for this set; does not run the extractor).

Checks, per <name>.gold.json next to <name>.txt:
  - every entity name, alias and negative occurs in the document (case-insensitive, word boundaries)
  - every evidence string occurs exactly in the document
  - every relation endpoint is an entity name; no core relation uses a non-core entity
  - no surface form (name/alias/negative) is shared by two entities or by an entity and a negative
    (compared lower-cased and also after score.py-style normalisation)
  - entity and relation types are in graph/vocab.go
  - no duplicate (source, type, target) triple; document 450-650 words;
    25-50 entities and 20-45 relations (reported as warnings)
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"
SYMMETRIC = {"ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "TRADES_WITH"}

def vocab():
    src = open(VOCAB, encoding="utf-8").read()
    ents = set(re.findall(r'\w+\s+EntityType\s*=\s*"(\w+)"', src))
    rels = set(re.findall(r'\w+\s+RelationType\s*=\s*"(\w+)"', src))
    return ents, rels

def norm(s):  # same normalisation as the scorer uses for matching
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s

def occurs(surface, text):
    return re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text, re.IGNORECASE) is not None

def main():
    ent_types, rel_types = vocab()
    assert ent_types and rel_types, "could not read vocabulary"
    errors, warnings = [], []
    rows = []
    for gp in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        g = json.load(open(gp, encoding="utf-8"))
        name = os.path.basename(gp)
        doc = g.get("document")
        tp = os.path.join(HERE, doc or "")
        if not doc or not os.path.exists(tp):
            errors.append(f"{name}: document {doc!r} missing"); continue
        text = open(tp, encoding="utf-8").read()
        def err(m): errors.append(f"{name}: {m}")
        def warn(m): warnings.append(f"{name}: {m}")
        for k in ("document", "about", "entities", "negatives", "relations"):
            if k not in g: err(f"missing key {k}")
        ents = {}
        surf_low, surf_norm = {}, {}
        for e in g["entities"]:
            for k in ("name", "type", "aliases", "core"):
                if k not in e: err(f"entity {e} lacks {k}")
            n = e["name"]
            if n in ents: err(f"duplicate entity {n!r}")
            ents[n] = e
            if e["type"] not in ent_types: err(f"entity {n!r}: bad type {e['type']!r}")
            if not isinstance(e["core"], bool): err(f"entity {n!r}: core not bool")
            for s in [n] + e["aliases"]:
                if not occurs(s, text): err(f"surface {s!r} of {n!r} not in text")
                for table, key in ((surf_low, s.lower()), (surf_norm, norm(s))):
                    if key in table and table[key] != n:
                        err(f"surface {s!r} of {n!r} shared with {table[key]!r}")
                    table.setdefault(key, n)
        for s in g["negatives"]:
            if not occurs(s, text): err(f"negative {s!r} not in text")
            for table, key in ((surf_low, s.lower()), (surf_norm, norm(s))):
                if key in table and table[key] != "NEGATIVE":
                    err(f"negative {s!r} shared with {table[key]!r}")
                table.setdefault(key, "NEGATIVE")
        seen = set()
        for r in g["relations"]:
            for k in ("source", "type", "target", "core", "evidence"):
                if k not in r: err(f"relation {r} lacks {k}")
            s, t, o = r["source"], r["type"], r["target"]
            if t not in rel_types: err(f"relation {s}-{t}-{o}: bad type")
            for x in (s, o):
                if x not in ents: err(f"relation {s}-{t}-{o}: endpoint {x!r} not an entity")
            if s == o: err(f"relation {s}-{t}-{o}: self loop")
            if r["core"] and ((s in ents and not ents[s]["core"]) or (o in ents and not ents[o]["core"])):
                err(f"core relation {s}-{t}-{o} uses non-core entity")
            if r["evidence"] not in text: err(f"evidence not exact: {r['evidence']!r}")
            key = (min(s, o), t, max(s, o)) if t in SYMMETRIC else (s, t, o)
            if key in seen: warn(f"duplicate triple {key}")
            seen.add(key)
            if "properties" in r and not isinstance(r["properties"], dict): err("properties not an object")
        words = len(text.split())
        ne, nec = len(ents), sum(1 for e in ents.values() if e["core"])
        nr, nrc = len(g["relations"]), sum(1 for r in g["relations"] if r["core"])
        if not 450 <= words <= 650: warn(f"{words} words (want 450-650)")
        if not 25 <= ne <= 50: warn(f"{ne} entities (want 25-50)")
        if not 20 <= nr <= 45: warn(f"{nr} relations (want 20-45)")
        rows.append((doc, words, ne, nec, nr, nrc, len(g["negatives"])))
    print(f"{'document':18} words entities(core) relations(core) negatives")
    for d, w, ne, nec, nr, nrc, nn in rows:
        print(f"{d:18} {w:5} {ne:4} ({nec:2})      {nr:4} ({nrc:2})       {nn}")
    tot = [sum(x[i] for x in rows) for i in range(1, 7)]
    print(f"{'total':18} {tot[0]:5} {tot[1]:4} ({tot[2]:3})     {tot[3]:4} ({tot[4]:3})       {tot[5]}")
    for w in warnings: print("WARNING", w)
    for e in errors: print("ERROR", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    sys.exit(1 if errors else 0)

main()
