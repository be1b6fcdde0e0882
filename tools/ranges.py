"""Test the dependency ranges of pyproject.toml at both ends, each in a fresh venv of its own.

    python tools/ranges.py lowest [--print]     # every dependency at its lower bound, then the unit tests
    python tools/ranges.py latest [--print]     # the newest release each range allows, then the unit tests and the
                                                # concept notebooks (.venv-latest)
    python tools/ranges.py latest --ignore-caps # the newest release of everything, upper caps ignored: shows whether a
                                                # cap (e.g. transformers<5.24) can be lifted

The lock (requirements.txt) is what the kit's own installs use; these ranges are what installs the kit does not control
(Colab's preinstalled packages, a learner's own environment) must satisfy, so both ends are tested. torch stays at the
lock's CPU build in both runs (requirements.in): it is the only CPU build available here. It needs PyPI.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# Not run inside these runs: the range checks themselves, the lock checks (they test the locked venv), the browser test
# (one JupyterLab at a time), and the ipywidgets 7 re-run (it needs `make setup`'s side folder).
SKIPPED_TESTS = ("tests/test_ranges.py", "tests/test_lock.py", "tests/test_browser.py", "tests/test_ipywidgets7.py")
# The "fast notebook checks" of the latest run (`course_deselected(keep_concepts=True)`): the concept notebooks (about
# 2 minutes), not the labs. The lowest run
# executes no course notebook: the whole course runs in the main venv (tests/test_notebooks.py), an hour or more.
NOTEBOOK_TEST = "tests/test_notebooks.py::test_notebook_runs_top_to_bottom"


def _load_pyproject(root: Path) -> dict:
    """Parse pyproject.toml (tomllib on 3.11+, tomli before)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            sys.exit("tools/ranges.py needs Python 3.11+ (tomllib) or `pip install tomli` on Python 3.10.")
    return tomllib.loads((root / "pyproject.toml").read_text())


def dependencies(root: Path = ROOT) -> list[str]:
    """The runtime dependencies and the `dev` extra, as written in pyproject.toml."""
    project = _load_pyproject(root)["project"]
    return [*project["dependencies"], *project.get("optional-dependencies", {}).get("dev", [])]


def pinned_torch(root: Path = ROOT) -> str:
    """The exact torch requirement the lock is compiled with (requirements.in, e.g. `torch==2.13.0`)."""
    for line in (root / "requirements.in").read_text().splitlines():
        if re.match(r"^torch==\S+$", line.strip()):
            return line.strip()
    raise ValueError("requirements.in has no `torch==<version>` line.")


def parse_range(spec: str) -> tuple[str, Version, Version | None]:
    """Name, `>=` lower bound and optional `<` cap of one requirement; ValueError unless it is written that way."""
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        raise ValueError(f"Cannot parse the dependency {spec!r} in pyproject.toml: {exc}") from None
    ops = {s.operator: Version(s.version) for s in req.specifier}
    if ">=" not in ops or set(ops) - {">=", "<"} or len(ops) != len(list(req.specifier)):
        raise ValueError(f"{spec!r}: every dependency in pyproject.toml needs a `>=` lower bound (at most a `<` cap).")
    return req.name, ops[">="], ops.get("<")


def _merged(root: Path) -> dict[str, tuple[str, Version, Version | None]]:
    """One (name, floor, cap) per package: the higher floor and the lower cap when two lines name it."""
    merged: dict[str, tuple[str, Version, Version | None]] = {}
    for spec in dependencies(root):
        name, floor, cap = parse_range(spec)
        key = canonicalize_name(name)
        if key in merged:
            old_name, old_floor, old_cap = merged[key]
            caps = [c for c in (cap, old_cap) if c is not None]
            name, floor, cap = old_name, max(floor, old_floor), min(caps) if caps else None
        merged[key] = (name, floor, cap)
    return merged


def constraints(root: Path = ROOT) -> list[str]:
    """One `name==lower` line per dependency (the higher bound if two lines name it); torch as the lock has it."""
    merged = _merged(root).items()
    return [pinned_torch(root) if key == "torch" else f"{name}=={floor}" for key, (name, floor, _) in merged]


def uncapped(root: Path = ROOT) -> list[str]:
    """One `name>=lower` line per dependency, caps dropped; torch as the lock has it (for `latest --ignore-caps`)."""
    merged = _merged(root).items()
    return [pinned_torch(root) if key == "torch" else f"{name}>={floor}" for key, (name, floor, _) in merged]


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    """Echo and run a command; exit with its code when it fails."""
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    if code:
        sys.exit(code)


def _venv(venv: Path) -> Path:
    """Create the venv if needed, with an up-to-date pip; return its python."""
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip"])
    return python


def build_lowest(venv: Path, wanted: list[str]) -> Path:
    """Create (or update) the venv with every dependency pinned as in `wanted`; return its python."""
    python = _venv(venv)
    file = venv / "lower-bounds.txt"
    file.write_text("\n".join(wanted) + "\n")
    _run([str(python), "-m", "pip", "install", "--quiet", "-c", str(file), pinned_torch(), "-e", ".[dev]"])
    _run([str(python), "-m", "pip", "check"])
    return python


def build_latest(venv: Path, ignore_caps: bool) -> Path:
    """Create (or update) the venv with the newest release every range allows (every release, with ignore_caps)."""
    python = _venv(venv)
    upgrade = [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "--upgrade-strategy", "eager"]
    if ignore_caps:
        _run([*upgrade, *uncapped()])
        _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", "."])
    else:
        _run([*upgrade, pinned_torch(), "-e", ".[dev]"])
        _run([str(python), "-m", "pip", "check"])
    return python


def installed(python: Path) -> dict[str, str]:
    """{canonical name: version} of every distribution in a venv."""
    out = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True)
    return {canonicalize_name(k): v for k, _, v in (line.partition("==") for line in out.stdout.splitlines()) if v}


def locked(root: Path = ROOT) -> dict[str, str]:
    """{canonical name: version} pinned by the lock for this interpreter (markers evaluated here)."""
    pins = {}
    for line in (root / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" not in line or line.startswith("-"):
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            pins[canonicalize_name(req.name)] = str(next(iter(req.specifier)).version)
    return pins


def same_release(installed_version: str, wanted: str) -> bool:
    """Whether an installed version is the wanted one, ignoring a local build tag: 2.13.0+cpu matches 2.13."""
    return Version(Version(installed_version).public) == Version(wanted)


def not_at_lower_bound(python: Path, wanted: list[str]) -> list[str]:
    """The `name==version` lines of `wanted` the venv does not satisfy exactly (empty when all sit at their floor)."""
    have = installed(python)
    wrong = []
    for line in wanted:
        name, _, version = line.partition("==")
        got = have.get(canonicalize_name(name))
        if got is None or not same_release(got, version):
            wrong.append(f"{line} (installed: {got or 'none'})")
    return wrong


def newer_than_lock(python: Path, root: Path = ROOT) -> list[str]:
    """`name lock -> installed` for every locked package the venv has at another version (what `latest` moved)."""
    have, pins = installed(python), locked(root)
    return [f"{n} {v} -> {have[n]}" for n, v in sorted(pins.items()) if n in have and not same_release(have[n], v)]


def course_deselected(keep_concepts: bool = False) -> list[str]:
    """pytest options that leave out every course notebook run (but the concept notebooks', with `keep_concepts`)."""
    from ftrag.course import parts

    return [f"--deselect={NOTEBOOK_TEST}[{p.runs}]" for p in parts() if p.is_lab or not keep_concepts]


def _test_env(venv: Path) -> dict[str, str]:
    """Environment for the venv's test run: a model cache of its own (the generator is converted by these versions)."""
    cache = venv / "ftrag-cache"
    cache.mkdir(exist_ok=True)
    env = {**os.environ, "FTRAG_CACHE_DIR": str(cache), "VIRTUAL_ENV": str(venv)}
    env.pop("PYTEST_XDIST_WORKER", None)
    from ftrag.models import gguf_path  # the GGUF download is shared with the main cache

    shared = gguf_path().parent
    if shared.is_dir() and not (cache / "gguf").exists():
        (cache / "gguf").symlink_to(shared, target_is_directory=True)
    return env


def main(argv: list[str] | None = None) -> int:
    """Build the venv for one end of the ranges, show what it installed, run the tests there."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("end", choices=["lowest", "latest"])
    parser.add_argument("--venv", type=Path, help="where to build the venv (default .venv-<end>)")
    parser.add_argument("--print", action="store_true", help="print the requirements it would install and stop")
    parser.add_argument("--ignore-caps", action="store_true", help="latest: drop the `<` caps of pyproject.toml")
    parser.add_argument("--no-notebooks", action="store_true", help="latest: unit tests only")
    args = parser.parse_args(argv)
    wanted = constraints() if args.end == "lowest" else (uncapped() if args.ignore_caps else dependencies())
    if args.print:
        print("\n".join(wanted))
        return 0
    venv = (args.venv or ROOT / f".venv-{args.end}").resolve()
    keep_concepts = args.end == "latest" and not args.no_notebooks
    tests = ["tests", *(f"--ignore={test}" for test in SKIPPED_TESTS), *course_deselected(keep_concepts)]
    if args.end == "lowest":
        python = build_lowest(venv, wanted)
        wrong = not_at_lower_bound(python, wanted)
        if wrong:
            print(f"not installed at the lower bound: {wrong}", file=sys.stderr)
            return 1
        print(f"installed at the lower bounds: {', '.join(wanted)}", flush=True)
    else:
        python = build_latest(venv, args.ignore_caps)
        moved = newer_than_lock(python)
        print(f"newer than the lock ({len(moved)}): {'; '.join(moved) or 'nothing'}", flush=True)
    env = _test_env(venv)
    _run([str(python), "-m", "ftrag.models", "fetch"], env=env)
    # Two workers; the concept notebooks of the latest run stay together on one, in course order (loadgroup).
    _run([str(python), "-m", "pytest", "-n", "2", "--dist", "loadgroup", *tests], env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
