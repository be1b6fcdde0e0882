"""The answer keys of notebooks 04 and 05 (ftrag.checks.decide_and_cost): fixed keys, judged keys, hints."""

from __future__ import annotations

import pytest
from saved_figures import LAB1, LAB2

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
