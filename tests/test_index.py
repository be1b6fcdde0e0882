"""Unit tests for ftrag.index: chunking and the vector index (search, add/remove/sync, copy, save/load)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hash_embedder import DOCS, HashEmbedder

from ftrag.index import Hit, VectorIndex, chunk_documents, chunk_text


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
