#!/usr/bin/env python3
"""Consistency checker for test set 32 (gold files only; never runs the extractor).

Checks, for every *.gold.json in this directory:
  - the document exists and its word count (wc -w style) is 450-650;
  - every entity name, alias and negative occurs in the document case-insensitively at word
    boundaries (no word character immediately before or after);
  - every evidence string occurs exactly in the document;
  - every relation endpoint is an entity name; no core relation uses a non-core entity;
  - no surface form (name, alias, negative; compared case-insensitively and after the
    scorer-style normalisation) is shared by two entities or by an entity and a negative;
  - entity and relation types are in graph/vocab.go;
  - no duplicate (source, type, target, evidence) rows; properties, if present, is an object.
Prints one line per document with counts, then the error list and total.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"


def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'\w+\s+EntityType = "(\w+)"', src))
    rels = set(re.findall(r'\w+\s+RelationType = "(\w+)"', src))
    return ents, rels


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(surface, text):
    pat = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    return re.search(pat, text, re.IGNORECASE) is not None


def main():
    ent_types, rel_types = vocab()
    assert ent_types and rel_types, "could not parse vocab.go"
    errors = []
    rows = []
    for gpath in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        g = json.load(open(gpath))
        gname = os.path.basename(gpath)
        def err(msg):
            errors.append(f"{gname}: {msg}")
        doc = g.get("document")
        dpath = os.path.join(HERE, doc or "")
        if not doc or not os.path.exists(dpath):
            err(f"document {doc!r} missing")
            continue
        if doc.replace(".txt", "") != gname.replace(".gold.json", ""):
            err("document name does not match gold file name")
        text = open(dpath, encoding="utf-8").read()
        words = len(text.split())
        if not 450 <= words <= 650:
            err(f"word count {words} outside 450-650")
        for k in ("about", "entities", "negatives", "relations"):
            if k not in g:
                err(f"missing key {k}")
        names = {}
        surf_owner = {}
        norm_owner = {}
        for e in g.get("entities", []):
            n = e.get("name")
            if not n:
                err(f"entity without name: {e}")
                continue
            if n in names:
                err(f"duplicate entity {n!r}")
            names[n] = e
            if e.get("type") not in ent_types:
                err(f"entity {n!r}: type {e.get('type')!r} not in vocab")
            if not isinstance(e.get("core"), bool):
                err(f"entity {n!r}: core not boolean")
            if not isinstance(e.get("aliases"), list):
                err(f"entity {n!r}: aliases not a list")
            for s in [n] + list(e.get("aliases", [])):
                if not occurs(s, text):
                    err(f"entity surface {s!r} ({n}) not found at word boundaries")
                low = s.lower()
                if low in surf_owner and surf_owner[low] != n:
                    err(f"surface {s!r} shared by {surf_owner[low]!r} and {n!r}")
                surf_owner[low] = n
                k = norm(s)
                if k in norm_owner and norm_owner[k] != n:
                    err(f"normalised surface {k!r} shared by {norm_owner[k]!r} and {n!r}")
                norm_owner[k] = n
        negs = g.get("negatives", [])
        if len(set(x.lower() for x in negs)) != len(negs):
            err("duplicate negatives")
        for s in negs:
            if not occurs(s, text):
                err(f"negative {s!r} not found at word boundaries")
            if s.lower() in surf_owner or norm(s) in norm_owner:
                err(f"negative {s!r} is also a surface of entity {surf_owner.get(s.lower()) or norm_owner.get(norm(s))!r}")
        seen = set()
        for r in g.get("relations", []):
            src, typ, tgt = r.get("source"), r.get("type"), r.get("target")
            tag = f"{src} -{typ}-> {tgt}"
            if typ not in rel_types:
                err(f"relation {tag}: type not in vocab")
            for end in (src, tgt):
                if end not in names:
                    err(f"relation {tag}: endpoint {end!r} is not an entity")
            if src == tgt:
                err(f"relation {tag}: self-loop")
            if not isinstance(r.get("core"), bool):
                err(f"relation {tag}: core not boolean")
            if r.get("core") and any(end in names and not names[end].get("core") for end in (src, tgt)):
                err(f"relation {tag}: core relation uses a non-core entity")
            ev = r.get("evidence")
            if not ev or ev not in text:
                err(f"relation {tag}: evidence not found exactly: {ev!r}")
            if ev and ("..." in ev or "\u2026" in ev):
                err(f"relation {tag}: evidence has an ellipsis")
            if "properties" in r and not isinstance(r["properties"], dict):
                err(f"relation {tag}: properties not an object")
            key = (src, typ, tgt, ev)
            if key in seen:
                err(f"relation {tag}: duplicate row")
            seen.add(key)
        ents = g.get("entities", [])
        rels = g.get("relations", [])
        rows.append((doc, words, len(ents), sum(1 for e in ents if e.get("core")),
                     len(rels), sum(1 for r in rels if r.get("core")), len(negs)))
    print(f"{'document':<18}{'words':>6}{'ents':>6}{'core':>6}{'rels':>6}{'core':>6}{'negs':>6}")
    for row in rows:
        print(f"{row[0]:<18}{row[1]:>6}{row[2]:>6}{row[3]:>6}{row[4]:>6}{row[5]:>6}{row[6]:>6}")
    if rows:
        tot = [sum(r[i] for r in rows) for i in range(1, 7)]
        print(f"{'total':<18}" + "".join(f"{t:>6}" for t in tot))
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
