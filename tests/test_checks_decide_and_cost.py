"""The answer keys of notebooks 04 and 05 (ftrag.checks.decide_and_cost): fixed keys, judged keys, hints."""

from __future__ import annotations

import pytest
from saved_figures import LAB1, LAB2, SIMPLE

from ftrag import cost

RIGHT_04 = {"04.first": ["knowledge", "Does the knowledge change?", " the knowledge "], "04.scenario": ["Fine-tuning"]}


def test_04_fixed_keys_accept_right_answers_and_hint_on_wrong_ones() -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.decide_and_cost import KEYS

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


def test_04_judged_keys_follow_the_learners_own_figures() -> None:
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

    from ftrag.checks.decide_and_cost import KEYS
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
        assert len(key.hints) >= 2 and (key.success or key.sealed)


# ---- notebook 05


def test_05_fixed_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag import checks
    from ftrag.checks import CheckFailed, answer

    for qid, answers in {"05.driver": ["queries", "Query volume"], "05.retrain": ["later", "never"]}.items():
        for value in answers:
            assert answer(qid, value) == "right"
        assert answer(qid, "  ") == "open"
        with pytest.raises(CheckFailed) as first:
            answer(qid, "sooner")
        with pytest.raises(CheckFailed) as second:
            answer(qid, "storage")
        assert str(first.value) != str(second.value)
        hints = " ".join(checks.keys.KEYS[qid].hints).lower()
        assert not any(f" {a.lower()} " in f" {hints} " for a in answers)


def test_05_judged_keys_follow_the_learners_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.decide_and_cost import parse_number

    assert parse_number("month 6.7") == 6.7 and parse_number("1,250") == 1250 and parse_number("none") is None
    x = cost.CostAssumptions.from_dict(
        SIMPLE
    )  # break-even at 7000 / 1050 = 6.67 months; a RAG query reads 900 tokens, a fine-tuned one 100
    for right in ("6.7", "7", "month 6.67", "6.2"):
        assert answer("05.break_even", right, assumptions=x, horizon=36) == "right"
    for wrong in ("6", "8", "none"):
        with pytest.raises(CheckFailed):
            answer("05.break_even", wrong, assumptions=x, horizon=36)
    assert answer("05.break_even", "none", assumptions=x, horizon=6) == "right"  # past the months shown
    assert answer("05.tokens", "9", assumptions=x) == "right" and answer("05.tokens", "9.3", assumptions=x) == "right"
    with pytest.raises(CheckFailed):
        answer("05.tokens", "8", assumptions=x)
    with pytest.raises(TypeError, match="calculator"):
        answer("05.break_even", "7", horizon=36)
