"""The house rules of ftrag: imports run one way (no module imports one above it, no cycles), modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ftrag"
# From the bottom up: a module may import only modules of lower layers. Plumbing and plain helpers at the bottom,
# the lessons in the middle, what learners click on (widgets, checks, the ledger) on top, the your-data command last.
LAYERS: list[set[str]] = [
    {"text", "runtime", "course", "plots", "quiz", "data", "claims"},
    {"validate", "training"},
    {"prompts", "metrics", "results", "stats"},
    {"models", "triage", "decide", "findings", "cost", "your_data"},
    {"index", "finetune", "knowledge", "ann", "cost_inputs"},
    {"rag"},
    {"embedtune", "reader", "widgets"},
    {"evidence", "doctor", "checks", "your_report", "your_behaviour"},
    {"yours"},
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}
MAX_LINES = 420  # about 400; a few lines of slack, no more


def _name(path: Path) -> str:
    """'ftrag/rag.py' -> 'rag'; every module of a package (checks, widgets) counts as the package."""
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def _imports(path: Path) -> set[str]:
    """The ftrag modules one file imports, anywhere in it (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ftrag"):
            parts = node.module.split(".")[1:]
            if not parts:  # from ftrag import rag, metrics
                found |= {alias.name for alias in node.names}
            else:
                found.add(parts[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("ftrag.")}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent.name in ("checks", "widgets"))


def test_every_module_has_a_layer() -> None:
    missing = {_name(p) for p in MODULES} - set(LAYER)
    assert not missing, f"put these modules in a layer of tests/test_architecture.py: {missing}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    me = _name(path)
    up = {other for other in _imports(path) - {me} if LAYER.get(other, -1) >= LAYER[me]}
    assert not up, f"{me} (layer {LAYER[me]}) imports {sorted(up)}, which are not below it"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by topic"


def test_every_module_has_its_test_file() -> None:
    """Tests mirror the modules: ftrag/<name>.py is tested in tests/test_<name>.py (a package in one file for it)."""
    missing = sorted(
        {_name(p) for p in MODULES} - {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    )
    assert not missing, f"add tests/test_<module>.py for: {missing}"
