"""No fixed answer is readable where a learner looks: for every hashed key, its plain form is scanned for in the key's
hints, in the comments and texts of ftrag/checks/, and in the question and the cell that asks it in every learner's
copy. A text may list the options (then a wrong one is listed beside the right one); it may not single out the right
one. Every learner's copy also asks one question per cell, so a wrong answer stops only its own check."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from ftrag.checks import answer
from ftrag.checks.keys import KEYS
from ftrag.course import parts

ROOT = Path(__file__).resolve().parents[1]

# every fixed (hashed) key: (a right answer, a wrong one); `test_the_table_is_every_fixed_key_and_right` keeps it true
ANSWERS: dict[str, tuple[str, str]] = {
    "00.prices": ("knowledge", "behaviour"),
    "00.json_format": ("behaviour", "knowledge"),
    "01.private_facts": ("no", "yes"),
    "01.first_try": ("prompting", "fine-tuning"),
    "02.weights_change": ("no", "yes"),
    "02.update": ("reindex", "retrain"),
    "03.good_at": ("behaviour", "knowledge"),
    "06.pattern": ("embedder", "generator"),
    "06.design": ("a", "b"),
    "04.scenario": ("fine-tuning", "rag"),
    "05.retrain": ("later", "sooner"),
    "07.start_with": ("rag", "fine-tuning"),
    "08.scenario_a": ("rag", "fine-tune"),
    "08.scenario_b": ("fine-tune", "rag"),
    "08.scenario_c": ("prompt", "fine-tune"),
    "08.scenario_d": ("rag", "prompt"),
    "08.scenario_e": ("both", "rag"),
    "08.e": ("b", "a"),
    "08.f": ("c", "a"),
    "lab1.q2": ("c", "a"),
    "lab1.q3": ("a", "b"),
    "lab3.q1": ("b", "a"),
    "lab3.q2": ("c", "a"),
    "lab3.q3": ("a", "b"),
    "09.next_lab": ("3", "1"),
}
FIXED = sorted(qid for qid, key in KEYS.items() if key.hashes and not key.judge)


def says(text: str, word: str) -> bool:
    """Whether `text` names `word` (a one-letter or one-digit option only when quoted or bracketed: 'a', (a), "3")."""
    text, word = text.lower(), word.lower()
    if len(word) == 1:
        return any(f"{left}{word}{right}" in text for left, right in ("''", '""', "()", "``"))
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def singles_out(text: str, qid: str) -> bool:
    """Whether a text names the right answer of `qid` without naming a wrong option beside it."""
    right, wrong = ANSWERS[qid]
    return says(text, right) and not says(text, wrong)


def test_the_table_is_every_fixed_key_and_right() -> None:
    assert sorted(ANSWERS) == FIXED
    for qid, (right, wrong) in ANSWERS.items():
        assert answer(qid, right) == "right", qid
        with pytest.raises(AssertionError):
            answer(qid, wrong)


@pytest.mark.parametrize("qid", FIXED)
def test_no_hint_singles_out_the_answer(qid: str) -> None:
    key = KEYS[qid]
    for text in (*key.hints, key.section, key.success):
        assert not singles_out(text, qid), (qid, text)


def _comments_and_texts(path: Path) -> list[tuple[int, str]]:
    """The comments and string literals of a module, with their line, but the hashes and sealed texts of keys."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.COMMENT or (
            tok.type == tokenize.STRING and not re.fullmatch(r"[rbf]*['\"][\w+/=]*['\"]", tok.string)
        ):
            found.append((tok.start[0], tok.string))
    return found


def module_leaks(path: Path) -> list[str]:
    """Comments and texts of a checks module that single out a fixed answer: in its key's entry, or beside its id."""
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = re.compile(r'\s*"([\w.]+)": (?:fixed|judged)\(')
    starts = {i: m.group(1) for i, line in enumerate(lines, start=1) if (m := entry.match(line))}
    bounds = [*sorted(starts), len(lines) + 1]
    for line, text in _comments_and_texts(path):
        owner = next((starts[a] for a, b in zip(bounds, bounds[1:], strict=False) if a <= line < b), None)
        if owner in ANSWERS and singles_out(text, owner):
            problems.append(f"{path.name}:{line}: {text[:80]} names {owner}'s answer")
        elif text.startswith("#") and any(qid in text and singles_out(text, qid) for qid in ANSWERS):
            problems.append(f"{path.name}:{line}: {text[:80]}")
    return problems


def test_no_check_module_writes_an_answer_in_a_comment_or_text() -> None:
    problems = [p for path in sorted((ROOT / "ftrag" / "checks").glob("*.py")) for p in module_leaks(path)]
    assert not problems, "\n".join(problems)


def test_the_module_scan_finds_a_planted_answer(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        'KEYS = {\n    "02.update": fixed(\n        "s",  # they answer reindex\n    ),\n}\n# 00.prices: knowledge\n'
    )
    assert len(module_leaks(planted)) == 2


def notebook_leaks(nb: nbformat.NotebookNode) -> list[str]:
    """Asking cells, and the questions just above them, that single out a fixed answer."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for qid in re.findall(r'answer\(\s*"([\w.]+)"', cell.source):
            if qid not in ANSWERS:
                continue
            question = nb.cells[i - 1].source if i and nb.cells[i - 1].cell_type == "markdown" else ""
            for where, text in (("asking cell", cell.source), ("question", question)):
                if singles_out(text, qid):
                    problems.append(f"cell {i} ({where}) names {qid}'s answer without the other options")
    return problems


def test_the_notebook_scan_finds_a_planted_answer() -> None:
    ask = nbformat.v4.new_code_cell('answer_1 = ""  # hint: reindex\nanswer("02.update", answer_1)')
    fair = nbformat.v4.new_markdown_cell('2. A price changes: `"retrain"` or `"reindex"`?')
    nb = nbformat.v4.new_notebook(cells=[fair, ask])
    assert notebook_leaks(nb) == ["cell 1 (asking cell) names 02.update's answer without the other options"]
    ask.source = 'answer_1 = ""\nanswer("02.update", answer_1)'
    assert notebook_leaks(nb) == []


LEARNER_COPIES = sorted({p.path for p in parts()} | {f"labs/{p.name}" for p in (ROOT / "labs").glob("*.ipynb")})


@pytest.mark.parametrize("relative", LEARNER_COPIES)
def test_no_question_or_asking_cell_singles_out_its_answer(relative: str) -> None:
    problems = notebook_leaks(nbformat.read(ROOT / relative, as_version=4))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("relative", LEARNER_COPIES)
def test_one_question_per_cell(relative: str) -> None:
    """A wrong answer raises: with two questions in a cell, the second would never be checked."""
    nb = nbformat.read(ROOT / relative, as_version=4)
    crowded = [
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and len(re.findall(r'answer\(\s*"', c.source)) > 1
    ]
    assert not crowded, f"cells asking more than one question: {crowded}"
