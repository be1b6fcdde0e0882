"""Unit tests for ftrag.prompts: the message builder, sources of any shape, the RAG prompt, token counts."""

from __future__ import annotations

import pytest

from ftrag import prompts as p


def test_messages_put_system_shots_and_request_in_order() -> None:
    turns = p.messages(" How long? ", "Be brief.", shots=[("Q1", "A1")])
    assert [t["role"] for t in turns] == ["system", "user", "assistant", "user"]
    assert turns[-1]["content"] == "How long?" and p.messages("q")[0]["role"] == "user"
    assert p.as_messages(turns[1:], system="S")[0] == {"role": "system", "content": "S"}
    with pytest.raises(ValueError, match="'role' and 'content'"):
        p.as_messages([{"text": "hi"}])  # type: ignore[list-item]


def test_sources_may_be_one_text_texts_or_pairs() -> None:
    assert p.as_passages("one") == [("", "one")]
    assert p.as_passages(["a", ("T", "b")]) == [("", "a"), ("T", "b")]
    assert p.numbered_sources([("Returns", "30 days."), "No title."]) == "[1] Returns: 30 days.\n[2] No title."
    assert p.numbered_sources([]) == "(no sources found)"
    with pytest.raises(ValueError, match="Source 1 is"):
        p.as_passages(["ok", 3])  # type: ignore[list-item]


def test_rag_prompt_numbers_sources_and_offers_abstention() -> None:
    text = p.rag_prompt("How long is the window?", [("Returns", "You have 30 days.")])
    assert text.startswith("Sources:\n[1] Returns: You have 30 days.") and "How long is the window?" in text
    assert p.IDK in text and "[1]" in text.split("Question:")[1]


def test_count_tokens_counts_the_chat_template_too(tokenizer) -> None:
    bare = len(tokenizer("Hello there", add_special_tokens=False)["input_ids"])
    assert p.count_tokens(tokenizer, "Hello there") > bare  # the role markers and generation prompt are read too
    assert p.count_tokens(tokenizer, p.messages("Hello there")) == p.count_tokens(tokenizer, "Hello there")
