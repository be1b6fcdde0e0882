"""Unit tests for ftrag.decide (the three questions, the scorecard, measured evidence) and ftrag.quiz."""

from __future__ import annotations

import itertools

import pytest

from ftrag import decide, plots, quiz


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


LAB1 = {
    "hallucination_closed_book": 0.6,
    "hallucination_rag": 0.2,
    "strict_accuracy": 0.5,
    "n_answerable": 40.0,
    "reader_used": False,
}
LAB2 = {
    "untuned_compliance": 0.05,
    "prompt_only_compliance": 0.4,
    "lora_compliance": 0.95,
    "n_test": 40,
    "prompt_only_category_acc": 0.3,
    "lora_category_acc": 0.6,
    "learning_curve": [
        {"examples": 75, "compliance": 0.6, "category_acc": 0.3, "n_test": 40},
        {"examples": 25, "compliance": 0.1, "category_acc": 0.2, "n_test": 40},
        {"examples": 300, "compliance": 0.95, "n_test": 40},
    ],
}
LAB3 = {"recall@1_stock": 0.5, "recall@1_tuned": 0.7, "n_test": 60}
LAB4 = {"mc_ft_docs_changed_v2": 0.27, "mc_rag_changed_v2": 0.73, "n_changed": 22}
ALL = {"lab1_rag": LAB1, "lab2_lora": LAB2, "lab3_embeddings": LAB3, "lab4_knowledge": LAB4}


def test_evidence_labels_each_comparison_with_its_lab_count_and_direction() -> None:
    found = decide.evidence(ALL)
    by_what = {e.what: e for e in found}
    # Changed facts are Lab 4's: the model fine-tuned on the old documents against RAG on the updated ones.
    changed = next(e for e in found if e.what.startswith("changed facts"))
    assert (
        changed.lab == "Lab 4"
        and changed.question == 1
        and changed.n == 22
        and changed.best == ["RAG on the updated documents"]
    )
    assert [role for _, _, role in changed.stages] == ["fine-tuned", "rag"]
    hall = next(e for e in found if e.what.startswith("hallucination"))
    assert hall.lab == "Lab 1" and hall.n == 40 and not hall.higher_is_better and hall.best == ["RAG"]
    assert (
        hall.sentence.startswith("Lab 1 on 40 answerable questions") and "closed book 0.60 -> RAG 0.20" in hall.sentence
    )
    assert "lower is better" in hall.sentence
    fmt = by_what["valid triage JSON"]
    assert [label for label, _, _ in fmt.stages] == ["untuned", "prompt only", "LoRA"]
    assert fmt.lab == "Lab 2" and fmt.n == 40 and fmt.question == 2 and fmt.best == ["LoRA"]
    assert [role for _, _, role in fmt.stages] == ["base", "other", "fine-tuned"]
    # The old mislabelled pairing (closed-book figures as "valid-format rate") is gone.
    assert not any("format" in e.what and e.lab == "Lab 1" for e in found)
    # Only the closed-book accuracy is optional: RAG's strict accuracy stands alone when it is missing.
    acc = next(e for e in found if e.what.startswith("right answer"))
    assert [label for label, _, _ in acc.stages] == ["RAG"]
    # The learning curve is sorted by size and bears on question 3; a measure with under two points is left out.
    curves = [e for e in found if e.question == 3]
    assert [e.what for e in curves] == ["valid triage JSON, by training tickets", "right category, by training tickets"]
    assert [label for label, _, _ in curves[0].stages] == ["25 examples", "75 examples", "300 examples"]
    assert [label for label, _, _ in curves[1].stages] == ["25 examples", "75 examples"]
    assert found[-1].lab == "Lab 3" and found[-1].question == 0 and found[-1].n == 60
    assert [e.question for e in found] == sorted((e.question for e in found), key=[1, 2, 3, 0].index)


def test_evidence_skips_incomplete_pairs_and_marks_the_reader() -> None:
    assert decide.evidence({}) == []
    assert decide.evidence({"lab1_rag": None, "lab2_lora": {}}) == []
    partial = decide.evidence({"lab1_rag": {"hallucination_rag": 0.2, "strict_accuracy": "n/a"}})
    assert partial == []  # hallucination needs both settings; a non-number is not a figure
    only_lora = decide.evidence({"lab2_lora": {"untuned_compliance": 0.1, "lora_compliance": 0.9}})
    assert [label for label, _, _ in only_lora[0].stages] == ["untuned", "LoRA"] and only_lora[0].n is None
    reader = decide.evidence({"lab1_rag": {**LAB1, "reader_used": True}})
    assert reader[0].stages[1][0] == "RAG (reader)"
    tie = decide.evidence({"lab2_lora": {"untuned_compliance": 0.9, "lora_compliance": 0.9}})
    assert tie[0].best == ["untuned", "LoRA"]
    with pytest.raises(TypeError, match="lab_results"):
        decide.evidence([1, 2])  # type: ignore[arg-type]


def test_missing_evidence_says_which_lab_to_run() -> None:
    notes = decide.missing_evidence({})
    assert len(notes) == 4
    assert "Lab 4 (labs/lab4_knowledge.ipynb) comes later in the course" in notes[3]
    assert notes[0].startswith("Not measured yet: run Lab 1 (labs/lab1_rag.ipynb)")
    assert notes[1].startswith("Not measured yet: run Lab 2 (labs/lab2_lora.ipynb)")
    assert "Lab 3 (labs/lab3_embeddings.ipynb) comes later in the course" in notes[2]
    # From a notebook after Lab 3, Lab 3 is one to run, not one to wait for.
    assert decide.missing_evidence({}, here="07_wrap_up")[2].startswith("Not measured yet: run Lab 3")
    assert decide.missing_evidence(ALL) == []
    old = decide.missing_evidence({**ALL, "lab1_rag": {"accuracy": 0.5}})
    assert len(old) == 1 and "re-run Lab 1" in old[0] and "hallucination_rag" in old[0]


def test_lab_figures_reads_each_lab_apart(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag.results import save_results

    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    assert decide.lab_figures() == {
        "lab1_rag": None,
        "lab2_lora": None,
        "lab3_embeddings": None,
        "lab4_knowledge": None,
    }
    save_results("lab2_lora", {**LAB2, "adapter_dir": "/x"})
    save_results("lab3_embeddings", LAB3)
    got = decide.lab_figures()
    assert got["lab1_rag"] is None
    assert got["lab2_lora"]["n_test"] == 40 and got["lab3_embeddings"]["n_test"] == 60  # no clash between labs
    assert "adapter_dir" not in got["lab2_lora"] and len(got["lab2_lora"]["learning_curve"]) == 3


def test_plot_evidence_draws_one_panel_per_item() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ftrag.plots import colour

    assert plots.plot_evidence([]) is None
    items = decide.evidence({"lab1_rag": LAB1, "lab2_lora": LAB2})
    fig = plots.plot_evidence(items)
    assert len(fig.axes) == len(items)
    first = fig.axes[0]
    assert first.get_title().startswith("Lab 1: hallucination") and first.get_xlabel() == "lower is better"
    assert matplotlib.colors.to_hex(first.patches[1].get_facecolor()) == colour("rag").lower()
    plt.close(fig)


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


# ---- "Check your understanding" of notebook 04 ----------------------------------------------------------------

RIGHT_04 = {"04.first": ["knowledge", "Does the knowledge change?", " the knowledge "], "04.scenario": ["Fine-tuning"]}


@pytest.fixture
def fresh_checks() -> None:
    """Forget earlier tries, so that staged hints start at the first one."""
    from ftrag import checks

    checks._tries.clear()


def test_04_fixed_keys_accept_right_answers_and_hint_on_wrong_ones(fresh_checks: None) -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.framework import KEYS

    for qid, answers in RIGHT_04.items():
        for value in answers:
            assert answer(qid, value) == "right"
        assert answer(qid, "") == "open"
        hints = []
        for _ in range(2):
            with pytest.raises(CheckFailed, match="Hint") as failed:
                answer(qid, "prompting")
            hints.append(str(failed.value))
        assert hints[0] != hints[1]  # staged: the second try gets the second hint
        assert not any(a.lower() in h.lower() for a in answers for h in KEYS[qid].hints)  # hints never give it away


def test_04_judged_keys_follow_the_learners_own_figures(fresh_checks: None) -> None:
    from ftrag.checks import CheckFailed, answer

    assert answer("04.format", "LoRA", **LAB2) == "right"
    with pytest.raises(CheckFailed, match="valid triage JSON"):
        answer("04.format", "prompt only", **LAB2)
    prompting_won = {**LAB2, "lora_compliance": 0.2}
    assert answer("04.format", "prompt-only", **prompting_won) == "right"
    assert answer("04.hallucination", "rag", **LAB1) == "right"
    assert answer("04.hallucination", "closed book", **{**LAB1, "hallucination_rag": 0.9}) == "right"
    assert answer("04.hallucination", "same", **{**LAB1, "hallucination_rag": 0.6}) == "right"
    with pytest.raises(TypeError, match="measurements"):
        answer("04.format", "lora")  # a judged key needs the figures


def test_04_and_05_hints_point_to_headings_of_their_notebook() -> None:
    from pathlib import Path

    import nbformat

    from ftrag.checks.framework import KEYS
    from ftrag.checks.keys import KEYS as ALL

    root = Path(__file__).resolve().parents[1] / "notebooks"
    for qid, key in KEYS.items():
        assert ALL[qid] is key  # merged into the course's keys
        nb_path = next(root.glob(f"{qid[:2]}_*.ipynb"))
        headings = {
            line.lstrip("#").strip()
            for cell in nbformat.read(nb_path, as_version=4).cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("#")
        }
        assert key.section in headings, f"{qid}: no heading '{key.section}' in {nb_path.name}"
        assert len(key.hints) >= 2 and key.success
