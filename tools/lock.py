"""The lock: requirements.txt pins every distribution an install of the kit ends up with, for Linux, macOS and Windows.

    python tools/lock.py                  # compile requirements.in (ranges from pyproject.toml) -> requirements.txt and
                                          # binder/requirements.txt; pins already in the lock are kept where allowed
    python tools/lock.py --upgrade        # the same, moving every pin to the newest release the ranges allow
    python tools/lock.py --check          # compile into a temporary file and fail if the pins differ from the lock
    python tools/lock.py --verify-env     # `pip check` and `pip freeze` of this venv against the lock

`make lock` runs the first. Compiling needs PyPI; the other checks of tests/test_lock.py run offline.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.txt"
BINDER = ROOT / "binder" / "requirements.txt"
# uv ignores pip's configuration (its machine-wide torch cap, its local wheel folder): requirements.in pins torch, and
# pyproject.toml's [tool.uv] declares the CPU build's dependencies, so no nvidia-* package enters the lock.
COMPILE = [
    "pip",
    "compile",
    "requirements.in",
    "--universal",
    "--python-version",
    "3.10",
    "--quiet",
    "--custom-compile-command",
    "make lock",
]
BINDER_HEADER = """\
# Binder (mybinder.org: 2 GB RAM, no GPU): the kit's lock (requirements.txt), written by `make lock`; do not edit.
# torch's CPU build comes from PyTorch's CPU index; postBuild installs the kit itself and fetches the models.
--extra-index-url https://download.pytorch.org/whl/cpu
"""


def _uv(*args: str) -> None:
    """Run uv (installed in the venv with the dev extra) in the repository root; exit on failure."""
    uv = [sys.executable, "-m", "uv"] if shutil.which("uv") is None else ["uv"]
    code = subprocess.run([*uv, *args], cwd=ROOT).returncode
    if code:
        sys.exit(code)


def compile_lock(out: Path, upgrade: bool = False) -> None:
    """Compile requirements.in into `out`, keeping the pins `out` already has unless `upgrade`."""
    _uv(*COMPILE, "-o", str(out), *(["--upgrade"] if upgrade else []))


def binder_text(lock: str) -> str:
    """binder/requirements.txt: the lock without the editable install of the kit (postBuild installs it)."""
    lines = lock.splitlines()
    start = lines.index("-e .")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    #"):
        end += 1
    body = [line for line in lines[:start] + lines[end:] if not line.startswith("#")]
    return BINDER_HEADER + "\n".join(body) + "\n"


def pins(text: str, environment: dict[str, str] | None = None) -> dict[str, str]:
    """{canonical name: version} of a lock's pins whose markers hold in `environment` (default: this interpreter)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        spec = list(req.specifier)
        if len(spec) != 1 or spec[0].operator != "==":
            raise ValueError(f"Not an exact pin in the lock: {line!r}")
        if req.marker is None or req.marker.evaluate(environment):
            found[canonicalize_name(req.name)] = spec[0].version
    return found


def all_entries(text: str) -> set[tuple[str, str, str]]:
    """Every (name, version, marker) entry of a lock: what must not change between two compiles."""
    entries = set()
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            entries.add((canonicalize_name(req.name), str(req.specifier), str(req.marker or "")))
    return entries


def freeze_mismatches(freeze: str, lock: str) -> list[str]:
    """Lines of `pip freeze` that the lock does not pin to exactly that version (a local tag like +cpu is allowed)."""
    here = pins(lock)
    bad = []
    for line in freeze.splitlines():
        if not line.strip() or line.startswith(("#", "-e ")):  # comments, and the kit's own editable install
            continue
        name, sep, version = line.partition("==")
        if not sep:
            bad.append(f"{line} (not installed from an index)")
            continue
        key = canonicalize_name(name)
        if key == "ftrag":
            continue
        if key not in here or Version(Version(version).public) != Version(here[key]):
            bad.append(f"{line} (lock: {here.get(key, 'not pinned')})")
    return bad


def verify_env(python: Path) -> list[str]:
    """Problems of a venv installed from the lock: `pip check` complaints and versions the lock does not pin."""
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    freeze = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True)
    problems = [] if check.returncode == 0 else [f"pip check: {check.stdout.strip()}"]
    return problems + freeze_mismatches(freeze.stdout, LOCK.read_text())


def main(argv: list[str] | None = None) -> int:
    """Write, upgrade, check the lock, or verify this environment against it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--upgrade", action="store_true", help="move every pin to the newest allowed release")
    group.add_argument("--check", action="store_true", help="fail if a fresh compile differs from the lock")
    group.add_argument("--verify-env", action="store_true", help="check this venv against the lock")
    args = parser.parse_args(argv)
    if args.verify_env:
        problems = verify_env(Path(sys.executable))
        print("\n".join(problems) or "This environment is exactly the lock (pip check is clean).")
        return 1 if problems else 0
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "requirements.txt"
            shutil.copy(LOCK, fresh)  # the lock's pins are the preferences, as for `make lock`
            compile_lock(fresh)
            added = all_entries(fresh.read_text()) - all_entries(LOCK.read_text())
            gone = all_entries(LOCK.read_text()) - all_entries(fresh.read_text())
        stale = BINDER.read_text() != binder_text(LOCK.read_text())
        for entry in sorted(added):
            print("missing from the lock:", *entry)
        for entry in sorted(gone):
            print("in the lock but no longer resolved:", *entry)
        if stale:
            print("binder/requirements.txt is not the lock: run `make lock`.")
        if added or gone or stale:
            print("The lock disagrees with pyproject.toml / requirements.in: run `make lock` and commit both files.")
            return 1
        print("The lock agrees with pyproject.toml and requirements.in.")
        return 0
    compile_lock(LOCK, upgrade=args.upgrade)
    BINDER.write_text(binder_text(LOCK.read_text()))
    print(f"wrote {LOCK.relative_to(ROOT)} ({len(pins(LOCK.read_text()))} packages) and {BINDER.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
