"""Repository-wide rules: clean notebooks, one set-up cell, course structure, lint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import nbhygiene
import pytest

ROOT = Path(__file__).resolve().parents[1]


NOTEBOOKS = nbhygiene.notebooks(ROOT)
TEACHING = [p for p in NOTEBOOKS if p.parent.name in ("notebooks", "solutions")]


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def test_there_are_notebooks() -> None:
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_is_committed_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"cells {dirty} carry outputs: run `python tools/nbhygiene.py`"
    assert nbhygiene.main(["--check", str(path)]) == 0, "run `python tools/nbhygiene.py`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_first_code_cell_is_the_identical_setup_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert first.source == nbhygiene.SETUP_CELL


@pytest.mark.parametrize("path", TEACHING, ids=_id)
def test_notebook_has_goals_and_a_self_check_section(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert "what you will learn" in nb.cells[0].source.lower()
    assert "check your understanding" in markdown


def test_ruff_passes() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    names = ("ftrag", "tools", "tests", "notebooks", "solutions", "labs", "conftest.py")
    targets = [t for t in names if (ROOT / t).exists()]
    done = subprocess.run([ruff, "check", *targets], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.parametrize("lab", sorted((ROOT / "solutions").glob("lab*.ipynb")), ids=lambda p: p.stem)
def test_lab_header_states_the_measured_machine_time(lab: Path) -> None:
    """The header's minutes of computing, with bf16 units and in fp32, are the benchmark's figures, rounded."""
    import json
    import re

    header = nbformat.read(lab, as_version=4).cells[0].source
    said = re.search(
        r"\*\*Time:\*\* about (\d+) minutes of computing on a 2-core CPU with bf16 units, (\d+) in fp32", header
    )
    assert said, f"{lab.name}: the header says '**Time:** about N minutes of computing on a 2-core CPU with bf16 ...'"
    import make_agendas  # reads the benchmark's JSON, written beside docs/performance.md

    report = json.loads((ROOT / "docs" / "performance.json").read_text(encoding="utf-8"))
    measured = make_agendas.seconds_by_precision(report)  # the run and its comparison, by precision
    for precision, minutes in zip(("bf16", "fp32"), said.groups(), strict=True):
        seconds = measured.get(precision, {}).get(lab.stem)
        assert seconds, (
            f"docs/performance.json has no {precision} run of {lab.name}: regenerate it (tools/benchmark.py)"
        )
        assert abs(int(minutes) - seconds / 60) <= max(1.0, 0.15 * seconds / 60), (
            f"{lab.name} says {minutes} min in {precision}; docs/performance.md measured {seconds / 60:.1f}: "
            "update the header"
        )
