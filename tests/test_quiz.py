"""Unit tests for ftrag.quiz: the scenarios' answer keys agree with the framework, and grading gives feedback."""

from __future__ import annotations

import pytest

from ftrag import decide, quiz


def test_quiz_has_ten_or_more_distinct_scenarios() -> None:
    ids = [s.id for s in quiz.SCENARIOS]
    assert len(ids) >= 10 and len(set(ids)) == len(ids)
    assert {a for s in quiz.SCENARIOS for a in s.accepted} <= set(quiz.CHOICES)
    assert all(len(s.explanation) > 40 for s in quiz.SCENARIOS)


@pytest.mark.parametrize("scenario", quiz.SCENARIOS, ids=lambda s: s.id)
def test_quiz_answer_key_agrees_with_recommend(scenario: quiz.Scenario) -> None:
    rec = decide.recommend(scenario.knowledge_changes, scenario.change_behavior, scenario.labeled_examples)
    expected = {"rag": "rag", "fine-tuning": "fine-tuning", "rag-or-prompting": "prompting"}[rec.approach]
    assert expected in scenario.accepted
    if scenario.knowledge_changes and scenario.change_behavior:
        assert "both" in scenario.accepted


def test_grade_gives_feedback_both_ways() -> None:
    right = quiz.grade("price-bot", "rag")
    wrong = quiz.grade("price-bot", "fine-tuning")
    assert right.correct and right.message.startswith("\u2705 Correct")
    assert not wrong.correct and "Not quite" in wrong.message and "RAG" in wrong.message
    assert quiz.score({"price-bot": "rag", "ticket-json": "rag"}) == (1, 2)
    with pytest.raises(ValueError, match="choice must be"):
        quiz.grade("price-bot", "magic")
    with pytest.raises(KeyError, match="valid ids"):
        quiz.grade("nope", "rag")
