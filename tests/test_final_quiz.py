"""The final quiz: right answers all pass, wrong ones all get a hint, its score counts both, and no key is visible."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ftrag.checks.final_quiz import KEYS

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ROOT / "solutions" / "08_final_quiz.ipynb"  # the worked version: its tally is filled in
QUESTIONS = [q for q in KEYS if q.startswith("08.")]
RIGHT = {
    "answer_A": "rag",
    "answer_B": "Fine tune",
    "answer_C": "prompt",
    "answer_D": "RAG",  # case does not matter
    "answer_E": "RAG + LoRA",  # "both", in other words
    "lora_percent_guess": "0.3",
    "breakeven_thousands": "10000",
    "answer_G": "b",
    "answer_H": " c",
}
WRONG = {**{k: "fine-tune" for k in ("answer_A", "answer_C", "answer_D")}, "answer_B": "rag", "answer_E": "rag"}
WRONG |= {"lora_percent_guess": "25", "breakeven_thousands": "500", "answer_G": "a", "answer_H": "a"}


def _run(answers: dict[str, str]) -> tuple[str, list[str]]:
    """Execute the quiz with the given answers typed in; return its printed output and the errors its cells raised."""
    nb = nbformat.read(QUIZ, as_version=4)
    for name, value in answers.items():
        typed = [c for c in nb.cells if c.cell_type == "code" and re.search(rf'^{name} = ""', c.source, flags=re.M)]
        assert len(typed) == 1, f'the quiz should set {name} = "" in exactly one cell'
        typed[0].source = re.sub(rf'^{name} = ""', f"{name} = {value!r}", typed[0].source, flags=re.M)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(QUIZ.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    printed = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    return printed, errors


def test_right_answers_pass_and_wrong_answers_get_hints() -> None:
    assert len(QUESTIONS) == len(RIGHT) == 9
    right, errors = _run(RIGHT)
    assert not errors, errors
    assert f"9 of {len(QUESTIONS)} right, 0 still open." in right, right[-1500:]
    assert all(f"\u2705 {qid}: right." in right for qid in QUESTIONS), right[-1500:]
    wrong, errors = _run(WRONG)
    assert f"0 of {len(QUESTIONS)} right, 0 still open." in wrong, wrong[-1500:]
    assert len(errors) == len(QUESTIONS) and all(e.startswith("CheckFailed: Not yet. Hint:") for e in errors), errors
    for value in ("10001", "10000"):  # the break-even is never shown to a wrong answer
        assert value not in wrong and not any(value in e for e in errors)


def test_answers_are_not_in_the_notebook_in_clear() -> None:
    nb = nbformat.read(QUIZ, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "RAG with a lightly fine-tuned" in text  # the question is there ...
    for qid in QUESTIONS:  # ... its key only in ftrag.checks.final_quiz, not even as a hash
        assert f'answer("{qid}", ' in text, f"{qid} is not asked"
        assert not any(h in text for h in KEYS[qid].hashes), qid
    assert "hashlib" not in text and "FACTS = " not in text
