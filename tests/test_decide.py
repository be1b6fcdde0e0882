"""Unit tests for ftrag.decide: the three questions and the scorecard."""

from __future__ import annotations

import itertools

import pytest

from ftrag import decide


@pytest.mark.parametrize(
    ("knowledge", "behaviour", "examples", "expected"),
    [
        (True, False, 0, "rag"),
        (True, True, 5000, "rag"),  # question 1 wins whatever the rest says
        (False, True, 0, "fine-tuning"),
        (False, True, 50_000, "fine-tuning"),
        (False, False, 1001, "fine-tuning"),
        (False, False, 1000, "rag-or-prompting"),  # "more than 1,000" is strict
        (False, False, 0, "rag-or-prompting"),
    ],
)
def test_recommend_follows_questions_in_order(knowledge: bool, behaviour: bool, examples: int, expected: str) -> None:
    rec = decide.recommend(knowledge, behaviour, examples)
    assert rec.approach == expected
    assert rec.approach in decide.LABELS


def test_path_lists_exactly_the_questions_asked() -> None:
    assert len(decide.recommend(True, True, 0).path) == 1
    assert len(decide.recommend(False, True, 0).path) == 2
    path = decide.recommend(False, False, 20).path
    assert len(path) == 3
    assert path[0].startswith("1. Does the knowledge change? No")
    assert "Yes" in decide.recommend(False, False, 2000).path[2]
    assert "No" in path[2].split("?")[1]


def test_also_consider_suggests_combining_when_both_apply() -> None:
    both = decide.recommend(True, True, 0).also_consider
    assert any("combine" in a.lower() for a in both)
    assert not any("combine" in a.lower() for a in decide.recommend(True, False, 0).also_consider)
    assert all(
        isinstance(a, str) and a
        for combo in itertools.product([True, False], repeat=2)
        for a in decide.recommend(*combo, 10).also_consider
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("yes", False, 0), TypeError),
        ((True, 1, 0), TypeError),
        ((False, False, -1), ValueError),
        ((False, False, 2.5), TypeError),
        ((False, False, True), TypeError),
        ((False, False, "1000"), TypeError),
    ],
)
def test_recommend_rejects_bad_input_with_a_message(args: tuple, error: type) -> None:
    with pytest.raises(error, match="must be"):
        decide.recommend(*args)


def test_scorecard_counts_and_leaning() -> None:
    assert decide.scorecard([]).leaning == "none"
    card = decide.scorecard(["citations", "knowledge_updates", "tone_format"])
    assert (card.rag, card.fine_tuning, card.leaning) == (2, 1, "rag")
    assert card.rag_items == ["knowledge_updates", "citations"]
    assert decide.scorecard(["latency", "classifier"]).leaning == "fine-tuning"
    assert decide.scorecard(["latency", "citations"]).leaning == "both"
    assert "2/5" in card.summary and "1/5" in card.summary
    assert len(decide.RAG_SIGNS) == len(decide.FT_SIGNS) == 5


def test_scorecard_rejects_unknown_ids() -> None:
    with pytest.raises(ValueError, match="Unknown sign"):
        decide.scorecard(["citations", "magic"])
    with pytest.raises(TypeError):
        decide.scorecard("citations")
