"""The final quiz's self-checks: right answers all pass, wrong ones all get a hint, none is printed."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ROOT / "notebooks" / "08_final_quiz.ipynb"
RIGHT = {
    "answer_A": "rag",
    "answer_B": "Fine tune",
    "answer_C": "prompt",
    "answer_D": "RAG",  # case does not matter
    "lora_percent_guess": "0.3",
    "breakeven_thousands": "10000",
    "answer_E": "b",
    "answer_F": " c",
}
WRONG = {**{k: "fine-tune" for k in ("answer_A", "answer_C", "answer_D")}, "answer_B": "rag"}
WRONG |= {"lora_percent_guess": "25", "breakeven_thousands": "500", "answer_E": "a", "answer_F": "a"}


def _run(answers: dict[str, str]) -> str:
    """Execute the quiz with the given answers typed in; return all of its printed output."""
    nb = nbformat.read(QUIZ, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            for name, value in answers.items():
                cell.source = re.sub(rf'^{name} = ""', f"{name} = {value!r}", cell.source, flags=re.M)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(QUIZ.parent)}}).execute()
    return "\n".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"
    )


@pytest.mark.skipif(not QUIZ.exists(), reason="no final quiz")
def test_right_answers_pass_and_wrong_answers_get_hints() -> None:
    right = _run(RIGHT)
    assert "8 of 8 right, 0 still open." in right, right[-1500:]
    wrong = _run(WRONG)
    assert "0 of 8 right, 0 still open." in wrong, wrong[-1500:]
    assert wrong.count("Not yet. Hint:") == 8
    for value in ("10001", "10000"):  # the break-even is never printed
        assert value not in wrong


def test_answers_are_not_in_the_notebook_in_clear() -> None:
    text = QUIZ.read_text(encoding="utf-8")
    assert "RAG with a lightly fine-tuned" in text  # the question is there ...
    assert not re.search(r'KEY = \{"E": "b"', text)  # ... the key only as a hash
