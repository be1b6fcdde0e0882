"""Loaders with validation for the course data set in data/ (see data/README.md)."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA_DIR: Path = Path(os.environ.get("FTRAG_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")

SCHEMA_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "schemas"  # JSON Schema, one file per data set
SPLITS = ("train", "test")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one data set (data/schemas/<name>.schema.json)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _enum(name: str, *path: str) -> tuple[str, ...]:
    """The allowed values the schema `name` gives the field at `path` (the one place they are written)."""
    node = schema(name)
    for key in path:
        node = node["properties"][key]
    return tuple(node["enum"])


DOC_TYPES = _enum("kb", "type")
KINDS = _enum("questions", "kind")
CATEGORIES = _enum("behaviour", "target", "category")
PRIORITIES = _enum("behaviour", "target", "priority")


class DataError(ValueError):
    """A data file is malformed; the message names the file, the line number and the field."""


def data_dir() -> Path:
    """Return the data directory, honouring FTRAG_DATA_DIR at call time."""
    env = os.environ.get("FTRAG_DATA_DIR")
    return Path(env) if env else DATA_DIR


@functools.cache
def _validator(name: str) -> Any:
    """A jsonschema validator for one data set's schema."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def _field(path: Sequence[Any]) -> str:
    """A field's place in a record as the messages write it: 'v1.doc_ids', 'questions[3].answer'."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def describe(error: Any) -> str:
    """One jsonschema error in the words of the course's data messages: the field, and what it must be."""
    field = _field(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"missing field '{f'{field}.' if field else ''}{missing}'"
    if error.validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown field(s) {unknown}{f' in {field!r}' if field else ''}"
    what = error.schema.get("description") or (
        f"one of {error.validator_value}" if error.validator == "enum" else error.message
    )
    return f"field '{field}' must be {what}, got {error.instance!r}"


def check_record(record: Any, name: str, where: str, error: type[Exception] = DataError) -> Any:
    """Return `record` if it fits the schema `name`; else raise `error` naming `where`, the field and the rule."""
    from jsonschema.exceptions import best_match

    found = best_match(_validator(name).iter_errors(record))
    if found is not None:
        hint = (
            " (quote values YAML reads as numbers, booleans or times)"
            if found.validator == "type" and "string" in found.validator_value
            else ""
        )
        raise error(f"{where}: {describe(found)}{hint}")
    return record


def read_jsonl(path: Path, name: str) -> list[dict]:
    """Read a JSONL file and validate every record against the schema `name` (unique 'id' included)."""
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
            check_record(row, name, where)
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
    return read_jsonl(data_dir() / f"kb_v{version}.jsonl", "kb")


def load_changes() -> list[dict]:
    """Load the facts that changed between kb_v1 and kb_v2."""
    return read_jsonl(data_dir() / "changes.jsonl", "changes")


def load_questions() -> list[dict]:
    """Load evaluation questions with per-version gold documents and answers."""
    return read_jsonl(data_dir() / "questions.jsonl", "questions")


def load_behaviour(split: str) -> list[dict]:
    """Load support tickets with category/priority/summary targets ("train" or "test")."""
    return read_jsonl(data_dir() / "behaviour" / f"{_split(split)}.jsonl", "behaviour")


def load_embedding_pairs(split: str) -> list[dict]:
    """Load query/passage pairs for embedding fine-tuning ("train" or "test")."""
    return read_jsonl(data_dir() / "embeddings" / f"{_split(split)}.jsonl", "embeddings")


def load_choices() -> list[dict]:
    """Load four answer options per answerable question, with the index of the v1 and the v2 gold."""
    return read_jsonl(data_dir() / "choices.jsonl", "choices")


def load_reader_questions() -> list[dict]:
    """Load the reader's training questions over kb_v1 (kept apart from the evaluation questions)."""
    return read_jsonl(data_dir() / "reader" / "train.jsonl", "reader")


def load_paraphrases() -> list[dict]:
    """Load two paraphrases of every kb_v1 sentence that states an evaluation answer."""
    return read_jsonl(data_dir() / "paraphrases.jsonl", "paraphrases")
