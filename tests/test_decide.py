"""Unit tests for ftrag.decide (the three questions, the scorecard, measured evidence) and ftrag.quiz."""

from __future__ import annotations

import itertools

import pytest

from ftrag import decide, quiz


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


def test_evidence_notes_compare_measured_pairs() -> None:
    notes = decide.evidence_notes({"base_accuracy": 0.1, "rag_accuracy": 0.8, "lora_format_compliance": 1.0})
    assert len(notes) == 1 and "raised" in notes[0] and "0.10" in notes[0] and "0.80" in notes[0]
    worse = decide.evidence_notes({"base_format_compliance": 0.9, "lora_format_compliance": 0.5})
    assert "did not raise" in worse[0]
    assert decide.evidence_notes({"base_accuracy": "n/a", "rag_accuracy": 0.5}) == []
    with pytest.raises(TypeError):
        decide.evidence_notes([1, 2])  # type: ignore[arg-type]


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


def test_concept_self_checks_pass_right_answers_and_hint_on_wrong_ones() -> None:
    from ftrag.checks import CheckFailed
    from ftrag.checks.concepts import QUESTIONS, check

    for qid, q in QUESTIONS.items():
        check(qid, "  " + next(iter(q.accepted)).upper() + " ")  # case and spaces do not matter
        with pytest.raises(CheckFailed, match="Hint"):
            check(qid, "something else")
        assert not any(a in q.hint.lower().split() for a in q.accepted if " " not in a), qid  # no giveaway
    with pytest.raises(KeyError):
        check("99_nope", "rag")


def test_every_concept_hint_points_to_a_real_section() -> None:
    """A hint's section must be a heading of the notebook the question belongs to."""
    from pathlib import Path

    import nbformat

    from ftrag.checks.concepts import QUESTIONS

    root = Path(__file__).resolve().parents[1] / "notebooks"
    for qid, question in QUESTIONS.items():
        nb_path = next(root.glob(f"{qid[:2]}_*.ipynb"))
        headings = {
            line.lstrip("#").strip()
            for cell in nbformat.read(nb_path, as_version=4).cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("#")
        }
        assert question.section in headings, f"{qid}: no heading '{question.section}' in {nb_path.name}"
