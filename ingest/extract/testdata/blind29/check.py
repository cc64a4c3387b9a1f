#!/usr/bin/env python3
"""Consistency checker for test set 29 (gold files next to their documents).

usage: python3 check.py [DIR]   (DIR defaults to this script's directory)

Checks, per <name>.gold.json and its <name>.txt:
  - the gold file has the keys document, about, entities, negatives, relations,
    and "document" names an existing .txt file;
  - every entity name, alias and negative occurs in the document case-insensitively
    at word boundaries (a boundary is any position not between two word characters);
  - every evidence string occurs in the document exactly (no ellipses);
  - every relation endpoint is an entity name of the same gold file;
  - no core relation uses a non-core entity;
  - no surface form (lower-cased, and also after the scorer's normalisation) is shared
    by two entities, or by an entity and a negative;
  - every entity type and relation type is in graph/vocab.go;
  - no relation is listed twice with the same evidence; a relation whose source equals
    its target is an error;
  - the document has 450-650 words (wc -w).
Prints one line per error, then the counts per document and the total number of errors.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"


def vocab():
    src = open(VOCAB, encoding="utf-8").read()
    ents = set(re.findall(r'^\s*\w+\s+EntityType\s*=\s*"(\w+)"', src, re.M))
    rels = set(re.findall(r'^\s*\w+\s+RelationType\s*=\s*"(\w+)"', src, re.M))
    return ents, rels


def norm(s):  # the scorer's normalisation (score.py), reimplemented, not imported
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(form, text):
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.I) is not None


def check(gold_path, ent_types, rel_types):
    errs = []
    g = json.load(open(gold_path, encoding="utf-8"))
    name = os.path.basename(gold_path)
    for k in ("document", "about", "entities", "negatives", "relations"):
        if k not in g:
            errs.append(f"{name}: missing key {k}")
    doc = os.path.join(os.path.dirname(gold_path), g.get("document", ""))
    if not os.path.isfile(doc):
        errs.append(f"{name}: document {g.get('document')} not found")
        return errs, None
    text = open(doc, encoding="utf-8").read()
    words = len(text.split())
    if not 450 <= words <= 650:
        errs.append(f"{name}: {words} words, outside 450-650")
    ents = {}
    surface = {}
    surface_norm = {}
    for e in g["entities"]:
        for k in ("name", "type", "aliases", "core"):
            if k not in e:
                errs.append(f"{name}: entity {e.get('name')} lacks {k}")
        n = e["name"]
        if n in ents:
            errs.append(f"{name}: entity {n} listed twice")
        ents[n] = e
        if e["type"] not in ent_types:
            errs.append(f"{name}: entity {n} has type {e['type']} not in vocab.go")
        for s in [n] + e.get("aliases", []):
            if not occurs(s, text):
                errs.append(f"{name}: entity surface '{s}' ({n}) not in document")
            low = s.lower().strip()
            if low in surface and surface[low] != n:
                errs.append(f"{name}: surface '{s}' shared by {surface[low]} and {n}")
            surface[low] = n
            nk = norm(s)
            if nk in surface_norm and surface_norm[nk] != n:
                errs.append(f"{name}: normalised surface '{nk}' shared by {surface_norm[nk]} and {n}")
            surface_norm[nk] = n
    for s in g["negatives"]:
        if not occurs(s, text):
            errs.append(f"{name}: negative '{s}' not in document")
        if s.lower().strip() in surface or norm(s) in surface_norm:
            errs.append(f"{name}: negative '{s}' is also a surface form of entity "
                        f"{surface.get(s.lower().strip()) or surface_norm.get(norm(s))}")
    seen = set()
    for r in g["relations"]:
        for k in ("source", "type", "target", "core", "evidence"):
            if k not in r:
                errs.append(f"{name}: relation {r} lacks {k}")
        tag = f"{r.get('source')} {r.get('type')} {r.get('target')}"
        if r["type"] not in rel_types:
            errs.append(f"{name}: relation type {r['type']} not in vocab.go ({tag})")
        for end in ("source", "target"):
            if r[end] not in ents:
                errs.append(f"{name}: {end} '{r[end]}' of {tag} is not an entity")
            elif r["core"] and not ents[r[end]]["core"]:
                errs.append(f"{name}: core relation {tag} uses non-core entity {r[end]}")
        if r["source"] == r["target"]:
            errs.append(f"{name}: relation {tag} has the same source and target")
        if r["evidence"] not in text:
            errs.append(f"{name}: evidence of {tag} not in document: {r['evidence']!r}")
        if "..." in r["evidence"] or "\u2026" in r["evidence"]:
            errs.append(f"{name}: evidence of {tag} has an ellipsis")
        key = (r["source"], r["type"], r["target"], r["evidence"])
        if key in seen:
            errs.append(f"{name}: relation {tag} listed twice with the same evidence")
        seen.add(key)
    ne, nec = len(g["entities"]), sum(1 for e in g["entities"] if e["core"])
    nr, nrc = len(g["relations"]), sum(1 for r in g["relations"] if r["core"])
    return errs, (g["document"], words, ne, nec, nr, nrc, len(g["negatives"]))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else HERE
    ent_types, rel_types = vocab()
    if not ent_types or not rel_types:
        print("could not read types from", VOCAB)
        sys.exit(2)
    total = 0
    rows = []
    for p in sorted(glob.glob(os.path.join(d, "*.gold.json"))):
        errs, row = check(p, ent_types, rel_types)
        for e in errs:
            print("ERROR", e)
        total += len(errs)
        if row:
            rows.append(row)
    print(f"{'document':<18}{'words':>6}{'ents':>6}{'core':>6}{'rels':>6}{'core':>6}{'negs':>6}")
    for r in rows:
        print(f"{r[0]:<18}{r[1]:>6}{r[2]:>6}{r[3]:>6}{r[4]:>6}{r[5]:>6}{r[6]:>6}")
    t = [sum(r[i] for r in rows) for i in range(1, 7)]
    print(f"{'total':<18}" + "".join(f"{x:>6}" for x in t))
    print(f"{len(rows)} gold files, {total} errors")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
