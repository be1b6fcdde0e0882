"""The dependency lower bounds in pyproject.toml are tested: every one is installable and the unit tests pass at it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import lower_bounds  # noqa: E402


def _project(tmp_path: Path, deps: str) -> Path:
    """A throw-away project folder with `torch==2.13.0` in requirements.txt and `deps` in its [project] table."""
    (tmp_path / "requirements.txt").write_text("torch==2.13.0\n")
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n{deps}\n")
    return tmp_path


def test_every_dependency_gets_its_lower_bound_and_torch_its_pin() -> None:
    lines = lower_bounds.constraints()
    names = {canonicalize_name(line.split("==")[0]) for line in lines}
    assert len(names) == len(lines) and all("==" in line for line in lines)
    assert lower_bounds.pinned_torch() in lines and "transformers==4.49" in lines
    assert "ipywidgets==8.0" in lines  # runtime >=7.7, dev >=8.0: the higher one wins


def test_the_higher_of_two_bounds_wins(tmp_path: Path) -> None:
    deps = "dependencies = ['torch>=2.2', 'numpy>=1.26']\noptional-dependencies = {dev = ['NumPy>=2.0']}"
    assert lower_bounds.constraints(_project(tmp_path, deps)) == ["torch==2.13.0", "numpy==2.0"]


def test_a_dependency_without_lower_bound_is_refused(tmp_path: Path) -> None:
    for deps in ('["numpy"]', '["numpy<3"]', '["numpy==2.0"]', '["numpy>=2,<3"]'):
        with pytest.raises(ValueError, match="lower bound"):
            lower_bounds.constraints(_project(tmp_path, f"dependencies = {deps}"))
    with pytest.raises(ValueError, match="Cannot parse"):
        lower_bounds.constraints(_project(tmp_path, 'dependencies = ["numpy >= = 2"]'))


def test_versions_compare_by_release(tmp_path: Path) -> None:
    assert lower_bounds.same_release("2.0", "2.0.0") and lower_bounds.same_release("2.0.0", "2")
    assert lower_bounds.same_release("2.13.0+cpu", "2.13") and not lower_bounds.same_release("2.13.0+cpu", "2.13.1")
    deps = "dependencies = ['Sentence_Transformers>=3.3', 'sentence-transformers>=3.4']"  # one package, two spellings
    assert lower_bounds.constraints(_project(tmp_path, deps)) == ["Sentence_Transformers==3.4"]


RUN = os.environ.get("CI") or os.environ.get("FTRAG_TEST_LOWER_BOUNDS")


@pytest.mark.skipif(not RUN, reason="needs PyPI and ~3 min: runs in CI, or set FTRAG_TEST_LOWER_BOUNDS=1")
def test_unit_tests_pass_with_every_dependency_at_its_lower_bound(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV"))}
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "lower_bounds.py"), "--venv", str(venv)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    tail = run.stderr[-2000:] + run.stdout[-6000:]  # pytest's summary last
    assert run.returncode == 0, tail
    assert "installed at the lower bounds" in run.stdout and " passed" in run.stdout, tail
    assert not lower_bounds.not_at_lower_bound(venv / "bin" / "python", lower_bounds.constraints())
