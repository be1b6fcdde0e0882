"""The dependency ranges in pyproject.toml are tested at both ends: installable, and the tests pass there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import ranges
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path, deps: str) -> Path:
    """A throw-away project folder with `torch==2.13.0` in requirements.in and `deps` in its [project] table."""
    (tmp_path / "requirements.in").write_text("-e .[dev]\ntorch==2.13.0\n")
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n{deps}\n")
    return tmp_path


def test_every_dependency_gets_its_lower_bound_and_torch_its_pin() -> None:
    lines = ranges.constraints()
    names = {canonicalize_name(line.split("==")[0]) for line in lines}
    assert len(names) == len(lines) and all("==" in line for line in lines)
    assert ranges.pinned_torch() in lines and "transformers==4.49" in lines
    assert "ipywidgets==8.0" in lines  # runtime >=7.7, dev >=8.0: the higher one wins


def test_the_higher_floor_and_the_lower_cap_win(tmp_path: Path) -> None:
    deps = "dependencies = ['torch>=2.2', 'numpy>=1.26,<3']\noptional-dependencies = {dev = ['NumPy>=2.0,<2.5']}"
    project = _project(tmp_path, deps)
    assert ranges.constraints(project) == ["torch==2.13.0", "numpy==2.0"]
    assert ranges.uncapped(project) == ["torch==2.13.0", "numpy>=2.0"]
    assert ranges._merged(project)["numpy"][2] == ranges.Version("2.5")


def test_a_dependency_without_lower_bound_or_with_other_operators_is_refused(tmp_path: Path) -> None:
    for deps in ('["numpy"]', '["numpy<3"]', '["numpy==2.0"]', '["numpy>=2,!=2.1"]', '["numpy>=2,<=3"]'):
        with pytest.raises(ValueError, match="lower bound"):
            ranges.constraints(_project(tmp_path, f"dependencies = {deps}"))
    with pytest.raises(ValueError, match="Cannot parse"):
        ranges.constraints(_project(tmp_path, 'dependencies = ["numpy >= = 2"]'))


def test_versions_compare_by_release(tmp_path: Path) -> None:
    assert ranges.same_release("2.0", "2.0.0") and ranges.same_release("2.0.0", "2")
    assert ranges.same_release("2.13.0+cpu", "2.13") and not ranges.same_release("2.13.0+cpu", "2.13.1")
    deps = "dependencies = ['Sentence_Transformers>=3.3', 'sentence-transformers>=3.4']"  # one package, two spellings
    assert ranges.constraints(_project(tmp_path, deps)) == ["Sentence_Transformers==3.4"]


def test_the_lock_pins_are_read_for_this_interpreter() -> None:
    pins = ranges.locked()
    assert pins["torch"] == ranges.pinned_torch().split("==")[1]
    assert "transformers" in pins and "ftrag" not in pins


def test_side_runs_leave_out_the_course_notebooks_latest_keeps_the_concept_ones() -> None:
    from ftrag.course import parts

    every = ranges.course_deselected()
    assert len(every) == len(parts()) and all(o.startswith(f"--deselect={ranges.NOTEBOOK_TEST}[") for o in every)
    labs = ranges.course_deselected(keep_concepts=True)
    kept = [o for o in every if o not in labs]
    assert "[solutions/05_cost.ipynb]" in " ".join(kept) and "[solutions/02_what_is_rag.ipynb]" in " ".join(kept)
    assert labs and all("[solutions/lab" in o for o in labs)


CI = os.environ.get("CI")


def _run_end(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run tools/ranges.py in a fresh venv under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV"))}
    cmd = [sys.executable, str(ROOT / "tools" / "ranges.py"), *args, "--venv", str(tmp_path / "venv")]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=2400)


@pytest.mark.skipif(
    not (CI or os.environ.get("FTRAG_TEST_LOWER_BOUNDS")),
    reason="needs PyPI and ~8 min: runs in CI, or set FTRAG_TEST_LOWER_BOUNDS=1",
)
def test_unit_tests_pass_with_every_dependency_at_its_lower_bound(tmp_path: Path) -> None:
    run = _run_end(tmp_path, "lowest")
    tail = run.stderr[-2000:] + run.stdout[-6000:]  # pytest's summary last
    assert run.returncode == 0, tail
    assert "installed at the lower bounds" in run.stdout and " passed" in run.stdout, tail
    assert not ranges.not_at_lower_bound(tmp_path / "venv" / "bin" / "python", ranges.constraints())


@pytest.mark.skipif(
    not os.environ.get("FTRAG_TEST_LATEST"),
    reason="needs PyPI and ~6 min, and a new release elsewhere may fail it: `make test-latest`, "
    "or set FTRAG_TEST_LATEST=1",
)
def test_tests_pass_with_the_newest_release_every_range_allows(tmp_path: Path) -> None:
    run = _run_end(tmp_path, "latest")
    tail = run.stderr[-2000:] + run.stdout[-6000:]
    assert run.returncode == 0 and "newer than the lock" in run.stdout and " passed" in run.stdout, tail
