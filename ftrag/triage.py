"""The ticket-triage task of Lab 2: tickets to JSON, and how to score the JSON a model writes.

A behaviour task: every answer must be one JSON object with a category, a priority and a one-sentence summary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from ftrag.data import CATEGORIES, PRIORITIES
from ftrag.prompts import Message, messages
from ftrag.validate import check_nonempty, check_same_length

Example = tuple[list[Message], str]  # (prompt messages, target answer)

# The compliance at which the format counts as learned: Lab 2's question 4 and the ledger's claim F3.
COMPLIANT = 0.9
TRIAGE_SYSTEM = "You triage customer support tickets for Halvard Home. Reply with JSON only."
TRIAGE_INSTRUCTIONS = (
    "You triage customer support tickets for Halvard Home. Reply with one JSON object and nothing else, "
    'with exactly these keys: "category" (one of: billing, technical, shipping, account, other), '
    '"priority" (one of: low, medium, high, urgent) and "summary" (one neutral sentence that starts with '
    '"Customer").'
)
# A schema maps each required key to its allowed values (a tuple) or to `str` (any non-empty string).
Schema = dict[str, "tuple[str, ...] | type"]
TRIAGE_SCHEMA: Schema = {"category": CATEGORIES, "priority": PRIORITIES, "summary": str}


def triage_target(target: dict) -> str:
    """The JSON answer for one ticket, keys in schema order (category, priority, summary)."""
    missing = [k for k in TRIAGE_SCHEMA if k not in target]
    if missing:
        raise ValueError(f"A triage target is missing {missing}; it needs {list(TRIAGE_SCHEMA)}.")
    return json.dumps({k: target[k] for k in TRIAGE_SCHEMA}, ensure_ascii=False)


def triage_messages(ticket: str, system: str = TRIAGE_SYSTEM, shots: Sequence[dict] = ()) -> list[Message]:
    """Chat messages asking to triage one ticket; `shots` (behaviour rows) become worked example turns."""
    return messages(ticket, system, [(s["ticket"], triage_target(s["target"])) for s in shots])


def triage_examples(rows: Iterable[dict], system: str = TRIAGE_SYSTEM) -> list[Example]:
    """Turn behaviour rows ({"ticket", "target"}) into (messages, JSON target) training examples."""
    examples = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or "ticket" not in row or "target" not in row:
            raise ValueError(f"Row {i} needs 'ticket' and 'target' fields, got {row!r:.80}.")
        examples.append((triage_messages(row["ticket"], system), triage_target(row["target"])))
    return list(check_nonempty(examples, "tickets (the data set is empty)"))


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def parse_json_object(text: str, strict: bool = False) -> dict | None:
    """The JSON object in a model output (the first one found, or the whole text if strict), else None."""
    if not isinstance(text, str):
        raise ValueError(f"Expected a string, got {type(text).__name__}.")
    body = _FENCE.sub("", text.strip()).strip()
    if strict:
        try:
            obj = json.loads(body)
        except json.JSONDecodeError:
            return None
        return obj if isinstance(obj, dict) else None
    decoder = json.JSONDecoder()
    for start in (m.start() for m in re.finditer(r"\{", body)):
        try:
            obj, _ = decoder.raw_decode(body, start)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            return obj
    return None


def matches_schema(obj: dict | None, schema: Schema = TRIAGE_SCHEMA, allow_extra: bool = False) -> bool:
    """Whether a parsed object has every schema key with an allowed value (and no other keys, by default)."""
    if not schema:
        raise ValueError("The schema is empty.")
    if not isinstance(obj, dict) or (not allow_extra and set(obj) - set(schema)):
        return False
    for key, allowed in schema.items():
        value = obj.get(key)
        if allowed is str:
            if not isinstance(value, str) or not value.strip():
                return False
        elif value not in allowed:
            return False
    return True


def format_compliance(outputs: Sequence[str], schema: Schema = TRIAGE_SCHEMA, strict: bool = False) -> float:
    """Share of outputs that parse as a JSON object matching the schema."""
    check_nonempty(outputs, "outputs to score")
    return sum(matches_schema(parse_json_object(o, strict), schema) for o in outputs) / len(outputs)


def field_accuracy(
    outputs: Sequence[str],
    targets: Sequence[dict],
    fields: Sequence[str] = ("category", "priority"),
    schema: Schema = TRIAGE_SCHEMA,
) -> dict[str, float]:
    """Per-field exact-match accuracy and `all` (every field right); non-compliant outputs count as wrong."""
    check_same_length("field_accuracy", outputs=outputs, targets=targets)
    check_nonempty(outputs, "outputs to score")
    check_nonempty(fields, "fields to score")
    parsed = [parse_json_object(o) for o in outputs]
    ok = [p if matches_schema(p, schema) else None for p in parsed]
    hits = {f: [p is not None and p.get(f) == t.get(f) for p, t in zip(ok, targets, strict=True)] for f in fields}
    scores = {f: sum(h) / len(h) for f, h in hits.items()}
    scores["all"] = sum(all(h[i] for h in hits.values()) for i in range(len(outputs))) / len(outputs)
    return scores
