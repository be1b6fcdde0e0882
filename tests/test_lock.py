"""The lock (requirements.txt) pins every install the kit controls, inside pyproject.toml's ranges, everywhere."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import lock
import pytest
import ranges
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


LOCK = lock.LOCK.read_text()
PLATFORMS = [
    ("linux", "Linux", "x86_64"),
    ("linux", "Linux", "aarch64"),
    ("darwin", "Darwin", "arm64"),
    ("win32", "Windows", "AMD64"),
]
PYTHONS = ["3.10.12", "3.11.7", "3.12.4", "3.13.1"]


def _environment(python: str, platform: tuple[str, str, str]) -> dict[str, str]:
    """A marker environment for one Python version on one platform."""
    sys_platform, system, machine = platform
    return {
        **default_environment(),
        "python_version": python.rsplit(".", 1)[0],
        "python_full_version": python,
        "sys_platform": sys_platform,
        "platform_system": system,
        "platform_machine": machine,
        "os_name": "nt" if system == "Windows" else "posix",
        "extra": "dev",
    }


ENVIRONMENTS = [_environment(p, plat) for p, plat in itertools.product(PYTHONS, PLATFORMS)]


def test_the_lock_is_written_by_make_lock_and_installs_the_kit() -> None:
    assert "#    make lock" in LOCK.splitlines()[1]
    assert "-e ." in LOCK.splitlines()
    assert all(line.startswith(("#", " ", "-e .")) or "==" in line for line in LOCK.splitlines() if line)


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: f"py{e['python_version']}-{e['platform_machine']}")
def test_every_declared_dependency_is_pinned_inside_its_range(env: dict[str, str]) -> None:
    pinned = lock.pins(LOCK, env)
    for spec in ranges.dependencies():
        req = Requirement(spec)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        version = pinned.get(canonicalize_name(req.name))
        assert version is not None, f"{req.name} is in pyproject.toml but not in the lock: run `make lock`"
        assert req.specifier.contains(version, prereleases=True), f"lock pins {req.name}=={version}, outside {spec}"


def test_torch_is_the_cpu_build_without_gpu_packages() -> None:
    assert lock.pins(LOCK)["torch"] == ranges.pinned_torch().split("==")[1]
    gpu = [name for name, *_ in lock.all_entries(LOCK) if name.startswith(("nvidia-", "triton", "cuda-"))]
    assert not gpu, f"the lock pulls in GPU packages: {gpu}"


def test_binder_installs_the_same_lock() -> None:
    binder = lock.BINDER.read_text()
    assert binder == lock.binder_text(LOCK), "binder/requirements.txt is stale: run `make lock`"
    assert lock.all_entries(binder) == lock.all_entries(LOCK)
    assert "download.pytorch.org/whl/cpu" in binder


def test_freeze_mismatches_find_unpinned_and_other_versions() -> None:
    freeze = "torch==2.13.0+cpu\nnumpy==0.1\nleftpad==1.0\n-e git+https://x#egg=ftrag\n"
    bad = lock.freeze_mismatches(freeze, LOCK)
    assert [b.split(" ")[0] for b in bad] == ["numpy==0.1", "leftpad==1.0"]


@pytest.mark.skipif(not os.environ.get("CI"), reason="needs PyPI (about 15 s): runs in CI")
def test_a_fresh_compile_gives_the_same_lock() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "lock.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.skipif(not os.environ.get("CI"), reason="checks the venv `make setup` built from the lock: runs in CI")
def test_this_environment_is_exactly_the_lock() -> None:
    assert lock.verify_env(Path(sys.executable)) == []
