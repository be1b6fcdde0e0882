"""Unit tests for ftrag.triage: ticket prompts and targets, JSON parsing, schema compliance and field accuracy."""

from __future__ import annotations

import json

import pytest

from ftrag import triage as ft

TICKETS = [
    {
        "ticket": "I was charged twice this month.",
        "target": {"category": "billing", "priority": "high", "summary": "Customer was charged twice."},
    },
    {
        "ticket": "How do I set up motion zones?",
        "target": {"category": "technical", "priority": "low", "summary": "Customer asks about motion zones."},
    },
]


def test_bad_rows_raise_clear_errors() -> None:
    with pytest.raises(ValueError, match="empty"):
        ft.triage_examples([])
    with pytest.raises(ValueError, match="'ticket' and 'target'"):
        ft.triage_examples([{"ticket": "x"}])
    with pytest.raises(ValueError, match="missing"):
        ft.triage_target({"category": "billing"})


def test_triage_examples_format_and_key_order() -> None:
    examples = ft.triage_examples(TICKETS)
    messages, target = examples[0]
    assert [m["role"] for m in messages] == ["system", "user"] and messages[1]["content"] == TICKETS[0]["ticket"]
    assert list(json.loads(target)) == ["category", "priority", "summary"]
    shots = ft.triage_messages("New ticket", shots=TICKETS[:1])
    assert [m["role"] for m in shots] == ["system", "user", "assistant", "user"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('```json\n{"a": 1}\n```', {"a": 1}),
        ('Sure! Here it is: {"a": {"b": 2}} Hope that helps.', {"a": {"b": 2}}),
        ("category: billing", None),
        ('{"a": 1', None),
        ("[1, 2]", None),
    ],
)
def test_parse_json_object(text: str, expected: dict | None) -> None:
    assert ft.parse_json_object(text) == expected


def test_parse_json_strict_rejects_chatter() -> None:
    assert ft.parse_json_object('Here: {"a": 1}', strict=True) is None
    assert ft.parse_json_object('{"a": 1}', strict=True) == {"a": 1}


def test_schema_compliance_and_field_accuracy() -> None:
    good = '{"category": "billing", "priority": "high", "summary": "Customer was charged twice."}'
    wrong_priority = '{"category": "technical", "priority": "medium", "summary": "Customer asks."}'
    bad_value = '{"category": "money", "priority": "high", "summary": "x"}'
    extra_key = '{"category": "billing", "priority": "high", "summary": "x", "mood": "sad"}'
    assert ft.matches_schema(json.loads(good)) and not ft.matches_schema(json.loads(bad_value))
    assert not ft.matches_schema(json.loads(extra_key)) and ft.matches_schema(json.loads(extra_key), allow_extra=True)
    assert ft.format_compliance([good, wrong_priority, bad_value, "nope"]) == 0.5
    targets = [t["target"] for t in TICKETS]
    acc = ft.field_accuracy([good, wrong_priority], targets)
    assert acc == {"category": 1.0, "priority": 0.5, "all": 0.5}
    # a non-compliant output counts as wrong even when a field happens to match
    assert ft.field_accuracy([good.replace("Customer was charged twice.", ""), good], targets)["category"] == 0.0
    with pytest.raises(ValueError, match="targets"):
        ft.field_accuracy([good], targets)
    with pytest.raises(ValueError, match="non-empty list of outputs"):
        ft.format_compliance([])
