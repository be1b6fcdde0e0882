"""Unit tests for ftrag.metrics: retrieval scores, answer matching, abstention and citations."""

from __future__ import annotations

import pytest

from ftrag.metrics import (
    answer_matches,
    citation_correct,
    is_abstention,
    normalize_answer,
    parse_citations,
    recall_at_k,
    reciprocal_rank,
    retrieval_scores,
)


def test_recall_at_k_counts_any_gold_in_the_top_k() -> None:
    ranked = ["a", "b", "c"]
    assert recall_at_k(ranked, ["c"], 2) == 0.0
    assert recall_at_k(ranked, ["c"], 3) == 1.0
    assert recall_at_k(ranked, ["x", "b"], 2) == 1.0
    assert recall_at_k(ranked, "a", 1) == 1.0
    assert recall_at_k(ranked, ["c"], 10) == 1.0  # k beyond the list is fine


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_recall_rejects_bad_k(k: object) -> None:
    with pytest.raises(ValueError, match="k must be"):
        recall_at_k(["a"], ["a"], k)  # type: ignore[arg-type]


def test_empty_gold_is_an_error() -> None:
    with pytest.raises(ValueError, match="gold set is empty"):
        recall_at_k(["a"], [], 1)


def test_reciprocal_rank_uses_the_first_gold_hit() -> None:
    assert reciprocal_rank(["a", "b", "c"], ["c", "b"]) == pytest.approx(0.5)
    assert reciprocal_rank(["a"], ["z"]) == 0.0


def test_retrieval_scores_average_and_skip_unanswerable() -> None:
    scores = retrieval_scores([["a", "b"], ["b", "a"], ["x"]], [["a"], ["a"], []], ks=(1, 2))
    assert scores["n"] == 2
    assert scores["recall@1"] == pytest.approx(0.5)
    assert scores["recall@2"] == pytest.approx(1.0)
    assert scores["mrr"] == pytest.approx(0.75)
    with pytest.raises(ValueError, match="rankings"):
        retrieval_scores([["a"]], [["a"], ["b"]])
    with pytest.raises(ValueError, match="undefined"):
        retrieval_scores([["a"]], [[]])


def test_normalize_answer_keeps_decimals_and_drops_noise() -> None:
    assert normalize_answer("  The price is 9.99 EUR! ") == "price is 9.99 eur"
    assert normalize_answer("1,000 units") == "1000 units"
    assert normalize_answer("30-day\ttrial") == "30 day trial"
    assert normalize_answer("ＡＢＣ") == "abc"  # full-width unicode folded
    with pytest.raises(ValueError):
        normalize_answer(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("prediction", "gold"),
    [
        ("It costs 9.99 EUR per month [1].", "9.99 EUR"),
        ("Guard Plus is 9.99 euros a month", "9.99 EUR"),
        ("You get a 30 day trial.", "30-day"),
        ("Up to 8 presets can be saved", "8 preset positions"),
        ("Serial numbers begin with HV.", "HV"),
        ("The answer is Android 10 or later", "android 10"),
    ],
)
def test_answer_matches_accepts_paraphrased_units(prediction: str, gold: str) -> None:
    assert answer_matches(prediction, gold)


@pytest.mark.parametrize(
    ("prediction", "gold"),
    [
        ("It costs 11.99 EUR", "9.99 EUR"),
        ("The lock lasts 30 seconds", "30 minutes"),
        ("I don't know.", "15 minutes"),
        ("Serial numbers begin with HX", "HV"),
        ("It is 99 EUR", "9.99 EUR"),
    ],
)
def test_answer_matches_rejects_wrong_values(prediction: str, gold: str) -> None:
    assert not answer_matches(prediction, gold)


def test_answer_matches_rejects_empty_gold() -> None:
    with pytest.raises(ValueError, match="empty"):
        answer_matches("anything", " !! ")


@pytest.mark.parametrize(
    "text",
    [
        "I don't know.",
        "I do not know the answer",
        "The sources do not mention a student discount.",
        "This is not mentioned in the context.",
        "I cannot find that in the sources.",
        "There is no information about the CEO.",
        "",
    ],
)
def test_is_abstention_detects_refusals(text: str) -> None:
    assert is_abstention(text)


@pytest.mark.parametrize("text", ["It costs 9.99 EUR [1].", "Yes, knowing the code helps [2].", "No, 5 GHz only."])
def test_is_abstention_ignores_answers(text: str) -> None:
    assert not is_abstention(text)


def test_parse_citations_finds_brackets_and_source_words() -> None:
    assert parse_citations("It is 5 [2]. See also [1, 3] and [Source 2].") == [2, 1, 3]
    assert parse_citations("According to source 4, yes.") == [4]
    assert parse_citations("No citation, 2024 [sic].") == []
    with pytest.raises(ValueError):
        parse_citations(3)  # type: ignore[arg-type]


def test_citation_correct() -> None:
    assert citation_correct(["kb-1", "kb-9"], ["kb-1"])
    assert not citation_correct([], ["kb-1"])
    assert not citation_correct(["kb-2"], ["kb-1"])


def test_answer_rates_counts_each_version() -> None:
    from ftrag.metrics import answer_rates

    rates = answer_rates(
        ["It costs 9.99 EUR a month.", "The window is 45 days."],
        {"v1": ["9.99 EUR", "30 days"], "v2": ["11.99 EUR", "45 days"]},
    )
    assert rates == {"v1": 0.5, "v2": 0.5}
    with pytest.raises(ValueError, match="equally long"):
        answer_rates(["x"], {"v1": ["a", "b"]})
