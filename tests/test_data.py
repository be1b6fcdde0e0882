"""Unit tests for the course data set (data/) and its loaders (ftrag.data)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ftrag import data as D
from ftrag.metrics import normalize_answer
from ftrag.text import split_sentences

NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def _shape(answer: str) -> str:
    """Numbers replaced by N ('9.99 EUR' -> 'N.N EUR'); '1 year' has the shape of '2 years'."""
    if re.fullmatch(r"1 [a-z]+", answer) and not answer.endswith("s"):
        answer += "s"
    return NUMBER.sub(lambda m: re.sub(r"\d+", "N", m.group()), answer)


def _states(text: str, answer: str) -> bool:
    """Whether text states answer as a whole value (case-insensitive; '99 EUR' is not in '9.99 EUR')."""
    return re.search(r"(?<![\w.,+-])" + re.escape(answer) + r"(?!\w|[.,:]\d)", text, re.IGNORECASE) is not None


def _plain(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", question.lower()).split())


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


@pytest.fixture(scope="module")
def eval_sentences(kb1, kb2, questions) -> dict[str, set[str]]:
    """Per document, the v1 and v2 sentences stating an evaluation answer of that version."""
    out: dict[str, set[str]] = {}
    for q in questions:
        for ver, kb in (("v1", kb1), ("v2", kb2)):
            for did in q[ver]["doc_ids"]:
                hits = {s for s in split_sentences(kb[did]["text"]) if _states(s, q[ver]["answer"])}
                out.setdefault(did, set()).update(hits)
    return out


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


# ----------------------------------------------------------------- multiple choice, reader, paraphrases


def test_choices_one_row_per_answerable_question_in_order(questions):
    answerable = [q["id"] for q in questions if q["kind"] != "unanswerable"]
    choices = D.load_choices()
    assert [c["id"] for c in choices] == answerable
    assert set(Counter(c["v1"] for c in choices)) == {0, 1, 2, 3}  # the gold's position is shuffled


def test_choices_options_golds_and_shapes(questions):
    qs = {q["id"]: q for q in questions}
    for c in D.load_choices():
        q, opts = qs[c["id"]], c["options"]
        norm = [normalize_answer(o) for o in opts]
        assert len(opts) == 4 and len(set(norm)) == 4, c["id"]
        assert opts[c["v1"]] == q["v1"]["answer"] and opts[c["v2"]] == q["v2"]["answer"], c["id"]
        assert (c["v1"] == c["v2"]) == (q["kind"] == "stable"), c["id"]
        golds = {normalize_answer(q[v]["answer"]) for v in ("v1", "v2")}
        distractors = [o for o, n in zip(opts, norm, strict=True) if n not in golds]
        assert len(distractors) == 4 - len(golds), c["id"]
        if re.search(r"\d", q["v1"]["answer"]):
            shapes = {_shape(q[v]["answer"]) for v in ("v1", "v2")}
            assert all(_shape(o) in shapes for o in distractors), (c["id"], distractors, shapes)
            numbers = {tuple(NUMBER.findall(q[v]["answer"])) for v in ("v1", "v2")}
            assert not [o for o in distractors if tuple(NUMBER.findall(o)) in numbers], (c["id"], distractors)


def test_reader_questions_cover_every_v1_doc_with_short_verbatim_answers(kb1):
    reader = D.load_reader_questions()
    assert len(reader) >= 120
    assert {r["doc_id"] for r in reader} == set(kb1)
    for r in reader:
        assert r["answer"] in kb1[r["doc_id"]]["text"], r["id"]
        assert len(r["answer"].split()) <= 6, r["id"]
        assert r["question"].endswith("?"), r["id"]


def test_reader_questions_kept_apart_from_evaluation(kb1, kb2, questions, eval_sentences):
    reader = D.load_reader_questions()
    eval_qs = {_plain(q["question"]) for q in questions}
    assert len({_plain(r["question"]) for r in reader}) == len(reader)
    for r in reader:
        did = r["doc_id"]
        sents = split_sentences(kb1[did]["text"])
        changed = set(sents) - set(split_sentences(kb2[did]["text"])) if did in kb2 else set()
        hits = {s for s in sents if _states(s, r["answer"])}
        assert hits, r["id"]
        assert not hits & eval_sentences.get(did, set()), r["id"]
        assert not hits & changed, r["id"]
        assert _plain(r["question"]) not in eval_qs, r["id"]


def test_paraphrases_cover_every_answer_sentence_and_keep_its_answers(kb1, questions):
    rows = D.load_paraphrases()
    answers: dict[str, list[str]] = {}
    for q in questions:
        for did in q["v1"]["doc_ids"]:
            answers.setdefault(did, []).append(q["v1"]["answer"])
    want = [
        (did, s)
        for did in kb1
        for s in split_sentences(kb1[did]["text"])
        if any(_states(s, a) for a in answers.get(did, []))
    ]
    assert [(r["doc_id"], r["sentence"]) for r in rows] == want
    for r in rows:
        kept = [a for a in answers[r["doc_id"]] if _states(r["sentence"], a)]
        assert kept, r["id"]
        assert len({_plain(p) for p in [r["sentence"], *r["paraphrases"]]}) == 3, r["id"]
        for p in r["paraphrases"]:
            assert all(_states(p, a) for a in kept), (r["id"], p)
            assert set(NUMBER.findall(p)) <= set(NUMBER.findall(r["sentence"])), (r["id"], p)


@pytest.mark.parametrize(
    ("name", "row", "field", "load"),
    [
        ("choices.jsonl", {"id": "q-1", "options": ["a", "b", "c"], "v1": 0, "v2": 0}, "options", D.load_choices),
        ("choices.jsonl", {"id": "q-1", "options": ["a", "b", "c", "d"], "v1": 4, "v2": 0}, "v1", D.load_choices),
        ("choices.jsonl", {"id": "q-1", "options": ["a", "b", "c", "d"], "v1": 0, "v2": "1"}, "v2", D.load_choices),
        (
            "reader/train.jsonl",
            {"id": "r-1", "question": "?", "answer": "", "doc_id": "kb-1"},
            "answer",
            D.load_reader_questions,
        ),
        (
            "paraphrases.jsonl",
            {"id": "p-1", "doc_id": "kb-1", "sentence": "S.", "paraphrases": ["P."]},
            "paraphrases",
            D.load_paraphrases,
        ),
    ],
)
def test_malformed_new_files_name_file_and_field(tmp_path, monkeypatch, name, row, field, load):
    _write(tmp_path / name, [json.dumps(row)])
    monkeypatch.setenv("FTRAG_DATA_DIR", str(tmp_path))
    with pytest.raises(D.DataError) as exc:
        load()
    msg = str(exc.value)
    assert name.split("/")[-1] in msg and "line 1" in msg and f"'{field}'" in msg


def test_every_schema_is_valid_json_schema_and_names_its_data_set() -> None:
    from jsonschema import Draft202012Validator

    names = sorted(p.name.removesuffix(".schema.json") for p in D.SCHEMA_DIR.glob("*.schema.json"))
    assert {"kb", "changes", "questions", "behaviour", "embeddings", "choices", "reader", "paraphrases"} <= set(names)
    for name in names:
        Draft202012Validator.check_schema(D.schema(name))
        assert D.schema(name)["title"]


@pytest.mark.parametrize(
    ("record", "name", "words"),
    [
        ({"id": "t", "ticket": "x", "target": {"category": "sales", "priority": "low", "summary": "s"}},
         "behaviour", "field 'target.category' must be one of ['billing'"),
        ({"id": "q", "options": ["a", "b", "c", "d"], "v1": 0, "v2": 4}, "choices", "field 'v2' must be an integer"),
        ({"key": "k", "title": "t", "type": "faq", "colour": 1}, "source-doc", "unknown field(s) ['colour']"),
        ({"key": "k", "title": "t", "type": "faq", "questions": [{"question": "q", "answer": 3.5}]},
         "source-doc", "field 'questions[1].answer' must be a string, got 3.5 (quote values"),
    ],
)  # fmt: skip
def test_a_record_that_breaks_its_schema_names_the_field_and_the_rule(record: dict, name: str, words: str) -> None:
    with pytest.raises(D.DataError) as exc:
        D.check_record(record, name, "somewhere line 7")
    assert str(exc.value).startswith("somewhere line 7: ") and words in str(exc.value)


def test_the_allowed_values_come_from_the_schemas() -> None:
    assert D.CATEGORIES == tuple(D.schema("behaviour")["properties"]["target"]["properties"]["category"]["enum"])
    assert "release-notes" in D.DOC_TYPES and D.KINDS == ("stable", "changed", "unanswerable")
