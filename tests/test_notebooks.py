"""Every course notebook runs top to bottom, offline, on the CPU; every lab, as a learner opens it, stops at its first
TODO with that TODO's message. The executed copies are kept in build/executed/ for the course site (one execution
feeds both: `make site` renders them).

Each notebook runs in a fresh kernel with nbclient, from its own folder. Its own cells assert what it measures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ftrag.course import parts  # noqa: E402

EXECUTED = Path(os.environ.get("FTRAG_EXECUTED_DIR", ROOT / "build" / "executed"))
CELL_TIMEOUT = int(os.environ.get("FTRAG_CELL_TIMEOUT", "2400"))  # the slowest training cell, on a busy 2-core machine
COURSE = [p.solution or p.path for p in parts()]
LABS = [p.path for p in parts() if p.is_lab]


def execute(relative: str) -> tuple[nbformat.NotebookNode, CellExecutionError | None]:
    """Run one notebook in a fresh kernel; return it with its outputs (and widget state) and the error, if any."""
    path = ROOT / relative
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
        return nb, None
    except CellExecutionError as error:
        return nb, error


def _keep(relative: str, nb: nbformat.NotebookNode) -> None:
    """Write the executed notebook where the site build finds it."""
    target = EXECUTED / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def _first_todo(nb: nbformat.NotebookNode) -> tuple[int, str]:
    """Index and message of the first code cell that raises a lab exercise's NotImplementedError."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and 'raise NotImplementedError("Lab exercise: ' in cell.source:
            line = next(ln for ln in cell.source.splitlines() if 'raise NotImplementedError("Lab exercise: ' in ln)
            return i, line.split('NotImplementedError("', 1)[1].rsplit('")', 1)[0]
    raise AssertionError("This lab has no TODO.")


@pytest.mark.parametrize("relative", COURSE)
def test_notebook_runs_top_to_bottom(relative: str) -> None:
    nb, error = execute(relative)
    _keep(relative, nb)
    if error is not None:
        pytest.fail(f"{relative} failed:\n{str(error)[-3000:]}", pytrace=False)


@pytest.mark.parametrize("relative", LABS)
def test_lab_stops_at_its_first_todo_with_its_message(relative: str) -> None:
    nb, error = execute(relative)
    _keep(relative, nb)
    index, message = _first_todo(nb)
    assert error is not None, "the lab ran to the end with its TODOs unfilled"
    assert error.ename == "NotImplementedError" and message in error.evalue, (error.ename, error.evalue)
    ran = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
    assert ran and max(ran) == index, f"it stopped at cell {max(ran) if ran else None}, the first TODO is cell {index}"
