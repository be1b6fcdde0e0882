"""Test the dependency lower bounds: install every dependency at its lowest allowed version, run the unit tests.

    python tools/lower_bounds.py --print            # the constraints it would install (name==lower bound)
    python tools/lower_bounds.py                    # build .venv-lowest (or --venv DIR) and run tests/ in it

pyproject.toml gives lower bounds only (Colab's preinstalled packages must satisfy them without a reinstall).
This script turns each `name>=X` into `name==X`, installs them with torch pinned as in requirements.txt (a CPU
build; older torch builds are not installable offline-friendly here), and runs the unit tests under `tests/`
with a model cache of its own, so the generator is converted by the oldest transformers too. It needs PyPI.
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
# Not run inside the lower-bound run: this check itself, the browser test (one JupyterLab at a time), and the
# ipywidgets 7 re-run (it needs `make setup`'s side folder; the main run covers it).
SKIPPED_TESTS = ("tests/test_lower_bounds.py", "tests/test_browser.py", "tests/test_ipywidgets7.py")


def _load_pyproject(root: Path) -> dict:
    """Parse pyproject.toml (tomllib on 3.11+, tomli before)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            sys.exit("tools/lower_bounds.py needs Python 3.11+ (tomllib) or `pip install tomli` on Python 3.10.")
    return tomllib.loads((root / "pyproject.toml").read_text())


def dependencies(root: Path = ROOT) -> list[str]:
    """The runtime dependencies and the `dev` extra, as written in pyproject.toml."""
    project = _load_pyproject(root)["project"]
    return [*project["dependencies"], *project.get("optional-dependencies", {}).get("dev", [])]


def pinned_torch(root: Path = ROOT) -> str:
    """The exact torch requirement of requirements.txt (e.g. `torch==2.13.0`)."""
    for line in (root / "requirements.txt").read_text().splitlines():
        if re.match(r"^torch==\S+$", line.strip()):
            return line.strip()
    raise ValueError("requirements.txt has no `torch==<version>` line.")


def _floor(spec: str) -> tuple[str, Version]:
    """The name and the `>=` lower bound of one requirement; ValueError unless that bound is its only specifier."""
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        raise ValueError(f"Cannot parse the dependency {spec!r} in pyproject.toml: {exc}") from None
    specs = list(req.specifier)
    if len(specs) != 1 or specs[0].operator != ">=":
        raise ValueError(f"{spec!r}: every dependency in pyproject.toml needs exactly one `>=` lower bound.")
    return req.name, Version(specs[0].version)


def constraints(root: Path = ROOT) -> list[str]:
    """One `name==lower` line per dependency (the higher bound if two lines name it); torch as in requirements.txt."""
    lowest: dict[str, tuple[str, Version]] = {}
    for spec in dependencies(root):
        name, floor = _floor(spec)
        seen = lowest.get(canonicalize_name(name))
        if seen is None or floor > seen[1]:
            lowest[canonicalize_name(name)] = (seen[0] if seen else name, floor)
    return [pinned_torch(root) if key == "torch" else f"{name}=={v}" for key, (name, v) in lowest.items()]


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    """Echo and run a command; exit with its code when it fails."""
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    if code:
        sys.exit(code)


def build(venv: Path, wanted: list[str]) -> Path:
    """Create (or update) the venv with every dependency pinned as in `wanted`; return its python."""
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)])
    file = venv / "lower-bounds.txt"
    file.write_text("\n".join(wanted) + "\n")
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip"])
    _run([str(python), "-m", "pip", "install", "--quiet", "-c", str(file), pinned_torch(), "-e", ".[dev]"])
    _run([str(python), "-m", "pip", "check"])
    return python


def same_release(installed: str, wanted: str) -> bool:
    """Whether an installed version is the wanted one, ignoring a local build tag: 2.13.0+cpu matches 2.13."""
    return Version(Version(installed).public) == Version(wanted)


def not_at_lower_bound(python: Path, wanted: list[str]) -> list[str]:
    """The `name==version` lines of `wanted` the venv does not satisfy exactly (empty when all sit at their floor)."""
    out = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True)
    have = {canonicalize_name(k): v for k, _, v in (line.partition("==") for line in out.stdout.splitlines()) if v}
    wrong = []
    for line in wanted:
        name, _, version = line.partition("==")
        installed = have.get(canonicalize_name(name))
        if installed is None or not same_release(installed, version):
            wrong.append(f"{line} (installed: {installed or 'none'})")
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv-lowest", help="where to build the venv")
    parser.add_argument("--print", action="store_true", help="print the constraints and stop")
    args = parser.parse_args(argv)
    wanted = constraints()
    if args.print:
        print("\n".join(wanted))
        return 0
    venv = args.venv.resolve()
    python = build(venv, wanted)
    wrong = not_at_lower_bound(python, wanted)
    if wrong:
        print(f"not installed at the lower bound: {wrong}", file=sys.stderr)
        return 1
    print(f"installed at the lower bounds: {', '.join(wanted)}", flush=True)
    # A model cache of its own (the generator is converted by these versions); the GGUF download is shared.
    cache = venv / "ftrag-cache"
    cache.mkdir(exist_ok=True)
    env = {**os.environ, "FTRAG_CACHE_DIR": str(cache), "VIRTUAL_ENV": str(venv)}
    env.pop("PYTEST_XDIST_WORKER", None)
    sys.path.insert(0, str(ROOT))
    from ftrag.models import gguf_path

    shared = gguf_path().parent
    if shared.is_dir() and not (cache / "gguf").exists():
        (cache / "gguf").symlink_to(shared, target_is_directory=True)
    _run([str(python), "-m", "ftrag.models", "fetch"], env=env)
    _run([str(python), "-m", "pytest", "tests", *(f"--ignore={test}" for test in SKIPPED_TESTS)], env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
