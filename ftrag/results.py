"""Measured results that labs save for later notebooks (wrap-up, capstone, decision widget) to read."""

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


LAB_RESULTS = ("lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_capstone")


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
