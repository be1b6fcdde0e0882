"""Every course notebook runs top to bottom, offline, on the CPU; every learner copy (a lab, or a concept notebook with
exercises), as a learner opens it, stops at its first TODO with that TODO's message. The executed copies are kept in
build/executed/ for the course site (one execution feeds both: `make site` renders them).

Each notebook runs in a fresh kernel with nbclient, from its own folder. Its own cells assert what it measures.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import benchmark
import nbformat
import pytest

from ftrag.course import parts

ROOT = Path(__file__).resolve().parents[1]


EXECUTED = Path(os.environ.get("FTRAG_EXECUTED_DIR", ROOT / "build" / "executed"))
TIMINGS = EXECUTED / "timings.jsonl"  # one line per notebook run: `tools/benchmark.py --from-run` reports them
# The labs save their figures (and 07 reads them) in the build folder, not in the learner's own results.
os.environ.setdefault("FTRAG_RESULTS_DIR", str(ROOT / "build" / "results"))
os.environ.update(benchmark.OFFLINE_ENV)
CELL_TIMEOUT = int(os.environ.get("FTRAG_CELL_TIMEOUT", "1800"))  # the slowest training cell, on a busy 2-core machine
COURSE = [p.runs for p in parts()]
TODO = re.compile(r"""raise NotImplementedError\(\s*(?P<q>["'])Exercise: (?P<message>.*)(?P=q)\s*\)""")
LEARNER_COPIES = [p.path for p in parts() if p.solution]  # labs, and concept notebooks with exercises


def execute(
    relative: str, record: bool = False, say: Callable[[str], None] | None = None
) -> tuple[nbformat.NotebookNode, Exception | None]:
    """Run one notebook in a fresh kernel; return it with its outputs (and widget state) and the error, if any.

    With `record`, its wall time, peak memory and slowest cell are appended to TIMINGS (and told to `say`).
    """
    run, nb, error = benchmark.execute_notebook(ROOT / relative, CELL_TIMEOUT)
    if record:
        TIMINGS.parent.mkdir(parents=True, exist_ok=True)
        with TIMINGS.open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(run)) + "\n")
        if say is not None:
            total = sum(r.seconds for r in benchmark.runs_from_test(TIMINGS))
            say(
                f"{relative}: {benchmark.fmt_seconds(run.seconds)}, peak {benchmark.fmt_bytes(run.peak_bytes)},"
                f" {run.precision}; notebooks so far {benchmark.fmt_seconds(total)}"
            )
    return nb, error


def _keep(relative: str, nb: nbformat.NotebookNode) -> None:
    """Write the executed notebook where the site build finds it."""
    target = EXECUTED / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def _first_todo(nb: nbformat.NotebookNode) -> tuple[int, str]:
    """Index and message of the first code cell that raises a lab exercise's NotImplementedError."""
    for i, cell in enumerate(nb.cells):
        found = TODO.search(cell.source) if cell.cell_type == "code" else None
        if found:
            return i, found["message"]
    raise AssertionError("This learner copy has no TODO.")


def _tell(config: pytest.Config, line: str) -> None:
    """Print a line on pytest's terminal now, past output capturing (so a slow CI run shows where its time goes)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)


# The course runs as a learner meets it: one notebook after another, in course order (on one worker also under
# `pytest -n 2 --dist loadgroup`), so later parts find what earlier ones saved and two trainings never share the CPU.
@pytest.mark.xdist_group("course")
@pytest.mark.parametrize("relative", COURSE)
def test_notebook_runs_top_to_bottom(relative: str, request: pytest.FixtureRequest) -> None:
    nb, error = execute(relative, record=True, say=lambda line: _tell(request.config, f"[notebook] {line}"))
    _keep(relative, nb)
    if error is not None:
        pytest.fail(f"{relative} failed:\n{str(error)[-3000:]}", pytrace=False)
    silent = benchmark.unannounced_long_cells(nb)
    assert not silent, f"say how long these take, in a first line '{benchmark.TIME_NOTE} ...': {silent}"


@pytest.mark.parametrize("relative", LEARNER_COPIES)
def test_learner_copy_stops_at_its_first_todo_with_its_message(relative: str) -> None:
    nb, error = execute(relative)
    _keep(relative, nb)
    index, message = _first_todo(nb)
    assert error is not None, "the learner copy ran to the end with its TODOs unfilled"
    assert error.ename == "NotImplementedError" and message in error.evalue, (error.ename, error.evalue)
    ran = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
    assert ran and max(ran) == index, f"it stopped at cell {max(ran) if ran else None}, the first TODO is cell {index}"
