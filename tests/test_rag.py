"""Unit tests for ftrag.rag: focusing sources, the prompt with numbered sources, answers and citations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hash_embedder import HashEmbedder

from ftrag import rag
from ftrag.index import Hit, VectorIndex
from ftrag.rag import build_prompt, cited_sources


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


def test_answer_passes_generation_options_to_chat_and_keeps_its_defaults(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict] = []

    def fake_chat(model: Any, tokenizer: Any, prompts: list[str], **options: Any) -> list[str]:
        seen.append(options)
        return ["[1]" for _ in prompts]

    monkeypatch.setattr("ftrag.rag.chat", fake_chat)
    rag.answer(["parcel Norway shipping days"], index, None, None, k=1)
    rag.answer(["parcel Norway shipping days"], index, None, None, k=1, max_new_tokens=8, batch_size=2, system=None)
    assert seen[0] == {"system": rag.SYSTEM_PROMPT, "max_new_tokens": 48}
    assert seen[1] == {"system": None, "max_new_tokens": 8, "batch_size": 2}
    assert rag.answer([], index, None, None) == [] and len(seen) == 2  # nothing to ask: the model is not called
    with pytest.raises(TypeError, match=r"\['max_tokens'\]: generation takes batch_size, max_new_tokens"):
        rag.answer(["parcel Norway shipping days"], index, None, None, max_tokens=8)  # a typo fails at once
    assert len(seen) == 2


def test_retrieve_trims_each_hit_only_when_asked(index: VectorIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def spy(questions: Any, hits: Any, index: Any, sentences: int) -> Any:
        asked.append(sentences)
        return [[replace(h, text="trimmed") for h in row] for row in hits]

    monkeypatch.setattr("ftrag.rag.focus_hits", spy)
    whole = rag.retrieve(["parcel Norway shipping days"], index, k=2)
    assert whole == index.search_many(["parcel Norway shipping days"], 2) and asked == []
    trimmed = rag.retrieve(["parcel Norway shipping days"], index, k=2, sentences=1)
    assert asked == [1] and [h.doc_id for h in trimmed[0]] == [h.doc_id for h in whole[0]]
    assert {h.text for h in trimmed[0]} == {"trimmed"}


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
