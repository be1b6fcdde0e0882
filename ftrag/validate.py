"""Argument checks shared by the kit: each raises ValueError with a message that says what to pass instead."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ftrag.text import clean_text


def check_positive_int(value: object, name: str = "k") -> int:
    """The value if it is an integer >= 1 (not a bool), else ValueError."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}.")
    return value


def check_count(value: object, name: str = "labeled_examples") -> int:
    """The value if it is an integer >= 0: TypeError for a non-integer (or a bool), ValueError if negative."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number (int) >= 0, got {value!r} ({type(value).__name__}).")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}.")
    return value


def check_bool(value: object, name: str) -> bool:
    """The value if it is a real bool, else TypeError naming the argument."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__}).")
    return value


def check_share(value: object, name: str) -> float:
    """The value if it is a number in [0, 1), else ValueError."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}.")
    return float(value)


def check_text(value: object, what: str = "a text") -> str:
    """The value if it is a non-empty string, else ValueError."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what[0].upper() + what[1:]} must be a non-empty string, got {value!r:.80}.")
    return value


def check_texts(values: object, what: str = "questions") -> list[str]:
    """A list of non-empty strings (a single string is refused: wrap it in a list)."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
        raise ValueError(f"Pass a list of {what}; wrap a single one in a list.")
    return [check_text(v, f"each of the {what}") for v in values]


def check_nonempty(values: Sequence[Any], what: str) -> Sequence[Any]:
    """The sequence if it has at least one item, else ValueError."""
    if isinstance(values, str | bytes | Mapping) or not values:
        raise ValueError(f"Pass a non-empty list of {what}.")
    return values


def check_same_length(what: str, **lists: Sequence[Any]) -> int:
    """The common length of several lists, else ValueError naming each length."""
    lengths = {name: len(values) for name, values in lists.items()}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{name}={n}" for name, n in lengths.items())
        raise ValueError(f"{what}: the lists must be equally long, got {shown}.")
    return next(iter(lengths.values()), 0)


def validate_documents(docs: Iterable[Mapping[str, Any]], existing: Iterable[str] = ()) -> list[dict[str, str]]:
    """Check documents ({"id", "text", optional "title"}) and return clean copies; raise ValueError if bad."""
    if isinstance(docs, str | bytes | Mapping):
        raise ValueError("Pass a list of documents (dicts with 'id' and 'text'), not a single value.")
    seen = set(existing)
    out = []
    for i, doc in enumerate(docs):
        if not isinstance(doc, Mapping):
            raise ValueError(f"Document {i} must be a dict with 'id' and 'text', got {type(doc).__name__}.")
        doc_id, text, title = doc.get("id"), doc.get("text"), doc.get("title", "")
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise ValueError(f"Document {i} needs a non-empty string 'id', got {doc_id!r}.")
        if not isinstance(text, str):
            raise ValueError(f"Document {doc_id!r}: 'text' must be a string, got {type(text).__name__}.")
        if not text.strip():
            raise ValueError(f"Document {doc_id!r} has empty text.")
        if title is None:
            title = ""
        if not isinstance(title, str):
            raise ValueError(f"Document {doc_id!r}: 'title' must be a string if given, got {type(title).__name__}.")
        if doc_id in seen:
            raise ValueError(f"Duplicate document id {doc_id!r}: ids must be unique (sync() replaces documents).")
        seen.add(doc_id)
        out.append({"id": doc_id, "title": clean_text(title), "text": clean_text(text)})
    return out
