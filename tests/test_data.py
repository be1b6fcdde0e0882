"""Unit tests for the course data set (data/) and its loaders (ftrag.data)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ftrag import data as D


@pytest.fixture(scope="module")
def kb1() -> dict[str, dict]:
    return {d["id"]: d for d in D.load_kb(1)}


@pytest.fixture(scope="module")
def kb2() -> dict[str, dict]:
    return {d["id"]: d for d in D.load_kb(2)}


@pytest.fixture(scope="module")
def changes() -> list[dict]:
    return D.load_changes()


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return D.load_questions()


def test_counts_meet_minimums(kb1, kb2, changes, questions):
    assert len(kb1) >= 45
    assert len(changes) >= 18
    assert len({c["doc_id"] for c in changes}) >= 10
    assert len(questions) >= 90
    kinds = Counter(q["kind"] for q in questions)
    assert kinds["unanswerable"] >= 12
    assert kinds["changed"] == len(changes)
    assert len(D.load_behaviour("train")) == 300
    assert len(D.load_behaviour("test")) == 100
    assert len(D.load_embedding_pairs("train")) >= 400
    assert len(D.load_embedding_pairs("test")) >= 100


def test_kb_word_counts_and_code_names(kb1, kb2):
    for doc in list(kb1.values()) + list(kb2.values()):
        assert 120 <= len(doc["text"].split()) <= 350, doc["id"]
    manuals = " ".join(d["text"] for d in kb1.values() if d["type"] == "manual")
    assert manuals.count("known internally as") >= 5


def test_ids_unique_across_splits():
    for loader in (D.load_behaviour, D.load_embedding_pairs):
        ids = [r["id"] for s in ("train", "test") for r in loader(s)]
        assert len(ids) == len(set(ids))


def test_v2_differs_exactly_by_changes_added_and_removed(kb1, kb2, changes):
    changed = {c["doc_id"] for c in changes}
    added, removed = set(kb2) - set(kb1), set(kb1) - set(kb2)
    assert len(added) == 2 and len(removed) == 1
    for doc_id in set(kb1) & set(kb2):
        if doc_id in changed:
            assert kb1[doc_id]["text"] != kb2[doc_id]["text"], doc_id
        else:
            assert kb1[doc_id] == kb2[doc_id], doc_id
    assert not changed & removed


def test_changes_old_and_new_where_promised(kb1, kb2, changes):
    for c in changes:
        assert c["old"] in kb1[c["doc_id"]]["text"], c["id"]
        assert c["old"] not in kb2[c["doc_id"]]["text"], c["id"]
        assert c["new"] in kb2[c["doc_id"]]["text"], c["id"]


def test_gold_answers_appear_in_gold_docs(kb1, kb2, questions):
    removed = set(kb1) - set(kb2)
    for q in questions:
        for ver, kb in (("v1", kb1), ("v2", kb2)):
            gold = q[ver]
            if q["kind"] == "unanswerable":
                assert gold == {"doc_ids": [], "answer": None}, q["id"]
                continue
            assert gold["answer"] and gold["doc_ids"], q["id"]
            assert not set(gold["doc_ids"]) & removed, q["id"]
            texts = [kb[d]["text"].lower() for d in gold["doc_ids"]]
            assert any(gold["answer"].lower() in t for t in texts), (q["id"], ver)
        if q["kind"] == "stable":
            assert q["v1"] == q["v2"], q["id"]


def test_changed_questions_match_changes(questions, changes):
    pairs = {(c["doc_id"], c["old"], c["new"]) for c in changes}
    got = {(q["v1"]["doc_ids"][0], q["v1"]["answer"], q["v2"]["answer"]) for q in questions if q["kind"] == "changed"}
    assert got == pairs


def test_behaviour_no_ticket_overlap_and_valid_summaries():
    train, test = D.load_behaviour("train"), D.load_behaviour("test")
    tr = [r["ticket"].lower() for r in train]
    te = [r["ticket"].lower() for r in test]
    assert len(set(tr)) == len(tr) and len(set(te)) == len(te)
    assert not set(tr) & set(te)
    for r in train + test:
        assert len(r["target"]["summary"].split()) <= 18, r["id"]
    cats = Counter(r["target"]["category"] for r in train)
    assert set(cats) == set(D.CATEGORIES) and min(cats.values()) >= 40


def test_embedding_pairs_no_query_overlap_and_passages_verbatim(kb1):
    train, test = D.load_embedding_pairs("train"), D.load_embedding_pairs("test")
    assert not {r["query"] for r in train} & {r["query"] for r in test}
    for r in train + test:
        assert r["passage"] in kb1[r["doc_id"]]["text"], r["id"]
    assert len({r["doc_id"] for r in test}) >= 0.8 * len(kb1)
    assert len({r["doc_id"] for r in train}) >= 0.8 * len(kb1)


# ----------------------------------------------------------------- malformed files and bad arguments

GOOD_DOC = {"id": "kb-001", "title": "T", "type": "manual", "text": "Some text."}


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({**GOOD_DOC, "title": ""}, "title"),
        ({**GOOD_DOC, "type": "blog"}, "type"),
        ({k: v for k, v in GOOD_DOC.items() if k != "text"}, "text"),
        (GOOD_DOC, "id"),  # duplicate id
    ],
)
def test_malformed_kb_names_file_line_field(tmp_path, monkeypatch, bad, field):
    _write(tmp_path / "kb_v1.jsonl", [json.dumps(GOOD_DOC), json.dumps(bad)])
    monkeypatch.setenv("FTRAG_DATA_DIR", str(tmp_path))
    with pytest.raises(D.DataError) as exc:
        D.load_kb(1)
    msg = str(exc.value)
    assert "kb_v1.jsonl" in msg and "line 2" in msg and f"'{field}'" in msg


def test_invalid_json_names_file_and_line(tmp_path, monkeypatch):
    _write(tmp_path / "changes.jsonl", ["{not json"])
    monkeypatch.setenv("FTRAG_DATA_DIR", str(tmp_path))
    with pytest.raises(D.DataError, match=r"changes\.jsonl line 1: invalid JSON"):
        D.load_changes()


def test_nested_field_errors(tmp_path, monkeypatch):
    row = {"id": "t-1", "ticket": "hi", "target": {"category": "sales", "priority": "low", "summary": "s"}}
    _write(tmp_path / "behaviour" / "train.jsonl", [json.dumps(row)])
    q = {
        "id": "q-1",
        "question": "?",
        "kind": "stable",
        "v1": {"doc_ids": "kb-1", "answer": "x"},
        "v2": {"doc_ids": [], "answer": None},
    }
    _write(tmp_path / "questions.jsonl", [json.dumps(q)])
    monkeypatch.setenv("FTRAG_DATA_DIR", str(tmp_path))
    with pytest.raises(D.DataError, match=r"train\.jsonl line 1: field 'target\.category'"):
        D.load_behaviour("train")
    with pytest.raises(D.DataError, match=r"questions\.jsonl line 1: field 'v1\.doc_ids'"):
        D.load_questions()


def test_missing_file_raises_data_error(tmp_path, monkeypatch):
    monkeypatch.setenv("FTRAG_DATA_DIR", str(tmp_path))
    with pytest.raises(D.DataError, match="embeddings"):
        D.load_embedding_pairs("test")


@pytest.mark.parametrize(
    "call", [lambda: D.load_kb(3), lambda: D.load_behaviour("dev"), lambda: D.load_embedding_pairs("validation")]
)
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError, match="must be"):
        call()
