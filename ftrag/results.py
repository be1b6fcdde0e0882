"""Measured results that labs save for later notebooks (wrap-up, decision widget, claims ledger) to read, and the
tables of re-measure experiments (one row per setting a learner tried)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ftrag.runtime import cache_dir
from ftrag.validate import number

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


def save_results(name: str, metrics: dict[str, Any]) -> Path:
    """Save a dict of measured figures (JSON-serialisable) under a name such as 'lab1_rag'."""
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(metrics, indent=2, sort_keys=True, default=float), encoding="utf-8")
    tmp.replace(path)
    return path


def load_results(name: str) -> dict[str, Any] | None:
    """Load a saved result set, or None if that lab has not been run on this machine."""
    path = _path(name)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


LAB_RESULTS = ("lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_knowledge")


def flatten_numbers(results: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Numbers and booleans of a (nested) results dict, nested keys joined with '.', everything else dropped."""
    out: dict[str, Any] = {}
    for key, value in results.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten_numbers(value, prefix=f"{name}."))
        elif isinstance(value, bool) or number(value) is not None:
            out[name] = value
    return out


def measured_from_results(names: Sequence[str] = LAB_RESULTS) -> dict[str, Any]:
    """Merge the figures the labs saved into one flat dict (for the decision widget and the claims ledger)."""
    merged: dict[str, Any] = {}
    for name in names:
        merged.update(flatten_numbers(load_results(name) or {}))
    for key in ("knowledge_changes", "change_behavior"):
        if key in merged and not isinstance(merged[key], bool):
            merged.pop(key)
    n = merged.get("labeled_examples")
    if n is not None:
        if isinstance(n, float) and n.is_integer() and n >= 0:
            merged["labeled_examples"] = int(n)
        elif isinstance(n, bool) or not isinstance(n, int) or n < 0:
            merged.pop("labeled_examples")
    return merged


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, default=float) + "\n" for r in rows), encoding="utf-8")
    return pd.DataFrame(rows)


def runs(name: str) -> Any:
    """Every recorded run of an experiment as a DataFrame (empty if none yet)."""
    import pandas as pd

    path = _runs_path(name)
    if not path.exists():
        return pd.DataFrame()
    return pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line])
