#!/usr/bin/env python3
"""Consistency checker for the blind36 gold files (written for this set).

usage: python3 check_gold.py [DIR]   (default: the directory of this script)

For every <name>.gold.json next to <name>.txt it checks:
  - the gold's "document" field names its text file, and required keys are present;
  - every entity name, alias and negative occurs in the document case-insensitively at
    word boundaries;
  - every evidence string occurs in the document exactly;
  - every relation endpoint is an entity name; no core relation uses a non-core entity;
  - no surface form (after the scorer's normalisation) belongs to two entities, or to an
    entity and a negative; no duplicate entity names or duplicate relation entries;
  - every entity type and relation type is in graph/vocab.go.
Prints errors, then a table of words / entities (core) / relations (core) per document.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"


def vocab_types():
    src = open(VOCAB, encoding="utf-8").read()
    ent = set(re.findall(r'^\s*\w+\s+EntityType\s*=\s*"([^"]+)"', src, re.M))
    rel = set(re.findall(r'^\s*\w+\s+RelationType\s*=\s*"([^"]+)"', src, re.M))
    return ent, rel


def norm(s):  # same normalisation as the scorer uses for matching surfaces
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def occurs(needle, text):
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text, re.I) is not None


def check(dirpath):
    ent_types, rel_types = vocab_types()
    assert ent_types and rel_types, "could not parse vocab.go"
    errors = []
    rows = []
    for fn in sorted(os.listdir(dirpath)):
        if not fn.endswith(".gold.json"):
            continue
        base = fn[: -len(".gold.json")]
        txt_path = os.path.join(dirpath, base + ".txt")
        if not os.path.exists(txt_path):
            errors.append(f"{fn}: no {base}.txt")
            continue
        text = open(txt_path, encoding="utf-8").read()
        g = json.load(open(os.path.join(dirpath, fn), encoding="utf-8"))

        def err(msg):
            errors.append(f"{fn}: {msg}")

        for k in ("document", "about", "entities", "negatives", "relations"):
            if k not in g:
                err(f"missing key {k}")
        if g.get("document") != base + ".txt":
            err(f"document field {g.get('document')!r} != {base}.txt")

        names = {}
        surf_owner = {}
        for e in g.get("entities", []):
            for k in ("name", "type", "aliases", "core"):
                if k not in e:
                    err(f"entity {e.get('name')!r} lacks {k}")
            n = e["name"]
            if n in names:
                err(f"duplicate entity name {n!r}")
            names[n] = e
            if e["type"] not in ent_types:
                err(f"entity {n!r}: type {e['type']!r} not in vocab.go")
            if not isinstance(e["core"], bool):
                err(f"entity {n!r}: core not boolean")
            for s in [n] + list(e.get("aliases", [])):
                if not occurs(s, text):
                    err(f"entity surface {s!r} ({n}) not found at word boundaries")
                k = norm(s)
                if not k:
                    err(f"entity surface {s!r} normalises to empty")
                if k in surf_owner and surf_owner[k] != n:
                    err(f"surface {s!r} shared by {surf_owner[k]!r} and {n!r}")
                surf_owner.setdefault(k, n)
        for s in g.get("negatives", []):
            if not occurs(s, text):
                err(f"negative {s!r} not found at word boundaries")
            if norm(s) in surf_owner:
                err(f"negative {s!r} is also a surface of entity {surf_owner[norm(s)]!r}")

        seen = set()
        for r in g.get("relations", []):
            for k in ("source", "type", "target", "core", "evidence"):
                if k not in r:
                    err(f"relation {r} lacks {k}")
            tag = f"{r.get('source')} {r.get('type')} {r.get('target')}"
            if r["type"] not in rel_types:
                err(f"{tag}: type not in vocab.go")
            for end in ("source", "target"):
                if r[end] not in names:
                    err(f"{tag}: {end} {r[end]!r} is not an entity")
            if r["source"] == r["target"]:
                err(f"{tag}: self-relation")
            if not isinstance(r["core"], bool):
                err(f"{tag}: core not boolean")
            if r["core"]:
                for end in ("source", "target"):
                    if r[end] in names and not names[r[end]]["core"]:
                        err(f"{tag}: core relation uses non-core entity {r[end]!r}")
            if r["evidence"] not in text:
                err(f"{tag}: evidence not found exactly: {r['evidence']!r}")
            if "..." in r["evidence"] or "\u2026" in r["evidence"]:
                err(f"{tag}: evidence has an ellipsis")
            if "properties" in r and not isinstance(r["properties"], dict):
                err(f"{tag}: properties not an object")
            key = (r["source"], r["type"], r["target"], r["evidence"])
            if key in seen:
                err(f"{tag}: duplicate relation entry")
            seen.add(key)

        ents = g.get("entities", [])
        rels = g.get("relations", [])
        rows.append((base, len(text.split()), len(ents), sum(e["core"] for e in ents),
                     len(rels), sum(r["core"] for r in rels), len(g.get("negatives", []))))

    for e in errors:
        print("ERROR", e)
    print(f"{'document':<12} {'words':>5} {'entities (core)':>16} {'relations (core)':>17} {'negatives':>9}")
    tot = [0] * 6
    for b, w, ne, nec, nr, nrc, nn in rows:
        print(f"{b:<12} {w:>5} {ne:>9} ({nec:>3}) {nr:>10} ({nrc:>3}) {nn:>9}")
        for i, v in enumerate((w, ne, nec, nr, nrc, nn)):
            tot[i] += v
    print(f"{'total':<12} {tot[0]:>5} {tot[1]:>9} ({tot[2]:>3}) {tot[3]:>10} ({tot[4]:>3}) {tot[5]:>9}")
    print(f"{len(errors)} errors in {len(rows)} gold files")
    return len(errors)


if __name__ == "__main__":
    sys.exit(1 if check(sys.argv[1] if len(sys.argv) > 1 else HERE) else 0)
