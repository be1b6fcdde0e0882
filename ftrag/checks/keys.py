"""Every answer key and reference of the course in one place, merged from each notebook's checks module.

Keys live beside each notebook's code checks (`ftrag.checks.concepts`, `ftrag.checks.lab1`, ...), hashed or computed
from the learner's measurements. A fingerprint for a new fixed key: `python -m ftrag.checks.keys <id> <answer>`; an
explanation that names the answer, sealed with it: `python -m ftrag.checks.keys --seal <id> <answer> <text>`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from ftrag.checks import (
    Key,
    concepts,
    decide_and_cost,
    final_quiz,
    fingerprint,
    lab1,
    lab2,
    lab3,
    lab4,
    practice,
    seal,
    wrapup,
    yours,
)

MODULES = (concepts, decide_and_cost, final_quiz, lab1, lab2, lab3, lab4, practice, wrapup, yours)


def _merge(attribute: str) -> dict[str, Any]:
    """One dict from every module's `attribute` dict; an id defined twice is an error."""
    merged: dict[str, Any] = {}
    for module in MODULES:
        for name, value in getattr(module, attribute, {}).items():
            if name in merged:
                raise ValueError(f"{attribute}: {name!r} is defined twice.")
            merged[name] = value
    return merged


KEYS: dict[str, Key] = _merge("KEYS")
REFERENCES: dict[str, Callable[[], Any]] = _merge("REFERENCES")

if __name__ == "__main__":
    if sys.argv[1] == "--seal":  # --seal <id> <answer> <text...>: the sealed explanation for one right answer
        print(fingerprint(sys.argv[2], sys.argv[3]), seal(sys.argv[2], sys.argv[3], " ".join(sys.argv[4:])))
    else:
        print(fingerprint(sys.argv[1], " ".join(sys.argv[2:])))
