"""Widget tests: set controls programmatically (as a learner's clicks would) and check what is shown."""

from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")

from ftrag import decide, quiz  # noqa: E402
from ftrag.widgets import CostCalculator, DecisionWidget, QuizWidget, ScorecardWidget  # noqa: E402


def css(widget: object) -> list[str]:
    """The CSS classes a widget carries, as its synced state tells the browser."""
    return widget.get_state()["_dom_classes"]


def text(html_value: str) -> str:
    """The visible text of an HTML widget value (tags dropped)."""
    return re.sub(r"<[^>]+>", " ", html_value).replace("&#x27;", "'").replace("&gt;", ">")


def test_decision_widget_walks_the_three_questions() -> None:
    w = DecisionWidget()
    assert "Answer question 1" in text(w.recommendation.value)
    w.q1.value = False
    assert "Answer question 2" in text(w.recommendation.value)
    w.q2.value = False
    assert "Answer question 3" in text(w.recommendation.value)
    w.q3.value = False
    assert "RAG or prompt engineering first" in text(w.recommendation.value)
    w.q3.value = True
    assert "Recommendation: Fine-tuning" in text(w.recommendation.value)
    w.q1.value = True
    shown = text(w.recommendation.value)
    assert "Recommendation: RAG" in shown and "Does the knowledge change? Yes" in shown
    w.q2.value = True
    assert "combine both" in text(w.recommendation.value)


def test_decision_widget_has_the_documented_css_classes() -> None:
    w = DecisionWidget()
    assert "ftrag-decide-q1" in css(w.q1) and "ftrag-decide-q3" in css(w.q3)
    assert "ftrag-decide-recommendation" in css(w.recommendation)
    assert "ftrag-decide" in css(w.ui)
    assert w.q1.options[0][0] == "Yes"


def test_decision_widget_count_field_and_bad_values() -> None:
    w = DecisionWidget()
    w.q1.value, w.q2.value = False, False
    w.count.value = "2,500"
    assert w.q3.value is True and w.message.value == ""
    assert "Recommendation: Fine-tuning" in text(w.recommendation.value)
    w.count.value = "-3"
    assert "whole number" in text(w.message.value)  # visible message, no exception
    w.count.value = "lots"
    assert "whole number" in text(w.message.value)
    w.count.value = ""
    assert w.message.value == ""
    w.count.value = "400"
    assert w.q3.value is False
    w.q3.value = True  # a click that disagrees with the typed count clears the count
    assert w.count.value == "" and "Recommendation: Fine-tuning" in text(w.recommendation.value)


def test_decision_widget_takes_measured_inputs() -> None:
    w = DecisionWidget(
        measured={
            "knowledge_changes": False,
            "change_behavior": False,
            "labeled_examples": 300,
            "base_accuracy": 0.12,
            "rag_accuracy": 0.71,
        }
    )
    assert w.q3.value is False and w.count.value == "300"
    assert "RAG or prompt engineering first" in text(w.recommendation.value)
    shown = text(w.evidence.value)
    assert "Other figures passed in" in shown and "rag_accuracy" in shown and "0.12" in shown
    assert "labeled_examples" not in shown  # it answered question 3, it is not evidence
    with pytest.raises(TypeError):
        DecisionWidget(measured={"knowledge_changes": "yes"})
    with pytest.raises(ValueError):
        DecisionWidget(measured={"labeled_examples": -1})


LAB_RESULTS = {
    "lab1_rag": {"hallucination_closed_book": 0.6, "hallucination_rag": 0.2, "n_answerable": 40},
    "lab2_lora": {"untuned_compliance": 0.05, "lora_compliance": 0.95, "n_test": 40},
    "lab3_embeddings": None,
}


def test_decision_widget_shows_lab_evidence_and_marks_the_path() -> None:
    w = DecisionWidget(lab_results=LAB_RESULTS)
    shown = text(w.evidence.value)
    assert "Lab 1" in shown and "closed book 0.60 -> RAG 0.20" in shown and "40 answerable questions" in shown
    assert "untuned 0.05 -> LoRA 0.95" in shown and "held-out tickets" in shown
    assert "Lab 3 (labs/lab3_embeddings.ipynb) comes later" in shown
    assert "on your path" not in shown
    w.q1.value = True  # the path stops at question 1: only its evidence is marked
    rows = [r for r in w.evidence.value.split("<tr>") if "on your path" in r]
    assert len(rows) == 1 and "Lab 1" in rows[0]
    w.q1.value = False
    w.q2.value = True
    rows = [r for r in w.evidence.value.split("<tr>") if "on your path" in r]
    assert len(rows) == 2 and "Lab 2" in rows[1]
    empty = DecisionWidget(lab_results={"lab1_rag": None, "lab2_lora": None, "lab3_embeddings": None})
    assert "Not measured yet: run Lab 1" in text(empty.evidence.value)
    assert DecisionWidget().evidence.value == ""


def test_scorecard_widget_counts_ticks() -> None:
    w = ScorecardWidget()
    assert "tick the signs" in text(w.result.value)
    w.boxes["citations"].value = True
    w.boxes["knowledge_updates"].value = True
    w.boxes["latency"].value = True
    assert "leans to RAG" in text(w.result.value) and "2/5" in text(w.result.value)
    assert sorted(w.ticked()) == ["citations", "knowledge_updates", "latency"]
    assert "ftrag-scorecard-result" in css(w.result)
    with pytest.raises(ValueError):
        ScorecardWidget(ticked=["nope"])


def test_cost_calculator_updates_and_reports_bad_values() -> None:
    w = CostCalculator(plot=False)
    before = text(w.result.value)
    assert "Break-even at month" in before
    w.queries.value = w.queries.value * 3 + 7
    after = text(w.result.value)
    assert after != before
    w.queries.value = -5
    assert "must be between" in text(w.message.value)  # visible, and no traceback
    assert text(w.result.value) == after  # the last good result stays
    w.queries.value = 10_000
    assert w.message.value == ""
    w.sliders["ft_retrain_every_months"].value = 1
    assert "every 1 months" in text(w.result.value)
    assert "ftrag-cost-result" in css(w.result) and "ftrag-cost" in css(w.ui)


def test_cost_calculator_defaults_and_compact_mode() -> None:
    w = CostCalculator(defaults={"queries_per_month": 1_000, "rag_setup": 250_000.0}, compact=True, plot=False)
    assert w.queries.value == 1_000 and set(w.sliders) == {"context_tokens", "ft_retrain_every_months"}
    assert w.assumptions().rag_setup == 250_000.0
    assert "Set-up: RAG $250,000" in text(w.result.value)
    full = CostCalculator(defaults={"rag_setup": 250_000.0}, plot=False)
    assert full.sliders["rag_setup"].max >= 250_000 and full.sliders["rag_setup"].value == 250_000
    assert "queries_per_month" in full.assumptions_table()
    with pytest.raises(ValueError, match="Unknown"):
        CostCalculator(defaults={"nope": 1})


def test_cost_calculator_draws_a_plot() -> None:
    w = CostCalculator(plot=True, compact=True)
    w.horizon.value = 48  # redraws without error
    assert "After 48 months" in text(w.result.value)


def test_cost_calculator_labels_measured_assumed_and_changed_inputs() -> None:
    from ftrag import cost_inputs

    inputs = cost_inputs.inputs_from_labs(
        {"lab1_rag": {"rag_prompt_tokens": 420}, "lab2_lora": {"prompt_tokens_lora": 90}}
    )
    w = CostCalculator(inputs=inputs, plot=False)
    assert w.sliders["prompt_tokens"].value == 90 and w.sliders["context_tokens"].value == 330
    line = text(w.result.value)
    assert "measured (lab 1): context_tokens" in line and "measured (lab 2): prompt_tokens" in line
    table = text(w.inputs_html.value)
    assert "measured (lab 1)" in table and "assumed" in table and "ftrag-cost-inputs" in css(w.inputs_html)
    w.sliders["prompt_tokens"].value = 200
    assert w.source("prompt_tokens", 200) == "set by you" and "set by you: prompt_tokens" in text(w.result.value)
    w.sliders["prompt_tokens"].value = 90  # back to the measured value
    assert "measured (lab 2): prompt_tokens" in text(w.result.value)
    given = CostCalculator(inputs=inputs, defaults={"queries_per_month": 2_000}, plot=False)
    assert given.source("queries_per_month") == "set by you" and given.source("context_tokens") == "measured (lab 1)"
    assert "assumed: all" in text(CostCalculator(plot=False).result.value)


def test_quiz_widget_grades_and_navigates() -> None:
    w = QuizWidget()
    first = quiz.SCENARIOS[0]
    assert first.title in w.scenario.value and w.feedback.value == "" and w.prev.disabled
    w.choices.value = first.accepted[0]
    assert "Correct" in text(w.feedback.value) and "score 1/1" in w.progress.value
    w.next.click()
    second = quiz.SCENARIOS[1]
    assert second.title in w.scenario.value and w.choices.value is None and w.feedback.value == ""
    wrong = next(c for c in quiz.CHOICES if c not in second.accepted)
    w.choices.value = wrong
    assert "Not quite" in text(w.feedback.value) and "score 1/2" in w.progress.value
    w.prev.click()
    assert w.choices.value == first.accepted[0] and "Correct" in text(w.feedback.value)
    w.go(999)
    assert w.next.disabled and f"Scenario {len(quiz.SCENARIOS)} of" in w.progress.value
    assert len(quiz.SCENARIOS) >= 10 and decide.EXAMPLES_THRESHOLD == 1000


def test_saved_figures_feed_the_decision_widget(tmp_path, monkeypatch) -> None:
    from saved_figures import write_saved

    from ftrag.results import flatten_numbers, lab_figures

    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    assert lab_figures(["lab1_rag"]) == {"lab1_rag": None}
    write_saved("lab1_rag", {"base_accuracy": 0.1, "rag_accuracy": 0.6, "notes": "text", "v2": {"accuracy": 0.5}})
    write_saved("lab4_knowledge", {"labeled_examples": 300.0, "knowledge_changes": "often"})
    saved = lab_figures(["lab1_rag", "lab4_knowledge"])
    assert saved["lab1_rag"] == {"base_accuracy": 0.1, "rag_accuracy": 0.6, "v2.accuracy": 0.5}
    assert saved["lab4_knowledge"] == {"labeled_examples": 300}  # a whole float is a count; a non-bool answer dropped
    got = {**saved["lab1_rag"], **saved["lab4_knowledge"]}
    w = DecisionWidget(measured=got)
    assert w.count.value == "300" and "rag_accuracy" in text(w.evidence.value)
    assert flatten_numbers({"a": {"b": True, "c": [1]}}) == {"a.b": True}
