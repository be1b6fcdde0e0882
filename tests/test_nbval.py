"""nbval, the way to test one notebook after editing it (docs/testing.md), works on the fast concept notebooks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAST = ["solutions/04_decision_framework.ipynb", "solutions/05_cost.ipynb", "solutions/08_final_quiz.ipynb"]


def test_nbval_runs_the_fast_notebooks(tmp_path: Path) -> None:
    env = {**os.environ, "FTRAG_RESULTS_DIR": str(tmp_path)}
    env.pop("PYTEST_XDIST_WORKER", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
            "-p",
            "no:xdist",
            "--durations=0",
            "--durations-min=0",
            *FAST,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    # nbval collects one item per code cell: all three notebooks ran, not just the first.
    passed = re.search(r"(\d+) passed", run.stdout)
    assert passed and int(passed.group(1)) > 3 * 3, run.stdout[-2000:]
    assert all(f"{name}::Cell" in run.stdout for name in FAST), run.stdout[-2000:]


def test_nbval_reports_a_failing_cell(tmp_path: Path) -> None:
    import nbformat

    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("assert 1 + 1 == 3, 'arithmetic'")])
    path = tmp_path / "broken.ipynb"
    nbformat.write(broken, path)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:xdist", "--rootdir", str(tmp_path), str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0 and "arithmetic" in run.stdout
