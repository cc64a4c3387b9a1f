#!/usr/bin/env python3
"""Consistency checker for test set 43 (gold files against their documents).

Checks: every entity name, alias and negative occurs in its document case-insensitively at
word boundaries; every evidence string occurs exactly; every relation endpoint is an entity;
no core relation uses a non-core entity; no surface form (normalised as score.py does) is
shared by two entities or by an entity and a negative; entity and relation types are in
graph/vocab.go; no duplicate entity names or duplicate (source,type,target,evidence) rows.
Prints per-document counts and the number of errors.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = "/work/main/graph/vocab.go"

def vocab():
    src = open(VOCAB).read()
    ents = set(re.findall(r'EntityType = "(\w+)"', src))
    rels = set(re.findall(r'RelationType = "(\w+)"', src))
    return ents, rels

def norm(s):  # as in /work/shared/eval/score.py
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s

def occurs(form, text):
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.I) is not None

def main():
    ents_ok, rels_ok = vocab()
    total_err = 0
    rows = []
    for gp in sorted(glob.glob(os.path.join(HERE, "*.gold.json"))):
        g = json.load(open(gp, encoding="utf-8"))
        doc = os.path.join(HERE, g["document"])
        text = open(doc, encoding="utf-8").read()
        errs = []
        names = {}
        surface = {}
        for e in g["entities"]:
            if e["name"] in names:
                errs.append(f"duplicate entity {e['name']}")
            names[e["name"]] = e
            if e["type"] not in ents_ok:
                errs.append(f"bad entity type {e['type']} for {e['name']}")
            if not isinstance(e.get("core"), bool):
                errs.append(f"core not bool for {e['name']}")
            for s in [e["name"]] + e.get("aliases", []):
                if not occurs(s, text):
                    errs.append(f"surface form not in document: {s!r} ({e['name']})")
                k = norm(s)
                if not k:
                    errs.append(f"empty normalised form: {s!r}")
                if k in surface and surface[k] != e["name"]:
                    errs.append(f"surface {s!r} shared by {surface[k]} and {e['name']}")
                surface.setdefault(k, e["name"])
        for n in g.get("negatives", []):
            if not occurs(n, text):
                errs.append(f"negative not in document: {n!r}")
            if norm(n) in surface:
                errs.append(f"negative {n!r} equals a surface form of {surface[norm(n)]}")
        seen = set()
        for r in g["relations"]:
            tag = f"{r['source']} {r['type']} {r['target']}"
            for end in (r["source"], r["target"]):
                if end not in names:
                    errs.append(f"endpoint not an entity: {end!r} in {tag}")
            if r["type"] not in rels_ok:
                errs.append(f"bad relation type in {tag}")
            if r["source"] == r["target"]:
                errs.append(f"self-relation {tag}")
            if r.get("core") and any(end in names and not names[end]["core"] for end in (r["source"], r["target"])):
                errs.append(f"core relation uses non-core entity: {tag}")
            if not r.get("evidence") or r["evidence"] not in text:
                errs.append(f"evidence not exact substring: {tag}: {r.get('evidence')!r}")
            if "..." in r.get("evidence", "") or "\u2026" in r.get("evidence", ""):
                errs.append(f"ellipsis in evidence: {tag}")
            key = (r["source"], r["type"], r["target"], r["evidence"])
            if key in seen:
                errs.append(f"duplicate relation row {tag}")
            seen.add(key)
        words = len(text.split())
        ne, nec = len(g["entities"]), sum(e["core"] for e in g["entities"])
        nr, nrc = len(g["relations"]), sum(bool(r["core"]) for r in g["relations"])
        rows.append((g["document"], words, ne, nec, nr, nrc))
        for m in errs:
            print(f"{g['document']}: {m}")
        total_err += len(errs)
    print(f"{'document':<16}{'words':>6}{'ents':>6}{'core':>6}{'rels':>6}{'core':>6}")
    for d, w, ne, nec, nr, nrc in rows:
        print(f"{d:<16}{w:>6}{ne:>6}{nec:>6}{nr:>6}{nrc:>6}")
    t = [sum(x[i] for x in rows) for i in range(1, 6)]
    print(f"{'total':<16}{t[0]:>6}{t[1]:>6}{t[2]:>6}{t[3]:>6}{t[4]:>6}")
    print(f"{total_err} errors")
    return 1 if total_err else 0

sys.exit(main())
