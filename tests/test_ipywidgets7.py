"""The widget tests again, under ipywidgets 7 (what Colab ships), in a subprocess.

`make setup` installs ipywidgets 7 into .venv/ipywidgets7 (kept apart from the venv's ipywidgets 8).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IPYW7 = Path(sys.prefix) / "ipywidgets7"


def test_widgets_work_with_ipywidgets_7() -> None:
    if not (IPYW7 / "ipywidgets").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{IPYW7} is missing: `make setup` installs it")
        pytest.skip(f"ipywidgets 7 not installed at {IPYW7} (run `make setup`)")
    env = {**os.environ, "PYTHONPATH": str(IPYW7)}
    probe = subprocess.run(
        [sys.executable, "-c", "import ipywidgets; print(ipywidgets.__version__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith("7."), probe.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", "tests/test_widgets.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
