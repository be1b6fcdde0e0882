"""Measured results that labs save for later notebooks (wrap-up, capstone, decision widget) to read."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ftrag.models import cache_dir

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
