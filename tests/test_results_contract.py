"""One contract for saved results: every key a module reads from a lab's saved figures is one that lab saves.

A renamed key would otherwise turn a ledger row into "not measured yet" without an error. The readers are found in
the code itself (the ledger's `_get` calls and declared comparisons, the findings of notebook 04, the cost inputs),
and each key must appear as a string in the notebook that saves that result set.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ftrag import claims, cost_inputs, evidence, findings, results
from ftrag.course import parts

ROOT = Path(__file__).resolve().parents[1]
SAVED_BY = {p.id: p.runs for p in parts() if p.is_lab} | {"cost": next(p.runs for p in parts() if p.id == "05_cost")}
CURVE_POINT = ("examples", "compliance", "category_acc", "n_test", "steps")  # Lab 2's learning-curve points
# Keys a notebook builds rather than spells: Lab 2 saves f"{name}_{k}" for each model it scored and each score
# `triage.field_accuracy` / `format_compliance` give; the pattern and the line that builds them must both be there.
GENERATED = {
    "lab2_lora": (
        re.compile(r"^(untuned|prompt_only|lora|lora_all)_(compliance|category_acc|priority_acc|both_acc)$"),
        '**{f"{name}_{k}": v for name, s in named.items() for k, v in s.items()}',
    )
}


def _source(relative: str) -> str:
    """All code of a notebook, as one text."""
    nb = json.loads((ROOT / relative).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def _module(module: object) -> ast.Module:
    return ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def _ledger_reads() -> set[tuple[str, str]]:
    """(result set, key) of every `_get(r, "result", "key", ...)` in the ledger, and of every declared comparison."""
    found = {(c.result, k) for c in claims.COMPARISONS for k in (c.a, c.b, c.n)}
    for node in ast.walk(_module(evidence)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_get":
            names = [a.value for a in node.args[1:] if isinstance(a, ast.Constant)]
            if len(names) == len(node.args) - 1:  # all literal (compare() reads a declared comparison's fields)
                found |= {(names[0], k) for k in names[1:]}
    read_whole = {("lab2_lora", "learning_curve"), ("lab4_knowledge", "ft_text_loss")}  # read as lists or dicts
    read_whole |= {("cost", k) for k in ("price_check", "measured_inputs", "break_even_month", "compute_per_hour")}
    return found | read_whole


def _cost_reads() -> set[tuple[str, str]]:
    """(result set, key) of every `lab1.get("key")` / `lab2.get("key")` in the cost inputs."""
    names = {"lab1": "lab1_rag", "lab2": "lab2_lora"}
    return {
        (names[node.func.value.id], node.args[0].value)
        for node in ast.walk(_module(cost_inputs))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and getattr(node.func.value, "id", "") in names
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def _findings_reads() -> set[tuple[str, str]]:
    """(result set, key) of every comparison notebook 04 shows."""
    return {(c.result, k) for c in findings.COMPARISONS for k in [c.n_key, *(key for _, key, _ in c.stages)]}


READS = sorted(_ledger_reads() | _cost_reads() | _findings_reads())


def test_the_readers_were_found() -> None:
    assert len(_ledger_reads()) > 30 and len(_cost_reads()) >= 6 and len(_findings_reads()) >= 12
    assert {r for r, _ in READS} <= set(SAVED_BY), {r for r, _ in READS} - set(SAVED_BY)


@pytest.mark.parametrize(("result", "key"), READS, ids=[f"{r}:{k}" for r, k in READS])
def test_every_key_read_is_saved_by_its_notebook(result: str, key: str) -> None:
    source = _source(SAVED_BY[result])
    pattern, builder = GENERATED.get(result, (None, ""))
    if pattern is not None and pattern.match(key):
        assert builder in source, f"{SAVED_BY[result]} no longer builds its {pattern.pattern} keys"
        return
    assert f'"{key}"' in source, f"{SAVED_BY[result]} does not save {key!r}, which is read"


@pytest.mark.parametrize(("result", "key"), READS, ids=[f"{r}:{k}" for r, k in READS])
def test_every_key_read_is_declared_in_its_contract(result: str, key: str) -> None:
    """Declared once, with its kind and meaning; `save_results` refuses a set that lacks it."""
    declared = results.contract(result)
    assert declared is not None, f"no contract for {result}: add data/schemas/results-{result}.schema.json"
    assert key in declared["properties"], f"{result}:{key} is read but not declared in its contract"
    assert key in declared["required"], f"{result}:{key} is read: make it required"
    assert declared["properties"][key].get("description"), f"say what {result}:{key} means"


def test_every_declared_key_is_read_or_names_the_models() -> None:
    """A contract holds what other notebooks read, nothing more (the rest a lab saves is its own)."""
    read = set(READS)
    for result in SAVED_BY:
        extra = {k for k in results.contract(result)["properties"] if (result, k) not in read}  # type: ignore[index]
        assert extra <= {"generator", "embedder", "reader_used"}, f"{result} declares keys nobody reads: {extra}"


def test_learning_curve_points_carry_what_the_ledger_reads() -> None:
    lab2 = _source(SAVED_BY["lab2_lora"])
    assert all(f'"{k}"' in lab2 for k in CURVE_POINT)


@pytest.mark.parametrize("lab", [p.id for p in parts() if p.is_lab])
def test_every_lab_saves_the_models_its_figures_came_from(lab: str) -> None:
    """The ledger's `models` column reads them (`evidence.models_of`); a lab that drops them leaves it blank."""
    source = _source(SAVED_BY[lab])
    assert re.search(r'"(generator|embedder)": ', source), f"{SAVED_BY[lab]} saves no generator or embedder name"
