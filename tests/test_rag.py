"""Unit tests for ftrag.rag: chunking, the vector index (search, add/remove/sync, save/load), prompts, answers."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ftrag import rag
from ftrag.ann import compare_ann
from ftrag.index import Hit, VectorIndex, chunk_documents, chunk_text
from ftrag.rag import build_prompt, cited_sources
from ftrag.text import split_sentences


class HashEmbedder:
    """A tiny deterministic bag-of-words embedder with the sentence-transformers interface used by VectorIndex."""

    dim = 256

    def get_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, texts: Sequence[str], normalize_embeddings: bool = True, **_: Any) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms) if normalize_embeddings else out


DOCS = [
    {"id": "d1", "title": "Cameras", "text": "The camera records video at night with infrared light."},
    {"id": "d2", "title": "Billing", "text": "Invoices are sent by email every month after payment."},
    {"id": "d3", "text": "Shipping parcels to Norway takes eight business days."},  # no title
]


@pytest.fixture
def emb() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def index(emb: HashEmbedder) -> VectorIndex:
    return VectorIndex.from_documents(DOCS, embedder=emb, chunk_size=5, overlap=2)


def test_chunk_text_windows_overlap_and_cover_every_word() -> None:
    words = [f"w{i}" for i in range(10)]
    chunks = chunk_text(" ".join(words), chunk_size=4, overlap=1)
    assert chunks == ["w0 w1 w2 w3", "w3 w4 w5 w6", "w6 w7 w8 w9"]
    assert chunk_text("one two", chunk_size=4, overlap=1) == ["one two"]  # short doc: one chunk
    assert chunk_text("   ", 4, 1) == []


def test_chunk_text_cleans_whitespace_and_keeps_unicode() -> None:
    assert chunk_text("café\u00a0 crème\n\tbrûlée  ", chunk_size=10, overlap=0) == ["café crème brûlée"]


@pytest.mark.parametrize(("size", "overlap"), [(0, 0), (5, 5), (5, -1), (5, 6)])
def test_chunk_text_rejects_bad_settings(size: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        chunk_text("a b c", size, overlap)


def test_chunk_documents_keeps_ids_titles_positions() -> None:
    chunks = chunk_documents(DOCS, chunk_size=5, overlap=2)
    assert {c.doc_id for c in chunks} == {"d1", "d2", "d3"}
    d1 = [c for c in chunks if c.doc_id == "d1"]
    assert [c.position for c in d1] == list(range(len(d1))) and all(c.title == "Cameras" for c in d1)
    assert all(c.title == "" for c in chunks if c.doc_id == "d3")


def test_search_finds_the_right_document_best_first(index: VectorIndex) -> None:
    hits = index.search("how long does shipping to Norway take", k=3)
    assert hits[0].doc_id == "d3"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert isinstance(hits[0], Hit) and "Norway" in hits[0].text


def test_search_deduplicates_by_document(emb: HashEmbedder) -> None:
    long_doc = {"id": "long", "text": " ".join(["camera night video"] * 40)}
    idx = VectorIndex.from_documents([long_doc, *DOCS], embedder=emb, chunk_size=6, overlap=2)
    hits = idx.search("camera night video", k=4)
    assert [h.doc_id for h in hits].count("long") == 1
    assert len(hits) == 4 and len({h.doc_id for h in hits}) == 4


def test_k_larger_than_the_index_returns_what_exists(index: VectorIndex) -> None:
    assert len(index.search("camera", k=50)) == 3


def test_search_many_matches_single_searches(index: VectorIndex) -> None:
    queries = ["camera at night", "email invoices", "parcel to Norway"]
    batched = index.search_many(queries, k=2)
    assert [[h.doc_id for h in row] for row in batched] == [[h.doc_id for h in index.search(q, 2)] for q in queries]
    assert index.search_many([], k=2) == []


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_empty_or_non_string_query_raises(index: VectorIndex, bad: object) -> None:
    with pytest.raises(ValueError, match="query"):
        index.search(bad, k=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", [0, -2, 1.5])
def test_bad_k_raises(index: VectorIndex, k: object) -> None:
    with pytest.raises(ValueError, match="k must be"):
        index.search("camera", k=k)  # type: ignore[arg-type]


def test_empty_corpus_raises(emb: HashEmbedder) -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        VectorIndex.from_documents([], embedder=emb)


@pytest.mark.parametrize(
    ("docs", "message"),
    [
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "Duplicate document id"),
        ([{"id": "a", "text": 42}], "must be a string"),
        ([{"id": "a", "text": None}], "must be a string"),
        ([{"id": "a", "text": "  \n "}], "empty text"),
        ([{"id": "", "text": "x"}], "non-empty string 'id'"),
        ([{"text": "x"}], "non-empty string 'id'"),
        (["just a string"], "must be a dict"),
        ([{"id": "a", "text": "x", "title": 5}], "title"),
        ("not a list", "list of documents"),
    ],
)
def test_bad_documents_raise_clear_errors(emb: HashEmbedder, docs: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        VectorIndex.from_documents(docs, embedder=emb)


def test_add_and_remove_update_search(index: VectorIndex) -> None:
    n_chunks = index.num_chunks
    index.add([{"id": "d4", "text": "The doorbell chime plays a melody when pressed."}])
    assert len(index) == 4 and "d4" in index.doc_ids
    assert index.search("doorbell chime melody", k=1)[0].doc_id == "d4"
    with pytest.raises(ValueError, match="Duplicate"):
        index.add([{"id": "d4", "text": "again"}])
    removed = index.remove("d4")
    assert removed >= 1 and index.num_chunks == n_chunks
    assert all(h.doc_id != "d4" for h in index.search("doorbell chime melody", k=5))
    with pytest.raises(KeyError):
        index.remove("d4")


def test_removing_everything_leaves_an_empty_but_usable_index(index: VectorIndex) -> None:
    for doc_id in index.doc_ids:
        index.remove(doc_id)
    assert len(index) == 0 and index.search("camera", k=3) == []


def test_sync_reembeds_only_changed_documents(index: VectorIndex) -> None:
    new_version = [
        {"id": "d1", "title": "Cameras", "text": "The camera records video at night with infrared light."},
        {"id": "d2", "title": "Billing", "text": "Invoices are sent by post every quarter after payment."},
        {"id": "d5", "text": "Gift cards never expire."},
    ]
    report = index.sync(new_version)
    assert (report.added, report.removed, report.changed, report.unchanged) == (["d5"], ["d3"], ["d2"], 1)
    assert sorted(index.doc_ids) == ["d1", "d2", "d5"]
    top = index.search("invoices sent by post", k=1)[0]
    assert top.doc_id == "d2" and "post" in top.text and "quarter" in index.document("d2")["text"]
    assert index.sync(new_version).changed == []  # idempotent


def test_copy_is_independent_and_shares_the_embedder(index: VectorIndex) -> None:
    before = [(h.doc_id, h.score) for h in index.search("camera night video", k=3)]
    twin = index.copy()
    assert twin.embedder is index.embedder and twin.doc_ids == index.doc_ids
    assert [(h.doc_id, h.score) for h in twin.search("camera night video", k=3)] == before
    twin.sync([{"id": "d9", "text": "Gift cards never expire."}])
    assert twin.doc_ids == ["d9"] and twin.num_chunks == 1
    assert [(h.doc_id, h.score) for h in index.search("camera night video", k=3)] == before  # original untouched


def test_save_and_load_round_trip(index: VectorIndex, emb: HashEmbedder, tmp_path: Path) -> None:
    index.remove("d2")
    index.save(tmp_path / "idx")
    loaded = VectorIndex.load(tmp_path / "idx", embedder=emb)
    assert loaded.doc_ids == index.doc_ids and loaded.num_chunks == index.num_chunks
    query = "shipping to Norway"
    assert [(h.doc_id, round(h.score, 5)) for h in loaded.search(query, 3)] == [
        (h.doc_id, round(h.score, 5)) for h in index.search(query, 3)
    ]
    loaded.add([{"id": "d2", "text": "new billing text"}])  # chunk ids keep counting after a load
    assert len(loaded) == 3
    with pytest.raises(FileNotFoundError):
        VectorIndex.load(tmp_path / "missing", embedder=emb)


def test_split_sentences_keeps_decimals_and_abbreviated_numbers() -> None:
    text = "It costs 9.99 EUR. Hold it for 10 s. then release. Done!"
    assert split_sentences(text) == ["It costs 9.99 EUR.", "Hold it for 10 s. then release.", "Done!"]


def test_build_prompt_numbers_sources_and_asks_for_citations_and_abstention() -> None:
    hits = [Hit("d1", "First text.", 0.9, "Title A"), Hit("d2", "Second text.", 0.5)]
    prompt = build_prompt("What is it?", hits)
    assert "[1] Title A: First text." in prompt and "[2] Second text." in prompt
    assert "What is it?" in prompt and rag.IDK in prompt
    assert "(no sources found)" in build_prompt("What is it?", [])
    with pytest.raises(ValueError):
        build_prompt("  ", hits)


def test_cited_sources_maps_numbers_to_documents() -> None:
    hits = [Hit("d1", "a", 0.9), Hit("d2", "b", 0.8)]
    assert cited_sources("It is 5 [2] and [1], again [2]; [7] does not exist.", hits) == ["d2", "d1"]
    assert cited_sources("no citation", hits) == []


def test_answer_gates_low_scores_and_parses_citations(index: VectorIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_chat(model: Any, tokenizer: Any, prompts: list[str], **_: Any) -> list[str]:
        calls.append(prompts)
        return ["Eight business days [1]." for _ in prompts]

    monkeypatch.setattr("ftrag.rag.chat", fake_chat)
    out = rag.answer(["parcel Norway shipping days", "zebra quantum"], index, None, None, k=2, min_score=0.3)
    assert len(calls) == 1 and len(calls[0]) == 1  # the off-topic question never reaches the model
    assert out[0].sources == ["d3"] and not out[0].abstained and out[0].hits[0].doc_id == "d3"
    assert out[1].text == rag.IDK and out[1].abstained and out[1].sources == []
    with pytest.raises(ValueError, match="list of questions"):
        rag.answer("one question", index, None, None)  # type: ignore[arg-type]


def test_compare_ann_reports_exact_recall_one_and_all_indexes() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(2000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = compare_ann(vectors, vectors[:20], k=5, nprobe=4)
    assert [r["index"].split()[0] for r in rows] == ["flat", "HNSW", "IVF"]
    assert rows[0]["recall@5_vs_exact"] == 1.0
    assert all(0.0 <= r["recall@5_vs_exact"] <= 1.0 and r["query_ms"] > 0 for r in rows)
    with pytest.raises(ValueError):
        compare_ann(vectors, vectors[:, :8])


# The lab's self-checks must pass on a correct answer and fail on a typical mistake.
def _chunk_ok(text: str, size: int, overlap: int) -> list[str]:
    return chunk_text(text, size, overlap)


def _chunk_no_overlap(text: str, size: int, overlap: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


def test_lab1_checks_pass_on_correct_answers_and_fail_on_mistakes() -> None:
    from ftrag.checks import CheckFailed, lab1

    lab1.check_chunking(_chunk_ok)
    with pytest.raises(CheckFailed):
        lab1.check_chunking(_chunk_no_overlap)

    def top_k(q: np.ndarray, m: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        s = m @ q
        rows = np.argsort(-s)[:k]
        return s[rows], rows

    lab1.check_top_k(top_k)
    with pytest.raises(CheckFailed):
        lab1.check_top_k(lambda q, m, k: top_k(q, m, k)[::-1])  # scores and rows swapped

    def best(doc_ids: Sequence[str], scores: Sequence[float], k: int) -> list[tuple[str, float]]:
        seen: dict[str, float] = {}
        for d, s in zip(doc_ids, scores, strict=True):
            seen.setdefault(d, s)
        return list(seen.items())[:k]

    lab1.check_best_per_document(best)
    with pytest.raises(CheckFailed):
        lab1.check_best_per_document(lambda d, s, k: list(zip(d, s, strict=True))[:k])

    hits = [Hit("d1", "Returns within 30 days.", 0.9), Hit("d2", "Refunds in 14 days.", 0.7)]
    lab1.check_prompt(build_prompt, hits)
    with pytest.raises(CheckFailed):
        lab1.check_prompt(lambda q, h: q + " " + " ".join(x.text for x in h), hits)

    lab1.check_recall(lambda ranked, gold, k: float(bool(set(ranked[:k]) & set(gold))))
    with pytest.raises(CheckFailed):
        lab1.check_recall(lambda ranked, gold, k: float(bool(set(ranked) & set(gold))))
    with pytest.raises(NotImplementedError, match="Lab exercise"):  # an unfilled TODO stops with its own message
        lab1.check_recall(lambda ranked, gold, k: (_ for _ in ()).throw(NotImplementedError("Lab exercise: x")))


def test_lab1_references_pass_their_own_checks() -> None:
    from ftrag.checks import lab1, use_reference

    lab1.check_chunking(use_reference("lab1.chunk_words"))
    lab1.check_top_k(use_reference("lab1.top_k"))
    lab1.check_best_per_document(use_reference("lab1.best_per_document"))
    hits = [Hit("d1", "Returns within 30 days.", 0.9), Hit("d2", "Refunds in 14 days.", 0.7)]
    lab1.check_prompt(use_reference("lab1.make_prompt"), hits)
    lab1.check_recall(use_reference("lab1.recall_at_k"))


def test_lab1_success_texts_say_what_was_checked(capsys: pytest.CaptureFixture[str]) -> None:
    from ftrag.checks import lab1

    lab1.check_chunking(_chunk_ok)
    out = capsys.readouterr().out
    assert out.startswith("\u2705") and len(out.split()) > 6


def test_lab1_answers_open_right_and_hint() -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.keys import KEYS

    assert {f"lab1.q{n}" for n in range(1, 6)} <= set(KEYS)
    assert answer("lab1.q2", "") == "open"
    assert answer("lab1.q2", " C ") == "right" and answer("lab1.q3", "a") == "right"
    with pytest.raises(CheckFailed, match="Hint"):
        answer("lab1.q2", "a")
    # judged on the learner's own figures
    assert answer("lab1.q1", "reader", recall=1.0, strict_accuracy=0.3) == "right"
    with pytest.raises(CheckFailed):
        answer("lab1.q1", "retrieval", recall=1.0, strict_accuracy=0.3)
    assert answer("lab1.q1", "retrieval", recall=0.4, strict_accuracy=0.6) == "right"
    with pytest.raises(TypeError, match="measurements"):
        answer("lab1.q1", "reader")
    assert answer("lab1.q4", "closed book", closed_book=0.8, with_retrieval=0.3) == "right"
    with pytest.raises(CheckFailed):
        answer("lab1.q4", "retrieval", closed_book=0.8, with_retrieval=0.3)
    assert answer("lab1.q4", "retrieval", closed_book=0.1, with_retrieval=0.3) == "right"


def test_lab1_best_setting_is_judged_on_the_runs_table() -> None:
    from ftrag.checks import CheckFailed, answer

    runs = [{"k": 1, "strict_accuracy": 0.2}, {"k": 3, "strict_accuracy": 0.4}, {"k": 5, "strict_accuracy": 0.4}]
    with pytest.raises(CheckFailed, match="at least two runs"):  # one run is nothing to compare
        answer("lab1.q5", "3", runs=runs[1:2], setting="k")
    assert answer("lab1.q5", "3", runs=runs, setting="k") == "right"
    assert answer("lab1.q5", 5, runs=runs, setting="k") == "right"  # a tie: either best value is right
    with pytest.raises(CheckFailed):
        answer("lab1.q5", "1", runs=runs, setting="k")


def test_focus_keeps_the_sentences_closest_to_the_question_in_order(emb: HashEmbedder) -> None:
    text = "Parcels ship on Monday. The camera records video at night. Invoices come by email. Night video is sharp."
    embed = lambda texts: emb.encode(texts)  # noqa: E731
    assert rag.focus("camera night video", text, embed, n=2) == (
        "The camera records video at night. Night video is sharp."
    )
    assert rag.focus("anything", "One sentence only.", embed, n=3) == "One sentence only."
    with pytest.raises(ValueError, match="n must be"):
        rag.focus("q", text, embed, n=0)


def test_focus_hits_batched_equals_the_lesson_version(index: VectorIndex) -> None:
    questions = ["night camera video", "email invoices payment"]
    hits = index.search_many(questions, k=3)
    plain = rag.focus_hits(questions, hits, index, sentences=1, batched=False)
    assert plain == rag.focus_hits(questions, hits, index, sentences=1)
    assert plain[0][0].doc_id == hits[0][0].doc_id and plain[0][0].score == hits[0][0].score


def test_focus_hits_agree_with_the_course_embedder() -> None:
    """With MiniLM, batching changes the last bits of each vector: the kept sentences must still be the same."""
    from ftrag.data import load_kb, load_questions
    from ftrag.models import load_embedder

    index = VectorIndex.from_documents(load_kb(1)[:20], embedder=load_embedder())
    questions = [q["question"] for q in load_questions() if q["kind"] == "stable"][:8]
    hits = index.search_many(questions, k=3)
    plain = rag.focus_hits(questions, hits, index, sentences=2, batched=False)
    assert [[h.text for h in row] for row in plain] == [
        [h.text for h in row] for row in rag.focus_hits(questions, hits, index, sentences=2)
    ]
