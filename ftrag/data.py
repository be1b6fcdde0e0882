"""Loaders with validation for the course data set in data/ (see data/README.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DATA_DIR: Path = Path(os.environ.get("FTRAG_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")

DOC_TYPES = ("manual", "policy", "faq", "release-notes")
KINDS = ("stable", "changed", "unanswerable")
CATEGORIES = ("billing", "technical", "shipping", "account", "other")
PRIORITIES = ("low", "medium", "high", "urgent")
SPLITS = ("train", "test")

# Field specs: "str" = non-empty string, "str|null", "list[str]" (":n" = exactly n of them), "index:n" = an integer
# 0..n-1, a tuple = allowed values, a dict = nested record.
_STR, _OPT_STR, _STR_LIST = "str", "str|null", "list[str]"
_OPTIONS, _PAIR, _INDEX = "list[str]:4", "list[str]:2", "index:4"
_GOLD = {"doc_ids": _STR_LIST, "answer": _OPT_STR}
SCHEMAS: dict[str, dict[str, Any]] = {
    "kb": {"id": _STR, "title": _STR, "type": DOC_TYPES, "text": _STR},
    "changes": {"id": _STR, "doc_id": _STR, "fact": _STR, "old": _STR, "new": _STR},
    "questions": {"id": _STR, "question": _STR, "kind": KINDS, "v1": _GOLD, "v2": _GOLD},
    "behaviour": {
        "id": _STR,
        "ticket": _STR,
        "target": {"category": CATEGORIES, "priority": PRIORITIES, "summary": _STR},
    },
    "embeddings": {"id": _STR, "query": _STR, "doc_id": _STR, "passage": _STR},
    "choices": {"id": _STR, "options": _OPTIONS, "v1": _INDEX, "v2": _INDEX},
    "reader": {"id": _STR, "question": _STR, "answer": _STR, "doc_id": _STR},
    "paraphrases": {"id": _STR, "doc_id": _STR, "sentence": _STR, "paraphrases": _PAIR},
}


class DataError(ValueError):
    """A data file is malformed; the message names the file, the line number and the field."""


def data_dir() -> Path:
    """Return the data directory, honouring FTRAG_DATA_DIR at call time."""
    env = os.environ.get("FTRAG_DATA_DIR")
    return Path(env) if env else DATA_DIR


def _check(value: Any, spec: Any, field: str, where: str) -> None:
    """Raise DataError unless value matches spec."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise DataError(f"{where}: field '{field}' must be an object")
        for key, sub in spec.items():
            if key not in value:
                raise DataError(f"{where}: missing field '{field}.{key}'")
            _check(value[key], sub, f"{field}.{key}", where)
    elif isinstance(spec, tuple):
        if value not in spec:
            raise DataError(f"{where}: field '{field}' must be one of {list(spec)}, got {value!r}")
    elif isinstance(spec, str) and spec.startswith(_STR_LIST):
        n = int(spec.partition(":")[2] or 0)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value) or n and len(value) != n:
            raise DataError(f"{where}: field '{field}' must be a list of {f'{n} ' if n else ''}non-empty strings")
    elif isinstance(spec, str) and spec.startswith("index:"):
        n = int(spec.partition(":")[2])
        if type(value) is not int or not 0 <= value < n:
            raise DataError(f"{where}: field '{field}' must be an integer from 0 to {n - 1}, got {value!r}")
    elif value is None and spec == _OPT_STR:
        return
    elif not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: field '{field}' must be a non-empty string")


def read_jsonl(path: Path, schema: dict[str, Any]) -> list[dict]:
    """Read a JSONL file and validate every record against schema (unique 'id' included)."""
    if not path.is_file():
        raise DataError(f"{path}: file not found (run python tools/make_data.py)")
    try:
        shown = path.relative_to(data_dir().parent)
    except ValueError:
        shown = path
    rows: list[dict] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{shown} line {n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise DataError(f"{where}: record must be a JSON object")
            for key, spec in schema.items():
                if key not in row:
                    raise DataError(f"{where}: missing field '{key}'")
                _check(row[key], spec, key, where)
            if row["id"] in seen:
                raise DataError(f"{where}: field 'id' duplicates {row['id']!r}")
            seen.add(row["id"])
            rows.append(row)
    return rows


def _split(split: str) -> str:
    """Validate a split name."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
    return split


def load_kb(version: int = 1) -> list[dict]:
    """Load knowledge-base documents of version 1 or 2."""
    if version not in (1, 2):
        raise ValueError(f"version must be 1 or 2, got {version!r}")
    return read_jsonl(data_dir() / f"kb_v{version}.jsonl", SCHEMAS["kb"])


def load_changes() -> list[dict]:
    """Load the facts that changed between kb_v1 and kb_v2."""
    return read_jsonl(data_dir() / "changes.jsonl", SCHEMAS["changes"])


def load_questions() -> list[dict]:
    """Load evaluation questions with per-version gold documents and answers."""
    return read_jsonl(data_dir() / "questions.jsonl", SCHEMAS["questions"])


def load_behaviour(split: str) -> list[dict]:
    """Load support tickets with category/priority/summary targets ("train" or "test")."""
    return read_jsonl(data_dir() / "behaviour" / f"{_split(split)}.jsonl", SCHEMAS["behaviour"])


def load_embedding_pairs(split: str) -> list[dict]:
    """Load query/passage pairs for embedding fine-tuning ("train" or "test")."""
    return read_jsonl(data_dir() / "embeddings" / f"{_split(split)}.jsonl", SCHEMAS["embeddings"])


def load_choices() -> list[dict]:
    """Load four answer options per answerable question, with the index of the v1 and the v2 gold."""
    return read_jsonl(data_dir() / "choices.jsonl", SCHEMAS["choices"])


def load_reader_questions() -> list[dict]:
    """Load the reader's training questions over kb_v1 (kept apart from the evaluation questions)."""
    return read_jsonl(data_dir() / "reader" / "train.jsonl", SCHEMAS["reader"])


def load_paraphrases() -> list[dict]:
    """Load two paraphrases of every kb_v1 sentence that states an evaluation answer."""
    return read_jsonl(data_dir() / "paraphrases.jsonl", SCHEMAS["paraphrases"])
