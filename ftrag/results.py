"""Measured results that labs save for later notebooks (wrap-up, decision widget, claims ledger) to read, and the
tables of re-measure experiments (one row per setting a learner tried)."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ftrag.data import SCHEMA_DIR, check_record
from ftrag.runtime import cache_dir

_NAME = re.compile(r"^[a-z0-9_]+$")


def results_dir() -> Path:
    """Folder of saved results: $FTRAG_RESULTS_DIR or <cache dir>/results."""
    env = os.environ.get("FTRAG_RESULTS_DIR")
    return Path(env).expanduser() if env else cache_dir() / "results"


def _path(name: str) -> Path:
    """The JSON file for one result set, after checking the name."""
    if not _NAME.match(name):
        raise ValueError(f"Result name {name!r} must be lower-case letters, digits and underscores.")
    return results_dir() / f"{name}.json"


def _dumps(value: Any, what: str, indent: int | None = 2) -> str:
    """JSON text of `value`, refusing what JSON cannot hold faithfully (NaN, infinity, objects)."""
    try:
        return json.dumps(value, indent=indent, sort_keys=indent is not None, allow_nan=False, default=_plain)
    except ValueError as error:
        if "Out of range float" not in str(error):  # json's words for NaN and infinity; other errors pass unchanged
            raise
        raise ValueError(f"{what}: a figure is NaN or infinite; save only finite numbers.") from None


def _plain(value: Any) -> Any:
    """numpy and torch scalars as Python numbers; anything else is refused."""
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return value.item()
    raise TypeError(f"cannot save a {type(value).__name__}: save numbers, strings, booleans, lists and dicts")


def _write(path: Path, text: str) -> None:
    """Write a file atomically: a half-written file never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _damaged(path: Path, error: Exception) -> ValueError:
    """The error for a results file that is not valid JSON, naming the file and the way out."""
    return ValueError(
        f"{path} is damaged ({error}): it was cut short or edited by hand. Delete it and re-run the lab that saves it."
    )


def contract(name: str) -> dict[str, Any] | None:
    """The declared keys of a result set other notebooks read (data/schemas/results-<name>.schema.json), or None."""
    path = SCHEMA_DIR / f"results-{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def save_results(name: str, metrics: dict[str, Any]) -> Path:
    """Save a dict of figures (finite numbers, text, booleans, lists, dicts) under a name such as 'lab1_rag'.

    A result set that other notebooks read has a contract (`contract(name)`): saving refuses one that lacks a key
    they read or holds the wrong kind of value there, so a renamed key fails here instead of leaving a blank later.
    """
    if not isinstance(metrics, Mapping):
        raise TypeError(f"save_results({name!r}, ...) takes a dict of figures, got a {type(metrics).__name__}.")
    path = _path(name)
    text = _dumps(dict(metrics), f"save_results({name!r})")
    if contract(name) is not None:
        where = f"save_results({name!r}) (contract: data/schemas/results-{name}.schema.json)"
        check_record(json.loads(text), f"results-{name}", where, error=ValueError)
    _write(path, text)
    return path


def read_number(value: object) -> float | None:
    """A saved figure as a finite float (from an int or float, not a bool), else None: a missing or broken figure."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def load_results(name: str) -> dict[str, Any] | None:
    """Load a saved result set, or None if that lab has not been run on this machine."""
    path = _path(name)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _damaged(path, error) from None
    if not isinstance(data, dict):
        raise _damaged(path, TypeError("it holds no dict of figures"))
    return data


LAB_RESULTS = ("lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_knowledge")


def flatten_numbers(results: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Numbers and booleans of a (nested) results dict, nested keys joined with '.', everything else dropped."""
    out: dict[str, Any] = {}
    for key, value in results.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten_numbers(value, prefix=f"{name}."))
        elif isinstance(value, bool) or read_number(value) is not None:
            out[name] = value
    return out


def figures_of(saved: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of one saved result set: its numbers and booleans, flattened, and Lab 2's learning curve."""
    figures = flatten_numbers(saved)
    for key in ("knowledge_changes", "change_behavior"):
        if key in figures and not isinstance(figures[key], bool):
            figures.pop(key)
    n = figures.get("labeled_examples")
    if n is not None:
        if isinstance(n, float) and n.is_integer() and n >= 0:
            figures["labeled_examples"] = int(n)
        elif isinstance(n, bool) or not isinstance(n, int) or n < 0:
            figures.pop("labeled_examples")
    if isinstance(saved.get("learning_curve"), list):
        figures["learning_curve"] = [dict(p) for p in saved["learning_curve"] if isinstance(p, Mapping)]
    return figures


def saved_results(names: Sequence[str] = LAB_RESULTS) -> dict[str, dict[str, Any] | None]:
    """What each named notebook saved on this machine, as saved; None for one not run yet. The one loader."""
    return {name: load_results(name) for name in names}


def lab_figures(names: Sequence[str] = LAB_RESULTS) -> dict[str, dict[str, Any] | None]:
    """The figures each lab saved here, one lab at a time (labs reuse names such as n_test); None for a lab not run."""
    return {name: None if raw is None else figures_of(raw) for name, raw in saved_results(names).items()}


def _runs_path(name: str) -> Path:
    """The JSON-lines file of one experiment's runs."""
    return _path(name).with_name(f"{name}.runs.jsonl")


def record_run(name: str, settings: Mapping[str, Any], figures: Mapping[str, Any]) -> Any:
    """Add one run of an experiment (its settings and measured figures) to a table kept on disk; return the table.

    A run with the same settings replaces the earlier one, so re-running a cell never duplicates a row.
    """
    import pandas as pd

    if not settings:
        raise ValueError("Name the setting(s) this run used, e.g. {'k': 3}.")
    path = _runs_path(name)
    earlier = runs(name).to_dict("records")
    rows = [r for r in earlier if any(r.get(k) != v for k, v in settings.items())] + [{**settings, **figures}]
    _write(path, "".join(_dumps(r, f"record_run({name!r})", indent=None) + "\n" for r in rows))
    return pd.DataFrame(rows)


def runs(name: str) -> Any:
    """Every recorded run of an experiment as a DataFrame (empty if none yet)."""
    import pandas as pd

    path = _runs_path(name)
    if not path.exists():
        return pd.DataFrame()
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _damaged(path, error) from None
    return pd.DataFrame(rows)
