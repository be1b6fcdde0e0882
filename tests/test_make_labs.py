"""Unit tests for the lab generator and the notebook hygiene tool."""

from __future__ import annotations

from pathlib import Path

import make_labs
import nbformat
import nbhygiene
import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_region_becomes_an_indented_todo_stub() -> None:
    src = "def f(x):\n    ### BEGIN SOLUTION double the input\n    return 2 * x\n    ### END SOLUTION\nprint(f(2))"
    out = make_labs.strip_regions(src, "t")
    assert "return 2 * x" not in out
    assert "    # TODO: double the input" in out
    assert '    raise NotImplementedError("Exercise: double the input")' in out
    assert out.endswith("print(f(2))")


def test_quotes_in_the_todo_text_give_valid_python() -> None:
    out = make_labs.strip_regions("### BEGIN SOLUTION return \"yes\" or 'no'\nx = 1\n### END SOLUTION", "t")
    compile(out, "stub", "exec")
    assert 'return \\"yes\\"' in out


def test_double_quotes_alone_give_a_single_quoted_message_as_ruff_writes_it() -> None:
    out = make_labs.strip_regions('### BEGIN SOLUTION a "stale win"\nx = 1\n### END SOLUTION', "t")
    assert """raise NotImplementedError('Exercise: a "stale win"')""" in out
    compile(out, "stub", "exec")


def test_region_without_text_gets_a_generic_todo() -> None:
    out = make_labs.strip_regions("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "t")
    assert "# TODO: write your code here" in out and "x = 1" not in out


@pytest.mark.parametrize(
    "src, problem",
    [
        ("### BEGIN SOLUTION\nx = 1", "without END"),
        ("x = 1\n### END SOLUTION", "without BEGIN"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "nested"),
    ],
)
def test_unbalanced_markers_are_errors(src: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        make_labs.strip_regions(src, "nb cell 3")


def _solution(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    solution_cell = nbformat.v4.new_code_cell("# compute the answer\nanswer = 42")
    solution_cell.metadata["tags"] = ["solution"]
    remark = nbformat.v4.new_markdown_cell("Instructor remark: the answer is 42.")
    remark.metadata["tags"] = ["solution-only"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lab"),
        solution_cell,
        remark,
        nbformat.v4.new_code_cell("assert answer == 42"),
    ]
    (tmp_path / "solutions").mkdir()
    path = tmp_path / "solutions" / "lab9.ipynb"
    nbformat.write(nb, path)
    return path


def test_make_lab_stubs_tagged_cells_and_drops_solution_only(tmp_path: Path) -> None:
    lab = nbformat.reads(make_labs.make_lab(_solution(tmp_path)), as_version=4)
    text = "\n".join(c.source for c in lab.cells)
    assert "answer = 42" not in text and "the answer is 42" not in text
    assert "# TODO: compute the answer" in text and "assert answer == 42" in text
    assert "Learner version" in text
    assert lab.cells[1].source.startswith(nbhygiene.SETUP_MARKER) or any(
        c.source.startswith(nbhygiene.SETUP_MARKER) for c in lab.cells
    )


def test_check_detects_missing_stale_and_orphaned_labs(tmp_path: Path, capsys) -> None:
    _solution(tmp_path)
    assert make_labs.main(["--check", "--root", str(tmp_path)]) == 1
    assert "missing: labs/lab9.ipynb" in capsys.readouterr().out
    assert make_labs.main(["--root", str(tmp_path)]) == 0
    assert make_labs.main(["--check", "--root", str(tmp_path)]) == 0
    (tmp_path / "labs" / "lab9.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "labs" / "old.ipynb").write_text("{}", encoding="utf-8")
    assert make_labs.main(["--check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "stale: labs/lab9.ipynb" in out and "orphaned" in out


def test_repository_labs_are_in_sync() -> None:
    assert make_labs.main(["--check"]) == 0, "run `python tools/make_labs.py`"


def test_hygiene_strips_outputs_and_inserts_the_setup_cell() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [nbformat.v4.new_output("stream", text="1")]
    cell.execution_count = 3
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    out = nbhygiene.clean(nb)
    code = [c for c in out.cells if c.cell_type == "code"]
    assert code[0].source == nbhygiene.SETUP_CELL
    assert code[1].outputs == [] and code[1].execution_count is None


@pytest.mark.parametrize("solution", sorted((ROOT / "solutions").glob("*.ipynb")), ids=lambda p: p.stem)
def test_a_lab_filled_in_by_the_generator_is_its_solution(solution: Path) -> None:
    """So the solution's run in tests/test_notebooks.py is the run of the filled-in lab."""

    def code(nb: nbformat.NotebookNode) -> list[str]:
        return [c.source for c in nb.cells if c.cell_type == "code"]

    filled = nbformat.reads(make_labs.make_lab(solution, filled=True), as_version=4)
    original = nbformat.read(solution, as_version=4)
    kept = [c for c in original.cells if "solution-only" not in c.get("metadata", {}).get("tags", [])]
    strip = [ln for c in kept if c.cell_type == "code" for ln in [c.source]]
    expected = [
        "\n".join(ln for ln in s.splitlines() if not make_labs.BEGIN.match(ln) and not make_labs.END.match(ln))
        for s in strip
    ]
    assert code(filled) == expected


def test_answer_regions_are_dropped_without_a_stub() -> None:
    src = 'answer_1 = ""\n### BEGIN SOLUTION\nanswer_1 = "b"\n### END SOLUTION\nanswer("lab1.q1", answer_1)'
    assert make_labs.strip_regions(src, "t") == 'answer_1 = ""\nanswer("lab1.q1", answer_1)'
    marked = 'a = ""\n### BEGIN SOLUTION (answers)\nt = {"x": 1}\na = max(t)\n### END SOLUTION'
    assert make_labs.strip_regions(marked, "t") == 'a = ""'
    code = 'x = ""\n### BEGIN SOLUTION do it\nx = 1\ny = 2\n### END SOLUTION'
    assert "NotImplementedError" in make_labs.strip_regions(code, "t")


def test_a_setting_preset_to_none_still_gets_its_todo() -> None:
    src = "lora = None  # your configuration\n### BEGIN SOLUTION build it\nlora = make()\n### END SOLUTION\ncheck(lora)"
    out = make_labs.strip_regions(src, "t")
    assert "# TODO: build it" in out and "NotImplementedError" in out
